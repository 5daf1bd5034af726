/**
 * Under the real engine, stacks whose only credentials are profile files deploy and destroy: a
 * CvmInstance with tccli's ~/.tccli/default.credential (its region from default.configure), and a
 * SwasInstance with the Alibaba Cloud CLI's ~/.aliyun/config.json in RamRoleArn mode, which
 * @alicloud/credentials turns into an STS AssumeRole over HTTPS to the emulator (the provider's
 * process trusts the emulator's test certificate through NODE_EXTRA_CA_CERTS). No key, token or
 * assumed-role credential reaches the state.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY } from "pulumi-runinstances/emulator";
import { accountIdOf, sessionsOf } from "../../emulator/sessions";
import { TEST_CA_CERT } from "../../emulator/tls";
import { CREDENTIALS, CliEnv, REPO, cliEnv, liveInstances, ok, opsOf } from "./support";

let env: CliEnv;
let home: string;
/** The chains' environment of the workspace, emptied: the profile files are all there is. */
const NO_KEYS = {
  TENCENTCLOUD_SECRET_ID: "",
  TENCENTCLOUD_SECRET_KEY: "",
  ALIBABA_CLOUD_ACCESS_KEY_ID: "",
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: "",
  ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
};

beforeAll(async () => {
  env = await cliEnv();
  home = path.join(env.root, "user-home");
  const write = (rel: string, value: unknown) => {
    fs.mkdirSync(path.dirname(path.join(home, rel)), { recursive: true });
    fs.writeFileSync(path.join(home, rel), typeof value === "string" ? value : JSON.stringify(value));
  };
  write(".tccli/default.credential", { secretId: DEFAULT_SECRET_ID, secretKey: DEFAULT_SECRET_KEY });
  write(".tccli/default.configure", { _sys_param: { region: "ap-guangzhou", output: "json" } });
  write(".aliyun/config.json", {
    current: "deploy",
    profiles: [
      {
        name: "deploy",
        mode: "RamRoleArn",
        access_key_id: DEFAULT_SECRET_ID,
        access_key_secret: DEFAULT_SECRET_KEY,
        ram_role_arn: `acs:ram::${accountIdOf(DEFAULT_SECRET_ID)}:role/deployer`,
        ram_session_name: "ci",
        expired_seconds: 900,
        sts_endpoint: env.emu.url.replace("http://", ""),
        region_id: "cn-hangzhou",
      },
    ],
  });
  write("ca.pem", TEST_CA_CERT);
});
afterAll(() => env?.close());

/** Every credential the run could have used: the key pair, and each session the emulator issued. */
const secrets = () => [
  ...CREDENTIALS,
  ...sessionsOf(env.emu.world).flatMap((s) => [s.secretId, s.secretKey, s.token]),
];

it.each([
  ["cvm", "web", {}, { "web:password": "Qcloud@TestApi123++" }],
  ["swas", "blog", {}, { "blog:password": "Blog@Passw0rd" }],
] as const)(
  "the %s example deploys and destroys with a profile file only",
  async (example, name, config, secretConfig) => {
    const stack = await env.stack({
      program: path.join(REPO, "examples", example),
      stack: `profile-${example}`,
      config,
      secretConfig,
      env: { ...NO_KEYS, HOME: home, NODE_EXTRA_CA_CERTS: path.join(home, "ca.pem") },
    });
    const up = ok(await stack.up());
    expect(opsOf(up)[name]).toEqual(["create"]);
    expect((await liveInstances(env, example)).length).toBeGreaterThan(0);
    if (example === "swas")
      expect(env.emu.world.counts.get("aliyunsts.AssumeRole")?.calls).toBeGreaterThan(0);
    for (const text of [stack.stateText(), await stack.exportText(), up.output])
      for (const s of secrets()) expect(text).not.toContain(s);
    const down = ok(await stack.destroy());
    expect(opsOf(down)[name]).toEqual(["delete"]);
  },
);

/**
 * Under the real engine, stacks whose only credentials are profile files deploy and destroy: a
 * CvmInstance with tccli's ~/.tccli/default.credential (its region from default.configure), and a
 * SwasInstance with the Alibaba Cloud CLI's ~/.aliyun/config.json in RamRoleArn mode, which
 * @alicloud/credentials turns into an STS AssumeRole over HTTPS to the emulator (the provider's
 * process trusts the emulator's test certificate through NODE_EXTRA_CA_CERTS). No key, token or
 * assumed-role credential reaches the state. Then the same with OIDC from the environment (as CI
 * sets it) and alicloud:assumeRole on top.
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
  write("oidc-token", "header.payload.sig");
});
afterAll(() => env?.close());

/** Every credential the run could have used: the key pair, and each session the emulator issued. */
const secrets = () => [
  ...CREDENTIALS,
  ...sessionsOf(env.emu.world).flatMap((s) => [s.secretId, s.secretKey, s.token]),
];

/** OIDC from the environment as a CI system sets it, then alicloud:assumeRole on top (our chain). */
const OIDC_ENV = () => ({
  ALIBABA_CLOUD_ROLE_ARN: "acs:ram::100000000042:role/ci",
  ALIBABA_CLOUD_OIDC_PROVIDER_ARN: "acs:ram::100000000042:oidc-provider/gh",
  ALIBABA_CLOUD_OIDC_TOKEN_FILE: path.join(home, "oidc-token"),
});

interface Case {
  example: "cvm" | "swas";
  resource: string;
  how: string;
  config?: Record<string, string>;
  secretConfig: Record<string, string>;
  env?: () => Record<string, string>;
}

const CASES: Case[] = [
  {
    example: "cvm",
    resource: "web",
    how: "tccli profile",
    secretConfig: { "web:password": "Qcloud@TestApi123++" },
  },
  {
    example: "swas",
    resource: "blog",
    how: "CLI profile (RamRoleArn)",
    secretConfig: { "blog:password": "Blog@Passw0rd" },
  },
  {
    example: "swas",
    resource: "blog",
    how: "OIDC environment and alicloud:assumeRole",
    config: {
      "alicloud:assumeRole": JSON.stringify({
        roleArn: "acs:ram::100000000042:role/deployer",
        sessionName: "ci",
      }),
    },
    secretConfig: { "blog:password": "Blog@Passw0rd" },
    env: OIDC_ENV,
  },
];

it.each(CASES.map((c) => [c.example, c.how, c] as const))(
  "the %s example deploys and destroys: %s",
  async (_e, _h, c) => {
    const stack = await env.stack({
      program: path.join(REPO, "examples", c.example),
      stack: `cred-${c.example}-${c.env ? "oidc" : "file"}`,
      config: c.config,
      secretConfig: c.secretConfig,
      // The OIDC case's HOME has no profile file.
      env: {
        ...NO_KEYS,
        HOME: c.env ? env.root : home,
        NODE_EXTRA_CA_CERTS: path.join(home, "ca.pem"),
        ...c.env?.(),
      },
    });
    const up = ok(await stack.up());
    expect(opsOf(up)[c.resource]).toEqual(["create"]);
    expect((await liveInstances(env, c.example)).length).toBeGreaterThan(0);
    if (c.example === "swas")
      expect(env.emu.world.counts.get("aliyunsts.AssumeRole")?.calls).toBeGreaterThan(0);
    if (c.env) {
      expect(env.emu.world.counts.get("aliyunsts.AssumeRoleWithOIDC")?.calls).toBeGreaterThan(0);
      // OIDC's role, then the assumed one, both in the role's account: the server is that account's.
      expect((await env.emu.control.instances("swas")).some((i) => i.account === "uin:100000000042")).toBe(
        true,
      );
    }
    for (const text of [stack.stateText(), await stack.exportText(), up.output])
      for (const s of secrets()) expect(text).not.toContain(s);
    const down = ok(await stack.destroy());
    expect(opsOf(down)[c.resource]).toEqual(["delete"]);
  },
);

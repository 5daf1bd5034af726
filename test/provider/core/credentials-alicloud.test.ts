/**
 * Alibaba Cloud ways of authenticating through @alicloud/credentials' providers and the real SWAS
 * SDK over HTTP to the emulator: static keys (stack config, both families of environment
 * variables), the CLI profile ~/.aliyun/config.json and the INI profile under a temporary HOME,
 * the region of a profile, and the error that lists every source. (The STS ways, which the
 * library reaches over HTTPS only, run in a process trusting the emulator's certificate: the
 * real-engine test test/cli/credentials.test.ts.)
 */
import { DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY } from "pulumi-runinstances/emulator";
import { ListInstancesRequest } from "@alicloud/swas-open20200601";
import { stackConfig, useCredentialsEnv } from "./credentials-support";
import { alicloudTarget, callAlicloud } from "../../../provider/alicloud/client";
import { operation } from "../../../provider/core/context";
import { alicloudRegion } from "../../../provider/core/config";

const ctx = useCredentialsEnv();

/** One ListInstances as a resource makes it; the account the emulator saw. */
async function listAs(): Promise<string> {
  const t = alicloudTarget("cn-hangzhou");
  await callAlicloud(
    operation(ctx.env.rt, "test", 60_000),
    "ListInstances",
    t,
    (c) => c.listInstances(new ListInstancesRequest({ regionId: "cn-hangzhou" })),
    { idempotent: true },
  );
  return ctx.env.emu.world.log.filter((e) => e.service === "swas").at(-1)!.account;
}

const cliProfile = (profiles: object[], current = "default") =>
  ctx.home.write(".aliyun/config.json", JSON.stringify({ current, profiles }));

it("static keys from stack config", async () => {
  stackConfig({ "alicloud:accessKey": DEFAULT_SECRET_ID, "alicloud:secretKey": DEFAULT_SECRET_KEY });
  expect(await listAs()).toBe(DEFAULT_SECRET_ID);
});

it.each([
  ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"],
  ["ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY"],
])("static keys from the environment: %s and %s", async (id, secret) => {
  Object.assign(process.env, { [id]: DEFAULT_SECRET_ID, [secret]: DEFAULT_SECRET_KEY });
  expect(await listAs()).toBe(DEFAULT_SECRET_ID);
});

it("the CLI profile ~/.aliyun/config.json: alicloud:profile picks one, its region_id is used", async () => {
  cliProfile([
    {
      name: "default",
      mode: "AK",
      access_key_id: "AKIDNOTTHISONE",
      access_key_secret: "x",
      region_id: "cn-beijing",
    },
    {
      name: "ci",
      mode: "AK",
      access_key_id: DEFAULT_SECRET_ID,
      access_key_secret: DEFAULT_SECRET_KEY,
      region_id: "cn-shanghai",
    },
  ]);
  stackConfig({ "alicloud:profile": "ci" });
  expect(await listAs()).toBe(DEFAULT_SECRET_ID);
  expect(alicloudRegion()).toBe("cn-shanghai");
  stackConfig({});
  expect(alicloudRegion()).toBe("cn-beijing");
});

it("the INI profile ~/.alibabacloud/credentials", async () => {
  ctx.home.write(
    ".alibabacloud/credentials",
    `[default]\ntype = access_key\naccess_key_id = ${DEFAULT_SECRET_ID}\naccess_key_secret = ${DEFAULT_SECRET_KEY}\n`,
  );
  expect(await listAs()).toBe(DEFAULT_SECRET_ID);
});

it("no credentials: every source tried, in order, and no secret", async () => {
  cliProfile([{ name: "default", mode: "AK", access_key_id: "", access_key_secret: "a-secret-alone" }]);
  const err = String(await listAs().catch((e: Error) => e));
  expect(err).toMatch(
    /no Alibaba Cloud credentials found; tried, in order:\n\s+1\. stack config alicloud:accessKey.*: not set\n\s+2\. environment ALIBABA_CLOUD_ACCESS_KEY_ID.*: not set\n\s+3\. environment ALICLOUD_ACCESS_KEY.*: not set\n\s+4\. CLI profile .*config\.json: .+\n\s+5\. INI profile .*credentials: not set/,
  );
  expect(err).not.toContain("a-secret-alone");
  // The ECS metadata step is off against the emulator.
  expect(err).not.toMatch(/ECS instance RAM role/);
});

it("the limiter key stays the configured identity, not a secret", () => {
  stackConfig({ "alicloud:accessKey": DEFAULT_SECRET_ID, "alicloud:secretKey": DEFAULT_SECRET_KEY });
  const id = alicloudTarget("cn-hangzhou").credentials.id;
  expect(id).toMatch(/^[0-9a-f]{16}$/);
  expect(id).not.toContain(DEFAULT_SECRET_ID);
  stackConfig({ "alicloud:accessKey": DEFAULT_SECRET_ID, "alicloud:secretKey": "another" });
  expect(alicloudTarget("cn-hangzhou").credentials.id).toBe(id);
});

it("alicloud:sharedCredentialsFile, which the SDK cannot honour, is refused with the way that works", async () => {
  stackConfig({ "alicloud:sharedCredentialsFile": "/etc/aliyun.json" });
  await expect(listAs()).rejects.toThrow(
    /alicloud:sharedCredentialsFile is not supported: .*alicloud:profile/,
  );
});

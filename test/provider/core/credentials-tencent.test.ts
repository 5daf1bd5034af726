/**
 * Every way of authenticating to Tencent Cloud, through the SDK's own providers and the real SDK
 * over HTTP to the emulator: static keys (stack config, environment), tccli and SDK profile files
 * under a temporary HOME, an assumed role, OIDC with a token file (the anchors' and TKE's), the
 * error that lists every source, and tencentcloud:allowedAccountIds.
 */
import { Client as StsClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/sts/v20180813/sts_client";
import { DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY } from "pulumi-runinstances/emulator";
import { stackConfig, useCredentialsEnv } from "./credentials-support";
import { callTencent, tencentTarget } from "../../../provider/tencentcloud/client";
import { operation } from "../../../provider/core/context";
import { tencentRegion } from "../../../provider/core/config";
import { accountIdOf } from "../../../emulator/sessions";

const ctx = useCredentialsEnv();

const UIN = () => accountIdOf(DEFAULT_SECRET_ID);
const ROLE = () => `qcs::cam::uin/${UIN()}:roleName/deployer`;

/** One DescribeInstances as a resource makes it; the account the emulator saw. */
async function describeAs(action = "DescribeInstances"): Promise<string> {
  const t = tencentTarget("ap-guangzhou");
  await callTencent(operation(ctx.env.rt, "test", 60_000), "cvm", action, t, (c) => c.DescribeInstances({}), {
    idempotent: true,
  });
  return ctx.env.emu.world.log.filter((e) => e.service === "cvm").at(-1)!.account;
}

const stsCalls = (action: string) => ctx.env.emu.world.counts.get(`sts.${action}`)?.calls ?? 0;

describe("static keys", () => {
  it("from stack config", async () => {
    stackConfig({ "tencentcloud:secretId": DEFAULT_SECRET_ID, "tencentcloud:secretKey": DEFAULT_SECRET_KEY });
    expect(await describeAs()).toBe(DEFAULT_SECRET_ID);
  });

  it("from the environment, with TENCENTCLOUD_SESSION_TOKEN (the SDK's) or TENCENTCLOUD_SECURITY_TOKEN (the anchors')", async () => {
    Object.assign(process.env, {
      TENCENTCLOUD_SECRET_ID: DEFAULT_SECRET_ID,
      TENCENTCLOUD_SECRET_KEY: DEFAULT_SECRET_KEY,
    });
    expect(await describeAs()).toBe(DEFAULT_SECRET_ID);
    const sts = new StsClient({
      credential: { secretId: DEFAULT_SECRET_ID, secretKey: DEFAULT_SECRET_KEY },
      region: "ap-guangzhou",
      profile: { httpProfile: { protocol: "http://", endpoint: ctx.env.emu.url.slice(7) } },
    });
    for (const name of ["TENCENTCLOUD_SESSION_TOKEN", "TENCENTCLOUD_SECURITY_TOKEN"]) {
      const c = (await sts.AssumeRole({ RoleArn: ROLE(), RoleSessionName: "ci" })).Credentials!;
      delete process.env.TENCENTCLOUD_SESSION_TOKEN;
      delete process.env.TENCENTCLOUD_SECURITY_TOKEN;
      Object.assign(process.env, {
        TENCENTCLOUD_SECRET_ID: c.TmpSecretId,
        TENCENTCLOUD_SECRET_KEY: c.TmpSecretKey,
        [name]: c.Token,
      });
      // The session acts in the account of the key that assumed the role.
      expect(await describeAs()).toBe(DEFAULT_SECRET_ID);
    }
  });
});

describe("profile files under a temporary HOME", () => {
  it("tccli's ~/.tccli/default.credential, and the region of its .configure", async () => {
    ctx.home.write(
      ".tccli/default.credential",
      JSON.stringify({ secretId: DEFAULT_SECRET_ID, secretKey: DEFAULT_SECRET_KEY }),
    );
    ctx.home.write(
      ".tccli/default.configure",
      JSON.stringify({ _sys_param: { region: "ap-shanghai", output: "json" } }),
    );
    expect(await describeAs()).toBe(DEFAULT_SECRET_ID);
    expect(tencentRegion()).toBe("ap-shanghai");
    // The region argument and the stack config win over the profile's.
    expect(tencentRegion("ap-beijing")).toBe("ap-beijing");
  });

  it("tencentcloud:profile in tencentcloud:sharedCredentialsDir, with role-arn: AssumeRole with the profile's keys", async () => {
    ctx.home.write(
      "tc/ci.credential",
      JSON.stringify({
        secretId: DEFAULT_SECRET_ID,
        secretKey: DEFAULT_SECRET_KEY,
        "role-arn": ROLE(),
        "role-session-name": "ci",
      }),
    );
    stackConfig({ "tencentcloud:profile": "ci", "tencentcloud:sharedCredentialsDir": `${ctx.home.dir}/tc` });
    expect(await describeAs()).toBe(DEFAULT_SECRET_ID);
    expect(stsCalls("AssumeRole")).toBe(1);
  });

  it("the SDK's ~/.tencentcloud/credentials [default] (ProfileCredential)", async () => {
    ctx.home.write(
      ".tencentcloud/credentials",
      `[default]\nsecret_id = ${DEFAULT_SECRET_ID}\nsecret_key = ${DEFAULT_SECRET_KEY}\n`,
    );
    expect(await describeAs()).toBe(DEFAULT_SECRET_ID);
  });
});

describe("roles", () => {
  it("tencentcloud:assumeRole: AssumeRole once with the chain's keys, then the session signs", async () => {
    Object.assign(process.env, {
      TENCENTCLOUD_SECRET_ID: DEFAULT_SECRET_ID,
      TENCENTCLOUD_SECRET_KEY: DEFAULT_SECRET_KEY,
    });
    stackConfig({
      "tencentcloud:assumeRole": {
        roleArn: ROLE(),
        sessionName: "ci",
        sessionDuration: 3600,
        policy: '{"version":"2.0"}',
      },
    });
    expect(await describeAs()).toBe(DEFAULT_SECRET_ID);
    expect(await describeAs()).toBe(DEFAULT_SECRET_ID);
    expect(stsCalls("AssumeRole")).toBe(1);
    const signed = ctx.env.emu.world.log.filter((e) => e.service === "cvm");
    expect(signed).toHaveLength(2);
  });

  it("tencentcloud:assumeRoleWithWebIdentity with the anchors' token file (JSON), unsigned", async () => {
    const file = ctx.home.write("oidc.json", JSON.stringify({ web_identity_token: "header.payload.sig" }));
    stackConfig({
      "tencentcloud:assumeRoleWithWebIdentity": {
        roleArn: "qcs::cam::uin/100000000042:roleName/ci",
        sessionName: "ci",
        webIdentityTokenFile: file,
      },
    });
    expect(await describeAs()).toBe("uin:100000000042");
    expect(stsCalls("AssumeRoleWithWebIdentity")).toBe(1);
  });

  it("TKE's OIDC environment (TKE_* with a raw token file)", async () => {
    Object.assign(process.env, {
      TKE_REGION: "ap-guangzhou",
      TKE_PROVIDER_ID: "OIDC",
      TKE_WEB_IDENTITY_TOKEN_FILE: ctx.home.write("token", "header.payload.sig"),
      TKE_ROLE_ARN: "qcs::cam::uin/100000000043:roleName/ci",
    });
    expect(await describeAs()).toBe("uin:100000000043");
  });

  it("the limiter and poller key is the role, not the rotating temporary secret id", () => {
    stackConfig({ "tencentcloud:assumeRole": { roleArn: ROLE(), sessionName: "ci" } });
    const a = tencentTarget("ap-guangzhou").credentials.id;
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(tencentTarget("ap-guangzhou").credentials.id).toBe(a);
    stackConfig({ "tencentcloud:assumeRole": { roleArn: `${ROLE()}2`, sessionName: "ci" } });
    expect(tencentTarget("ap-guangzhou").credentials.id).not.toBe(a);
  });
});

describe("no credentials", () => {
  it("lists every source tried, in order, and no secret", async () => {
    ctx.home.write(".tccli/default.credential", JSON.stringify({ token: "a-token-alone" }));
    const err = await describeAs().catch((e: Error) => e);
    expect(String(err)).toMatch(
      /no Tencent Cloud credentials found; tried, in order:\n\s+1\. stack config tencentcloud:secretId.*: not set\n\s+2\. environment TENCENTCLOUD_SECRET_ID.*: not set\n\s+3\. tccli profile .*default\.credential: has no secretId and secretKey\n\s+4\. SDK profile ~\/\.tencentcloud\/credentials \[default\]: not set/,
    );
    expect(String(err)).not.toContain("a-token-alone");
    // The CVM role step is off against the emulator (no metadata service behind it).
    expect(String(err)).not.toMatch(/CVM instance role/);
  });

  it("a malformed stack config object names its key", async () => {
    stackConfig({ "tencentcloud:assumeRole": "{not json" });
    await expect(describeAs()).rejects.toThrow(/tencentcloud:assumeRole must be JSON/);
  });
});

describe("tencentcloud:allowedAccountIds (STS GetCallerIdentity)", () => {
  beforeEach(() => {
    Object.assign(process.env, {
      TENCENTCLOUD_SECRET_ID: DEFAULT_SECRET_ID,
      TENCENTCLOUD_SECRET_KEY: DEFAULT_SECRET_KEY,
    });
  });

  it("refuses another account's credentials before any RunInstances", async () => {
    stackConfig({ "tencentcloud:allowedAccountIds": ["100000000001"] });
    await expect(describeAs("RunInstances")).rejects.toThrow(
      `TencentCloud account ID not allowed: ${UIN()} (stack config tencentcloud:allowedAccountIds: 100000000001)`,
    );
    expect(ctx.env.emu.world.counts.get("cvm.RunInstances")).toBeUndefined();
    expect(ctx.env.emu.world.counts.get("cvm.DescribeInstances")).toBeUndefined();
  });

  it("lets the listed account through, asking once", async () => {
    stackConfig({ "tencentcloud:allowedAccountIds": ["100000000001", UIN()] });
    await describeAs();
    await describeAs();
    expect(stsCalls("GetCallerIdentity")).toBe(1);
  });
});

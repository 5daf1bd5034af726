/** Emulated STS 2018-08-13 through the SDK's StsClient: temporary credentials, their token and lifetime. */
import { Client as StsClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/sts/v20180813/sts_client";
import { CommonClient } from "tencentcloud-sdk-nodejs/tencentcloud/common/common_client";
import { Client as CvmClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_client";
import { INSTANT, codeOf, tencent, useEmulator } from "../../support";
import { accountIdOf } from "../../../../emulator/sessions";
import { DEFAULT_SECRET_ID } from "pulumi-runinstances/emulator";

const ctx = useEmulator({ settings: INSTANT });
const UIN = () => accountIdOf(DEFAULT_SECRET_ID);
const arn = (uin: string) => `qcs::cam::uin/${uin}:roleName/deployer`;

/** A client signing with temporary credentials (the token as X-TC-Token). */
function withSession(
  c: { TmpSecretId?: string; TmpSecretKey?: string; Token?: string },
  region = "ap-guangzhou",
) {
  return new CvmClient({
    credential: { secretId: c.TmpSecretId, secretKey: c.TmpSecretKey, token: c.Token },
    region,
    profile: { httpProfile: { protocol: "http://", endpoint: ctx.emu.url.replace("http://", "") } },
  });
}

test("AssumeRole issues credentials of the caller's account that CVM accepts, with the token, until they expire", async () => {
  const sts = tencent(StsClient, ctx.emu, { region: "ap-guangzhou" });
  const r = await sts.AssumeRole({ RoleArn: arn(UIN()), RoleSessionName: "ci", DurationSeconds: 900 });
  expect(r.ExpiredTime).toBe(Math.floor(ctx.emu.world.now() / 1000) + 900);
  expect(r.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const cvm = withSession(r.Credentials!);
  expect(await codeOf(cvm.DescribeInstances({}))).toBe("OK");
  expect(await codeOf(withSession({ ...r.Credentials!, Token: "other" }).DescribeInstances({}))).toBe(
    "AuthFailure.TokenFailure",
  );
  expect(await codeOf(withSession({ ...r.Credentials!, Token: undefined }).DescribeInstances({}))).toBe(
    "AuthFailure.TokenFailure",
  );
  ctx.emu.world.advanceClock(900_000);
  expect(await codeOf(cvm.DescribeInstances({}))).toBe("AuthFailure.TokenFailure");
});

test("GetCallerIdentity: the key's account, or the role a session acts as", async () => {
  const sts = tencent(StsClient, ctx.emu, { region: "ap-guangzhou" });
  expect(await sts.GetCallerIdentity(null)).toMatchObject({ AccountId: UIN(), Type: "CAMUser" });
  const r = await sts.AssumeRole({ RoleArn: arn(UIN()), RoleSessionName: "ci" });
  const c = r.Credentials!;
  const asRole = new StsClient({
    credential: { secretId: c.TmpSecretId, secretKey: c.TmpSecretKey, token: c.Token },
    region: "ap-guangzhou",
    profile: { httpProfile: { protocol: "http://", endpoint: ctx.emu.url.replace("http://", "") } },
  });
  expect(await asRole.GetCallerIdentity(null)).toMatchObject({
    AccountId: UIN(),
    Type: "CAMRole",
    Arn: `qcs::sts:${UIN()}:assumed-role/deployer`,
    UserId: "deployer:ci",
  });
});

test("the documented limits: role ARN, session name, duration, policy", async () => {
  const sts = tencent(StsClient, ctx.emu, { region: "ap-guangzhou" });
  expect(await codeOf(sts.AssumeRole({ RoleArn: "deployer", RoleSessionName: "ci" }))).toBe(
    "ResourceNotFound.RoleNotFound",
  );
  expect(await codeOf(sts.AssumeRole({ RoleArn: arn(UIN()), RoleSessionName: "x" }))).toBe(
    "InvalidParameter.ParamError",
  );
  expect(
    await codeOf(sts.AssumeRole({ RoleArn: arn(UIN()), RoleSessionName: "ci", DurationSeconds: 43201 })),
  ).toBe("InvalidParameter.OverTimeError");
  expect(await codeOf(sts.AssumeRole({ RoleArn: arn(UIN()), RoleSessionName: "ci", Policy: "{" }))).toBe(
    "InvalidParameter.StrategyFormatError",
  );
});

test("AssumeRoleWithWebIdentity is unsigned (Authorization: SKIP) and acts in the role's account", async () => {
  // As the SDK's OIDCRoleArnCredential calls it: a CommonClient request with skipSign.
  const common = new CommonClient("sts.tencentcloudapi.com", "2018-08-13", {
    credential: { secretId: "", secretKey: "" },
    region: "ap-guangzhou",
    profile: { httpProfile: { protocol: "http://", endpoint: ctx.emu.url.replace("http://", "") } },
  });
  const ask = (action: string, params: object) => common.request(action, params, { skipSign: true });
  const r = (await ask("AssumeRoleWithWebIdentity", {
    ProviderId: "OIDC",
    WebIdentityToken: "header.payload.signature",
    RoleArn: arn("100000000042"),
    RoleSessionName: "ci",
  })) as { Credentials?: { TmpSecretId?: string; TmpSecretKey?: string; Token?: string } };
  const c = r.Credentials!;
  const asRole = new StsClient({
    credential: { secretId: c.TmpSecretId, secretKey: c.TmpSecretKey, token: c.Token },
    region: "ap-guangzhou",
    profile: { httpProfile: { protocol: "http://", endpoint: ctx.emu.url.replace("http://", "") } },
  });
  expect(await asRole.GetCallerIdentity(null)).toMatchObject({ AccountId: "100000000042", Type: "CAMRole" });
  // Other actions stay signed.
  expect(await codeOf(ask("GetCallerIdentity", {}))).toBe("AuthFailure.InvalidAuthorization");
});

test("temporaryCredentialSeconds overrides the lifetime asked for", async () => {
  await ctx.emu.control.settings({ temporaryCredentialSeconds: 60 });
  const sts = tencent(StsClient, ctx.emu, { region: "ap-guangzhou" });
  const r = await sts.AssumeRole({ RoleArn: arn(UIN()), RoleSessionName: "ci", DurationSeconds: 7200 });
  expect(r.ExpiredTime).toBe(Math.floor(ctx.emu.world.now() / 1000) + 60);
});

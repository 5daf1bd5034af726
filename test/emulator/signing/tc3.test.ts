import { Client as CvmClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_client";
import { DEFAULT_SECRET_ID, signedCall, tencent, useEmulator } from "../support";

const t = useEmulator({ credentials: [["AKIDSECOND", "second-key"]] }, { reset: false });
const cvm = (secretId?: string, secretKey?: string) =>
  tencent(CvmClient, t.emu, { region: "ap-guangzhou", secretId, secretKey });

describe("TC3-HMAC-SHA256", () => {
  it("accepts the default key pair and a pair given at start", async () => {
    await expect(cvm().DescribeZones()).resolves.toHaveProperty("ZoneSet");
    await expect(cvm("AKIDSECOND", "second-key").DescribeZones()).resolves.toHaveProperty("ZoneSet");
  });

  it("refuses a wrong key with AuthFailure.SignatureFailure", async () => {
    await expect(cvm(DEFAULT_SECRET_ID, "wrong").DescribeZones()).rejects.toMatchObject({
      code: "AuthFailure.SignatureFailure",
    });
  });

  it("refuses an unknown secret id with AuthFailure.SecretIdNotFound", async () => {
    await expect(cvm("AKIDUNKNOWN", "x").DescribeZones()).rejects.toMatchObject({
      code: "AuthFailure.SecretIdNotFound",
    });
  });

  it("refuses a timestamp more than 5 minutes off with AuthFailure.SignatureExpire", async () => {
    // Signed correctly, six minutes ago.
    const timestamp = Math.floor(Date.now() / 1000) - 360;
    const answer = await signedCall(t.emu, { action: "DescribeZones", version: "2017-03-12", timestamp });
    expect(answer).toMatchObject({ Response: { Error: { Code: "AuthFailure.SignatureExpire" } } });
  });
});

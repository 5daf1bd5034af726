import * as $swas from "@alicloud/swas-open20200601";
import { DEFAULT_SECRET_ID, swasClient, useEmulator } from "../support";

const t = useEmulator({}, { reset: false });
const list = (accessKeyId?: string, accessKeySecret?: string) =>
  swasClient(t.emu, "cn-hangzhou", accessKeyId, accessKeySecret).listInstances(
    new $swas.ListInstancesRequest({ regionId: "cn-hangzhou" }),
  );

describe("ACS3-HMAC-SHA256", () => {
  it("accepts the default key pair", async () => {
    expect((await list()).statusCode).toBe(200);
  });

  it("refuses a wrong secret with SignatureDoesNotMatch (HTTP 400)", async () => {
    await expect(list(DEFAULT_SECRET_ID, "wrong")).rejects.toMatchObject({
      code: "SignatureDoesNotMatch",
      statusCode: 400,
    });
  });

  it("refuses an unknown access key with InvalidAccessKeyId.NotFound (HTTP 404)", async () => {
    await expect(list("LTAIUNKNOWN", "x")).rejects.toMatchObject({
      code: "InvalidAccessKeyId.NotFound",
      statusCode: 404,
    });
  });
});

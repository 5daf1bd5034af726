import {
  startEmulator,
  RunningEmulator,
  DEFAULT_SECRET_ID,
  DEFAULT_SECRET_KEY,
} from "pulumi-runinstances/emulator";
import { Client as CvmClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_client";
import Swas, * as $swas from "@alicloud/swas-open20200601";
import * as $OpenApi from "@alicloud/openapi-core";
import { tc3Signature } from "../../emulator/signing/tc3";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ credentials: [["AKIDSECOND", "second-key"]] });
});
afterAll(() => emu.close());

const cvm = (secretId = DEFAULT_SECRET_ID, secretKey = DEFAULT_SECRET_KEY) =>
  new CvmClient({
    credential: { secretId, secretKey },
    region: "ap-guangzhou",
    profile: { httpProfile: { protocol: "http://", endpoint: emu.url.replace("http://", "") } },
  });

const swas = (accessKeyId = DEFAULT_SECRET_ID, accessKeySecret = DEFAULT_SECRET_KEY) =>
  new Swas(
    new $OpenApi.$OpenApiUtil.Config({
      accessKeyId,
      accessKeySecret,
      endpoint: emu.url.replace("http://", ""),
      protocol: "http",
      regionId: "cn-hangzhou",
    }),
  );

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
    const body = "{}";
    const host = emu.url.replace("http://", "");
    const headers = { "content-type": "application/json", host };
    const signature = tc3Signature({
      secretKey: DEFAULT_SECRET_KEY,
      service: "127",
      timestamp,
      headers,
      signedHeaders: ["content-type", "host"],
      body,
    });
    const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
    const res = await fetch(emu.url, {
      method: "POST",
      body,
      headers: {
        ...headers,
        "x-tc-action": "DescribeZones",
        "x-tc-version": "2017-03-12",
        "x-tc-region": "ap-guangzhou",
        "x-tc-timestamp": String(timestamp),
        authorization: `TC3-HMAC-SHA256 Credential=${DEFAULT_SECRET_ID}/${date}/127/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`,
      },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ Response: { Error: { Code: "AuthFailure.SignatureExpire" } } });
  });

  it("the control API is not reachable with a signed action header on another path", async () => {
    const res = await fetch(`${emu.url}/_emulator/reset`, {
      method: "GET",
      headers: { "x-tc-action": "RunInstances" },
    });
    expect(res.status).toBe(404);
  });
});

describe("ACS3-HMAC-SHA256", () => {
  it("accepts the default key pair", async () => {
    const r = await swas().listInstances(new $swas.ListInstancesRequest({ regionId: "cn-hangzhou" }));
    expect(r.statusCode).toBe(200);
  });

  it("refuses a wrong secret with SignatureDoesNotMatch (HTTP 400)", async () => {
    await expect(
      swas(DEFAULT_SECRET_ID, "wrong").listInstances(
        new $swas.ListInstancesRequest({ regionId: "cn-hangzhou" }),
      ),
    ).rejects.toMatchObject({
      code: "SignatureDoesNotMatch",
      statusCode: 400,
    });
  });

  it("refuses an unknown access key with InvalidAccessKeyId.NotFound (HTTP 404)", async () => {
    await expect(
      swas("LTAIUNKNOWN", "x").listInstances(new $swas.ListInstancesRequest({ regionId: "cn-hangzhou" })),
    ).rejects.toMatchObject({
      code: "InvalidAccessKeyId.NotFound",
      statusCode: 404,
    });
  });
});

describe("the listening address", () => {
  it("is 127.0.0.1 only", () => {
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

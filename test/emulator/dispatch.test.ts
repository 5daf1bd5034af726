/**
 * The one pipeline of every signed call, for each service through its SDK: counted, logged,
 * rate limited at the documented limit, with injected errors, latency and lost responses.
 */
import { Client as CvmClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_client";
import { Client as EcmClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/ecm/v20190719/ecm_client";
import { Client as HaiClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/hai/v20230812/hai_client";
import { Client as TagClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/tag/v20180813/tag_client";
import * as $swas from "@alicloud/swas-open20200601";
import { INSTANT, codeOf, frozen, swasClient, tencent, useEmulator } from "./support";

const t = useEmulator({ settings: INSTANT });
const cvm = () => tencent(CvmClient, t.emu, { region: "ap-shanghai" });
const hai = () => tencent(HaiClient, t.emu, { region: "ap-guangzhou" });
const ecm = () => tencent(EcmClient, t.emu);
const swas = () => swasClient(t.emu);

const cvmRun = async (ClientToken?: string) =>
  (await cvm().RunInstances({ Placement: { Zone: "ap-shanghai-2" }, ImageId: "img-pmqg1cw7", ClientToken }))
    .InstanceIdSet ?? [];
const haiRun = async (ClientToken?: string) =>
  (await hai().RunInstances({ ApplicationId: "app-jknfna", BundleType: "XL", ClientToken })).InstanceIdSet ??
  [];
const ecmRun = async () =>
  (
    await ecm().RunInstances({
      ZoneInstanceCountISPSet: [{ Zone: "ap-xian-ecm-1", InstanceCount: 1, ISP: "CMCC" }],
      ModuleId: "esm-jz2wm3m2",
      Password: "Passw0rd",
    })
  ).InstanceIdSet ?? [];
const swasCreate = async (clientToken?: string) =>
  (
    await swas().createInstances(
      new $swas.CreateInstancesRequest({
        regionId: "cn-hangzhou",
        imageId: "e2c9c365024a44369c9b955a998a0000",
        planId: "swas.s1.c1m1s40b3t05",
        period: 1,
        clientToken,
      }),
    )
  ).body!.instanceIds!;
/** Tags a new CVM instance. */
const tagIt = async () => {
  const [id] = await cvmRun();
  return tencent(TagClient, t.emu).ModifyResourceTags({
    Resource: `qcs::cvm:ap-shanghai:uin/1:instance/${id}`,
    ReplaceTags: [{ TagKey: "k", TagValue: "v" }],
  });
};
const swasPlans = () => swas().listPlans(new $swas.ListPlansRequest({ regionId: "cn-hangzhou" }));

describe("an injected error code", () => {
  it.each([
    ["cvm", "RunInstances", "InternalError", () => cvmRun()],
    ["hai", "RunInstances", "InternalError", () => haiRun()],
    ["ecm", "DescribeInstances", "InternalError", () => ecm().DescribeInstances({})],
    ["tag", "ModifyResourceTags", "FailedOperation", tagIt],
    [
      "swas",
      "ListInstances",
      "InternalError",
      () => swas().listInstances(new $swas.ListInstancesRequest({ regionId: "cn-hangzhou" })),
    ],
  ] as const)(
    "%s %s: the next call answers %s, the one after succeeds",
    async (service, action, code, call) => {
      await t.emu.control.addFault({ service, action, code, count: 1 });
      expect(await codeOf(call())).toBe(code);
      expect(await codeOf(call())).toBe("OK");
    },
  );

  it("answers HTTP 500 where the cloud answers with a status (Alibaba Cloud)", async () => {
    await t.emu.control.addFault({ service: "swas", action: "ListPlans", code: "InternalError", count: 1 });
    await expect(swasPlans()).rejects.toMatchObject({ code: "InternalError", statusCode: 500 });
  });
});

describe("latency", () => {
  it.each([
    ["cvm", "DescribeZones", () => cvm().DescribeZones()],
    ["hai", "DescribeInstances", () => hai().DescribeInstances({})],
    ["ecm", "DescribeInstances", () => ecm().DescribeInstances({})],
    ["swas", "ListPlans", swasPlans],
  ] as const)("%s %s: the answer comes that much later", async (service, action, call) => {
    await t.emu.control.addFault({ service, action, latencyMs: 150, count: 1 });
    const started = Date.now();
    await call();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe("a lost response: the call fails, the instance exists", () => {
  it.each([
    ["cvm", "RunInstances", cvmRun],
    ["hai", "RunInstances", haiRun],
    ["swas", "CreateInstances", swasCreate],
  ] as const)(
    "%s %s: a retry with the same ClientToken returns that instance",
    async (service, action, create) => {
      await t.emu.control.addFault({ service, action, drop: "after", count: 1 });
      await expect(create("lost-1")).rejects.toBeTruthy();
      const created = await t.emu.control.instances(service);
      expect(created).toHaveLength(1);
      expect(await create("lost-1")).toEqual([created[0].id]);
    },
  );

  it("ecm RunInstances: ECM has no ClientToken (reserved), the instance stays", async () => {
    await t.emu.control.addFault({ service: "ecm", action: "RunInstances", drop: "after", count: 1 });
    await expect(ecmRun()).rejects.toBeDefined();
    expect(await t.emu.control.instances("ecm")).toHaveLength(1);
  });
});

describe("the documented rate limits, per account, region and action", () => {
  const throttled = { code: "RequestLimitExceeded" };
  it.each([
    [
      "cvm",
      "RunInstances",
      10,
      () =>
        cvm().RunInstances({ Placement: { Zone: "ap-shanghai-2" }, ImageId: "img-pmqg1cw7", DryRun: true }),
      throttled,
    ],
    ["cvm", "DescribeInstances", 40, () => cvm().DescribeInstances({}), throttled],
    ["hai", "DescribeInstances", 20, () => hai().DescribeInstances({}), throttled],
    ["ecm", "DescribeInstances", 20, () => ecm().DescribeInstances({}), throttled],
    [
      "tag",
      "ModifyResourceTags",
      20,
      () =>
        tencent(TagClient, t.emu).ModifyResourceTags({
          Resource: "qcs::cvm:ap-shanghai:uin/1:instance/ins-00000000",
          DeleteTags: [{ TagKey: "k" }],
        }),
      throttled,
    ],
    [
      "swas",
      "ListPlans",
      10,
      swasPlans,
      { name: "ThrottlingError", code: "Throttling.User", statusCode: 400 },
    ],
  ] as const)("%s %s: %i calls at once, then throttled", async (service, action, limit, call, error) => {
    await t.emu.control.settings({ rateLimits: true });
    await frozen(async () => {
      // Within the limit: answered (at most with an error of the action's own), never throttled.
      const codes = await Promise.all(Array.from({ length: limit }, () => codeOf(call())));
      expect(codes).not.toContain(error.code);
      await expect(call()).rejects.toMatchObject(error);
    });
    const count = (await t.emu.control.calls())[`${service}.${action}`];
    expect(count).toMatchObject({ calls: limit + 1, throttled: 1 });
  });

  it("another action has its own budget", async () => {
    await t.emu.control.settings({ rateLimits: true });
    await frozen(async () => {
      for (let i = 0; i < 10; i++) await swasPlans();
      await expect(swasPlans()).rejects.toMatchObject({ code: "Throttling.User" });
      await expect(
        swas().listImages(new $swas.ListImagesRequest({ regionId: "cn-hangzhou" })),
      ).resolves.toBeDefined();
    });
  });
});

describe("counts and the log", () => {
  it("counts each action's calls, throttled calls and failures", async () => {
    await cvmRun();
    await codeOf(cvm().RunInstances({ Placement: { Zone: "ap-shanghai-2" }, ImageId: "img-bad" }));
    await cvm().DescribeZones();
    const calls = await t.emu.control.calls();
    expect(calls["cvm.RunInstances"]).toEqual({ calls: 2, throttled: 0, failed: 1 });
    expect(calls["cvm.DescribeZones"]).toEqual({ calls: 1, throttled: 0, failed: 0 });
    expect(await t.emu.control.callCount("cvm", "RunInstances")).toBe(2);
  });

  it("logs each call with its parameters, secrets redacted, and the error code", async () => {
    await codeOf(
      cvm().RunInstances({
        Placement: { Zone: "ap-shanghai-2" },
        ImageId: "img-bad",
        LoginSettings: { Password: "Secret-Pass-123" },
      }),
    );
    const [entry] = await t.emu.control.log({ service: "cvm", action: "RunInstances" });
    expect(entry).toMatchObject({
      region: "ap-shanghai",
      params: { ImageId: "img-bad", LoginSettings: { Password: "***" } },
      error: "InvalidImageId.Malformed",
    });
  });
});

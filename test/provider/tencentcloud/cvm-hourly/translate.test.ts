/**
 * The mapping from the legacy parameter set to CvmInstance arguments and the API 3.0 request,
 * one legacy parameter at a time, without a cloud.
 */
import type { RunInstancesRequest } from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import { checkArgs } from "../../../../provider/core/check";
import { CvmInstanceArgsSchema } from "../../../../provider/tencentcloud/cvm/schema";
import {
  CvmHourlyArgs,
  CvmHourlyInstanceArgs,
  CvmHourlyInstanceArgsSchema,
} from "../../../../provider/tencentcloud/cvm-hourly/schema";
import {
  TranslatedRequest,
  TranslationError,
  familyOf,
  instanceTypeOf,
  resolvedOf,
  toCvmArgs,
  translatedRequest,
  zoneOf,
} from "../../../../provider/tencentcloud/cvm-hourly/translate";
import { EXAMPLE, exampleRequest } from "./example";

const example = EXAMPLE;
const resolved = { zone: "ap-guangzhou-1", instanceType: "S1.SMALL2" };
const parse = (extra: Partial<CvmHourlyInstanceArgs> = {}): CvmHourlyArgs =>
  CvmHourlyInstanceArgsSchema.parse({ ...example, ...extra });
const translate = (extra: Partial<CvmHourlyInstanceArgs> = {}) => toCvmArgs(parse(extra), resolved);

/** Compile time: the shown request is an SDK RunInstancesRequest. */
const assignable: RunInstancesRequest = {} as TranslatedRequest;

describe("CvmHourlyInstance translation to API 3.0 RunInstances", () => {
  it("turns the document's example into this request", () => {
    expect(assignable).toBeDefined();
    expect(translatedRequest(translate(), "token-1")).toEqual(exampleRequest("token-1"));
  });

  /** [legacy arguments, what the CvmInstance arguments must contain] */
  const mappings: Array<[string, Partial<CvmHourlyInstanceArgs>, Record<string, unknown>]> = [
    [
      "storageType 1 → LOCAL_BASIC disks",
      { storageType: 1 },
      {
        systemDisk: { diskType: "LOCAL_BASIC" },
        dataDisks: [{ diskType: "LOCAL_BASIC", diskSize: 50 }],
      },
    ],
    [
      "storageType 2 → CLOUD_BASIC disks",
      { storageType: 2 },
      {
        systemDisk: { diskType: "CLOUD_BASIC" },
        dataDisks: [{ diskType: "CLOUD_BASIC", diskSize: 50 }],
      },
    ],
    [
      "storageType 3 → LOCAL_SSD disks",
      { storageType: 3 },
      {
        systemDisk: { diskType: "LOCAL_SSD" },
        dataDisks: [{ diskType: "LOCAL_SSD", diskSize: 50 }],
      },
    ],
    [
      "storageType left out → LOCAL_BASIC (the legacy default)",
      { storageType: undefined },
      {
        systemDisk: { diskType: "LOCAL_BASIC" },
      },
    ],
    ["storageSize 0 → no data disk", { storageSize: 0 }, { dataDisks: undefined }],
    [
      "rootSize 30 → systemDisk.diskSize 30",
      { rootSize: 30 },
      { systemDisk: { diskType: "LOCAL_BASIC", diskSize: 30 } },
    ],
    [
      "bandwidthType PayByHour → BANDWIDTH_POSTPAID_BY_HOUR",
      { bandwidthType: "PayByHour" },
      {
        internetAccessible: expect.objectContaining({ internetChargeType: "BANDWIDTH_POSTPAID_BY_HOUR" }),
      },
    ],
    [
      "bandwidthType PayByTraffic → TRAFFIC_POSTPAID_BY_HOUR",
      { bandwidthType: "PayByTraffic", bandwidth: 10 },
      {
        internetAccessible: {
          internetChargeType: "TRAFFIC_POSTPAID_BY_HOUR",
          internetMaxBandwidthOut: 10,
          publicIpAssigned: true,
        },
      },
    ],
    [
      "wanIp left out with bandwidth → a public IP",
      { wanIp: undefined },
      {
        internetAccessible: expect.objectContaining({ publicIpAssigned: true }),
      },
    ],
    [
      "wanIp 0 → no public IP",
      { wanIp: 0 },
      {
        internetAccessible: expect.objectContaining({ publicIpAssigned: false }),
      },
    ],
    [
      "wanIp 1 with bandwidth 0 → no public IP (the legacy rule)",
      { wanIp: 1, bandwidth: 0 },
      {
        internetAccessible: expect.objectContaining({ internetMaxBandwidthOut: 0, publicIpAssigned: false }),
      },
    ],
    [
      "needSecurityAgent 0 → securityService disabled",
      { needSecurityAgent: 0 },
      {
        enhancedService: { securityService: { enabled: false }, monitorService: { enabled: true } },
      },
    ],
    [
      "needMonitorAgent 0 → monitorService disabled",
      { needMonitorAgent: 0 },
      {
        enhancedService: { securityService: { enabled: true }, monitorService: { enabled: false } },
      },
    ],
    [
      "keyId → loginSettings.keyIds",
      { keyId: "skey-3glfot13" },
      { loginSettings: { keyIds: ["skey-3glfot13"] } },
    ],
    [
      "password → loginSettings.password",
      { password: "Qcloud@123" },
      { loginSettings: { password: "Qcloud@123" } },
    ],
    ["no password nor keyId → no loginSettings (a random password)", {}, { loginSettings: undefined }],
    [
      "projectId → placement.projectId",
      { projectId: 1029 },
      { placement: { zone: "ap-guangzhou-1", projectId: 1029 } },
    ],
    ["goodsNum → instanceCount", { goodsNum: 3 }, { instanceCount: 3 }],
    ["instanceName → instanceName", { instanceName: "legacy-web" }, { instanceName: "legacy-web" }],
    ["clientToken → clientToken", { clientToken: "my-token" }, { clientToken: "my-token" }],
    [
      "vpcId + subnetId + privateIpAddresses + isVpcGateway → virtualPrivateCloud",
      {
        vpcId: "vpc-1urkhbj4",
        subnetId: "subnet-dcs9x3gz",
        privateIpAddresses: ["10.0.0.18"],
        isVpcGateway: 1,
      },
      {
        virtualPrivateCloud: {
          vpcId: "vpc-1urkhbj4",
          subnetId: "subnet-dcs9x3gz",
          asVpcGateway: true,
          privateIpAddresses: ["10.0.0.18"],
        },
      },
    ],
    [
      "no vpcId → no virtualPrivateCloud (classic network, as in the document)",
      {},
      { virtualPrivateCloud: undefined },
    ],
    ["imageType → not sent (API 3.0 knows the image)", { imageType: 1 }, { imageId: "img-3wnd9xpl" }],
    ["always pay-as-you-go", {}, { instanceChargeType: "POSTPAID_BY_HOUR" }],
    [
      "region and timeouts pass through",
      { region: "ap-guangzhou", timeouts: { create: "20m" } },
      {
        region: "ap-guangzhou",
        timeouts: { create: "20m" },
      },
    ],
  ];

  it.each(mappings.map((m) => [m[0], m] as const))("%s", (_name, [, extra, expected]) => {
    const args = translate(extra);
    expect(args).toMatchObject(expected);
    for (const [k, v] of Object.entries(expected))
      if (v === undefined) expect(args[k as keyof typeof args]).toBeUndefined();
  });

  it("gives arguments CvmInstance's own check accepts, for every storage type and login", () => {
    for (const extra of [
      {},
      { storageType: 2, rootSize: 50, password: "Qcloud@123" },
      { storageType: 3, keyId: "skey-3glfot13", vpcId: "vpc-1urkhbj4", subnetId: "subnet-dcs9x3gz" },
      { goodsNum: 100, storageSize: 0, bandwidth: 0 },
    ] as Array<Partial<CvmHourlyInstanceArgs>>) {
      const args = JSON.parse(JSON.stringify(translate(extra))) as Record<string, unknown>;
      expect(checkArgs(CvmInstanceArgsSchema, args, "CvmInstance").failures).toEqual([]);
    }
  });

  it("never shows the password in the translated request, but keeps key ids", () => {
    const withPassword = translatedRequest(translate({ password: "Qcloud@123" }), "t");
    expect(JSON.stringify(withPassword)).not.toContain("Qcloud@123");
    expect(withPassword.LoginSettings).toBeUndefined();
    expect(translatedRequest(translate({ keyId: "skey-3glfot13" }), "t").LoginSettings).toEqual({
      KeyIds: ["skey-3glfot13"],
    });
  });

  it("names the API 3.0 family of the legacy type", () => {
    expect(familyOf("CVM.S1")).toBe("S1");
    expect(familyOf("CVM.C2")).toBe("C2");
  });

  it("reads the zone and type back from a translated request", () => {
    expect(resolvedOf(translatedRequest(translate(), "t"))).toEqual(resolved);
    expect(resolvedOf(undefined)).toBeUndefined();
    expect(resolvedOf({ Placement: {} })).toBeUndefined();
  });
});

describe("CvmHourlyInstance translation: what the cloud answers", () => {
  const zones = [
    { Zone: "ap-guangzhou-1", ZoneId: "100001", ZoneName: "Guangzhou Zone 1", ZoneState: "AVAILABLE" },
    { Zone: "ap-guangzhou-2", ZoneId: "100002", ZoneName: "Guangzhou Zone 2", ZoneState: "UNAVAILABLE" },
  ];
  const config = (InstanceType: string, CPU: number, Memory: number, extra = {}) => ({
    Zone: "ap-guangzhou-1",
    InstanceFamily: InstanceType.split(".")[0],
    InstanceType,
    CPU,
    Memory,
    GPU: 0,
    ...extra,
  });
  const configs = [config("S1.SMALL1", 1, 1), config("S1.SMALL2", 1, 2), config("S1.MEDIUM4", 2, 4)];

  it("finds the zone name of a zone id", () => {
    expect(zoneOf(zones, 100001, "ap-guangzhou")).toBe("ap-guangzhou-1");
  });

  it("refuses a zone id of another region, listing the region's zones", () => {
    const e = (() => {
      try {
        zoneOf(zones, 200001, "ap-guangzhou");
      } catch (err) {
        return err as TranslationError;
      }
    })()!;
    expect(e).toBeInstanceOf(TranslationError);
    expect(e.property).toBe("zoneId");
    expect(e.message).toBe(
      "zoneId: 200001 is not an availability zone of region ap-guangzhou; DescribeZones lists " +
        "100001 (ap-guangzhou-1), 100002 (ap-guangzhou-2) (RunInstancesHour: InvalidParameter.InvaildZoneId)",
    );
  });

  it("refuses a zone that is not AVAILABLE", () => {
    expect(() => zoneOf(zones, 100002, "ap-guangzhou")).toThrow(/100002 \(ap-guangzhou-2\) is UNAVAILABLE/);
  });

  it("picks the family's type with exactly cpu and mem", () => {
    expect(instanceTypeOf(configs, parse(), "ap-guangzhou-1")).toBe("S1.SMALL2");
    expect(instanceTypeOf(configs, parse({ cpu: 2, mem: 4 }), "ap-guangzhou-1")).toBe("S1.MEDIUM4");
  });

  it("prefers a type without GPU, then the first by name", () => {
    const more = [config("S1.SMALL2G", 1, 2, { GPU: 1 }), config("S1.SMALL2B", 1, 2), ...configs];
    expect(instanceTypeOf(more, parse(), "ap-guangzhou-1")).toBe("S1.SMALL2");
  });

  it("ignores other families and zones", () => {
    const others = [config("S2.SMALL2", 1, 2), config("S1.SMALL2", 1, 2, { Zone: "ap-guangzhou-2" })];
    expect(() => instanceTypeOf(others, parse(), "ap-guangzhou-1")).toThrow(TranslationError);
  });

  it("names cpu, mem and the family when nothing matches, with what the family offers", () => {
    let e: TranslationError | undefined;
    try {
      instanceTypeOf(configs, parse({ cpu: 1, mem: 3 }), "ap-guangzhou-1");
    } catch (err) {
      e = err as TranslationError;
    }
    expect(e?.property).toBe("cpu");
    expect(e?.reason).toBe(
      "cpu 1 and mem 3 GB match no instance type of family S1 (instanceType CVM.S1) in ap-guangzhou-1; " +
        "DescribeInstanceTypeConfigs lists S1.SMALL1 (cpu 1, mem 1), S1.SMALL2 (cpu 1, mem 2), " +
        "S1.MEDIUM4 (cpu 2, mem 4) (RunInstancesHour: cpu and mem must be a configuration the family offers)",
    );
    expect(() => instanceTypeOf([], parse({ instanceType: "CVM.C2" }), "ap-guangzhou-1")).toThrow(
      /family C2 \(instanceType CVM.C2\) in ap-guangzhou-1; DescribeInstanceTypeConfigs lists none/,
    );
  });
});

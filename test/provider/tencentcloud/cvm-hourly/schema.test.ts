import { checkArgs } from "../../../../provider/core/check";
import { UNKNOWN } from "../../../../provider/core/unknown";
import { itChecksEach, RuleCase } from "../../support";
import {
  CvmHourlyInstanceArgsSchema,
  legacyPasswordProblem,
} from "../../../../provider/tencentcloud/cvm-hourly/schema";
import { EXAMPLE } from "./example";

/** The document's own example (section 5). */
const base = { region: "ap-guangzhou", ...EXAMPLE };
const vpc = { vpcId: "vpc-1urkhbj4", subnetId: "subnet-dcs9x3gz" };
const check = (extra: Record<string, unknown>) =>
  checkArgs(CvmHourlyInstanceArgsSchema, { ...base, ...extra }, "CvmHourlyInstance");

const cases: RuleCase[] = [
  ["the document's example passes", {}, undefined],
  ["zoneId is required", { zoneId: undefined }, "zoneId"],
  ["zoneId must be a whole number", { zoneId: 100001.5 }, "zoneId", "availability zone ID"],
  ["zoneId given as a zone name fails", { zoneId: "ap-guangzhou-1" }, "zoneId", "must be a number"],
  ["cpu is required", { cpu: undefined }, "cpu"],
  ["cpu 0 fails", { cpu: 0 }, "cpu", "at least 1"],
  ["cpu 1.5 fails", { cpu: 1.5 }, "cpu", "whole number"],
  ["mem is required", { mem: undefined }, "mem"],
  ["mem 0 fails", { mem: 0 }, "mem", "at least 1"],
  ["imageId is required", { imageId: undefined }, "imageId"],
  ["imageId must be shaped img-xxxxxxxx", { imageId: "img-3wnd" }, "imageId", "img-xxxxxxxx"],
  ["storageSize is required", { storageSize: undefined }, "storageSize"],
  ["storageSize 0 (no data disk) passes", { storageSize: 0 }, undefined],
  ["storageSize 55 fails: steps of 10 GB", { storageSize: 55 }, "storageSize", "multiple of 10 GB"],
  ["storageSize -10 fails", { storageSize: -10 }, "storageSize", "0 (no data disk) or more"],
  ["storageSize 1000 passes", { storageSize: 1000 }, undefined],
  ...["CVM.S1", "CVM.S2", "CVM.I1", "CVM.I2", "CVM.M1", "CVM.M2", "CVM.C2"].map(
    (t): [string, Record<string, unknown>, undefined] => [
      `instanceType ${t} passes`,
      { instanceType: t },
      undefined,
    ],
  ),
  ["instanceType CVM.S5 fails", { instanceType: "CVM.S5" }, "instanceType", "CVM.S1, CVM.S2"],
  ["an API 3.0 type fails", { instanceType: "S1.SMALL2" }, "instanceType", "must be one of"],
  ["imageType 1 passes", { imageType: 1 }, undefined],
  ["imageType 4 passes", { imageType: 4 }, undefined],
  ["imageType 0 fails", { imageType: 0 }, "imageType", "1 (private)"],
  ["imageType 5 fails", { imageType: 5 }, "imageType", "4 (shared image)"],
  ["bandwidthType PayByHour passes", { bandwidthType: "PayByHour" }, undefined],
  ["bandwidthType PayByTraffic passes", { bandwidthType: "PayByTraffic" }, undefined],
  [
    "bandwidthType PayByMonth fails",
    { bandwidthType: "PayByMonth" },
    "bandwidthType",
    "PayByHour or PayByTraffic",
  ],
  ["bandwidth 0 passes", { bandwidth: 0 }, undefined],
  ["bandwidth -1 fails", { bandwidth: -1 }, "bandwidth", "0 or more"],
  ["wanIp 0 passes", { wanIp: 0 }, undefined],
  ["wanIp 1 passes", { wanIp: 1 }, undefined],
  ["wanIp 1 with bandwidth 0 passes (no public IP is assigned)", { wanIp: 1, bandwidth: 0 }, undefined],
  ["wanIp 2 fails", { wanIp: 2 }, "wanIp", "0 or 1"],
  ["wanIp true fails", { wanIp: true }, "wanIp", "must be a number"],
  ["vpcId with subnetId passes", vpc, undefined],
  ["vpcId without subnetId fails", { vpcId: vpc.vpcId }, "subnetId", "required inside a VPC"],
  ["subnetId without vpcId fails", { subnetId: vpc.subnetId }, "vpcId", "required with subnetId"],
  ["a malformed vpcId fails", { ...vpc, vpcId: "vpc-1" }, "vpcId", "vpc-xxxxxxxx"],
  ["a malformed subnetId fails", { ...vpc, subnetId: "subnet_1" }, "subnetId", "subnet-xxxxxxxx"],
  ["isVpcGateway 1 in a VPC with a public IP passes", { ...vpc, isVpcGateway: 1 }, undefined],
  ["isVpcGateway 2 fails", { isVpcGateway: 2 }, "isVpcGateway", "0 or 1"],
  ["isVpcGateway 1 outside a VPC fails", { isVpcGateway: 1 }, "isVpcGateway", "inside a VPC"],
  [
    "isVpcGateway 1 without bandwidth fails",
    { ...vpc, isVpcGateway: 1, bandwidth: 0 },
    "isVpcGateway",
    "needs a public IP",
  ],
  [
    "isVpcGateway 1 with wanIp 0 fails",
    { ...vpc, isVpcGateway: 1, wanIp: 0 },
    "isVpcGateway",
    "needs a public IP",
  ],
  ["storageType 2 passes", { storageType: 2 }, undefined],
  ["storageType 3 passes", { storageType: 3 }, undefined],
  ["storageType 0 fails", { storageType: 0 }, "storageType", "1 (local disk)"],
  ["storageType 4 fails", { storageType: 4 }, "storageType", "3 (local SSD)"],
  ["rootSize 20 passes", { rootSize: 20 }, undefined],
  ["rootSize 50 passes (Windows)", { rootSize: 50 }, undefined],
  ["rootSize 10 fails", { rootSize: 10 }, "rootSize", "20, 30, 40 or 50"],
  ["rootSize 60 fails", { rootSize: 60 }, "rootSize", "Windows images are fixed at 50"],
  ["rootSize 25 fails: steps of 10", { rootSize: 25 }, "rootSize", "steps of 10"],
  ["password Qcloud@123 passes", { password: "Qcloud@123" }, undefined],
  ["password of letters and digits passes", { password: "abcdef12" }, undefined],
  ["password of 7 characters fails", { password: "Abc@123" }, "password", "8-16"],
  ["password of 17 characters fails", { password: "Qcloud@1234567890" }, "password", "8-16"],
  ["password of 16 characters passes", { password: "Qcloud@123456789" }, undefined],
  [
    "password of lower and upper case only fails: letters are one class",
    { password: "abcdEFGHij" },
    "password",
    "two of letters, digits and special",
  ],
  ["password of digits only fails", { password: "12345678" }, "password", "PasswordNotConformSpecs"],
  ["password with | passes (Linux specials)", { password: "abcd|1234" }, undefined],
  ["password with a space fails", { password: "abcd 1234" }, "password", "may only contain"],
  ["password with ¥ fails", { password: "abcd¥1234" }, "password", "may only contain"],
  ["keyId passes", { keyId: "skey-3glfot13" }, undefined],
  ["a malformed keyId fails", { keyId: "key-1" }, "keyId", "skey-xxxxxxxx"],
  [
    "keyId and password together fail",
    { keyId: "skey-3glfot13", password: "Qcloud@123" },
    "keyId",
    "cannot both",
  ],
  ["needSecurityAgent 0 passes", { needSecurityAgent: 0 }, undefined],
  ["needSecurityAgent 2 fails", { needSecurityAgent: 2 }, "needSecurityAgent", "0 or 1"],
  ["needMonitorAgent 0 passes", { needMonitorAgent: 0 }, undefined],
  ["needMonitorAgent -1 fails", { needMonitorAgent: -1 }, "needMonitorAgent", "0 or 1"],
  ["projectId 1029 passes", { projectId: 1029 }, undefined],
  ["projectId -1 fails", { projectId: -1 }, "projectId", "0 or more"],
  ["instanceName of 60 characters passes", { instanceName: "x".repeat(60) }, undefined],
  ["instanceName of 61 characters fails", { instanceName: "x".repeat(61) }, "instanceName", "at most 60"],
  ["goodsNum 100 passes", { goodsNum: 100 }, undefined],
  ["goodsNum 0 fails", { goodsNum: 0 }, "goodsNum", "1 to 100"],
  ["goodsNum 101 fails", { goodsNum: 101 }, "goodsNum", "1 to 100"],
  ["clientToken of 64 characters passes", { clientToken: "t".repeat(64) }, undefined],
  ["clientToken of 65 characters fails", { clientToken: "t".repeat(65) }, "clientToken", "at most 64"],
  ["an empty clientToken fails", { clientToken: "" }, "clientToken", "must not be empty"],
  ["a non-ASCII clientToken fails", { clientToken: "tökén" }, "clientToken", "ASCII"],
  ["one private IP in a VPC passes", { ...vpc, privateIpAddresses: ["10.0.0.18"] }, undefined],
  [
    "two private IPs fail: only one is supported",
    { ...vpc, privateIpAddresses: ["10.0.0.18", "10.0.0.19"] },
    "privateIpAddresses",
    "one IP at most",
  ],
  [
    "a malformed private IP fails",
    { ...vpc, privateIpAddresses: ["10.0.0.300"] },
    "privateIpAddresses[0]",
    "InvalidIpFormat",
  ],
  [
    "a private IP outside a VPC fails",
    { privateIpAddresses: ["10.0.0.18"] },
    "privateIpAddresses",
    "vpcId and subnetId are required",
  ],
  [
    "a private IP for two instances fails",
    { ...vpc, privateIpAddresses: ["10.0.0.18"], goodsNum: 2 },
    "privateIpAddresses",
    "goodsNum must be 1",
  ],
  ["an API 3.0 argument fails", { placement: { zone: "ap-guangzhou-1" } }, "placement", "not an argument"],
  ["timeouts must be durations", { timeouts: { create: "ten minutes" } }, "timeouts.create", "duration"],
  ["timeouts 20m passes", { timeouts: { create: "20m" } }, undefined],
];

describe("CvmHourlyInstance check: every rule of the RunInstancesHour document", () => {
  itChecksEach(cases, check);

  it("cites the document in every rule of its own", () => {
    const { failures } = check({
      storageSize: 55,
      rootSize: 10,
      goodsNum: 0,
      wanIp: 3,
      instanceType: "CVM.X9",
      password: "short",
    });
    expect(failures).toHaveLength(6);
    for (const f of failures) expect(f.reason).toContain("(RunInstancesHour: ");
  });

  it("applies the document's defaults", () => {
    const r = CvmHourlyInstanceArgsSchema.parse({
      zoneId: 100001,
      cpu: 1,
      mem: 2,
      imageId: "img-3wnd9xpl",
      storageSize: 0,
    });
    expect(r).toMatchObject({
      instanceType: "CVM.S1",
      imageType: 2,
      bandwidthType: "PayByHour",
      bandwidth: 0,
      isVpcGateway: 0,
      storageType: 1,
      needSecurityAgent: 1,
      needMonitorAgent: 1,
      goodsNum: 1,
    });
    expect(r.wanIp).toBeUndefined();
    expect(r.rootSize).toBeUndefined();
  });

  it("passes unknown values through untouched during preview", () => {
    const r = check({ imageId: UNKNOWN, vpcId: UNKNOWN, subnetId: "subnet-dcs9x3gz", password: UNKNOWN });
    expect(r.failures).toEqual([]);
    expect(r.hasUnknowns).toBe(true);
  });

  it("still reports known mistakes beside unknown values", () => {
    const r = check({ zoneId: UNKNOWN, storageSize: 15 });
    expect(r.failures.map((f) => f.property)).toEqual(["storageSize"]);
  });

  it("never repeats the password in a reason", () => {
    const { failures } = check({ password: "abcdefghijklmnopq" });
    expect(failures[0].reason).not.toContain("abcdefghijklmnopq");
  });

  it("accepts every valid Windows password under the Linux rule but |", () => {
    // Windows: 12-16 characters, three of [a-z], [A-Z], [0-9] and the specials without "|".
    for (const p of ["Abcdefghijk1", "abcdefghij1!", "ABCDEFGHIJ1(", "abcdEFGH!@#$"]) {
      expect(legacyPasswordProblem(p)).toBeUndefined();
    }
  });
});

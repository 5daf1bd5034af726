import { checkArgs } from "../../../../provider/core/check";
import { UNKNOWN } from "../../../../provider/core/unknown";
import { itChecksEach, RuleCase } from "../../support";
import {
  EcmInstanceArgsSchema,
  passwordProblem,
  regionOfZone,
} from "../../../../provider/tencentcloud/ecm/schema";

const ZONE = "ap-xian-ecm-1";
const set = (over: Record<string, unknown> = {}) => [{ zone: ZONE, instanceCount: 1, isp: "CMCC", ...over }];
const vpc = { vpcId: "vpc-f49l6u0z", subnetId: "subnet-3x5lf5q0" };
/** With a module: everything else may come from the module. */
const base = { zoneInstanceCountISPSet: set(), moduleId: "esm-jz2wm3m2" };
/** Without a module: image, type, data disk size and outbound bandwidth are required (doc: ModuleId). */
const custom = {
  moduleId: undefined,
  imageId: "img-8toqc6s3",
  instanceType: "S3.MEDIUM4",
  dataDiskSize: 100,
  internetMaxBandwidthOut: 20,
};
const check = (extra: Record<string, unknown>) =>
  checkArgs(EcmInstanceArgsSchema, { ...base, ...extra }, "EcmInstance");

const cases: RuleCase[] = [
  ["a module and one zone pass", {}, undefined],
  ["no module with image, type, data disk and bandwidth passes", custom, undefined],
  ["zoneInstanceCountISPSet is required", { zoneInstanceCountISPSet: undefined }, "zoneInstanceCountISPSet"],
  [
    "an empty zoneInstanceCountISPSet fails",
    { zoneInstanceCountISPSet: [] },
    "zoneInstanceCountISPSet",
    "required",
  ],
  [
    "a malformed zone fails",
    { zoneInstanceCountISPSet: set({ zone: "xian 1" }) },
    "zoneInstanceCountISPSet[0].zone",
    "InvalidZone",
  ],
  [
    "instanceCount 0 fails",
    { zoneInstanceCountISPSet: set({ instanceCount: 0 }) },
    "zoneInstanceCountISPSet[0].instanceCount",
    "InvalidZoneInstanceCount",
  ],
  [
    "instanceCount 101 fails",
    { zoneInstanceCountISPSet: set({ instanceCount: 101 }) },
    "zoneInstanceCountISPSet[0].instanceCount",
    "at most 100",
  ],
  ["instanceCount 100 passes", { zoneInstanceCountISPSet: set({ instanceCount: 100 }) }, undefined],
  [
    "110 instances in one region fail",
    {
      zoneInstanceCountISPSet: [
        { zone: ZONE, instanceCount: 60, isp: "CMCC" },
        { zone: ZONE, instanceCount: 50, isp: "CTCC" },
      ],
    },
    "zoneInstanceCountISPSet",
    "110 are asked for in ap-xian-ecm",
  ],
  [
    "60 + 50 instances in two regions pass",
    {
      zoneInstanceCountISPSet: [
        { zone: ZONE, instanceCount: 60, isp: "CMCC" },
        { zone: "ap-chengdu-ecm-1", instanceCount: 50, isp: "CTCC" },
      ],
    },
    undefined,
  ],
  ["ISP CTCC passes", { zoneInstanceCountISPSet: set({ isp: "CTCC" }) }, undefined],
  ["ISP CUCC passes", { zoneInstanceCountISPSet: set({ isp: "CUCC" }) }, undefined],
  ["three networks pass", { zoneInstanceCountISPSet: set({ isp: "CMCC;CUCC;CTCC" }) }, undefined],
  [
    "an unknown ISP fails",
    { zoneInstanceCountISPSet: set({ isp: "CMNET" }) },
    "zoneInstanceCountISPSet[0].isp",
    "InvalidISPInNode",
  ],
  [
    "two networks fail",
    { zoneInstanceCountISPSet: set({ isp: "CMCC;CUCC" }) },
    "zoneInstanceCountISPSet[0].isp",
  ],
  [
    "the ISP is required",
    { zoneInstanceCountISPSet: [{ zone: ZONE, instanceCount: 1 }] },
    "zoneInstanceCountISPSet[0].isp",
  ],
  ["vpcId with subnetId passes", { zoneInstanceCountISPSet: set(vpc) }, undefined],
  [
    "vpcId without subnetId fails",
    { zoneInstanceCountISPSet: set({ vpcId: vpc.vpcId }) },
    "zoneInstanceCountISPSet[0].subnetId",
    "both be set",
  ],
  [
    "subnetId without vpcId fails",
    { zoneInstanceCountISPSet: set({ subnetId: vpc.subnetId }) },
    "zoneInstanceCountISPSet[0].vpcId",
  ],
  [
    "a malformed vpcId fails",
    { zoneInstanceCountISPSet: set({ ...vpc, vpcId: "vpc-1" }) },
    "zoneInstanceCountISPSet[0].vpcId",
  ],
  [
    "a malformed subnetId fails",
    { zoneInstanceCountISPSet: set({ ...vpc, subnetId: "net-1" }) },
    "zoneInstanceCountISPSet[0].subnetId",
    "SubnetNotExist",
  ],
  [
    "one private IP per instance in a VPC passes",
    {
      zoneInstanceCountISPSet: set({
        ...vpc,
        instanceCount: 2,
        privateIpAddresses: ["10.0.0.8", "10.0.0.9"],
      }),
    },
    undefined,
  ],
  [
    "private IPs without a VPC fail",
    { zoneInstanceCountISPSet: set({ privateIpAddresses: ["10.0.0.8"] }) },
    "zoneInstanceCountISPSet[0].privateIpAddresses",
    "need vpcId and subnetId",
  ],
  [
    "fewer private IPs than instances fail",
    { zoneInstanceCountISPSet: set({ ...vpc, instanceCount: 2, privateIpAddresses: ["10.0.0.8"] }) },
    "zoneInstanceCountISPSet[0].privateIpAddresses",
    "must equal instanceCount",
  ],
  [
    "the same private IP twice fails",
    {
      zoneInstanceCountISPSet: set({
        ...vpc,
        instanceCount: 2,
        privateIpAddresses: ["10.0.0.8", "10.0.0.8"],
      }),
    },
    "zoneInstanceCountISPSet[0].privateIpAddresses",
    "Duplicate",
  ],
  [
    "a malformed private IP fails",
    { zoneInstanceCountISPSet: set({ ...vpc, privateIpAddresses: ["10.0.0.300"] }) },
    "zoneInstanceCountISPSet[0].privateIpAddresses[0]",
    "IPv4",
  ],
  [
    "one IPv6 address on a single network passes",
    { zoneInstanceCountISPSet: set({ ipv6AddressCount: 1 }) },
    undefined,
  ],
  ["no IPv6 address passes", { zoneInstanceCountISPSet: set({ ipv6AddressCount: 0 }) }, undefined],
  [
    "three IPv6 addresses on a single network fail",
    { zoneInstanceCountISPSet: set({ ipv6AddressCount: 3 }) },
    "zoneInstanceCountISPSet[0].ipv6AddressCount",
    "must be 1",
  ],
  [
    "three IPv6 addresses on three networks pass",
    { zoneInstanceCountISPSet: set({ isp: "CMCC;CUCC;CTCC", ipv6AddressCount: 3 }) },
    undefined,
  ],
  [
    "three IPv6 subnets on three networks pass",
    {
      zoneInstanceCountISPSet: set({
        isp: "CMCC;CUCC;CTCC",
        ipv6SubnetIds: ["subnet-aaaaaaa1", "subnet-aaaaaaa2", "subnet-aaaaaaa3"],
      }),
    },
    undefined,
  ],
  [
    "two IPv6 subnets fail",
    {
      zoneInstanceCountISPSet: set({
        isp: "CMCC;CUCC;CTCC",
        ipv6SubnetIds: ["subnet-aaaaaaa1", "subnet-aaaaaaa2"],
      }),
    },
    "zoneInstanceCountISPSet[0].ipv6SubnetIds",
    "exactly three",
  ],
  [
    "IPv6 subnets on a single network fail",
    {
      zoneInstanceCountISPSet: set({
        ipv6SubnetIds: ["subnet-aaaaaaa1", "subnet-aaaaaaa2", "subnet-aaaaaaa3"],
      }),
    },
    "zoneInstanceCountISPSet[0].ipv6SubnetIds",
    "three-network",
  ],
  ["password Passw0rd passes", { password: "Passw0rd" }, undefined],
  ["password of letters and symbols passes", { password: "abc!defg" }, undefined],
  ["password of 7 characters fails", { password: "Passw0r" }, "password", "8-30"],
  ["password of 30 characters passes", { password: "Passw0rd".padEnd(30, "x") }, undefined],
  ["password of 31 characters fails", { password: "Passw0rd".padEnd(31, "x") }, "password", "8-30"],
  ["password of letters only fails", { password: "PassWORDonly" }, "password", "at least two"],
  [
    "password with a backtick fails (not a listed symbol)",
    { password: "Passw0rd`" },
    "password",
    "may only contain",
  ],
  [
    "password with an asterisk fails (not a listed symbol)",
    { password: "Passw0rd*" },
    "password",
    "may only contain",
  ],
  ["password with a space fails", { password: "Pass w0rd" }, "password", "InvaildPassword"],
  [
    "without a module the image is required",
    { ...custom, imageId: undefined },
    "imageId",
    "without moduleId",
  ],
  ["without a module the type is required", { ...custom, instanceType: undefined }, "instanceType"],
  ["without a module the data disk size is required", { ...custom, dataDiskSize: undefined }, "dataDiskSize"],
  [
    "without a module a data disk size of 0 fails",
    { ...custom, dataDiskSize: 0 },
    "dataDiskSize",
    "not be 0",
  ],
  [
    "without a module the outbound bandwidth is required",
    { ...custom, internetMaxBandwidthOut: undefined },
    "internetMaxBandwidthOut",
  ],
  ["an empty moduleId fails", { moduleId: "" }, "moduleId", "InvalidModuleID"],
  ["a malformed imageId fails", { imageId: "image-1" }, "imageId", "InvalidImageID"],
  [
    "a malformed instance type fails",
    { instanceType: "s3 small" },
    "instanceType",
    "InvalidInstanceTypeConfigID",
  ],
  ["instanceName of 60 characters passes", { instanceName: "x".repeat(60) }, undefined],
  [
    "instanceName of 61 characters fails",
    { instanceName: "x".repeat(61) },
    "instanceName",
    "InstanceNameTooLong",
  ],
  [
    "instanceName counts {R:x} patterns",
    { instanceName: "edge-{R:1}" + "x".repeat(51) },
    "instanceName",
    "{R:x}",
  ],
  ["hostName edge-01.example passes", { hostName: "edge-01.example" }, undefined],
  ["hostName starting with a hyphen fails", { hostName: "-edge" }, "hostName", "start or end"],
  ["hostName ending with a period fails", { hostName: "edge." }, "hostName", "InvaildHostName"],
  ["hostName with consecutive periods fails", { hostName: "edge..one" }, "hostName", "consecutive"],
  ["hostName with consecutive hyphens fails", { hostName: "edge--one" }, "hostName", "consecutive"],
  ["hostName of 1 character fails", { hostName: "e" }, "hostName", "2-60"],
  ["hostName of 61 characters fails", { hostName: "e".repeat(61) }, "hostName", "2-60"],
  ["hostName with an underscore fails", { hostName: "edge_1" }, "hostName"],
  ["clientToken is refused (reserved)", { clientToken: "abc" }, "clientToken", "reserved"],
  [
    "enhanced services pass",
    {
      enhancedService: {
        securityService: { enabled: true, version: 0 },
        monitorService: { enabled: true },
        eipDirectService: { enabled: false },
      },
    },
    undefined,
  ],
  [
    "security service version 1 fails",
    { enhancedService: { securityService: { enabled: true, version: 1 } } },
    "enhancedService.securityService.version",
    "basic edition",
  ],
  [
    "an unknown enhanced service fails",
    { enhancedService: { automationService: { enabled: true } } },
    "enhancedService.automationService",
  ],
  [
    "instance and module tags pass",
    {
      tagSpecification: [
        { resourceType: "instance", tags: [{ key: "env", value: "prod" }] },
        { resourceType: "module", tags: [{ key: "team", value: "edge" }] },
      ],
    },
    undefined,
  ],
  [
    "tags on a disk fail",
    { tagSpecification: [{ resourceType: "disk", tags: [] }] },
    "tagSpecification[0].resourceType",
    '"instance" or "module"',
  ],
  [
    "an empty tag key fails",
    { tagSpecification: [{ resourceType: "instance", tags: [{ key: "", value: "x" }] }] },
    "tagSpecification[0].tags[0].key",
  ],
  [
    "a pulumi: tag key fails (the idempotency marks)",
    { tagSpecification: [{ resourceType: "instance", tags: [{ key: "pulumi:resource", value: "x" }] }] },
    "tagSpecification[0].tags[0].key",
    "reserved",
  ],
  ["userData base64 passes", { userData: Buffer.from("#!/bin/sh\necho hi\n").toString("base64") }, undefined],
  ["userData that is not base64 fails", { userData: "echo hi!" }, "userData", "base64"],
  ["userData over 16 KB fails", { userData: "A".repeat(16 * 1024 + 4) }, "userData", "16 KB"],
  ["userData of 16 KB passes", { userData: "A".repeat(16 * 1024) }, undefined],
  ["a data disk size of 0 with a module passes (module default)", { dataDiskSize: 0 }, undefined],
  ["a negative data disk size fails", { dataDiskSize: -1 }, "dataDiskSize", "InvalidDataDiskSize"],
  ["a negative system disk size fails", { systemDiskSize: -10 }, "systemDiskSize", "InvalidSystemDiskSize"],
  [
    "a negative inbound bandwidth fails",
    { internetMaxBandwidthIn: -1 },
    "internetMaxBandwidthIn",
    "InvalidBandwidthIn",
  ],
  ["a fractional outbound bandwidth fails", { internetMaxBandwidthOut: 1.5 }, "internetMaxBandwidthOut"],
  ["five security groups pass", { securityGroupIds: Array(5).fill("sg-5e9x7qag") }, undefined],
  [
    "six security groups fail",
    { securityGroupIds: Array(6).fill("sg-5e9x7qag") },
    "securityGroupIds",
    "at most 5",
  ],
  ["a malformed security group fails", { securityGroupIds: ["sg-1"] }, "securityGroupIds[0]", "sg-xxxxxxxx"],
  ["charge type 0 passes for S3", { instanceType: "S3.SMALL1", instanceChargeType: 0 }, undefined],
  ["charge type 3 fails", { instanceChargeType: 3 }, "instanceChargeType", "0, 1 or 2"],
  [
    "charge type 2 for a non-GNR model fails",
    { instanceType: "S3.SMALL1", instanceChargeType: 2 },
    "instanceChargeType",
    "GNR",
  ],
  [
    "charge type 0 for a GNR model fails",
    { instanceType: "GNR3.LARGE8", instanceChargeType: 0 },
    "instanceChargeType",
    "non-GNR",
  ],
  ["charge type 1 for a GNR model passes", { instanceType: "GNR3.LARGE8", instanceChargeType: 1 }, undefined],
  ["key ids pass", { keyIds: ["skey-11112222"] }, undefined],
  ["a malformed key id fails", { keyIds: ["key-1"] }, "keyIds[0]", "skey-xxxxxxxx"],
  [
    "password and key ids together fail",
    { password: "Passw0rd", keyIds: ["skey-11112222"] },
    "keyIds",
    "ParameterConflict",
  ],
  [
    "keepImageLogin and password together fail",
    { password: "Passw0rd", keepImageLogin: "TRUE" },
    "keepImageLogin",
    "only one",
  ],
  ["keepImageLogin TRUE passes", { keepImageLogin: "TRUE" }, undefined],
  ["keepImageLogin yes fails", { keepImageLogin: "yes" }, "keepImageLogin", '"TRUE" or "FALSE"'],
  ["a premium system disk passes", { systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 50 } }, undefined],
  [
    "a CLOUD_SSD system disk fails",
    { systemDisk: { diskType: "CLOUD_SSD" } },
    "systemDisk.diskType",
    "must be one of",
  ],
  [
    "a system disk id fails (not available)",
    { systemDisk: { diskId: "disk-1" } },
    "systemDisk.diskId",
    "not available",
  ],
  [
    "data disks pass",
    { dataDisks: [{ diskSize: 100, diskType: "CLOUD_PREMIUM" }, { diskSize: 50 }] },
    undefined,
  ],
  [
    "a data disk of 0 GB fails",
    { dataDisks: [{ diskSize: 0 }] },
    "dataDisks[0].diskSize",
    "InvalidDataDiskSize",
  ],
  [
    "a CLOUD_SSD data disk fails",
    { dataDisks: [{ diskSize: 100, diskType: "CLOUD_SSD" }] },
    "dataDisks[0].diskType",
  ],
  ["an unknown argument fails", { placement: { zone: ZONE } }, "placement", "not an argument"],
  ["a wrong type fails", { internetMaxBandwidthOut: "10" }, "internetMaxBandwidthOut", "must be a number"],
  ["the region is optional and passes when set", { region: "ap-guangzhou" }, undefined],
  ["timeouts must be durations", { timeouts: { create: "ten minutes" } }, "timeouts.create", "duration"],
  ["timeouts 20m passes", { timeouts: { create: "20m", delete: "1h30m" } }, undefined],
];

describe("EcmInstance check: every documented constraint", () => {
  itChecksEach(cases, check);

  it("cites the document (or the SDK model) in every rule of its own", () => {
    const { failures } = check({
      imageId: "bad",
      instanceName: "x".repeat(61),
      password: "short",
      zoneInstanceCountISPSet: set({ isp: "X", instanceCount: 0 }),
      clientToken: "t",
    });
    expect(failures.length).toBeGreaterThanOrEqual(5);
    for (const f of failures)
      expect(f.reason).toMatch(/ECM RunInstances 2019-07-19|tencentcloud-sdk-nodejs ecm_models/);
  });

  it("passes unknown values through untouched during preview", () => {
    const r = checkArgs(
      EcmInstanceArgsSchema,
      {
        zoneInstanceCountISPSet: [
          { zone: UNKNOWN, instanceCount: UNKNOWN, isp: "CMCC", ...vpc, privateIpAddresses: ["10.0.0.1"] },
        ],
        imageId: UNKNOWN,
        instanceType: "S3.SMALL1",
        dataDiskSize: 50,
        internetMaxBandwidthOut: 10,
      },
      "EcmInstance",
    );
    expect(r.failures).toEqual([]);
    expect(r.hasUnknowns).toBe(true);
  });

  it("still reports known mistakes beside unknown values", () => {
    const r = check({ imageId: UNKNOWN, instanceName: "x".repeat(61) });
    expect(r.failures.map((f) => f.property)).toEqual(["instanceName"]);
  });
});

describe("EcmInstance password and zone rules", () => {
  it.each([
    ["Passw0rd", "LINUX", undefined],
    ["Passw0rd", "WINDOWS", "12-30"],
    ["Passw0rd!abc", "WINDOWS", undefined],
    ["Password1234", "WINDOWS", "three"],
  ] as const)("%s on %s", (password, platform, problem) => {
    const p = passwordProblem(password, platform);
    if (problem === undefined) expect(p).toBeUndefined();
    else expect(p).toContain(problem);
  });

  it("takes the region from the zone", () => {
    expect(regionOfZone("ap-xian-ecm-1")).toBe("ap-xian-ecm");
    expect(regionOfZone("ap-chengdu-ecm-12")).toBe("ap-chengdu-ecm");
  });
});

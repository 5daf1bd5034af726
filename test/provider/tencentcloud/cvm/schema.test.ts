import { checkArgs } from "../../../../provider/core/check";
import { UNKNOWN } from "../../../../provider/core/unknown";
import { itChecksEach, RuleCase } from "../../support";
import { CvmInstanceArgsSchema } from "../../../../provider/tencentcloud/cvm/schema";

const base = { region: "ap-guangzhou", placement: { zone: "ap-guangzhou-3" }, imageId: "img-pmqg1cw7" };
const check = (extra: Record<string, unknown>, over: Record<string, unknown> = base) =>
  checkArgs(CvmInstanceArgsSchema, { ...over, ...extra }, "CvmInstance");

const cases: RuleCase[] = [
  ["the minimal document example passes", {}, undefined],
  ["placement.zone is required", { placement: {} }, "placement.zone"],
  ["placement is required", { placement: undefined }, "placement"],
  ["imageId is required", { imageId: undefined }, "imageId"],
  ["imageId must be img-xxxxxxxx", { imageId: "img-1234" }, "imageId", "InvalidImageId.Malformed"],
  ["imageId with upper case is malformed", { imageId: "IMG-PMQG1CW7" }, "imageId"],
  ["charge type POSTPAID_BY_HOUR passes", { instanceChargeType: "POSTPAID_BY_HOUR" }, undefined],
  ["charge type SPOTPAID passes", { instanceChargeType: "SPOTPAID" }, undefined],
  ["an unknown charge type fails", { instanceChargeType: "MONTHLY" }, "instanceChargeType", "must be one of"],
  [
    "PREPAID needs instanceChargePrepaid",
    { instanceChargeType: "PREPAID" },
    "instanceChargePrepaid",
    "required for prepaid",
  ],
  [
    "PREPAID with period 12 passes",
    { instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 12 } },
    undefined,
  ],
  [
    "PREPAID with period 24 passes",
    { instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 24 } },
    undefined,
  ],
  [
    "period 13 fails",
    { instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 13 } },
    "instanceChargePrepaid.period",
    "1-12, 24 or 36",
  ],
  [
    "period 0 fails",
    { instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 0 } },
    "instanceChargePrepaid.period",
  ],
  [
    "prepaid settings without PREPAID fail",
    { instanceChargePrepaid: { period: 1 } },
    "instanceChargePrepaid",
  ],
  [
    "CDHPAID with CDH_1C1G passes",
    {
      instanceChargeType: "CDHPAID",
      instanceType: "CDH_1C1G",
      placement: { zone: "ap-shanghai-2", hostIds: ["host-q88gab4i"] },
    },
    undefined,
  ],
  [
    "CDHPAID with S5.MEDIUM4 fails",
    { instanceChargeType: "CDHPAID", instanceType: "S5.MEDIUM4" },
    "instanceType",
    "CDH_<n>C<n>G",
  ],
  ["CDH types only for CDHPAID", { instanceType: "CDH_2C4G" }, "instanceType"],
  [
    "a malformed CDH host id fails",
    { placement: { zone: "ap-shanghai-2", hostIds: ["host-1122"] } },
    "placement.hostIds[0]",
    "InvalidHostId.Malformed",
  ],
  [
    "a malformed instance type fails",
    { instanceType: "s5 medium" },
    "instanceType",
    "InvalidInstanceType.Malformed",
  ],
  [
    "21 cloud data disks fail",
    { dataDisks: Array(21).fill({ diskType: "CLOUD_PREMIUM", diskSize: 50 }) },
    "dataDisks",
    "at most 20 cloud",
  ],
  [
    "20 cloud + 1 local data disks pass",
    {
      dataDisks: [
        ...Array(20).fill({ diskType: "CLOUD_PREMIUM", diskSize: 50 }),
        { diskType: "LOCAL_BASIC", diskSize: 50 },
      ],
    },
    undefined,
  ],
  [
    "22 data disks fail",
    { dataDisks: Array(22).fill({ diskType: "CLOUD_PREMIUM", diskSize: 50 }) },
    "dataDisks",
    "at most 21",
  ],
  [
    "two local data disks fail",
    {
      dataDisks: [
        { diskType: "LOCAL_BASIC", diskSize: 50 },
        { diskType: "LOCAL_SSD", diskSize: 50 },
      ],
    },
    "dataDisks",
    "at most 1 LOCAL",
  ],
  [
    "CLOUD_SSD of 90 GB fails",
    { dataDisks: [{ diskType: "CLOUD_SSD", diskSize: 90 }] },
    "dataDisks[0].diskSize",
    "CloudSsdDataDiskSizeTooSmall",
  ],
  ["CLOUD_SSD of 100 GB passes", { dataDisks: [{ diskType: "CLOUD_SSD", diskSize: 100 }] }, undefined],
  [
    "a malformed snapshot id fails",
    { dataDisks: [{ diskSize: 100, snapshotId: "snap-1" }] },
    "dataDisks[0].snapshotId",
    "SnapshotIdMalformed",
  ],
  ["instanceCount 0 fails", { instanceCount: 0 }, "instanceCount", "[1, 100]"],
  ["instanceCount 101 fails", { instanceCount: 101 }, "instanceCount", "[1, 100]"],
  ["instanceCount 100 passes", { instanceCount: 100 }, undefined],
  ["instanceCount 1.5 fails", { instanceCount: 1.5 }, "instanceCount"],
  ["instanceName of 60 characters passes", { instanceName: "x".repeat(60) }, undefined],
  [
    "instanceName of 61 characters fails",
    { instanceName: "x".repeat(61) },
    "instanceName",
    "InvalidInstanceName.TooLong",
  ],
  [
    "instanceName counts {R:x} patterns",
    { instanceName: "web-{R:1}" + "x".repeat(53) },
    "instanceName",
    "including {R:x}",
  ],
  [
    "a valid VPC IP list passes",
    {
      instanceCount: 2,
      virtualPrivateCloud: {
        vpcId: "vpc-1urkhbj4",
        subnetId: "subnet-dcs9x3gz",
        privateIpAddresses: ["10.0.0.18", "10.0.0.19"],
      },
    },
    undefined,
  ],
  [
    "an invalid VPC IP fails",
    {
      virtualPrivateCloud: {
        vpcId: "vpc-1urkhbj4",
        subnetId: "subnet-dcs9x3gz",
        privateIpAddresses: ["10.0.0.300"],
      },
    },
    "virtualPrivateCloud.privateIpAddresses[0]",
    "InvalidIpFormat",
  ],
  [
    "VPC IP count must equal instanceCount",
    {
      instanceCount: 3,
      virtualPrivateCloud: {
        vpcId: "vpc-1urkhbj4",
        subnetId: "subnet-dcs9x3gz",
        privateIpAddresses: ["10.0.0.18", "10.0.0.19"],
      },
    },
    "virtualPrivateCloud.privateIpAddresses",
    "must equal instanceCount",
  ],
  [
    "more than 20 VPC IPs fail",
    {
      instanceCount: 21,
      virtualPrivateCloud: {
        vpcId: "vpc-1urkhbj4",
        subnetId: "subnet-dcs9x3gz",
        privateIpAddresses: Array.from({ length: 21 }, (_, i) => `10.0.0.${i + 1}`),
      },
    },
    "virtualPrivateCloud.privateIpAddresses",
    "at most 20",
  ],
  ["clientToken of 64 ASCII passes", { clientToken: "a".repeat(64) }, undefined],
  ["clientToken of 65 fails", { clientToken: "a".repeat(65) }, "clientToken", "InvalidClientToken.TooLong"],
  ["non-ASCII clientToken fails", { clientToken: "tökén" }, "clientToken", "ASCII"],
  ["hostName web-01.example passes", { hostName: "web-01.example" }, undefined],
  ["hostName starting with a hyphen fails", { hostName: "-web" }, "hostName", "start or end"],
  ["hostName ending with a dot fails", { hostName: "web." }, "hostName", "start or end"],
  ["hostName with consecutive dots fails", { hostName: "web..one" }, "hostName", "consecutive"],
  ["hostName with consecutive hyphens fails", { hostName: "web--one" }, "hostName", "consecutive"],
  ["hostName of 1 character fails", { hostName: "w" }, "hostName", "2-60"],
  ["hostName of 61 characters fails", { hostName: "w".repeat(61) }, "hostName", "2-60"],
  ["hostName with an underscore fails", { hostName: "web_1" }, "hostName"],
  ["one disaster-recovery group passes", { disasterRecoverGroupIds: ["ps-abcdefgh"] }, undefined],
  [
    "two disaster-recovery groups fail",
    { disasterRecoverGroupIds: ["ps-abcdefgh", "ps-bcdefghi"] },
    "disasterRecoverGroupIds",
    "only specify one",
  ],
  ["userData base64 passes", { userData: Buffer.from("#!/bin/sh\necho hi\n").toString("base64") }, undefined],
  ["userData that is not base64 fails", { userData: "echo hi!" }, "userData", "InvalidUserDataFormat"],
  ["userData over 16 KB fails", { userData: "A".repeat(16 * 1024 + 4) }, "userData", "16 KB"],
  ["password Qcloud@TestApi123++ passes", { loginSettings: { password: "Qcloud@TestApi123++" } }, undefined],
  [
    "password of 7 characters fails",
    { loginSettings: { password: "Ab1!Ab1" } },
    "loginSettings.password",
    "8-30",
  ],
  [
    "password of one class fails",
    { loginSettings: { password: "abcdefghij" } },
    "loginSettings.password",
    "at least two",
  ],
  [
    "password with a space fails",
    { loginSettings: { password: "abc def 123" } },
    "loginSettings.password",
    "may only contain",
  ],
  [
    "password and key ids together fail",
    { loginSettings: { password: "Qcloud@TestApi123++", keyIds: ["skey-abcdefgh"] } },
    "loginSettings",
    "cannot be combined",
  ],
  [
    "actionTimer TerminateInstances passes",
    { actionTimer: { timerAction: "TerminateInstances", actionTime: "2026-12-31 23:00:00" } },
    undefined,
  ],
  [
    "actionTimer other than termination fails",
    { actionTimer: { timerAction: "StopInstances", actionTime: "2026-12-31 23:00:00" } },
    "actionTimer.timerAction",
    "only scheduled termination",
  ],
  [
    "tags on a non-instance resource fail",
    { tagSpecification: [{ resourceType: "disk", tags: [] }] },
    "tagSpecification[0].resourceType",
  ],
  [
    "spot options without SPOTPAID fail",
    { instanceMarketOptions: { spotOptions: { maxPrice: "0.5" } } },
    "instanceMarketOptions",
    "SPOTPAID",
  ],
  ["a malformed HPC cluster id fails", { hpcClusterId: "hpc-1" }, "hpcClusterId"],
  ["an unknown argument fails", { instanceTypo: "S5.MEDIUM4" }, "instanceTypo", "not an argument"],
  ["a wrong type fails", { instanceCount: "2" }, "instanceCount", "must be a number"],
  ["an empty zone fails", { placement: { zone: "" } }, "placement.zone"],
  ["timeouts must be durations", { timeouts: { create: "ten minutes" } }, "timeouts.create", "duration"],
  ["timeouts 20m passes", { timeouts: { create: "20m", delete: "1h30m" } }, undefined],
];

describe("CvmInstance check: every documented constraint", () => {
  itChecksEach(cases, check);

  it("cites the document in every rule of its own", () => {
    const { failures } = check({ imageId: "bad", instanceCount: 0, instanceName: "x".repeat(61) });
    for (const f of failures) expect(f.reason).toContain("CVM RunInstances 2017-03-12");
  });

  it("passes unknown values through untouched during preview", () => {
    const news = {
      ...base,
      imageId: UNKNOWN,
      instanceCount: UNKNOWN,
      virtualPrivateCloud: {
        vpcId: "vpc-1urkhbj4",
        subnetId: UNKNOWN,
        privateIpAddresses: ["10.0.0.1", "10.0.0.2"],
      },
    };
    const r = checkArgs(CvmInstanceArgsSchema, news, "CvmInstance");
    expect(r.failures).toEqual([]);
    expect(r.hasUnknowns).toBe(true);
  });

  it("still reports known mistakes beside unknown values", () => {
    const r = check({ imageId: UNKNOWN, instanceName: "x".repeat(61) });
    expect(r.failures.map((f) => f.property)).toEqual(["instanceName"]);
  });
});

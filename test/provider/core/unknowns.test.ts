/**
 * Preview: values Pulumi does not know yet (the unknown sentinel) at any depth. Each known value is
 * still checked where it is, an unknown element still counts toward its list's length, and a rule
 * that reads several fields is skipped only when a field it reads is unknown.
 */
import { checkArgs } from "../../../provider/core/check";
import { UNKNOWN } from "../../../provider/core/unknown";
import { CvmInstanceArgsSchema } from "../../../provider/tencentcloud/cvm/schema";
import { EcmInstanceArgsSchema } from "../../../provider/tencentcloud/ecm/schema";
import { SwasInstanceArgsSchema } from "../../../provider/alicloud/swas/schema";
import { CvmHourlyInstanceArgsSchema } from "../../../provider/tencentcloud/cvm-hourly/schema";
import { diffCvm } from "../../../provider/tencentcloud/cvm/provider";
import { diffEcm } from "../../../provider/tencentcloud/ecm/provider";

const cvm = { region: "ap-guangzhou", placement: { zone: "ap-guangzhou-3" }, imageId: "img-pmqg1cw7" };
const ecm = {
  zoneInstanceCountISPSet: [{ zone: "ap-xian-ecm-1", instanceCount: 1, isp: "CTCC" }],
  moduleId: "em-12345678",
};
const swas = {
  regionId: "cn-hangzhou",
  imageId: "794526736f3b4d2a9b1b6d3c5e8f0a12",
  planId: "swas.s1",
  period: 1,
};
const hourly = { zoneId: 100001, cpu: 1, mem: 2, imageId: "img-3wnd9xpl", storageSize: 0 };

const checkCvm = (extra: Record<string, unknown>) =>
  checkArgs(CvmInstanceArgsSchema, { ...cvm, ...extra }, "CvmInstance").failures;
const checkEcm = (extra: Record<string, unknown>) =>
  checkArgs(EcmInstanceArgsSchema, { ...ecm, ...extra }, "EcmInstance").failures;
const properties = (failures: Array<{ property: string }>) => failures.map((f) => f.property);

describe("unknown values inside lists", () => {
  it("ECM zoneInstanceCountISPSet: [<unknown>] is a valid program", () => {
    expect(checkEcm({ zoneInstanceCountISPSet: [UNKNOWN] })).toEqual([]);
  });

  it("CVM securityGroupIds: [<unknown>, 'BAD'] fails at index 1", () => {
    expect(properties(checkCvm({ securityGroupIds: [UNKNOWN, "BAD"] }))).toEqual(["securityGroupIds[1]"]);
  });

  it("CVM securityGroupIds: [<unknown>, 'sg-aaaaaaaa', 'BAD'] fails at index 2, not at the valid element", () => {
    expect(properties(checkCvm({ securityGroupIds: [UNKNOWN, "sg-aaaaaaaa", "BAD"] }))).toEqual([
      "securityGroupIds[2]",
    ]);
  });

  it("CVM: 22 unknown data disks are more than the 21 the document allows", () => {
    const failures = checkCvm({ dataDisks: Array.from({ length: 22 }, () => UNKNOWN) });
    expect(failures).toEqual([
      expect.objectContaining({ property: "dataDisks", reason: expect.stringContaining("21") }),
    ]);
  });

  it("ECM: 6 security groups are more than 5, also when one of them is unknown", () => {
    const groups = [UNKNOWN, ...Array.from({ length: 5 }, (_, i) => `sg-0000000${i}`)];
    expect(checkEcm({ securityGroupIds: groups })).toEqual([
      expect.objectContaining({ property: "securityGroupIds", reason: expect.stringContaining("5") }),
    ]);
  });

  it("ECM: a known element of zoneInstanceCountISPSet after an unknown one is checked at its own index", () => {
    const set = [UNKNOWN, { zone: "ap-xian-ecm-1", instanceCount: 0, isp: "CTCC" }];
    expect(properties(checkEcm({ zoneInstanceCountISPSet: set }))).toEqual([
      "zoneInstanceCountISPSet[1].instanceCount",
    ]);
  });

  it("diff: a list holding an unknown element is a change, never a crash", () => {
    const olds = {
      ...cvm,
      tagSpecification: [{ resourceType: "instance", tags: [{ key: "a", value: "b" }] }],
    };
    for (const tagSpecification of [
      [UNKNOWN],
      [{ resourceType: "instance", tags: [UNKNOWN] }],
      [{ resourceType: "instance", tags: [{ key: "a", value: UNKNOWN }] }],
    ]) {
      expect(diffCvm(olds, { ...cvm, tagSpecification })).toMatchObject({ changes: true, replaces: [] });
    }
    const ecmOlds = {
      ...ecm,
      tagSpecification: [{ resourceType: "instance", tags: [{ key: "a", value: "b" }] }],
    };
    for (const tagSpecification of [[UNKNOWN], [{ resourceType: "instance", tags: [UNKNOWN] }]]) {
      expect(diffEcm(ecmOlds, { ...ecm, tagSpecification })).toMatchObject({
        changes: true,
        replaces: ["tagSpecification"],
      });
    }
  });
});

describe("rules that read several fields", () => {
  it("CVM: PREPAID without instanceChargePrepaid fails also while instanceName is unknown", () => {
    expect(properties(checkCvm({ instanceChargeType: "PREPAID", instanceName: UNKNOWN }))).toEqual([
      "instanceChargePrepaid",
    ]);
  });

  it("CVM: the rule is skipped when a field it reads is unknown", () => {
    expect(checkCvm({ instanceChargeType: "PREPAID", instanceChargePrepaid: UNKNOWN })).toEqual([]);
    expect(checkCvm({ instanceChargeType: UNKNOWN, instanceChargePrepaid: { period: 1 } })).toEqual([]);
  });

  it("CVM: the VPC IP count rule runs beside an unknown data disk, and not while instanceCount is unknown", () => {
    const vpc = {
      vpcId: "vpc-12345678",
      subnetId: "subnet-12345678",
      privateIpAddresses: ["10.0.0.1", "10.0.0.2"],
    };
    expect(properties(checkCvm({ virtualPrivateCloud: vpc, dataDisks: [UNKNOWN] }))).toEqual([
      "virtualPrivateCloud.privateIpAddresses",
    ]);
    expect(checkCvm({ virtualPrivateCloud: vpc, instanceCount: UNKNOWN })).toEqual([]);
  });

  it("ECM: without moduleId, imageId is required also while instanceName is unknown; skipped while moduleId is unknown", () => {
    const { moduleId: _m, ...noModule } = ecm;
    const failures = checkArgs(
      EcmInstanceArgsSchema,
      { ...noModule, instanceName: UNKNOWN },
      "EcmInstance",
    ).failures;
    expect(properties(failures)).toEqual([
      "imageId",
      "instanceType",
      "dataDiskSize",
      "internetMaxBandwidthOut",
    ]);
    expect(checkEcm({ moduleId: UNKNOWN })).toEqual([]);
  });

  it("ECM: private IPs without a VPC fail in an element whose name is unknown elsewhere; not while vpcId is unknown", () => {
    const entry = { zone: "ap-xian-ecm-1", instanceCount: 1, isp: "CTCC", privateIpAddresses: ["10.0.0.1"] };
    expect(properties(checkEcm({ zoneInstanceCountISPSet: [entry], instanceName: UNKNOWN }))).toEqual([
      "zoneInstanceCountISPSet[0].privateIpAddresses",
    ]);
    expect(
      checkEcm({ zoneInstanceCountISPSet: [{ ...entry, vpcId: UNKNOWN, subnetId: "subnet-12345678" }] }),
    ).toEqual([]);
  });

  it("SWAS: autoRenew without autoRenewPeriod fails also while the password is unknown", () => {
    const failures = checkArgs(
      SwasInstanceArgsSchema,
      { ...swas, autoRenew: true, password: UNKNOWN },
      "SwasInstance",
    ).failures;
    expect(properties(failures)).toEqual(["autoRenewPeriod"]);
  });

  it("CvmHourlyInstance: keyId and password together fail also while instanceName is unknown", () => {
    const failures = checkArgs(
      CvmHourlyInstanceArgsSchema,
      { ...hourly, keyId: "skey-12345678", password: "Qcloud@123", instanceName: UNKNOWN },
      "CvmHourlyInstance",
    ).failures;
    expect(properties(failures)).toEqual(["keyId"]);
  });
});

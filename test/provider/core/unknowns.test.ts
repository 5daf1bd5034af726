/**
 * Preview: values Pulumi does not know yet (the unknown sentinel) at any depth. Each known value is
 * still checked where it is, and an unknown element still counts toward its list's length.
 */
import { checkArgs } from "../../../provider/core/check";
import { UNKNOWN } from "../../../provider/core/unknown";
import { CvmInstanceArgsSchema } from "../../../provider/tencentcloud/cvm/schema";
import { EcmInstanceArgsSchema } from "../../../provider/tencentcloud/ecm/schema";
import { diffCvm } from "../../../provider/tencentcloud/cvm/provider";
import { diffEcm } from "../../../provider/tencentcloud/ecm/provider";

const cvm = { region: "ap-guangzhou", placement: { zone: "ap-guangzhou-3" }, imageId: "img-pmqg1cw7" };
const ecm = {
  zoneInstanceCountISPSet: [{ zone: "ap-xian-ecm-1", instanceCount: 1, isp: "CTCC" }],
  moduleId: "em-12345678",
};

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

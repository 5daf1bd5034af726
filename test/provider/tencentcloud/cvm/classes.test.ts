/**
 * The table of CvmInstance's arguments (classes.ts): every argument, at the depth the diff
 * compares it, is in place (the action), replaced (why) or refused at check (why). A new
 * argument without a class fails here; so does an entry for no argument.
 */
import { unclassified } from "../../../../provider/core/diff";
import { ARGUMENT_CLASSES } from "../../../../provider/tencentcloud/cvm/classes";
import { CvmInstanceArgsSchema } from "../../../../provider/tencentcloud/cvm/schema";

describe("CvmInstance: the class of every argument", () => {
  it("classes every argument of the schema and nothing else", () => {
    expect(unclassified(CvmInstanceArgsSchema.shape, ARGUMENT_CLASSES)).toEqual({ missing: [], stale: [] });
  });

  it("fails for an argument added without a class", () => {
    const grown = { ...CvmInstanceArgsSchema.shape, newArgument: CvmInstanceArgsSchema.shape.hostName };
    expect(unclassified(grown, ARGUMENT_CLASSES).missing).toEqual(["newArgument"]);
    const { "loginSettings.password": _p, ...less } = ARGUMENT_CLASSES;
    expect(unclassified(CvmInstanceArgsSchema.shape, less).missing).toEqual(["loginSettings.password"]);
  });

  it("names the action or the reason of each", () => {
    for (const [path, c] of Object.entries(ARGUMENT_CLASSES)) {
      expect([path, c.kind === "in-place" ? c.action : c.why]).toEqual([
        path,
        expect.stringMatching(/\S{3}/),
      ]);
    }
  });

  it("the issue's in-place list, with the actions named and whether the instance is stopped", () => {
    const inPlace = Object.fromEntries(
      Object.entries(ARGUMENT_CLASSES).flatMap(([k, c]) =>
        c.kind === "in-place" ? [[k, [c.action, c.stops]]] : [],
      ),
    );
    expect(inPlace).toMatchObject({
      instanceType: ["ResetInstancesType", true],
      "loginSettings.password": ["ResetInstancesPassword", true],
      "loginSettings.keyIds": ["DisassociateInstancesKeyPairs / AssociateInstancesKeyPairs", true],
      imageId: ["ResetInstance", false],
      "systemDisk.diskSize": ["ResizeInstanceDisks", false],
      "dataDisks[].diskSize": ["CBS ResizeDisk", false],
      "internetAccessible.internetMaxBandwidthOut": ["ResetInstancesInternetMaxBandwidth", false],
      "placement.projectId": ["ModifyInstancesProject", false],
      "instanceChargePrepaid.renewFlag": ["ModifyInstancesRenewFlag", false],
      disableApiTermination: ["ModifyInstancesAttribute", false],
      userData: ["ModifyInstancesAttribute", false],
      securityGroupIds: ["ModifyInstancesAttribute", false],
      running: ["StartInstances / StopInstances", false],
      stoppedMode: ["StopInstances (StoppedMode)", false],
    });
    expect(ARGUMENT_CLASSES.dataDisks.kind).toBe("replace");
  });
});

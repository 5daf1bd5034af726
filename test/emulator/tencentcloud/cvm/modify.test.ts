/** ModifyInstancesAttribute, and LatestOperation* of the operations it starts. */
import { codeOf } from "../../support";
import { cvmTest, WINDOWS_IMAGE } from "./support";

const t = cvmTest();

describe("ModifyInstancesAttribute", () => {
  it("renames: LatestOperation OPERATING, then SUCCESS after transitionMs", async () => {
    const [id] = await t.run({ InstanceName: "old" });
    await t.emu.control.settings({ transitionMs: 1000 });
    const res = await t.cvm().ModifyInstancesAttribute({ InstanceIds: [id], InstanceName: "new" });
    expect(await t.describe1(id)).toMatchObject({
      InstanceName: "new",
      LatestOperation: "ModifyInstancesAttribute",
      LatestOperationState: "OPERATING",
      LatestOperationRequestId: res.RequestId,
    });
    // The same task runs: MutexOperation.TaskRunning (SDK codes of ModifyInstancesAttribute).
    expect(await codeOf(t.cvm().ModifyInstancesAttribute({ InstanceIds: [id], InstanceName: "newer" }))).toBe(
      "MutexOperation.TaskRunning",
    );
    await t.emu.control.advanceClock(1000);
    expect((await t.describe1(id))?.LatestOperationState).toBe("SUCCESS");
  });

  it("changes security groups, CAM role and termination protection", async () => {
    const [id] = await t.run();
    await t.cvm().ModifyInstancesAttribute({ InstanceIds: [id], SecurityGroups: ["sg-db000001"] });
    await t.cvm().ModifyInstancesAttribute({ InstanceIds: [id], CamRoleName: "ops" });
    await t.cvm().ModifyInstancesAttribute({ InstanceIds: [id], DisableApiTermination: true });
    expect(await t.describe1(id)).toMatchObject({
      SecurityGroupIds: ["sg-db000001"],
      CamRoleName: "ops",
      DisableApiTermination: true,
    });
  });

  it("a new host name reboots the instance unless AutoReboot is false", async () => {
    await t.emu.control.settings({ transitionMs: 1000 });
    const [id] = await t.run();
    await t.cvm().ModifyInstancesAttribute({ InstanceIds: [id], HostName: "web-1" });
    expect((await t.describe1(id))?.InstanceState).toBe("REBOOTING");
    await t.emu.control.advanceClock(1000);
    expect(await t.describe1(id)).toMatchObject({
      InstanceState: "RUNNING",
      LatestOperationState: "SUCCESS",
    });
    await t.cvm().ModifyInstancesAttribute({ InstanceIds: [id], HostName: "web-2", AutoReboot: false });
    expect((await t.describe1(id))?.InstanceState).toBe("RUNNING");
  });

  it("takes exactly one attribute per call", async () => {
    const [id] = await t.run();
    expect(
      await codeOf(
        t.cvm().ModifyInstancesAttribute({
          InstanceIds: [id],
          InstanceName: "a",
          SecurityGroups: ["sg-5e9x7qag"],
        }),
      ),
    ).toBe("InvalidParameterCombination");
    expect(await codeOf(t.cvm().ModifyInstancesAttribute({ InstanceIds: [id] }))).toBe("MissingParameter");
    expect(
      await codeOf(
        t.cvm().ModifyInstancesAttribute({ InstanceIds: [id], InstanceName: "a", AutoReboot: true }),
      ),
    ).toBe("InvalidParameterCombination");
  });

  it("validates values as RunInstances does, with its own codes", async () => {
    const [id] = await t.run();
    const [win] = await t.run({ ImageId: WINDOWS_IMAGE });
    const modify = (req: Record<string, unknown>) =>
      codeOf(t.cvm().ModifyInstancesAttribute({ InstanceIds: [id], ...req }));
    expect(await modify({ InstanceName: "n".repeat(61) })).toBe("InvalidInstanceName.TooLong");
    expect(await modify({ SecurityGroups: ["sg-zzzzzzzz"] })).toBe("InvalidSecurityGroupId.NotFound");
    expect(await modify({ HostName: "bad..name" })).toBe("InvalidParameter.HostNameIllegal");
    expect(await modify({ UserData: "not base64!" })).toBe("InvalidParameterValue.InvalidUserDataFormat");
    expect(await modify({ CamRoleName: "bad role" })).toBe("InvalidParameterValue.CamRoleNameMalformed");
    expect(await modify({ Foo: 1 })).toBe("UnknownParameter");
    expect(
      await codeOf(t.cvm().ModifyInstancesAttribute({ InstanceIds: [win], HostName: "win.example" })),
    ).toBe("InvalidParameter.HostNameIllegal");
    expect(
      await codeOf(t.cvm().ModifyInstancesAttribute({ InstanceIds: ["ins-zzzzzzzz"], InstanceName: "x" })),
    ).toBe("InvalidInstanceId.NotFound");
  });

  it("refuses instances still PENDING or TERMINATING", async () => {
    await t.emu.control.settings({ bootMs: 60_000, terminateMs: 60_000 });
    const [pending] = await t.run();
    expect(
      await codeOf(t.cvm().ModifyInstancesAttribute({ InstanceIds: [pending], InstanceName: "x" })),
    ).toBe("UnsupportedOperation.InstanceStatePending");
    await t.emu.control.advanceClock(60_000);
    await t.cvm().TerminateInstances({ InstanceIds: [pending] });
    expect(
      await codeOf(t.cvm().ModifyInstancesAttribute({ InstanceIds: [pending], InstanceName: "x" })),
    ).toBe("UnsupportedOperation.InstanceStateTerminating");
  });
});

describe("LatestOperation* shown late (setting latestOperationLagMs)", () => {
  it("DescribeInstances shows the previous operation for a while after the call answered", async () => {
    const [id] = await t.run({ InstanceName: "old" });
    const before = await t.describe1(id);
    expect(before).toMatchObject({ LatestOperation: "RunInstances", LatestOperationState: "SUCCESS" });
    await t.emu.control.settings({ transitionMs: 1000, latestOperationLagMs: 3000 });
    const res = await t.cvm().ModifyInstancesAttribute({ InstanceIds: [id], InstanceName: "new" });
    // The attribute changed at once; LatestOperation* still show RunInstances.
    expect(await t.describe1(id)).toMatchObject({
      InstanceName: "new",
      LatestOperation: "RunInstances",
      LatestOperationState: "SUCCESS",
      LatestOperationRequestId: before?.LatestOperationRequestId,
    });
    // The operation is under way all the same: a second one is refused.
    expect(await codeOf(t.cvm().ModifyInstancesAttribute({ InstanceIds: [id], CamRoleName: "ops" }))).toBe(
      "MutexOperation.TaskRunning",
    );
    await t.emu.control.advanceClock(3000);
    expect(await t.describe1(id)).toMatchObject({
      LatestOperation: "ModifyInstancesAttribute",
      LatestOperationState: "SUCCESS",
      LatestOperationRequestId: res.RequestId,
    });
  });

  it("a failed operation (instance fault operationFailures) ends FAILED and changes nothing", async () => {
    const [id] = await t.run({ InstanceName: "old" });
    await t.emu.control.settings({ transitionMs: 1000 });
    await t.emu.control.instanceFaults({ operationFailures: { cvm: 1 } });
    const res = await t.cvm().ModifyInstancesAttribute({ InstanceIds: [id], InstanceName: "new" });
    await t.emu.control.advanceClock(1000);
    const inst = await t.describe1(id);
    expect(inst).toMatchObject({
      InstanceName: "old",
      LatestOperation: "ModifyInstancesAttribute",
      LatestOperationState: "FAILED",
      LatestOperationRequestId: res.RequestId,
    });
    expect(inst?.LatestOperationErrorMsg).toMatch(/\S/);
    // The next one succeeds.
    await t.cvm().ModifyInstancesAttribute({ InstanceIds: [id], InstanceName: "new" });
    await t.emu.control.advanceClock(1000);
    expect(await t.describe1(id)).toMatchObject({ InstanceName: "new", LatestOperationState: "SUCCESS" });
  });
});

/**
 * The in-place actions of CVM through the real SDK: the state each requires, its asynchronous
 * LatestOperation (the action's name and our RequestId), its documented codes, and what
 * DescribeInstances shows afterwards.
 */
import { codeOf } from "../../support";
import { cvmTest, WINDOWS_IMAGE } from "./support";

const t = cvmTest();
const cloud = { SystemDisk: { DiskType: "CLOUD_PREMIUM", DiskSize: 50 } };

async function stopped(req = {}): Promise<string> {
  const [id] = await t.run({ ...cloud, ...req });
  await t.cvm().StopInstances({ InstanceIds: [id] });
  return id;
}

describe("StartInstances and StopInstances", () => {
  it("stop, then start; LatestOperation is the action with our RequestId", async () => {
    await t.emu.control.settings({ transitionMs: 1000 });
    const [id] = await t.run(cloud);
    const { RequestId } = await t.cvm().StopInstances({ InstanceIds: [id], StoppedMode: "STOP_CHARGING" });
    const during = await t.describe1(id);
    expect([during?.InstanceState, during?.LatestOperation, during?.LatestOperationState]).toEqual([
      "STOPPING",
      "StopInstances",
      "OPERATING",
    ]);
    expect(during?.LatestOperationRequestId).toBe(RequestId);
    expect(await codeOf(t.cvm().StartInstances({ InstanceIds: [id] }))).toBe(
      "UnsupportedOperation.InstanceStateStopping",
    );
    await t.emu.control.advanceClock(1000);
    expect(await t.describe1(id)).toMatchObject({
      InstanceState: "STOPPED",
      StopChargingMode: "STOP_CHARGING",
      LatestOperationState: "SUCCESS",
    });
    expect(await codeOf(t.cvm().StopInstances({ InstanceIds: [id] }))).toBe(
      "UnsupportedOperation.InstanceStateStopped",
    );
    await t.cvm().StartInstances({ InstanceIds: [id] });
    await t.emu.control.advanceClock(1000);
    expect(await t.describe1(id)).toMatchObject({
      InstanceState: "RUNNING",
      StopChargingMode: "NOT_APPLICABLE",
    });
  });

  it("STOP_CHARGING only for pay-as-you-go instances on cloud disks; StopType not with ForceStop", async () => {
    const [local] = await t.run({ SystemDisk: { DiskType: "LOCAL_BASIC" } });
    expect(await codeOf(t.cvm().StopInstances({ InstanceIds: [local], StoppedMode: "STOP_CHARGING" }))).toBe(
      "UnsupportedOperation.StoppedModeStopCharging",
    );
    expect(
      await codeOf(t.cvm().StopInstances({ InstanceIds: [local], StopType: "HARD", ForceStop: true })),
    ).toBe("InvalidParameterCombination");
  });
});

describe("the actions that need a stopped instance", () => {
  it("ResetInstancesType: refuses a running instance, then runs when done", async () => {
    await t.emu.control.settings({ transitionMs: 1000 });
    const [running] = await t.run(cloud);
    await t.emu.control.advanceClock(1000);
    expect(
      await codeOf(t.cvm().ResetInstancesType({ InstanceIds: [running], InstanceType: "S5.LARGE8" })),
    ).toBe("UnsupportedOperation.InstanceStateRunning");
    const id = await stopped();
    await t.emu.control.advanceClock(1000);
    const res = await t.cvm().ResetInstancesType({ InstanceIds: [id], InstanceType: "S5.LARGE8" });
    await t.emu.control.advanceClock(1000);
    // A step's time counts from the moment the one before it was applied (lifecycle.ts).
    expect((await t.describe1(id))?.InstanceState).toBe("STARTING");
    await t.emu.control.advanceClock(1000);
    expect(await t.describe1(id)).toMatchObject({
      InstanceType: "S5.LARGE8",
      CPU: 4,
      Memory: 8,
      InstanceState: "RUNNING",
      LatestOperation: "ResetInstancesType",
      LatestOperationState: "SUCCESS",
      LatestOperationRequestId: res.RequestId,
    });
    expect(
      await codeOf(t.cvm().ResetInstancesType({ InstanceIds: [id, running], InstanceType: "S5.LARGE8" })),
    ).toBe("InvalidParameterValue.LimitExceeded");
  });

  it("ResetInstancesType: local system disks are refused", async () => {
    const [id] = await t.run({ SystemDisk: { DiskType: "LOCAL_BASIC" } });
    await t.cvm().StopInstances({ InstanceIds: [id] });
    expect(await codeOf(t.cvm().ResetInstancesType({ InstanceIds: [id], InstanceType: "S5.LARGE8" }))).toBe(
      "UnsupportedOperation.SystemDiskType",
    );
  });

  it("ResetInstancesPassword: recorded, never described; ForceStop restarts a running instance", async () => {
    await t.emu.control.settings({ transitionMs: 1000 });
    const [id] = await t.run(cloud);
    await t.emu.control.advanceClock(1000);
    expect(await codeOf(t.cvm().ResetInstancesPassword({ InstanceIds: [id], Password: "short" }))).toBe(
      "InvalidParameterValue.InvalidPassword",
    );
    expect(await codeOf(t.cvm().ResetInstancesPassword({ InstanceIds: [id], Password: "Passw0rd!x" }))).toBe(
      "UnsupportedOperation.InstanceStateRunning",
    );
    await t.cvm().ResetInstancesPassword({ InstanceIds: [id], Password: "Passw0rd!x", ForceStop: true });
    expect((await t.describe1(id))?.InstanceState).toBe("STOPPING");
    await t.emu.control.advanceClock(1000);
    expect((await t.describe1(id))?.InstanceState).toBe("STARTING");
    await t.emu.control.advanceClock(1000);
    expect((await t.describe1(id))?.InstanceState).toBe("RUNNING");
    expect(t.emu.world.get(id)?.attrs.Password).toBe("Passw0rd!x");
  });

  it("Associate/DisassociateInstancesKeyPairs: Linux only, the key list follows", async () => {
    const id = await stopped();
    await t
      .cvm()
      .AssociateInstancesKeyPairs({ InstanceIds: [id], KeyIds: ["skey-aaaa0001", "skey-aaaa0002"] });
    await t.cvm().DisassociateInstancesKeyPairs({ InstanceIds: [id], KeyIds: ["skey-aaaa0001"] });
    expect((await t.describe1(id))?.LoginSettings?.KeyIds).toEqual(["skey-aaaa0002"]);
    const win = await stopped({ ImageId: WINDOWS_IMAGE });
    expect(
      await codeOf(t.cvm().AssociateInstancesKeyPairs({ InstanceIds: [win], KeyIds: ["skey-aaaa0001"] })),
    ).toBe("UnsupportedOperation.InstanceOsWindows");
    expect(await codeOf(t.cvm().AssociateInstancesKeyPairs({ InstanceIds: [id], KeyIds: ["key-1"] }))).toBe(
      "InvalidKeyPairId.Malformed",
    );
  });
});

describe("the actions on a running instance", () => {
  it("ResizeInstanceDisks: running needs ResizeOnline or ForceStop; the system disk only grows", async () => {
    const [id] = await t.run(cloud);
    expect(await codeOf(t.cvm().ResizeInstanceDisks({ InstanceId: id, SystemDisk: { DiskSize: 80 } }))).toBe(
      "UnsupportedOperation.InstanceStateRunning",
    );
    expect(
      await codeOf(
        t.cvm().ResizeInstanceDisks({ InstanceId: id, SystemDisk: { DiskSize: 40 }, ResizeOnline: true }),
      ),
    ).toBe("InvalidParameterValue");
    expect(await codeOf(t.cvm().ResizeInstanceDisks({ InstanceId: id }))).toBe("MissingParameter.AtLeastOne");
    await t.cvm().ResizeInstanceDisks({ InstanceId: id, SystemDisk: { DiskSize: 80 }, ResizeOnline: true });
    expect(await t.describe1(id)).toMatchObject({
      SystemDisk: { DiskSize: 80 },
      InstanceState: "RUNNING",
      LatestOperation: "ResizeInstanceDisks",
    });
  });

  it("ResetInstance reinstalls with another image and login", async () => {
    const [id] = await t.run({ ...cloud, LoginSettings: { Password: "Passw0rd!x" } });
    await t.cvm().ResetInstance({
      InstanceId: id,
      ImageId: "img-dkwyg6sr",
      LoginSettings: { KeyIds: ["skey-aaaa0001"] },
    });
    expect(await t.describe1(id)).toMatchObject({
      ImageId: "img-dkwyg6sr",
      OsName: "Ubuntu Server 22.04 LTS 64bit",
      LoginSettings: { KeyIds: ["skey-aaaa0001"] },
      LatestOperation: "ResetInstance",
    });
    expect(await codeOf(t.cvm().ResetInstance({ InstanceId: id, ImageId: "img-00000000" }))).toBe(
      "InvalidImageId.NotFound",
    );
  });

  it("ResetInstancesInternetMaxBandwidth: by the internet charge type", async () => {
    const [id] = await t.run({ InternetAccessible: { InternetMaxBandwidthOut: 5 } });
    await t.cvm().ResetInstancesInternetMaxBandwidth({
      InstanceIds: [id],
      InternetAccessible: { InternetMaxBandwidthOut: 2 },
    });
    expect((await t.describe1(id))?.InternetAccessible?.InternetMaxBandwidthOut).toBe(2);
    expect(
      await codeOf(
        t.cvm().ResetInstancesInternetMaxBandwidth({
          InstanceIds: [id],
          InternetAccessible: { InternetMaxBandwidthOut: 3 },
          StartTime: "2026-01-01",
          EndTime: "2026-02-01",
        }),
      ),
    ).toBe("InvalidParameter");
    const [prepaid] = await t.run({
      InstanceChargeType: "PREPAID",
      InstanceChargePrepaid: { Period: 1 },
      InternetAccessible: { InternetChargeType: "BANDWIDTH_PREPAID", InternetMaxBandwidthOut: 5 },
    });
    const set = (n: number, dates = {}) =>
      codeOf(
        t.cvm().ResetInstancesInternetMaxBandwidth({
          InstanceIds: [prepaid],
          InternetAccessible: { InternetMaxBandwidthOut: n },
          ...dates,
        }),
      );
    expect(await set(10)).toBe("MissingParameter");
    const dates = { StartTime: "2026-01-01", EndTime: "2026-02-01" };
    expect(await set(2, dates)).toBe("InvalidParameterValue.Range");
    expect(await set(10, dates)).toBe("OK");
  });

  it("ModifyInstancesProject and ModifyInstancesRenewFlag (prepaid only)", async () => {
    const [id] = await t.run();
    await t.cvm().ModifyInstancesProject({ InstanceIds: [id], ProjectId: 1002 });
    expect((await t.describe1(id))?.Placement?.ProjectId).toBe(1002);
    expect(
      await codeOf(
        t.cvm().ModifyInstancesRenewFlag({ InstanceIds: [id], RenewFlag: "NOTIFY_AND_AUTO_RENEW" }),
      ),
    ).toBe("UnsupportedOperation.InstanceChargeType");
    const [prepaid] = await t.run({ InstanceChargeType: "PREPAID", InstanceChargePrepaid: { Period: 1 } });
    await t.cvm().ModifyInstancesRenewFlag({ InstanceIds: [prepaid], RenewFlag: "NOTIFY_AND_AUTO_RENEW" });
    expect((await t.describe1(prepaid))?.RenewFlag).toBe("NOTIFY_AND_AUTO_RENEW");
  });

  it("an operation in progress refuses the next one", async () => {
    await t.emu.control.settings({ transitionMs: 1000 });
    const [id] = await t.run();
    await t.emu.control.advanceClock(1000);
    await t.cvm().ModifyInstancesProject({ InstanceIds: [id], ProjectId: 1 });
    expect(await codeOf(t.cvm().StopInstances({ InstanceIds: [id] }))).toBe(
      "OperationDenied.InstanceOperationInProgress",
    );
  });
});

/** TerminateInstances: pay-as-you-go and prepaid instances, refusals, the return quota. */
import { codeOf } from "../../support";
import { cvmTest } from "./support";

const t = cvmTest();

describe("TerminateInstances", () => {
  it("a pay-as-you-go instance goes TERMINATING, then it is gone", async () => {
    await t.emu.control.settings({ terminateMs: 1000 });
    const [id] = await t.run();
    await t.cvm().TerminateInstances({ InstanceIds: [id] });
    expect((await t.describe1(id))?.InstanceState).toBe("TERMINATING");
    expect(await codeOf(t.cvm().TerminateInstances({ InstanceIds: [id] }))).toBe(
      "UnsupportedOperation.InstanceStateTerminating",
    );
    await t.emu.control.advanceClock(1000);
    expect(await t.describe1(id)).toBeUndefined();
  });

  it("a prepaid instance goes to the recycle bin first (SHUTDOWN, ISOLATED), then the second call releases it", async () => {
    const [id] = await t.run({ InstanceChargeType: "PREPAID", InstanceChargePrepaid: { Period: 1 } });
    await t.cvm().TerminateInstances({ InstanceIds: [id] });
    expect(await t.describe1(id)).toMatchObject({
      InstanceState: "SHUTDOWN",
      RestrictState: "ISOLATED",
      IsolatedSource: "MANMADE",
      LatestOperation: "TerminateInstances",
      LatestOperationState: "SUCCESS",
    });
    await t.emu.control.settings({ terminateMs: 1000 });
    await t.cvm().TerminateInstances({ InstanceIds: [id] });
    expect((await t.describe1(id))?.InstanceState).toBe("TERMINATING");
    await t.emu.control.advanceClock(1000);
    expect(await t.describe1(id)).toBeUndefined();
  });

  it("refuses unknown, malformed, missing and more than 100 ids, mixed charge types and protected instances", async () => {
    expect(await codeOf(t.cvm().TerminateInstances({ InstanceIds: ["ins-zzzzzzzz"] }))).toBe(
      "InvalidInstanceId.NotFound",
    );
    expect(await codeOf(t.cvm().TerminateInstances({ InstanceIds: ["bad"] }))).toBe(
      "InvalidInstanceId.Malformed",
    );
    expect(await codeOf(t.cvm().TerminateInstances({ InstanceIds: [] }))).toBe("MissingParameter");
    const many = Array.from({ length: 101 }, (_, i) => `ins-${String(i).padStart(8, "0")}`);
    expect(await codeOf(t.cvm().TerminateInstances({ InstanceIds: many }))).toBe(
      "InvalidParameterValue.LimitExceeded",
    );
    const [hourly] = await t.run();
    const [monthly] = await t.run({ InstanceChargeType: "PREPAID", InstanceChargePrepaid: { Period: 1 } });
    expect(await codeOf(t.cvm().TerminateInstances({ InstanceIds: [hourly, monthly] }))).toBe(
      "UnsupportedOperation.InstanceMixedPricingModel",
    );
    const [locked] = await t.run({ DisableApiTermination: true });
    expect(await codeOf(t.cvm().TerminateInstances({ InstanceIds: [locked] }))).toBe(
      "UnsupportedOperation.InstancesProtected",
    );
    // Nothing of a refused batch was terminated.
    expect((await t.describe1(hourly))?.InstanceState).toBe("RUNNING");
  });

  it("refuses a LAUNCH_FAILED instance (UnsupportedOperation.InstanceStateLaunchFailed); the cloud clears it later", async () => {
    await t.emu.control.settings({ terminateMs: 2000 });
    await t.emu.control.instanceFaults({ launchFailures: { cvm: 1 } });
    const [failed] = await t.run();
    const [fine] = await t.run();
    expect((await t.describe1(failed))?.InstanceState).toBe("LAUNCH_FAILED");
    expect(await codeOf(t.cvm().TerminateInstances({ InstanceIds: [failed, fine] }))).toBe(
      "UnsupportedOperation.InstanceStateLaunchFailed",
    );
    // Nothing of the refused batch was terminated.
    expect((await t.describe1(fine))?.InstanceState).toBe("RUNNING");
    await t.emu.control.advanceClock(2000);
    expect(await t.describe1(failed)).toBeUndefined();
  });

  it("refuses a second TerminateInstances while the first runs (MutexOperation.TaskRunning)", async () => {
    await t.emu.control.settings({ transitionMs: 1000 });
    const [id] = await t.run({ InstanceChargeType: "PREPAID", InstanceChargePrepaid: { Period: 1 } });
    await t.cvm().TerminateInstances({ InstanceIds: [id] });
    expect(await t.describe1(id)).toMatchObject({
      LatestOperation: "TerminateInstances",
      LatestOperationState: "OPERATING",
    });
    expect(await codeOf(t.cvm().TerminateInstances({ InstanceIds: [id] }))).toBe(
      "MutexOperation.TaskRunning",
    );
    await t.emu.control.advanceClock(1000);
    expect(await codeOf(t.cvm().TerminateInstances({ InstanceIds: [id] }))).toBe("OK");
  });

  it("returns prepaid instances within the account's return quota (setting prepaidReturnQuota), then LimitExceeded.UserReturnQuota", async () => {
    await t.emu.control.settings({ prepaidReturnQuota: 1 });
    const prepaid = { InstanceChargeType: "PREPAID", InstanceChargePrepaid: { Period: 1 } };
    const [a] = await t.run(prepaid);
    const [b] = await t.run(prepaid);
    const [hourly] = await t.run();
    expect(await codeOf(t.cvm().TerminateInstances({ InstanceIds: [a] }))).toBe("OK");
    expect(await codeOf(t.cvm().TerminateInstances({ InstanceIds: [b] }))).toBe(
      "LimitExceeded.UserReturnQuota",
    );
    expect((await t.describe1(b))?.InstanceState).toBe("RUNNING");
    // Pay-as-you-go instances are not returned: no quota.
    expect(await codeOf(t.cvm().TerminateInstances({ InstanceIds: [hourly] }))).toBe("OK");
  });
});

/** The instance state machines: the engine (schedule, applyDue) and every service's lifecycle as data. */
import type { Instance } from "../../emulator/instance";
import { GONE, Lifecycle, SAME, applyDue, schedule, stuck } from "../../emulator/lifecycle";
import { defaultSettings } from "../../emulator/settings";
import { CVM_LIFECYCLE } from "../../emulator/tencentcloud/cvm/models";
import { ECM_LIFECYCLE } from "../../emulator/tencentcloud/ecm/models";
import { HAI_LIFECYCLE } from "../../emulator/tencentcloud/hai/models";
import { SWAS_LIFECYCLE } from "../../emulator/alicloud/swas/models";

const times = { ...defaultSettings(), bootMs: 100, terminateMs: 10, terminatedVisibleMs: 50 };
const instance = (state = ""): Instance => ({
  id: "ins-00000000",
  service: "cvm",
  account: "a",
  region: "r",
  zone: "z",
  state,
  createdAt: 0,
  name: "",
  privateIps: [],
  publicIps: [],
  tags: {},
  attrs: {},
  invisibleDescribes: 0,
});

describe("schedule and applyDue", () => {
  it("take each step when its time has come, counted from the step before", () => {
    const inst = instance();
    schedule(inst, HAI_LIFECYCLE.processes.terminate, 1000, times);
    expect(inst).toMatchObject({ state: "TERMINATING", next: { state: "TERMINATED", at: 1010 } });
    expect(applyDue(inst, 1009)).toBe(true);
    expect(inst.state).toBe("TERMINATING");
    // Applied late, at 1500: the next step counts from then.
    expect(applyDue(inst, 1500)).toBe(true);
    expect(inst).toMatchObject({ state: "TERMINATED", next: { state: GONE, at: 1550 } });
    expect(applyDue(inst, 1550)).toBe(false);
  });

  it("keep the state with SAME, and rest in the last step", () => {
    const inst = instance("RUNNING");
    schedule(inst, CVM_LIFECYCLE.processes.modify, 0, times);
    expect(inst).toMatchObject({ state: "RUNNING", next: { state: "RUNNING", at: times.transitionMs } });
    applyDue(inst, times.transitionMs);
    expect(inst.next).toBeUndefined();
  });

  it("end the operation in progress with the first step: SUCCESS, or FAILED with its message", () => {
    const ok = instance();
    ok.latestOperation = { name: "RunInstances", state: "OPERATING", requestId: "r" };
    schedule(ok, CVM_LIFECYCLE.launch, 0, times);
    applyDue(ok, 100);
    expect(ok.latestOperation).toMatchObject({ state: "SUCCESS" });
    const failed = instance();
    failed.latestOperation = { name: "RunInstances", state: "OPERATING", requestId: "r", fails: "no host" };
    schedule(failed, CVM_LIFECYCLE.launchFailed, 0, times);
    applyDue(failed, 100);
    expect(failed).toMatchObject({
      state: "LAUNCH_FAILED",
      latestOperation: { state: "FAILED", errorMsg: "no host" },
    });
  });

  it("a stuck launch rests in the launch's first state", () => {
    const inst = instance();
    schedule(inst, stuck(ECM_LIFECYCLE), 0, times);
    expect(inst).toMatchObject({ state: "PENDING" });
    expect(inst.next).toBeUndefined();
  });
});

describe.each([
  ["cvm", CVM_LIFECYCLE],
  ["ecm", ECM_LIFECYCLE],
  ["hai", HAI_LIFECYCLE],
  ["swas", SWAS_LIFECYCLE],
] as Array<[string, Lifecycle]>)("the %s lifecycle", (_name, lifecycle) => {
  const processes = Object.entries({
    launch: lifecycle.launch,
    launchFailed: lifecycle.launchFailed,
    ...lifecycle.processes,
  });

  it.each(processes)("%s goes only through states the API shows", (_process, steps) => {
    for (const step of steps) expect([...lifecycle.states, GONE, SAME]).toContain(step.state);
  });

  it.each(processes)("%s times every step but the last, where it rests", (_process, steps) => {
    expect(steps.slice(0, -1).every((s) => s.lasts !== undefined)).toBe(true);
    expect(steps[steps.length - 1].lasts).toBeUndefined();
  });
});

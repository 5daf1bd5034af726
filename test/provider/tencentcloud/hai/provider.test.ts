import { makeHaiProvider } from "../../../../provider/tencentcloud/hai/provider";
import { InitFailedError } from "../../../../provider/core/errors";
import { failNext, PROVIDER_SETTINGS, useTestEnv } from "../../../support/env";

const env = useTestEnv({ ...PROVIDER_SETTINGS, terminatedVisibleMs: 2000 });
let hai: ReturnType<typeof makeHaiProvider>;

beforeEach(() => {
  hai = makeHaiProvider(env.rt);
});

type Instance = { instanceId: string; state: string; systemDisk: { diskSize: number } };

const inputs = (extra: Record<string, unknown> = {}) => ({
  __identity: "proj/dev/gpu",
  applicationId: "app-jknfna",
  bundleType: "XL",
  ...extra,
});

async function create(extra: Record<string, unknown> = {}) {
  const news = inputs(extra);
  const checked = await hai.check({}, news);
  expect(checked.failures).toEqual([]);
  return hai.create(checked.inputs);
}

/** check, diff and update as the engine runs them. */
async function update(id: string, outs: Record<string, unknown>, extra: Record<string, unknown>) {
  const news = inputs(extra);
  const checked = await hai.check(outs, news);
  expect(checked.failures).toEqual([]);
  const d = await hai.diff(id, outs, checked.inputs);
  expect(d.replaces).toEqual([]);
  return hai.update(id, outs, checked.inputs);
}

const states = async () => (await env.emu.control.instances("hai")).map((i) => i.state);
const logOf = async (action: string) => env.emu.control.log({ service: "hai", action });

describe("HaiInstance against the emulator through the real SDK", () => {
  it("creates one instance, shows progress while it boots and returns when it is RUNNING", async () => {
    const { id, outs } = await create({ instanceName: "gpu", systemDisk: { diskSize: 100 } });
    expect(id).toMatch(/^hai-[a-z0-9]{8,}$/);
    expect(outs.instanceIds).toEqual([id]);
    expect(outs.instances[0]).toMatchObject({
      instanceId: id,
      instanceName: "gpu",
      state: "RUNNING",
      expiredTime: "",
      applicationName: "Stable Diffusion",
      systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 100 },
    });
    expect(outs.instances[0].createdTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(outs.instances[0].privateIpAddresses).toHaveLength(1);
    expect(outs.instances[0].publicIpAddresses).toHaveLength(1);
    expect(outs).toMatchObject({ region: "ap-guangzhou", applicationId: "app-jknfna", bundleType: "XL" });
    expect(
      env.logs.some((l) =>
        /^creating HaiInstance gpu: waiting for 1 instance\(s\): 1 PENDING \(\d+s\)$/.test(l),
      ),
    ).toBe(true);
    expect(env.logs.some((l) => /1 instance\(s\) RUNNING/.test(l))).toBe(true);
    expect(JSON.stringify(outs)).not.toContain("undefined");
  });

  it("creates several instances in one RunInstances, all RUNNING", async () => {
    const { id, outs } = await create({ instanceCount: 3 });
    expect(id.split(",")).toHaveLength(3);
    expect(outs.instances.map((i: Instance) => i.state)).toEqual(["RUNNING", "RUNNING", "RUNNING"]);
    expect(await env.emu.control.callCount("hai", "RunInstances")).toBe(1);
  });

  it("polls all waiting instances of all resources together", async () => {
    const before = await env.emu.control.callCount("hai", "DescribeInstances");
    await Promise.all([
      create({ __identity: "p/s/a" }),
      create({ __identity: "p/s/b" }),
      create({ __identity: "p/s/c" }),
    ]);
    const describes = (await env.emu.control.callCount("hai", "DescribeInstances")) - before;
    // Three resources, one describe per round (not three).
    expect(describes).toBeLessThanOrEqual(6);
  });

  it("counts an instance not yet visible right after RunInstances as pending", async () => {
    await env.emu.control.instanceFaults({ describeLag: { hai: 3 } });
    const { outs } = await create();
    expect(outs.instances[0].state).toBe("RUNNING");
    expect(env.logs.some((l) => l.includes("1 NOT YET VISIBLE"))).toBe(true);
  });

  it("turns a cloud refusal at preflight (DryRun) into a check failure, with no instance bought", async () => {
    process.env.RUNINSTANCES_PREFLIGHT = "true";
    try {
      await env.emu.control.instanceFaults({ outOfStock: ["XL"] });
      const r = await hai.check({}, inputs());
      expect(r.failures).toEqual([
        {
          property: "bundleType",
          reason: expect.stringMatching(
            /^refused by the cloud's DryRun: ResourceInsufficient.BundleInventoryShortage: .* \(RequestId [0-9a-f-]+\)$/,
          ),
        },
      ]);
      const r2 = await hai.check({}, inputs({ applicationId: "app-nothere" }));
      expect(r2.failures![0]).toMatchObject({
        property: "applicationId",
        reason: expect.stringContaining("InvalidParameterValue.ApplicationIdNotFound"),
      });
      const r3 = await hai.check(
        {},
        inputs({ applicationId: "app-llama3b8", bundleType: "3XL", systemDisk: { diskSize: 80 } }),
      );
      expect(r3.failures![0]).toMatchObject({
        property: "systemDisk.diskSize",
        reason: expect.stringContaining("DiskSizeMustLargerThanApplicationMinRequiredSize"),
      });
      const r4 = await hai.check({}, inputs({ region: "ap-singapore" }));
      expect(r4.failures![0]).toMatchObject({
        property: "region",
        reason: expect.stringContaining("UnsupportedRegion"),
      });
      expect(await env.emu.control.instances("hai")).toEqual([]);
      const dry = await logOf("RunInstances");
      expect(dry.every((e) => (e.params as { DryRun?: boolean }).DryRun === true)).toBe(true);
    } finally {
      delete process.env.RUNINSTANCES_PREFLIGHT;
    }
  });

  it("makes no cloud call when check refuses the input", async () => {
    const r = await hai.check({}, inputs({ instanceName: "x".repeat(129), instanceCount: 11 }));
    expect(r.failures!.map((f) => f.property)).toEqual(["instanceCount", "instanceName"]);
    expect(await env.emu.control.totalCalls()).toBe(0);
  });

  it("stops (StopInstance STOP_CHARGE) and starts again through `running`", async () => {
    const { id, outs } = await create();
    const d = await hai.diff(id, outs, inputs({ running: false }));
    expect(d).toMatchObject({ changes: true, replaces: [] });
    const { outs: stopped } = await update(id, outs, { running: false });
    expect(stopped.instances[0].state).toBe("STOPPED_NO_CHARGE");
    expect(stopped.running).toBe(false);
    expect(await states()).toEqual(["STOPPED_NO_CHARGE"]);
    const stops = await logOf("StopInstance");
    expect(stops.map((e) => e.params)).toEqual([{ InstanceId: id, StopMode: "STOP_CHARGE" }]);
    expect(
      env.logs.some((l) => /waiting for 1 instance\(s\) to be STOPPED_NO_CHARGE: 1 STOPPING/.test(l)),
    ).toBe(true);

    const { outs: started } = await update(id, stopped, { running: true });
    expect(started.instances[0].state).toBe("RUNNING");
    expect(await states()).toEqual(["RUNNING"]);
    expect(await env.emu.control.callCount("hai", "StartInstance")).toBe(1);
    // Nothing to do the second time.
    await update(id, started, { running: true });
    expect(await env.emu.control.callCount("hai", "StartInstance")).toBe(1);
  });

  it("a StopInstance or ResizeInstanceDisk whose answer was lost is not repeated, and counts", async () => {
    const { id, outs } = await create({ systemDisk: { diskSize: 100 } });
    await env.emu.control.addFault({ service: "hai", action: "StopInstance", drop: "after", count: 1 });
    await env.emu.control.addFault({ service: "hai", action: "ResizeInstanceDisk", drop: "after", count: 1 });
    const { outs: after } = await update(id, outs, { running: false, systemDisk: { diskSize: 200 } });
    expect(after.instances[0]).toMatchObject({ state: "STOPPED_NO_CHARGE", systemDisk: { diskSize: 200 } });
    expect(await env.emu.control.callCount("hai", "StopInstance")).toBe(1);
    expect(await env.emu.control.callCount("hai", "ResizeInstanceDisk")).toBe(1);
  });

  it("a StartInstance refused before it reached the cloud stays an error", async () => {
    const { id, outs } = await create({ running: false });
    await env.emu.control.addFault({ service: "hai", action: "StartInstance", drop: "before", count: 1 });
    const err = (await update(id, outs, { running: true }).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/^updating HaiInstance gpu: StartInstance: NetworkError/);
    expect(await states()).toEqual(["STOPPED_NO_CHARGE"]);
    // The next update starts it.
    const { outs: started } = await update(id, outs, { running: true });
    expect(started.instances[0].state).toBe("RUNNING");
  });

  it("creates stopped instances with running: false", async () => {
    const { outs } = await create({ running: false, instanceCount: 2 });
    expect(outs.instances.map((i: Instance) => i.state)).toEqual(["STOPPED_NO_CHARGE", "STOPPED_NO_CHARGE"]);
    expect(await env.emu.control.callCount("hai", "StopInstance")).toBe(2);
  });

  it("refuses to stop a prepaid instance with a clear failure, before calling StopInstance", async () => {
    const { id, outs } = await create();
    env.emu.world.get(id)!.attrs.ChargeType = "PREPAID_BY_MONTH";
    const err = (await update(id, outs, { running: false }).catch((e: unknown) => e)) as InitFailedError;
    // The instance exists: the failed update records it as it is (as every resource does).
    expect(err).toBeInstanceOf(InitFailedError);
    expect(err.id).toBe(id);
    expect(err.properties).toMatchObject({ instanceIds: [id], instances: [{ state: "RUNNING" }] });
    expect(err.message).toBe(
      `updating HaiInstance gpu: cannot stop prepaid instance(s) ${id}: HAI StopInstance does not apply to` +
        ` prepaid (PREPAID_BY_MONTH) instances, only to postpaid ones (SDK StopInstance); keep running: true`,
    );
    expect(await env.emu.control.callCount("hai", "StopInstance")).toBe(0);
    expect(await states()).toEqual(["RUNNING"]);
  });

  it("refuses before anything changes: no resize either when the stop is refused", async () => {
    const { id, outs } = await create({ systemDisk: { diskSize: 100 } });
    env.emu.world.get(id)!.attrs.ChargeType = "PREPAID_BY_MONTH";
    await expect(update(id, outs, { running: false, systemDisk: { diskSize: 200 } })).rejects.toThrow(
      /cannot stop prepaid/,
    );
    expect(await env.emu.control.callCount("hai", "ResizeInstanceDisk")).toBe(0);
  });

  it("grows the system disk in place with ResizeInstanceDisk", async () => {
    const { id, outs } = await create({ systemDisk: { diskSize: 100 } });
    const d = await hai.diff(id, outs, inputs({ systemDisk: { diskSize: 200 } }));
    expect(d).toMatchObject({ changes: true, replaces: [] });
    const { outs: grown } = await update(id, outs, { systemDisk: { diskSize: 200 } });
    expect(grown.instances[0].systemDisk.diskSize).toBe(200);
    expect(grown.systemDisk).toEqual({ diskSize: 200 });
    expect((await logOf("ResizeInstanceDisk")).map((e) => e.params)).toEqual([
      { InstanceId: id, DiskSize: 200 },
    ]);
    expect(env.logs.some((l) => l.includes("RUNNING (ResizeInstanceDisk)"))).toBe(true);
  });

  it("grows the disk of a stopped instance and starts it in one update", async () => {
    const { id, outs } = await create({ running: false, systemDisk: { diskSize: 100 } });
    const { outs: after } = await update(id, outs, { running: true, systemDisk: { diskSize: 150 } });
    expect(after.instances[0]).toMatchObject({ state: "RUNNING", systemDisk: { diskSize: 150 } });
  });

  it("refuses a smaller disk at check, unless the change replaces the instances anyway", async () => {
    const { outs } = await create({ systemDisk: { diskSize: 200 } });
    const r = await hai.check(outs, inputs({ systemDisk: { diskSize: 100 } }));
    expect(r.failures).toEqual([
      {
        property: "systemDisk.diskSize",
        reason: expect.stringContaining(
          "cannot shrink the system disk from 200 GB to 100 GB: ResizeInstanceDisk only grows a disk",
        ),
      },
    ]);
    // Old inputs (what the engine passes to check) are enough.
    const fromInputs = await hai.check(
      inputs({ systemDisk: { diskSize: 200 } }),
      inputs({ systemDisk: { diskSize: 100 } }),
    );
    expect(fromInputs.failures).toHaveLength(1);
    // The instances' own size counts when the argument was left out.
    const grownByHand = {
      ...outs,
      systemDisk: undefined,
      instances: [{ ...outs.instances[0], systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 300 } }],
    };
    expect((await hai.check(grownByHand, inputs({ systemDisk: { diskSize: 250 } }))).failures).toHaveLength(
      1,
    );
    const replaced = await hai.check(outs, inputs({ bundleType: "3XL", systemDisk: { diskSize: 100 } }));
    expect(replaced.failures).toEqual([]);
    const otherType = await hai.check(
      inputs({ systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 200 } }),
      inputs({ systemDisk: { diskType: "CLOUD_HSSD", diskSize: 100 } }),
    );
    expect(otherType.failures).toEqual([]);
  });

  it("replaces on another bundle and names the property (no rename API either)", async () => {
    const { id, outs } = await create({ instanceName: "gpu" });
    expect((await hai.diff(id, outs, inputs({ instanceName: "gpu", bundleType: "3XL" }))).replaces).toEqual([
      "bundleType",
    ]);
    expect((await hai.diff(id, outs, inputs({ instanceName: "other" }))).replaces).toEqual(["instanceName"]);
    expect((await hai.diff(id, outs, inputs({ instanceName: "gpu" }))).changes).toBe(false);
  });

  it("refresh sees an out-of-band stop, and the next update starts the instance again", async () => {
    const { id, outs } = await create();
    await env.emu.control.modifyInstance(id, { state: "STOPPED_NO_CHARGE" });
    const read = await hai.read(id, outs);
    expect(read.props.instances[0].state).toBe("STOPPED_NO_CHARGE");
    expect(read.props.running).toBe(false);
    const d = await hai.diff(id, read.props, inputs());
    expect(d).toMatchObject({ changes: true, replaces: [] });
    const { outs: fixed } = await hai.update(id, read.props, inputs());
    expect(fixed.instances[0].state).toBe("RUNNING");
  });

  it("refresh sees a disk grown by hand, which makes a smaller argument a check failure", async () => {
    const { id, outs } = await create({ systemDisk: { diskSize: 100 } });
    (env.emu.world.get(id)!.attrs.SystemDisk as { DiskSize: number }).DiskSize = 300;
    const read = await hai.read(id, outs);
    expect(read.props.systemDisk).toEqual({ diskSize: 300 });
    const r = await hai.check(read.props, inputs({ systemDisk: { diskSize: 100 } }));
    expect(r.failures![0].property).toBe("systemDisk.diskSize");
  });

  it("refresh keeps the resource as it is when nothing drifted", async () => {
    const { id, outs } = await create({ systemDisk: { diskSize: 100 } });
    const read = await hai.read(id, outs);
    expect(read.id).toBe(id);
    expect((await hai.diff(id, read.props, inputs({ systemDisk: { diskSize: 100 } }))).changes).toBe(false);
  });

  it("refresh drops instances that are gone, and an empty id when all are gone", async () => {
    const { id, outs } = await create({ instanceCount: 2 });
    const [a, b] = id.split(",");
    await env.emu.control.removeInstance(a);
    const read = await hai.read(id, outs);
    expect(read.id).toBe(b);
    expect(read.props.instanceIds).toEqual([b]);
    await env.emu.control.modifyInstance(b, { state: "TERMINATED" });
    expect((await hai.read(read.id!, read.props)).id).toBe("");
  });

  it("deletes: terminates and waits until TERMINATED or gone; not found is success", async () => {
    const { id, outs } = await create({ instanceCount: 2 });
    await hai.delete(id, outs);
    expect((await states()).every((s) => s === "TERMINATED")).toBe(true);
    expect(
      env.logs.some((l) =>
        /^deleting HaiInstance gpu: waiting for 2 instance\(s\) to terminate: 2 TERMINATING/.test(l),
      ),
    ).toBe(true);
    await env.emu.control.advanceClock(5000);
    expect(await env.emu.control.instances("hai")).toEqual([]);
    await hai.delete(id, outs);
    expect(await env.emu.control.callCount("hai", "TerminateInstances")).toBe(1);
  });

  it("deletes a stopped instance, and prepaid and postpaid ones in separate calls", async () => {
    const { id, outs } = await create({ instanceCount: 2, running: false });
    const [a] = id.split(",");
    env.emu.world.get(a)!.attrs.ChargeType = "PREPAID_BY_MONTH";
    await hai.delete(id, outs);
    expect((await states()).every((s) => s === "TERMINATED")).toBe(true);
    const calls = (await logOf("TerminateInstances")).filter((e) => !e.error);
    expect(calls.map((e) => (e.params as { InstanceIds: string[] }).InstanceIds.length).sort()).toEqual([
      1, 1,
    ]);
  });

  it("a LAUNCH_FAILED instance gives an init failure that records it; the next update converges", async () => {
    await env.emu.control.instanceFaults({ launchFailures: { hai: 1 } });
    const news = inputs({ instanceCount: 2 });
    const err = await hai.create(news).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InitFailedError);
    const f = err as InitFailedError;
    expect(f.message).toMatch(/^creating HaiInstance gpu: hai-[a-z0-9]+ LAUNCH_FAILED/);
    expect(f.id.split(",")).toHaveLength(2);
    expect(f.properties).toMatchObject({ __identity: "proj/dev/gpu", instanceIds: f.id.split(",") });
    const { outs } = await hai.update(f.id, f.properties, news);
    expect(outs.instanceIds).toHaveLength(2);
    expect(outs.instances.every((i: Instance) => i.state === "RUNNING")).toBe(true);
    const live = await env.emu.control.instances("hai");
    expect(live.filter((i) => i.state === "RUNNING")).toHaveLength(2);
    expect(live.filter((i) => i.state === "LAUNCH_FAILED")).toHaveLength(0);
    expect(env.logs.some((l) => l.includes("terminating 1 instance(s) that failed to launch"))).toBe(true);
  });

  it("an instance stuck in PENDING past the timeout gives an init failure, not an orphan", async () => {
    await env.emu.control.instanceFaults({ stuckPending: { hai: 1 } });
    const err = await hai.create(inputs({ timeouts: { create: "2m" } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InitFailedError);
    expect((err as InitFailedError).reasons[0]).toMatch(/timed out: 1 PENDING/);
    expect((err as InitFailedError).id).toMatch(/^hai-/);
  });

  it("a failed stop of a new running: false resource is an init failure that keeps the instances", async () => {
    await failNext(env, "hai", "StopInstance", "FailedOperation", 1);
    const err = await hai.create(inputs({ running: false })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InitFailedError);
    const f = err as InitFailedError;
    expect(f.message).toMatch(/^creating HaiInstance gpu: StopInstance: FailedOperation/);
    expect(f.properties.running).toBe(true);
    const { outs } = await hai.update(f.id, f.properties, inputs({ running: false }));
    expect(outs.instances[0].state).toBe("STOPPED_NO_CHARGE");
  });

  it("absorbs throttling and internal errors with retries", async () => {
    await failNext(env, "hai", "RunInstances", "RequestLimitExceeded", 2);
    await failNext(env, "hai", "DescribeInstances", "InternalError", 2);
    const { outs } = await create();
    expect(outs.instances[0].state).toBe("RUNNING");
    const calls = await env.emu.control.calls();
    expect(calls["hai.RunInstances"].calls).toBe(3);
  });

  it("fails at once with the cloud's code and RequestId on a parameter error", async () => {
    const err = (await hai
      .create(inputs({ applicationId: "app-nothere" }))
      .catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(
      /^creating HaiInstance gpu \(ClientToken pulumi-[0-9a-f]{40}-0\): RunInstances: InvalidParameterValue.ApplicationIdNotFound: .* \(RequestId [0-9a-f-]+\)$/,
    );
    expect(err).not.toBeInstanceOf(InitFailedError);
    expect(await env.emu.control.callCount("hai", "RunInstances")).toBe(1);
  });

  it("a create repeated after a lost response returns the same instances", async () => {
    await env.emu.control.addFault({ service: "hai", action: "RunInstances", drop: "after", count: 1 });
    const { id } = await create();
    const live = await env.emu.control.instances("hai");
    expect(live.map((i) => i.id)).toEqual([id]);
    expect(await env.emu.control.callCount("hai", "RunInstances")).toBe(2);
    // The same create again (a crash before Pulumi recorded it): same instances, none bought.
    const again = await create();
    expect(again.id).toBe(id);
    expect((await env.emu.control.instances("hai")).length).toBe(1);
  });

  it("uses the user's clientToken as it is", async () => {
    const { id } = await create({ clientToken: "hai-0-109261e6-c992-4d68-8b91-a70fac0da7b4" });
    const [run] = await logOf("RunInstances");
    expect((run.params as { ClientToken: string }).ClientToken).toBe(
      "hai-0-109261e6-c992-4d68-8b91-a70fac0da7b4",
    );
    expect((await create({ clientToken: "hai-0-109261e6-c992-4d68-8b91-a70fac0da7b4" })).id).toBe(id);
  });

  it("a create after a destroy buys a new set (the generation moves on)", async () => {
    const first = await create();
    await hai.delete(first.id, first.outs);
    const second = await create();
    expect(second.id).not.toBe(first.id);
    expect(second.outs.launchGeneration).toBe(1);
    expect(second.outs.instances[0].state).toBe("RUNNING");
    await env.emu.control.advanceClock(5000);
    expect((await env.emu.control.instances("hai")).map((i) => i.id)).toEqual([second.id]);
    // Once the terminated set is gone from DescribeInstances too.
    await hai.delete(second.id, second.outs);
    await env.emu.control.advanceClock(5000);
    const third = await create();
    expect(third.outs.launchGeneration).toBe(2);
  });

  it("different resources with the same arguments get different instances", async () => {
    const a = await create({ __identity: "p/s/a" });
    const b = await create({ __identity: "p/s/b" });
    expect(a.id).not.toBe(b.id);
    expect(a.outs.launchToken).not.toBe(b.outs.launchToken);
  });
});

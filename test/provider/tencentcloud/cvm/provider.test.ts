import { makeCvmProvider, diffCvm } from "../../../../provider/tencentcloud/cvm/provider";
import { InitFailedError } from "../../../../provider/core/errors";
import { failNext, useTestEnv } from "../../../support/env";
import { webCvm } from "../support";
import type { Instance } from "pulumi-runinstances/emulator";

const env = useTestEnv();
let cvm: ReturnType<typeof makeCvmProvider>;

beforeEach(() => {
  cvm = makeCvmProvider(env.rt);
});

const inputs = (extra: Record<string, unknown> = {}) => webCvm({ instanceType: "S5.MEDIUM4", ...extra });

async function create(extra: Record<string, unknown> = {}) {
  const news = inputs(extra);
  const checked = await cvm.check({}, news);
  expect(checked.failures).toEqual([]);
  return cvm.create(checked.inputs);
}

describe("CvmInstance against the emulator through the real SDK", () => {
  it("creates one instance and returns when it is RUNNING", async () => {
    const { id, outs } = await create({ instanceName: "web" });
    expect(id).toMatch(/^ins-[a-z0-9]{8}$/);
    expect(outs.instanceIds).toEqual([id]);
    expect(outs.instances[0]).toMatchObject({
      instanceId: id,
      instanceName: "web",
      state: "RUNNING",
      zone: "ap-guangzhou-3",
    });
    expect(outs.instances[0].privateIpAddresses).toHaveLength(1);
    expect(env.logs.some((l) => /waiting for 1 instance\(s\): 1 PENDING/.test(l))).toBe(true);
    expect(outs.region).toBe("ap-guangzhou");
  });

  it("creates three instances with {R:x} names, all RUNNING", async () => {
    const { id, outs } = await create({ instanceCount: 3, instanceName: "web-{R:1}" });
    expect(id.split(",")).toHaveLength(3);
    expect(outs.instances.map((i: { state: string }) => i.state)).toEqual(["RUNNING", "RUNNING", "RUNNING"]);
    expect(outs.instances.map((i: { instanceName: string }) => i.instanceName).sort()).toEqual([
      "web-1",
      "web-2",
      "web-3",
    ]);
  });

  it("polls all waiting instances of all resources together", async () => {
    const before = await env.emu.control.callCount("cvm", "DescribeInstances");
    await Promise.all([
      create({ __identity: "p/s/a" }),
      create({ __identity: "p/s/b" }),
      create({ __identity: "p/s/c" }),
    ]);
    const describes = (await env.emu.control.callCount("cvm", "DescribeInstances")) - before;
    // Three resources, one describe per round (not three).
    expect(describes).toBeLessThanOrEqual(6);
  });

  it("turns a cloud refusal at preflight into a check failure, with no instance bought", async () => {
    process.env.RUNINSTANCES_PREFLIGHT = "true";
    try {
      await env.emu.control.instanceFaults({ outOfStock: ["S5.MEDIUM4"] });
      const r = await cvm.check({}, inputs());
      expect(r.failures).toEqual([
        expect.objectContaining({
          property: "instanceType",
          reason: expect.stringContaining("ResourceInsufficient.SpecifiedInstanceType"),
        }),
      ]);
      const r2 = await cvm.check({}, inputs({ imageId: "img-00000000" }));
      expect(r2.failures![0]).toMatchObject({
        property: "imageId",
        reason: expect.stringContaining("InvalidImageId.NotFound"),
      });
      expect(await env.emu.control.instances("cvm")).toEqual([]);
    } finally {
      delete process.env.RUNINSTANCES_PREFLIGHT;
    }
  });

  it("makes no cloud call when check refuses the input", async () => {
    const r = await cvm.check({}, inputs({ instanceName: "x".repeat(61) }));
    expect(r.failures![0].property).toBe("instanceName");
    expect(await env.emu.control.totalCalls()).toBe(0);
  });

  it("renames, changes security groups and tags in place", async () => {
    const { id, outs } = await create({ instanceCount: 2, instanceName: "web" });
    const news = inputs({
      instanceCount: 2,
      instanceName: "api",
      securityGroupIds: ["sg-web00001"],
      tagSpecification: [{ resourceType: "instance", tags: [{ key: "team", value: "core" }] }],
    });
    const d = await cvm.diff(id, outs, news);
    expect(d).toMatchObject({ changes: true, replaces: [] });
    const { outs: updated } = await cvm.update(id, outs, news);
    expect(updated.instances.map((i: { instanceName: string }) => i.instanceName).sort()).toEqual([
      "api1",
      "api2",
    ]);
    const live = await env.emu.control.instances("cvm");
    for (const inst of live) {
      expect(inst.attrs.SecurityGroupIds).toEqual(["sg-web00001"]);
      expect(inst.tags).toEqual({ team: "core", "pulumi:owner": "proj/dev/web" });
    }
    expect(await env.emu.control.callCount("cvm", "ModifyInstancesAttribute")).toBe(3);
    expect(await env.emu.control.callCount("tag", "ModifyResourceTags")).toBe(2);
  });

  it("scales out with RunInstances for the difference and in by terminating the newest", async () => {
    const { id, outs } = await create({ instanceCount: 1, instanceName: "web" });
    const { outs: three } = await cvm.update(id, outs, inputs({ instanceCount: 3, instanceName: "web" }));
    expect(three.instanceIds).toHaveLength(3);
    expect(three.instanceIds[0]).toBe(id);
    expect(three.instances.every((i: { state: string }) => i.state === "RUNNING")).toBe(true);
    const { outs: two } = await cvm.update(
      three.instanceIds.join(","),
      three,
      inputs({ instanceCount: 2, instanceName: "web" }),
    );
    expect(two.instanceIds).toEqual(three.instanceIds.slice(0, 2));
    expect((await env.emu.control.instances("cvm")).map((i) => i.id).sort()).toEqual(
      [...two.instanceIds].sort(),
    );
  });

  it("replaces on a zone change and names the property", () => {
    const d = diffCvm(
      { ...inputs(), region: "ap-guangzhou", instanceIds: ["ins-1"] },
      inputs({ placement: { zone: "ap-guangzhou-4" } }),
    );
    expect(d.replaces).toEqual(["placement"]);
    const same = diffCvm(
      { ...inputs(), region: "ap-guangzhou", instanceChargeType: "POSTPAID_BY_HOUR", instanceCount: 1 },
      inputs(),
    );
    expect(same.changes).toBe(false);
  });

  it("refresh sees an out-of-band rename, and the next update puts it right", async () => {
    const { id, outs } = await create({ instanceName: "web" });
    await env.emu.control.modifyInstance(id, { name: "renamed-by-hand" });
    const read = await cvm.read(id, outs);
    expect(read.props.instances[0].instanceName).toBe("renamed-by-hand");
    expect(read.props.instanceName).toBe("renamed-by-hand");
    const d = await cvm.diff(id, read.props, inputs({ instanceName: "web" }));
    expect(d.changes).toBe(true);
    const { outs: fixed } = await cvm.update(id, read.props, inputs({ instanceName: "web" }));
    expect(fixed.instances[0].instanceName).toBe("web");
  });

  it("refresh drops instances that are gone, and an empty id when all are gone", async () => {
    const { id, outs } = await create({ instanceCount: 2 });
    const [a, b] = id.split(",");
    await env.emu.control.removeInstance(a);
    const read = await cvm.read(id, outs);
    expect(read.id).toBe(b);
    await env.emu.control.removeInstance(b);
    expect((await cvm.read(read.id!, read.props)).id).toBe("");
  });

  it("deletes: terminates and waits until gone; not found is success", async () => {
    const { id, outs } = await create({ instanceCount: 2 });
    await cvm.delete(id, outs);
    expect(await env.emu.control.instances("cvm")).toEqual([]);
    await cvm.delete(id, outs);
  });

  it("prepaid instances stay in the recycle bin unless releasePrepaid", async () => {
    const prepaid = { instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 1 } };
    const kept = await create(prepaid);
    await cvm.delete(kept.id, kept.outs);
    expect((await env.emu.control.instances("cvm")).map((i) => i.state)).toEqual(["SHUTDOWN"]);
    expect(env.logs.some((l) => l.includes("recycle bin, not released"))).toBe(true);
    await env.emu.control.reset();
    const released = await create({ ...prepaid, releasePrepaid: true, __identity: "p/s/released" });
    await cvm.delete(released.id, released.outs);
    expect(await env.emu.control.instances("cvm")).toEqual([]);
  });

  it("a LAUNCH_FAILED instance gives an init failure that records it; the next update converges", async () => {
    await env.emu.control.instanceFaults({ launchFailures: { cvm: 1 } });
    const news = inputs({ instanceCount: 2, instanceName: "web" });
    const err = await cvm.create(news).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InitFailedError);
    const f = err as InitFailedError;
    expect(f.message).toMatch(/LAUNCH_FAILED/);
    expect(f.id.split(",")).toHaveLength(2);
    expect(f.properties).toMatchObject({ __identity: "proj/dev/web", instanceIds: f.id.split(",") });
    const { outs } = await cvm.update(f.id, f.properties, news);
    expect(outs.instanceIds).toHaveLength(2);
    expect(outs.instances.every((i: { state: string }) => i.state === "RUNNING")).toBe(true);
    const live = await env.emu.control.instances("cvm");
    expect(live.filter((i) => i.state === "RUNNING")).toHaveLength(2);
    expect(live.filter((i) => i.state === "LAUNCH_FAILED")).toHaveLength(0);
  });

  it("an instance stuck in PENDING past the timeout gives an init failure, not an orphan", async () => {
    await env.emu.control.instanceFaults({ stuckPending: { cvm: 1 } });
    const err = await cvm.create(inputs({ timeouts: { create: "2m" } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InitFailedError);
    expect((err as InitFailedError).reasons[0]).toMatch(/timed out: 1 PENDING/);
  });

  it("absorbs throttling and internal errors with retries", async () => {
    await failNext(env, "cvm", "RunInstances", "RequestLimitExceeded", 2);
    await failNext(env, "cvm", "DescribeInstances", "InternalError", 2);
    const { outs } = await create();
    expect(outs.instances[0].state).toBe("RUNNING");
    const calls = await env.emu.control.calls();
    expect(calls["cvm.RunInstances"].calls).toBe(3);
  });

  it("fails at once with the cloud's code and RequestId on a parameter error", async () => {
    const err = (await cvm.create(inputs({ imageId: "img-00000000" })).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(
      /^creating CvmInstance web \(ClientToken pulumi-[0-9a-f]{40}-0\): RunInstances: InvalidImageId.NotFound: .* \(RequestId [0-9a-f-]+\)$/,
    );
    expect(await env.emu.control.callCount("cvm", "RunInstances")).toBe(1);
  });

  it("a create repeated after a lost response returns the same instances", async () => {
    await env.emu.control.addFault({ service: "cvm", action: "RunInstances", drop: "after", count: 1 });
    const { id } = await create();
    const live = await env.emu.control.instances("cvm");
    expect(live.map((i) => i.id)).toEqual([id]);
    expect(await env.emu.control.callCount("cvm", "RunInstances")).toBe(2);
    // The same create again (a crash before Pulumi recorded it): same instances, none bought.
    const again = await create();
    expect(again.id).toBe(id);
    expect((await env.emu.control.instances("cvm")).length).toBe(1);
  });

  it("a create after a destroy buys a new set (the generation moves on)", async () => {
    const first = await create();
    await cvm.delete(first.id, first.outs);
    const second = await create();
    expect(second.id).not.toBe(first.id);
    expect(second.outs.launchGeneration).toBe(1);
    expect((await env.emu.control.instances("cvm")).map((i) => i.id)).toEqual([second.id]);
  });

  it("never sends or logs the password in the clear to the emulator log", async () => {
    await create({ loginSettings: { password: "Qcloud@TestApi123++" } });
    const log = JSON.stringify(await env.emu.control.log());
    expect(log).not.toContain("Qcloud@TestApi123++");
    expect(env.logs.join("\n")).not.toContain("Qcloud@TestApi123++");
  });
});

describe("CvmInstance diff: replacements that would meet the same ClientToken delete first", () => {
  const olds = { ...inputs(), region: "ap-guangzhou", instanceIds: ["ins-1"] };
  const zone = { placement: { zone: "ap-guangzhou-4" } };
  it("a new password alone is no replacement: it is changed in place", () => {
    const d = diffCvm(
      { ...olds, loginSettings: { password: "Old@Passw0rd" } },
      inputs({ loginSettings: { password: "New@Passw0rd" } }),
    );
    expect(d).toMatchObject({ replaces: [], updates: ["loginSettings"], deleteBeforeReplace: false });
  });
  it("the user's own clientToken, unchanged", () => {
    const d = diffCvm({ ...olds, clientToken: "mine" }, inputs({ clientToken: "mine", ...zone }));
    expect(d).toMatchObject({ replaces: ["placement"], deleteBeforeReplace: true });
  });
  it("otherwise the new instances come first", () => {
    const d = diffCvm(olds, inputs(zone));
    expect(d).toMatchObject({ replaces: ["placement"], deleteBeforeReplace: false });
  });
});

describe("CvmInstance: a new password alone, as the engine runs it (delete first, then create)", () => {
  it("buys a new set instead of getting the deleted one back", async () => {
    const first = await create({ loginSettings: { password: "Old@Passw0rd" } });
    await cvm.delete(first.id, first.outs);
    const second = await create({ loginSettings: { password: "New@Passw0rd" } });
    expect(second.id).not.toBe(first.id);
    expect((await env.emu.control.instances("cvm")).map((i) => i.id)).toEqual([second.id]);
  });
});

// ---- in place -----------------------------------------------------------------------------------
// Every argument CvmInstance changes in place: the diff updates (no replacement), and the update
// through the real SDK shows the new value in the emulated cloud with the same instance ids.
// Actions that need a stopped instance stop it (a progress line says so) and start it again.
beforeEach(() => {
  env.logs.length = 0;
});

type Args = Record<string, unknown>;
const base = (extra: Args = {}): Args => ({
  __identity: "proj/dev/web",
  placement: { zone: "ap-guangzhou-3", projectId: 0 },
  imageId: "img-pmqg1cw7",
  instanceType: "S5.MEDIUM4",
  systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 50 },
  dataDisks: [{ diskType: "CLOUD_PREMIUM", diskSize: 100 }],
  internetAccessible: { internetChargeType: "TRAFFIC_POSTPAID_BY_HOUR", internetMaxBandwidthOut: 5 },
  loginSettings: { password: "Old@Passw0rd" },
  securityGroupIds: ["sg-web00001", "sg-db000001"],
  ...extra,
});

async function created(extra: Args = {}) {
  const checked = await cvm.check({}, base(extra));
  expect(checked.failures).toEqual([]);
  const r = await cvm.create(checked.inputs);
  return { id: r.id, outs: r.outs as Args, inputs: checked.inputs as Args };
}

const live = async (id: string): Promise<Instance> =>
  (await env.emu.control.instances("cvm")).find((i) => i.id === id)!;

/** A change in place: the diff updates `key`, check passes, the update keeps the ids. */
async function changeInPlace(key: string | string[], from: Args, to: Args) {
  const { id, outs, inputs } = await created(from);
  const news = base({ ...from, ...to });
  const d = diffCvm(outs, news);
  expect(d).toMatchObject({ changes: true, replaces: [] });
  expect([...d.updates].sort()).toEqual([key].flat().sort());
  const checked = await cvm.check(inputs, news);
  expect(checked.failures).toEqual([]);
  const { outs: updated } = await cvm.update(id, outs, checked.inputs);
  expect(updated.instanceIds).toEqual([id]);
  const inst = await live(id);
  expect(inst.state).toBe("RUNNING");
  return { inst, updated: updated as Args };
}

const stoppedAndStarted = () =>
  expect(env.logs.some((l) => /stopping ins-\w+ to change .*\(started again after\)/.test(l))).toBe(true);

describe("CvmInstance changes in place, through the real SDK", () => {
  it("instanceType: ResetInstancesType, on the stopped instance", async () => {
    const { inst, updated } = await changeInPlace("instanceType", {}, { instanceType: "S5.LARGE8" });
    expect(inst.attrs).toMatchObject({ InstanceType: "S5.LARGE8", CPU: 4, Memory: 8 });
    expect((updated.instances as Array<{ instanceType: string }>)[0].instanceType).toBe("S5.LARGE8");
    stoppedAndStarted();
  });

  it("loginSettings.password: ResetInstancesPassword, on the stopped instance", async () => {
    const { inst } = await changeInPlace(
      "loginSettings",
      {},
      { loginSettings: { password: "New@Passw0rd" } },
    );
    expect(inst.attrs.Password).toBe("New@Passw0rd");
    expect(inst.latestOperation?.name).toBe("StartInstances");
    stoppedAndStarted();
  });

  it("loginSettings.keyIds: Disassociate and AssociateInstancesKeyPairs", async () => {
    const from = { loginSettings: { keyIds: ["skey-aaaa0001", "skey-aaaa0002"] } };
    const { inst } = await changeInPlace("loginSettings", from, {
      loginSettings: { keyIds: ["skey-aaaa0002", "skey-aaaa0003"] },
    });
    expect([...(inst.attrs.KeyIds as string[])].sort()).toEqual(["skey-aaaa0002", "skey-aaaa0003"]);
    stoppedAndStarted();
  });

  it("imageId: ResetInstance, a reinstall with the login settings", async () => {
    const { inst } = await changeInPlace("imageId", {}, { imageId: "img-dkwyg6sr" });
    expect(inst.attrs).toMatchObject({ ImageId: "img-dkwyg6sr", Password: "Old@Passw0rd" });
    expect(env.logs.some((l) => /reinstalling .* \(the system disk is wiped\)/.test(l))).toBe(true);
  });

  it("systemDisk.diskSize (larger): ResizeInstanceDisks online", async () => {
    const { inst } = await changeInPlace(
      "systemDisk",
      {},
      { systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 80 } },
    );
    expect(inst.attrs.SystemDisk).toMatchObject({ DiskSize: 80 });
    expect(inst.latestOperation?.name).toBe("ResizeInstanceDisks");
  });

  it("dataDisks[i].diskSize (larger): CBS ResizeDisk, waited for until not EXPANDING", async () => {
    const { inst } = await changeInPlace(
      "dataDisks",
      {},
      { dataDisks: [{ diskType: "CLOUD_PREMIUM", diskSize: 200 }] },
    );
    expect((inst.attrs.DataDisks as Array<{ DiskSize: number }>)[0].DiskSize).toBe(200);
    expect(await env.emu.control.callCount("cbs", "ResizeDisk")).toBe(1);
  });

  it("internetAccessible.internetMaxBandwidthOut: ResetInstancesInternetMaxBandwidth", async () => {
    const { inst } = await changeInPlace(
      "internetAccessible",
      {},
      {
        internetAccessible: { internetChargeType: "TRAFFIC_POSTPAID_BY_HOUR", internetMaxBandwidthOut: 20 },
      },
    );
    expect(inst.attrs.InternetAccessible).toMatchObject({ InternetMaxBandwidthOut: 20 });
  });

  it("placement.projectId: ModifyInstancesProject", async () => {
    const { inst } = await changeInPlace(
      "placement",
      {},
      { placement: { zone: "ap-guangzhou-3", projectId: 1002 } },
    );
    expect(inst.attrs.Placement).toMatchObject({ ProjectId: 1002 });
  });

  it("instanceChargePrepaid.renewFlag: ModifyInstancesRenewFlag", async () => {
    const prepaid = { instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 1 } };
    const { inst } = await changeInPlace("instanceChargePrepaid", prepaid, {
      instanceChargePrepaid: { period: 1, renewFlag: "NOTIFY_AND_AUTO_RENEW" },
    });
    expect(inst.attrs.RenewFlag).toBe("NOTIFY_AND_AUTO_RENEW");
  });

  it("disableApiTermination: ModifyInstancesAttribute", async () => {
    const { inst } = await changeInPlace("disableApiTermination", {}, { disableApiTermination: true });
    expect(inst.attrs.DisableApiTermination).toBe(true);
  });

  it("userData: ModifyInstancesAttribute", async () => {
    const { inst } = await changeInPlace("userData", { userData: "ZWNobyBh" }, { userData: "ZWNobyBi" });
    expect(inst.attrs.UserData).toBe("ZWNobyBi");
  });

  it("securityGroupIds: a new order is a change (the order is the priority)", async () => {
    const { inst } = await changeInPlace(
      "securityGroupIds",
      {},
      { securityGroupIds: ["sg-db000001", "sg-web00001"] },
    );
    expect(inst.attrs.SecurityGroupIds).toEqual(["sg-db000001", "sg-web00001"]);
  });

  it("several at once: one stop for all that need it, one start", async () => {
    const { inst } = await changeInPlace(
      ["instanceType", "loginSettings", "placement"],
      {},
      {
        instanceType: "S5.LARGE8",
        loginSettings: { password: "New@Passw0rd" },
        placement: { zone: "ap-guangzhou-3", projectId: 7 },
      },
    );
    expect(inst.attrs).toMatchObject({ InstanceType: "S5.LARGE8", Password: "New@Passw0rd" });
    expect(inst.attrs.Placement).toMatchObject({ ProjectId: 7 });
    expect(await env.emu.control.callCount("cvm", "StopInstances")).toBe(1);
  });
});

describe("running and stoppedMode", () => {
  it("running: false stops (STOP_CHARGING), true starts again; the ids stay", async () => {
    const { id, outs, inputs } = await created();
    const off = base({ running: false, stoppedMode: "STOP_CHARGING" });
    expect(diffCvm(outs, off)).toMatchObject({ replaces: [], updates: ["running", "stoppedMode"] });
    const stopped = await cvm.update(id, outs, (await cvm.check(inputs, off)).inputs);
    expect(stopped.outs.instanceIds).toEqual([id]);
    expect((stopped.outs.instances as Array<{ state: string }>)[0].state).toBe("STOPPED");
    expect((await live(id)).attrs.StopChargingMode).toBe("STOP_CHARGING");
    const on = base({ running: true });
    const started = await cvm.update(id, stopped.outs as Args, (await cvm.check(off, on)).inputs);
    expect((started.outs.instances as Array<{ state: string }>)[0].state).toBe("RUNNING");
    expect((await live(id)).state).toBe("RUNNING");
  });

  it("created with running: false; a change that needs a stop leaves it stopped", async () => {
    const { id, outs, inputs } = await created({ running: false });
    expect((await live(id)).state).toBe("STOPPED");
    expect((outs.instances as Array<{ state: string }>)[0].state).toBe("STOPPED");
    const news = base({ running: false, loginSettings: { password: "New@Passw0rd" } });
    await cvm.update(id, outs, (await cvm.check(inputs, news)).inputs);
    const inst = await live(id);
    expect(inst.state).toBe("STOPPED");
    expect(inst.attrs.Password).toBe("New@Passw0rd");
    expect(await env.emu.control.callCount("cvm", "StartInstances")).toBe(0);
  });
});

describe("running: false with STOP_CHARGING and a new type of the same family", () => {
  it("stops while charging for ResetInstancesType, then stops again without charging", async () => {
    const off = { running: false, stoppedMode: "STOP_CHARGING" };
    const { id, outs, inputs } = await created(off);
    expect((await live(id)).attrs.StopChargingMode).toBe("STOP_CHARGING");
    const news = base({ ...off, instanceType: "S5.LARGE8" });
    await cvm.update(id, outs, (await cvm.check(inputs, news)).inputs);
    const inst = await live(id);
    expect([inst.state, inst.attrs.InstanceType, inst.attrs.StopChargingMode]).toEqual([
      "STOPPED",
      "S5.LARGE8",
      "STOP_CHARGING",
    ]);
  });
});

describe("refused at check, with the document's reason", () => {
  const refused = async (from: Args, to: Args) =>
    (await cvm.check(base(from), base({ ...from, ...to }))).failures;
  it("a smaller system disk", async () => {
    expect(await refused({}, { systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 40 } })).toEqual([
      expect.objectContaining({
        property: "systemDisk.diskSize",
        reason: expect.stringMatching(/only grows.*ResizeInstanceDisks/),
      }),
    ]);
  });
  it("a smaller data disk", async () => {
    expect(await refused({}, { dataDisks: [{ diskType: "CLOUD_PREMIUM", diskSize: 50 }] })).toEqual([
      expect.objectContaining({
        property: "dataDisks[0].diskSize",
        reason: expect.stringMatching(/CBS ResizeDisk/),
      }),
    ]);
  });
  it("a new instance type on a local system disk", async () => {
    const local = { systemDisk: { diskType: "LOCAL_BASIC", diskSize: 50 }, dataDisks: [] };
    expect(await refused(local, { instanceType: "S5.LARGE8" })).toEqual([
      expect.objectContaining({ property: "instanceType", reason: expect.stringMatching(/SystemDiskType/) }),
    ]);
  });
  it("lower prepaid bandwidth", async () => {
    const prepaid = {
      instanceChargeType: "PREPAID",
      instanceChargePrepaid: { period: 1 },
      internetAccessible: { internetChargeType: "BANDWIDTH_PREPAID", internetMaxBandwidthOut: 10 },
    };
    expect(
      await refused(prepaid, {
        internetAccessible: { internetChargeType: "BANDWIDTH_PREPAID", internetMaxBandwidthOut: 5 },
      }),
    ).toEqual([expect.objectContaining({ property: "internetAccessible.internetMaxBandwidthOut" })]);
  });
  it("STOP_CHARGING on a prepaid instance", async () => {
    const failures = await refused(
      {},
      { instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 1 }, stoppedMode: "STOP_CHARGING" },
    );
    expect(failures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          property: "stoppedMode",
          reason: expect.stringMatching(/StoppedModeStopCharging/),
        }),
      ]),
    );
  });
  it("a replacement anyway is not refused (a new zone with a smaller disk)", async () => {
    expect(
      await refused(
        {},
        { placement: { zone: "ap-guangzhou-4" }, systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 40 } },
      ),
    ).toEqual([]);
  });
});

describe("what still replaces", () => {
  const d = (to: Args) => diffCvm({ ...base(), region: "ap-guangzhou" }, base(to));
  it.each([
    [
      "adding a data disk",
      {
        dataDisks: [
          { diskType: "CLOUD_PREMIUM", diskSize: 100 },
          { diskType: "CLOUD_PREMIUM", diskSize: 10 },
        ],
      },
      "dataDisks",
    ],
    ["removing the data disk", { dataDisks: [] }, "dataDisks"],
    ["a data disk's type", { dataDisks: [{ diskType: "CLOUD_SSD", diskSize: 100 }] }, "dataDisks"],
    ["the system disk's type", { systemDisk: { diskType: "CLOUD_SSD", diskSize: 50 } }, "systemDisk"],
    ["the zone", { placement: { zone: "ap-guangzhou-4", projectId: 0 } }, "placement"],
    ["keepImageLogin", { loginSettings: { keepImageLogin: "TRUE" } }, "loginSettings"],
  ])("%s", (_name, to, key) => {
    expect(d(to as Args)).toMatchObject({ replaces: [key] });
  });
});

describe("replaceOnChanges (the hidden __replaceOnChanges)", () => {
  const olds = { ...base(), region: "ap-guangzhou" };
  it("imageId named: a new image replaces; other changes stay in place", () => {
    const roc = { __replaceOnChanges: ["imageId"] };
    expect(diffCvm(olds, base({ ...roc, imageId: "img-dkwyg6sr" }))).toMatchObject({
      replaces: ["imageId"],
      updates: [],
    });
    expect(diffCvm(olds, base({ ...roc, instanceType: "S5.LARGE8" }))).toMatchObject({
      replaces: [],
      updates: ["instanceType"],
    });
  });
  it("a nested path replaces only when that part changes", () => {
    const roc = { __replaceOnChanges: ["loginSettings.password"] };
    expect(diffCvm(olds, base({ ...roc, loginSettings: { password: "New@Passw0rd" } }))).toMatchObject({
      replaces: ["loginSettings"],
    });
    expect(diffCvm(olds, base({ ...roc, instanceType: "S5.LARGE8" }))).toMatchObject({ replaces: [] });
  });
  it("is no change itself", () => {
    expect(diffCvm(olds, base({ __replaceOnChanges: ["*"] }))).toMatchObject({ changes: false });
  });
});

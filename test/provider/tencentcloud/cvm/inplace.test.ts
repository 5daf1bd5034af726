/**
 * Every argument CvmInstance changes in place: the diff updates (no replacement), and the update
 * through the real SDK shows the new value in the emulated cloud with the same instance ids.
 * Actions that need a stopped instance stop it (a progress line says so) and start it again.
 */
import { diffCvm, makeCvmProvider } from "../../../../provider/tencentcloud/cvm/provider";
import type { Instance } from "pulumi-runinstances/emulator";
import { testEnv, TestEnv } from "../../../support/env";

let env: TestEnv;
let cvm: ReturnType<typeof makeCvmProvider>;

beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());
beforeEach(async () => {
  await env.emu.control.reset();
  await env.emu.control.settings({ bootMs: 5000, terminateMs: 2000, transitionMs: 1000 });
  env.logs.length = 0;
  cvm = makeCvmProvider(env.rt);
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

/**
 * EcmInstance's in-place changes against the emulator through the real SDK: each changed argument
 * shows its new value in the cloud (DescribeInstances, or the emulator's record of a password),
 * the instance ids stay the same, and no RunInstances or TerminateInstances is made.
 */
import { createHash } from "node:crypto";
import { makeEcmProvider } from "../../../../provider/tencentcloud/ecm/provider";
import { testEnv, TestEnv } from "../../../support/env";

let env: TestEnv;
let ecm: ReturnType<typeof makeEcmProvider>;

beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());
beforeEach(async () => {
  await env.emu.control.reset();
  await env.emu.control.settings({ bootMs: 5000, terminateMs: 2000, transitionMs: 1000 });
  env.logs.length = 0;
  ecm = makeEcmProvider(env.rt);
});

const LINUX = "img-8toqc6s3";
const WINDOWS = "img-9qabwvbn";
const inputs = (extra: Record<string, unknown> = {}) => ({
  __identity: "proj/dev/edge",
  zoneInstanceCountISPSet: [{ zone: "ap-xian-ecm-1", instanceCount: 2, isp: "CMCC" }],
  moduleId: "esm-jz2wm3m2",
  ...extra,
});

async function checked(olds: Record<string, unknown>, news: Record<string, unknown>) {
  const c = await ecm.check(olds, news);
  expect(c.failures).toEqual([]);
  return c.inputs;
}

/** Creates, then updates to `change`: the diff plans no replacement, the ids stay. */
async function changeInPlace(start: Record<string, unknown>, change: Record<string, unknown>) {
  const created = await ecm.create(await checked({}, inputs(start)));
  const news = await checked(created.outs, inputs({ ...start, ...change }));
  const d = await ecm.diff(created.id, created.outs, news);
  expect(d.changes).toBe(true);
  expect(d.replaces).toEqual([]);
  const { outs } = await ecm.update(created.id, created.outs, news);
  expect(outs.instanceIds).toEqual(created.outs.instanceIds);
  expect(await env.emu.control.callCount("ecm", "RunInstances")).toBe(1);
  expect(await env.emu.control.callCount("ecm", "TerminateInstances")).toBe(0);
  return { id: created.id, ids: created.outs.instanceIds as string[], outs };
}

const inst = (id: string) => env.emu.world.get(id)!;
/** Whether the emulator holds `password` as the instance's (a salted SHA-256, never the password). */
function holdsPassword(id: string, password: string): boolean {
  const [, salt, hex] = String(inst(id).attrs.PasswordHash).split(":");
  return createHash("sha256").update(`${salt}${password}`).digest("hex") === hex;
}

describe("EcmInstance in place, through the real SDK", () => {
  it("password: stops the instances, ResetInstancesPassword, starts them again, same ids", async () => {
    const { ids, outs } = await changeInPlace({ password: "Passw0rd1" }, { password: "N3w-Passw0rd" });
    for (const i of ids) expect(holdsPassword(i, "N3w-Passw0rd")).toBe(true);
    expect(outs.instances.map((i: { state: string }) => i.state)).toEqual(["RUNNING", "RUNNING"]);
    const lines = env.logs.join("\n");
    expect(lines).toMatch(/StopInstances on .* \(ResetInstancesPassword needs them STOPPED\)/);
    expect(lines).toMatch(/StartInstances on .* again after ResetInstancesPassword/);
    expect(lines).not.toContain("N3w-Passw0rd");
  });

  it("password with running: false: stays STOPPED", async () => {
    const { ids } = await changeInPlace(
      { password: "Passw0rd1" },
      { password: "N3w-Passw0rd", running: false },
    );
    for (const i of ids) {
      expect(holdsPassword(i, "N3w-Passw0rd")).toBe(true);
      expect(inst(i).state).toBe("STOPPED");
    }
    expect(await env.emu.control.callCount("ecm", "StartInstances")).toBe(0);
  });

  it("bandwidths: ResetInstancesMaxBandwidth, shown by DescribeInstances, instances kept running", async () => {
    const { outs, ids } = await changeInPlace(
      { internetMaxBandwidthOut: 10 },
      { internetMaxBandwidthOut: 25, internetMaxBandwidthIn: 30 },
    );
    for (const i of ids)
      expect(inst(i).attrs).toMatchObject({ InternetMaxBandwidthOut: 25, InternetMaxBandwidthIn: 30 });
    const read = await ecm.read(ids.join(","), outs);
    expect(read.props).toMatchObject({ internetMaxBandwidthOut: 25, internetMaxBandwidthIn: 30 });
    expect(await env.emu.control.callCount("ecm", "StopInstances")).toBe(0);
  });

  it("imageId: ResetInstances, a reinstall with the password, shown by DescribeInstances", async () => {
    const password = "Passw0rd-Long1";
    const { ids, outs } = await changeInPlace({ imageId: LINUX, password }, { imageId: WINDOWS });
    const read = await ecm.read(ids.join(","), outs);
    expect(read.props.imageId).toBe(WINDOWS);
    for (const i of ids) {
      expect(inst(i).attrs.ImageId).toBe(WINDOWS);
      expect(holdsPassword(i, password)).toBe(true);
    }
    expect(env.logs.join("\n")).toMatch(/ResetInstances to img-9qabwvbn .*a reinstall/);
    // The reinstall set the password: no ResetInstancesPassword.
    expect(await env.emu.control.callCount("ecm", "ResetInstancesPassword")).toBe(0);
  });

  it("running: false at create stops the instances; true starts them again; read shows drift", async () => {
    const created = await ecm.create(await checked({}, inputs({ running: false })));
    const ids = created.outs.instanceIds as string[];
    expect(created.outs.instances.map((i: { state: string }) => i.state)).toEqual(["STOPPED", "STOPPED"]);
    const started = await ecm.update(
      created.id,
      created.outs,
      await checked(created.outs, inputs({ running: true })),
    );
    expect(started.outs.instanceIds).toEqual(ids);
    for (const i of ids) expect(inst(i).state).toBe("RUNNING");
    // Stopped behind our back: read shows running: false, the next update starts them again.
    env.emu.world.transition(inst(ids[0]), "STOPPED", "STOPPED", 0);
    const read = await ecm.read(created.id, started.outs);
    expect(read.props.running).toBe(false);
    const news = await checked(read.props, inputs({ running: true }));
    expect((await ecm.diff(created.id, read.props, news)).replaces).toEqual([]);
    await ecm.update(created.id, read.props, news);
    expect(inst(ids[0]).state).toBe("RUNNING");
  });

  it("refuses at check a new password ResetInstancesPassword cannot set (17-30 characters)", async () => {
    const created = await ecm.create(await checked({}, inputs({ password: "Passw0rd1" })));
    const c = await ecm.check(created.outs, inputs({ password: "Passw0rd1Passw0rd1" }));
    expect(c.failures).toEqual([
      {
        property: "password",
        reason: expect.stringContaining("ResetInstancesPassword, which takes 8-16 characters"),
      },
    ]);
    // At create RunInstances takes it.
    expect((await ecm.check({}, inputs({ password: "Passw0rd1Passw0rd1" }))).failures).toEqual([]);
  });
});

import { createHash } from "node:crypto";
/**
 * SwasInstance against the emulator, through the real @alicloud/swas-open20200601 SDK, with the
 * emulator's rate limits ON (10 calls a minute per action): the shared limiter waits in emulated
 * time (test/support/env.ts), so the tests stay fast.
 */
import { makeSwasProvider, OUTPUT_KEYS } from "../../../../provider/alicloud/swas/provider";
import { InitFailedError } from "../../../../provider/core/errors";
import type { Runtime } from "../../../../provider/core/context";
import { failNext, ownRuntime, useTestEnv } from "../../../support/env";
import { LINUX, UBUNTU, WINDOWS, SMALL, MEDIUM, ESSD } from "../../../support/swas-catalogue";

const PASSWORD = "Swas@Test123";

type Props = Record<string, unknown>;
interface Server {
  instanceId: string;
  instanceName: string;
  state: string;
  planId: string;
  expiredTime: string;
  publicIpAddresses: string[];
  privateIpAddresses: string[];
}

/** The emulator as it starts: rate limits on. */
const env = useTestEnv({});
let rt: Runtime;
let swas: ReturnType<typeof makeSwasProvider>;

beforeEach(async () => {
  expect((await env.emu.control.settings()).rateLimits).toBe(true);
  // A fresh limiter and poller per test: the emulator's clock and buckets were just reset.
  rt = ownRuntime(env);
  swas = makeSwasProvider(rt);
});

const inputs = (extra: Props = {}): Props => ({
  __identity: "proj/dev/web",
  imageId: LINUX,
  planId: SMALL,
  period: 1,
  ...extra,
});

async function create(extra: Props = {}) {
  const checked = await swas.check({}, inputs(extra));
  expect(checked.failures).toEqual([]);
  return swas.create(checked.inputs);
}

/** check, diff and update as `pulumi up` runs them on an existing resource. */
async function up(id: string, outs: Props, extra: Props) {
  const news = inputs(extra);
  const checked = await swas.check(userInputs(outs), news);
  expect(checked.failures).toEqual([]);
  const d = await swas.diff(id, outs, checked.inputs);
  expect(d.replaces).toEqual([]);
  return swas.update(id, outs, checked.inputs);
}

/** The inputs a state holds beside the outputs. */
function userInputs(outs: Props): Props {
  const copy = { ...outs };
  for (const k of [...OUTPUT_KEYS, "regionId"]) delete copy[k];
  return copy;
}

const servers = (outs: Props) => outs.instances as Server[];
const live = () => env.emu.control.instances("swas");
const totalThrottled = async () =>
  Object.entries(await env.emu.control.calls())
    .filter(([k]) => k.startsWith("swas."))
    .reduce((n, [, c]) => n + c.throttled, 0);

describe("SwasInstance create", () => {
  it("creates one server and returns when it is Running, with the GUIDE's outputs", async () => {
    await env.emu.control.settings({ bootMs: 20_000 });
    const { id, outs } = await create();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(outs.instanceIds).toEqual([id]);
    expect(outs.regionId).toBe("cn-hangzhou");
    const [s] = servers(outs);
    expect(s).toEqual({
      instanceId: id,
      instanceName: id,
      state: "Running",
      privateIpAddresses: [expect.stringMatching(/^10\./)],
      publicIpAddresses: [expect.stringMatching(/^43\./)],
      createdTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      expiredTime: expect.stringMatching(/T16:00:00Z$/),
      businessStatus: "Normal",
      disableReason: "",
      planId: SMALL,
      imageId: LINUX,
    });
    // Every argument echoed, nothing undefined anywhere.
    expect(outs).toMatchObject({ imageId: LINUX, planId: SMALL, period: 1 });
    expect(JSON.stringify(outs)).toBe(JSON.stringify(outs, (_k, v: unknown) => (v === undefined ? null : v)));
    expect(env.logs.some((l) => /waiting for 1 server\(s\): 1 Pending/.test(l))).toBe(true);
    expect(await env.emu.control.callCount("swas", "CreateInstances")).toBe(1);
  });

  it("creates three servers named web-1..3, all Running, with a data disk", async () => {
    const { id, outs } = await create({ amount: 3, instanceName: "web", dataDiskSize: 40 });
    expect(id.split(",")).toHaveLength(3);
    expect(servers(outs).map((s) => [s.instanceName, s.state])).toEqual([
      ["web-1", "Running"],
      ["web-2", "Running"],
      ["web-3", "Running"],
    ]);
    const disks = (await live()).map((i) => (i.attrs.Disks as Array<{ DiskType: string }>).length);
    expect(disks).toEqual([2, 2, 2]);
  });

  it("applies the password after the launch, restarts so it takes effect, and never shows it", async () => {
    const { outs } = await create({ instanceName: "web", password: PASSWORD });
    const [inst] = await live();
    expect(inst.attrs.PasswordHash).toMatch(/^sha256:/);
    expect(servers(outs)[0].state).toBe("Running");
    const calls = await env.emu.control.calls();
    expect(calls["swas.UpdateInstanceAttribute"].calls).toBe(1);
    // The password takes effect after a reboot: one RebootInstances, no stop and start.
    expect(calls["swas.RebootInstances"].calls).toBe(1);
    expect(calls["swas.StopInstances"]).toBeUndefined();
    expect(
      env.logs.some((l) => /RebootInstances on 1 server\(s\) so that the new password takes effect/.test(l)),
    ).toBe(true);
    expect(JSON.stringify(await env.emu.control.log())).not.toContain(PASSWORD);
    expect(env.logs.join("\n")).not.toContain(PASSWORD);
    expect(JSON.stringify(outs.instances)).not.toContain(PASSWORD);
    expect(String(outs.launchToken)).not.toContain(PASSWORD);
  });

  it("creates stopped servers with running: false", async () => {
    const { outs } = await create({ running: false, amount: 2 });
    expect(servers(outs).map((s) => s.state)).toEqual(["Stopped", "Stopped"]);
  });

  it("a create repeated after a lost response returns the same servers; none is bought twice", async () => {
    await env.emu.control.addFault({ service: "swas", action: "CreateInstances", drop: "after", count: 1 });
    const { id } = await create({ amount: 2 });
    expect((await live()).map((i) => i.id).sort()).toEqual(id.split(",").sort());
    expect(await env.emu.control.callCount("swas", "CreateInstances")).toBe(2);
    // The same create again (a crash before Pulumi recorded it): the same servers.
    const again = await create({ amount: 2 });
    expect(again.id).toBe(id);
    expect(await live()).toHaveLength(2);
  });

  it("a create after a delete with the same name and arguments adopts the stopped servers", async () => {
    const first = await create();
    await swas.delete(first.id, first.outs);
    expect((await live()).map((i) => i.state)).toEqual(["Stopped"]);
    const second = await create();
    expect(second.id).toBe(first.id);
    expect(servers(second.outs)[0].state).toBe("Running");
    expect(await live()).toHaveLength(1);
  });

  it("a derived token whose servers no longer exist buys a new generation", async () => {
    const first = await create();
    await env.emu.control.removeInstance(first.id);
    const second = await create();
    expect(second.id).not.toBe(first.id);
    expect(second.outs.launchGeneration).toBe(1);
  });

  it("a user clientToken reused with other parameters fails with the cloud's code and a hint", async () => {
    await create({ clientToken: "my-token" });
    const err = (await create({ clientToken: "my-token", period: 3 }).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/IdempotentParameterMismatch.*RequestId.*change or remove it/);
    expect(await live()).toHaveLength(1);
  });

  it("fails at once with the cloud's code and RequestId on a parameter error; nothing bought", async () => {
    const err = (await create({ imageId: "00000000000000000000000000000000" }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(err).not.toBeInstanceOf(InitFailedError);
    expect(err.message).toMatch(
      /^creating SwasInstance web \(ClientToken pulumi-[0-9a-f]{40}-0\): CreateInstances: InvalidImageId.NotFound: .* \(RequestId [0-9A-F-]+\)$/,
    );
    expect(await env.emu.control.callCount("swas", "CreateInstances")).toBe(1);
  });

  it("absorbs throttling and internal errors with retries", async () => {
    await env.emu.control.addFault({
      service: "swas",
      action: "CreateInstances",
      code: "Throttling.User",
      httpStatus: 400,
      count: 2,
    });
    await failNext(env, "swas", "ListInstanceStatus", "InternalError", 2);
    const { outs } = await create();
    expect(servers(outs)[0].state).toBe("Running");
    expect(await env.emu.control.callCount("swas", "CreateInstances")).toBe(3);
  });

  it("a launch that ends Disabled is an init failure that records the servers", async () => {
    await env.emu.control.instanceFaults({ launchFailures: { swas: 1 } });
    const news = inputs({ amount: 2, instanceName: "web" });
    const err = await swas.create(news).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InitFailedError);
    const f = err as InitFailedError;
    expect(f.message).toMatch(/is Disabled after the launch.*allowReplacement: true/);
    expect(f.id.split(",")).toHaveLength(2);
    expect(f.properties).toMatchObject({
      __identity: "proj/dev/web",
      instanceIds: f.id.split(","),
      amount: 2,
    });

    // The next up without the opt-in explains and buys nothing.
    const refused = (await swas.update(f.id, f.properties, news).catch((e: unknown) => e)) as InitFailedError;
    expect(refused).toBeInstanceOf(InitFailedError);
    expect(refused.message).toMatch(/is Disabled.*cannot start or release.*allowReplacement: true to buy 1/);
    expect(await live()).toHaveLength(2);

    // With allowReplacement: one replacement bought, the Disabled one dropped with a warning.
    const { outs } = await swas.update(f.id, f.properties, { ...news, allowReplacement: true });
    expect(servers(outs).map((s) => [s.instanceName, s.state])).toEqual([
      ["web-1", "Running"],
      ["web-2", "Running"],
    ]);
    const all = await live();
    expect(all).toHaveLength(3);
    expect(all.filter((i) => i.state === "Disabled")).toHaveLength(1);
    expect(env.logs.some((l) => /warning: .*dropping 1 Disabled server/.test(l))).toBe(true);
  });

  it("a server stuck Pending past the timeout is an init failure, not an orphan", async () => {
    await env.emu.control.instanceFaults({ stuckPending: { swas: 1 } });
    const err = await swas.create(inputs({ timeouts: { create: "3m" } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InitFailedError);
    expect((err as InitFailedError).reasons[0]).toMatch(/timed out: 1 Pending/);
    expect((err as InitFailedError).id).toMatch(/^[0-9a-f]{32}$/);
  });

  it("20 resources created at once all converge, no throttling error reaching anyone", async () => {
    const names = Array.from({ length: 20 }, (_, i) => `p/s/web${i}`);
    const results = await Promise.all(
      names.map((n, i) => create({ __identity: n, instanceName: `web${i}` })),
    );
    expect(results.map((r) => servers(r.outs)[0].state)).toEqual(Array(20).fill("Running"));
    expect(await live()).toHaveLength(20);
    const calls = await env.emu.control.calls();
    // One poller for all: a handful of status calls for 20 resources; describes batched.
    expect(calls["swas.ListInstanceStatus"].calls).toBeLessThanOrEqual(10);
    // One more than before the owner marks: each create's TagResources (10 a minute) spreads the describes.
    expect(calls["swas.ListInstances"].calls).toBeLessThanOrEqual(13);
    expect(calls["swas.TagResources"].calls - calls["swas.TagResources"].throttled).toBe(20);
    // The shared limiter keeps each action at 10 calls a minute. The cloud's bucket starts when the
    // first request lands, a little after ours: the odd throttled answer is absorbed by a retry
    // (and never buys twice: the ClientToken), it never reaches the user.
    const throttled = await totalThrottled();
    // At most 5 before the owner marks; TagResources has a bucket of its own (measured: 5 to 6 in
    // all, up to 3 of them on TagResources).
    expect(throttled).toBeLessThanOrEqual(8);
    expect(calls["swas.CreateInstances"].calls - calls["swas.CreateInstances"].throttled).toBe(20);
    expect(
      calls["swas.UpdateInstanceAttribute"].calls - calls["swas.UpdateInstanceAttribute"].throttled,
    ).toBe(20);
    expect(calls["swas.CreateInstances"].failed + calls["swas.UpdateInstanceAttribute"].failed).toBe(0);
  });
});

describe("SwasInstance preflight and check", () => {
  beforeEach(() => {
    process.env.RUNINSTANCES_PREFLIGHT = "true";
  });
  afterEach(() => {
    delete process.env.RUNINSTANCES_PREFLIGHT;
  });

  it.each([
    ["an unknown plan", { planId: "swas.s9.nothing" }, "planId", "InvalidPlanId.NotFound"],
    [
      "an unknown image",
      { imageId: "00000000000000000000000000000000" },
      "imageId",
      "InvalidImageId.NotFound",
    ],
    ["a Windows image on a Linux-only plan", { imageId: WINDOWS }, "planId", "PlatformNotMatch"],
    [
      "a 20 GB data disk on an ESSD plan",
      { planId: ESSD, dataDiskSize: 20 },
      "dataDiskSize",
      "at least 40 GB",
    ],
    [
      "a password starting with / on Windows",
      { imageId: WINDOWS, planId: MEDIUM, password: "/Swas@Test123" },
      "password",
      "Windows",
    ],
  ])("refuses %s, with no server bought", async (_name, extra, property, reason) => {
    const r = await swas.check({}, inputs(extra));
    expect(r.failures).toEqual([
      expect.objectContaining({ property, reason: expect.stringContaining(reason) }),
    ]);
    expect(await env.emu.control.callCount("swas", "CreateInstances")).toBe(0);
  });

  it("passes a good request: 40 GB on ESSD, Windows on a Windows plan", async () => {
    expect((await swas.check({}, inputs({ planId: ESSD, dataDiskSize: 40 }))).failures).toEqual([]);
    expect((await swas.check({}, inputs({ planId: MEDIUM, imageId: WINDOWS }))).failures).toEqual([]);
  });

  it("makes no cloud call when check refuses the input", async () => {
    const r = await swas.check({}, inputs({ period: 2 }));
    expect(r.failures![0].property).toBe("period");
    expect(await env.emu.control.totalCalls()).toBe(0);
  });
});

describe("SwasInstance update", () => {
  it("renames and changes the password in place; the password never shows", async () => {
    const { id, outs } = await create({ amount: 2, instanceName: "web", password: PASSWORD });
    const before = (await live()).map((i) => i.attrs.PasswordHash);
    const next = "Other#Pass456";
    const { outs: updated } = await up(id, outs, { amount: 2, instanceName: "api", password: next });
    expect(servers(updated).map((s) => [s.instanceName, s.state])).toEqual([
      ["api-1", "Running"],
      ["api-2", "Running"],
    ]);
    const after = (await live()).map((i) => i.attrs.PasswordHash);
    expect(after.every((h, i) => h !== before[i])).toBe(true);
    const everything = JSON.stringify(await env.emu.control.log()) + env.logs.join("\n");
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(next);
  });

  it("a rename alone is one UpdateInstanceAttribute per server and no restart", async () => {
    const { id, outs } = await create({ instanceName: "web" });
    const before = await env.emu.control.calls();
    await up(id, outs, { instanceName: "api" });
    const after = await env.emu.control.calls();
    expect(after["swas.UpdateInstanceAttribute"].calls - before["swas.UpdateInstanceAttribute"].calls).toBe(
      1,
    );
    expect(after["swas.StopInstances"]).toBeUndefined();
    expect(after["swas.RebootInstances"]).toBeUndefined();
  });

  it("stops and starts with running", async () => {
    const { id, outs } = await create({ amount: 2 });
    const { outs: stopped } = await up(id, outs, { amount: 2, running: false });
    expect(servers(stopped).map((s) => s.state)).toEqual(["Stopped", "Stopped"]);
    expect((await live()).map((i) => i.state)).toEqual(["Stopped", "Stopped"]);
    const { outs: started } = await up(id, stopped, { amount: 2, running: true });
    expect(servers(started).map((s) => s.state)).toEqual(["Running", "Running"]);
  });

  it("upgrades to a larger plan in place (UpgradeInstance) and keeps it Running", async () => {
    const { id, outs } = await create();
    const { outs: upgraded } = await up(id, outs, { planId: MEDIUM });
    expect(servers(upgraded)[0]).toMatchObject({ planId: MEDIUM, state: "Running" });
    expect((await live())[0].attrs.PlanId).toBe(MEDIUM);
    expect(await env.emu.control.callCount("swas", "UpgradeInstance")).toBe(1);
  });

  it("a plan out of upgrade stock (HTTP 500) fails at once with the cloud's words, not after the deadline", async () => {
    const { id, outs } = await create();
    await env.emu.control.instanceFaults({ outOfStock: [MEDIUM] });
    const err = (await up(id, outs, { planId: MEDIUM }).catch((e: unknown) => e)) as InitFailedError;
    expect(err).toBeInstanceOf(InitFailedError);
    expect(err.message).toMatch(/UpgradeInstance: NotEnoughUpgradeStock: .*RequestId/);
    expect(await env.emu.control.callCount("swas", "UpgradeInstance")).toBe(1);
    expect(err.properties.instanceIds).toEqual([id]);
  });

  it("refuses a smaller plan at preview (ListPlans), and at update if the preview could not tell", async () => {
    const { id, outs } = await create({ planId: MEDIUM });
    const r = await swas.check(userInputs(outs), inputs({ planId: SMALL }));
    expect(r.failures).toEqual([
      {
        property: "planId",
        reason: expect.stringMatching(/UpgradeInstance only moves to a plan at least as large/),
      },
    ]);
    await expect(swas.diff(id, outs, inputs({ planId: SMALL }))).rejects.toThrow("allowReplacement: true");
    const err = (await swas.update(id, outs, inputs({ planId: SMALL })).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/planId: cannot change in place/);
    expect(await env.emu.control.callCount("swas", "UpgradeInstance")).toBe(0);
  });

  it("refuses a data disk change at preview with the reason; never plans a replacement by default", async () => {
    const { id, outs } = await create();
    const news = inputs({ period: 3, dataDiskSize: 20 });
    const r = await swas.check(userInputs(outs), news);
    expect(r.failures!.map((f) => f.property).sort()).toEqual(["dataDiskSize", "period"]);
    for (const f of r.failures!) expect(f.reason).toMatch(/cannot change in place: .*allowReplacement: true/);
    await expect(swas.diff(id, outs, news)).rejects.toThrow("cannot change in place");
    // An update that gets there anyway (the value was unknown at preview) refuses before any call.
    const calls = await env.emu.control.totalCalls();
    await expect(swas.update(id, outs, news)).rejects.toThrow(/dataDiskSize: cannot change in place/);
    expect(await env.emu.control.totalCalls()).toBe(calls);
  });

  it("with allowReplacement, a period change is a replacement: new servers, the old ones stopped", async () => {
    const old = await create();
    const news = inputs({ period: 3, allowReplacement: true });
    expect((await swas.check(userInputs(old.outs), news)).failures).toEqual([]);
    const d = await swas.diff(old.id, old.outs, news);
    expect(d).toMatchObject({ changes: true, replaces: ["period"], deleteBeforeReplace: false });
    // The engine's replace: create the new one, then delete the old one.
    const created = await swas.create(news);
    await swas.delete(old.id, old.outs);
    expect(created.id).not.toBe(old.id);
    const byId = new Map((await live()).map((i) => [i.id, i]));
    expect(byId.get(created.id)).toMatchObject({ state: "Running" });
    expect(byId.get(old.id)).toMatchObject({ state: "Stopped" });
  });

  it("imageId in place: ResetSystem with the password, same servers, the new image listed", async () => {
    const { id, outs } = await create({ amount: 2, password: PASSWORD });
    const hashes = (outs.instanceIds as string[]).map((i) => env.emu.world.get(i)!.attrs.PasswordHash);
    const reboots = await env.emu.control.callCount("swas", "RebootInstances");
    const updates = await env.emu.control.callCount("swas", "UpdateInstanceAttribute");
    const { outs: after } = await up(id, outs, { amount: 2, password: PASSWORD, imageId: UBUNTU });
    expect(after.instanceIds).toEqual(outs.instanceIds);
    for (const [n, i] of (after.instanceIds as string[]).entries()) {
      const a = env.emu.world.get(i)!.attrs;
      expect(a.ImageId).toBe(UBUNTU);
      // The new system's password: set again by ResetSystem (a new salt), the same password.
      const [, salt, hex] = String(a.PasswordHash).split(":");
      expect(a.PasswordHash).not.toBe(hashes[n]);
      expect(
        createHash("sha256")
          .update(salt + PASSWORD)
          .digest("hex"),
      ).toBe(hex);
      expect(env.emu.world.get(i)!.state).toBe("Running");
    }
    expect(await env.emu.control.callCount("swas", "ResetSystem")).toBe(2);
    expect(await env.emu.control.callCount("swas", "CreateInstances")).toBe(1);
    // The password went with the reinstall: no UpdateInstanceAttribute for it, no reboot.
    expect(await env.emu.control.callCount("swas", "RebootInstances")).toBe(reboots);
    expect(await env.emu.control.callCount("swas", "UpdateInstanceAttribute")).toBe(updates);
    expect(env.logs.join("\n")).toMatch(/ResetSystem to c5a5b8d2a1b04a35b5b1f1c9d1e20000 on .*a reinstall/);
    const read = await swas.read(id, after);
    expect(read.props.imageId).toBe(UBUNTU);
  });

  it("imageId in place with running: false: reinstalled, then Stopped", async () => {
    const { id, outs } = await create();
    const { outs: after } = await up(id, outs, { imageId: UBUNTU, running: false });
    expect(after.instanceIds).toEqual(outs.instanceIds);
    const inst = env.emu.world.get(id)!;
    expect(inst.attrs.ImageId).toBe(UBUNTU);
    expect(inst.state).toBe("Stopped");
  });

  it("buys the difference when amount goes up; refuses it going down", async () => {
    const { id, outs } = await create({ instanceName: "web" });
    const { outs: three } = await up(id, outs, { amount: 3, instanceName: "web" });
    expect(three.instanceIds as string[]).toHaveLength(3);
    expect((three.instanceIds as string[])[0]).toBe(id);
    expect(servers(three).map((s) => [s.instanceName, s.state])).toEqual([
      ["web-1", "Running"],
      ["web-2", "Running"],
      ["web-3", "Running"],
    ]);
    const r = await swas.check(userInputs(three), inputs({ amount: 2, instanceName: "web" }));
    expect(r.failures).toEqual([
      { property: "amount", reason: expect.stringContaining("cannot be released") },
    ]);
  });

  it("a start or stop refused with IncorrectInstanceStatus is looked at again and retried", async () => {
    const { id, outs } = await create();
    await env.emu.control.addFault({
      service: "swas",
      action: "StopInstances",
      code: "IncorrectInstanceStatus",
      httpStatus: 403,
      count: 1,
    });
    const { outs: stopped } = await up(id, outs, { running: false });
    expect(servers(stopped)[0].state).toBe("Stopped");
    expect(await env.emu.control.callCount("swas", "StopInstances")).toBe(2);
  });

  it("does not replace a lost server without the opt-in; the lower amount shows in the next diff", async () => {
    const { id, outs } = await create({ amount: 2, instanceName: "web" });
    const [a, b] = id.split(",");
    await env.emu.control.removeInstance(b);
    const { outs: after } = await up(id, outs, { amount: 2, instanceName: "api" });
    expect(after.instanceIds).toEqual([a]);
    expect(after.amount).toBe(1);
    expect(servers(after)[0].instanceName).toBe("api");
    expect(env.logs.some((l) => /not buying replacements for 1 lost server/.test(l))).toBe(true);
    expect(await env.emu.control.callCount("swas", "CreateInstances")).toBe(1);
    // The preview now shows amount 1 => 2, and the up that follows buys one.
    const d = await swas.diff(id, after, inputs({ amount: 2, instanceName: "api" }));
    expect(d).toMatchObject({ changes: true, replaces: [] });
    const { outs: refilled } = await up(a, after, { amount: 2, instanceName: "api" });
    expect(servers(refilled).map((s) => [s.instanceName, s.state])).toEqual([
      ["api-1", "Running"],
      ["api-2", "Running"],
    ]);
  });

  it("an update whose servers are all gone says how to go on, and buys nothing", async () => {
    const { id, outs } = await create();
    await env.emu.control.removeInstance(id);
    await expect(up(id, outs, { instanceName: "api" })).rejects.toThrow(
      /none of its servers exists.*refresh/,
    );
    expect(await env.emu.control.callCount("swas", "CreateInstances")).toBe(1);
  });

  it("an expired server shows as Disabled / Expired, and the update explains renewal", async () => {
    const { id, outs } = await create();
    await env.emu.control.advanceClock(33 * 24 * 3600 * 1000);
    const read = await swas.read(id, outs);
    expect(servers(read.props)[0]).toMatchObject({ state: "Disabled", businessStatus: "Expired" });
    expect(read.props.running).toBe(false);
    const err = (await up(id, read.props, {}).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(InitFailedError);
    expect(err.message).toMatch(/is Disabled \(Expired, EXPIRED\).*RenewInstance/);
  });

  it("puts an out-of-band stop right", async () => {
    const { id, outs } = await create();
    await env.emu.control.modifyInstance(id, { state: "Stopped" });
    const read = await swas.read(id, outs);
    expect(read.props.running).toBe(false);
    const { outs: fixed } = await up(id, read.props, {});
    expect(servers(fixed)[0].state).toBe("Running");
  });
});

describe("SwasInstance read", () => {
  it("refresh sees status, IPs, expiry and an out-of-band rename", async () => {
    const { id, outs } = await create({ instanceName: "web" });
    await env.emu.control.modifyInstance(id, { name: "renamed-by-hand" });
    const read = await swas.read(id, outs);
    expect(read.id).toBe(id);
    expect(read.props.instanceName).toBe("renamed-by-hand");
    expect(servers(read.props)[0]).toMatchObject({
      state: "Running",
      businessStatus: "Normal",
      expiredTime: servers(outs)[0].expiredTime,
      publicIpAddresses: servers(outs)[0].publicIpAddresses,
    });
    const d = await swas.diff(id, read.props, inputs({ instanceName: "web" }));
    expect(d).toMatchObject({ changes: true, replaces: [] });
  });

  it("drops servers that are gone, and gives an empty id when all are gone", async () => {
    const { id, outs } = await create({ amount: 2 });
    const [a, b] = id.split(",");
    await env.emu.control.removeInstance(a);
    const read = await swas.read(id, outs);
    expect(read.id).toBe(b);
    expect(read.props.amount).toBe(1);
    await env.emu.control.removeInstance(b);
    expect((await swas.read(read.id!, read.props)).id).toBe("");
  });
});

describe("SwasInstance delete", () => {
  it('onDelete "stop" (default) stops the servers and warns with ids and expiry dates', async () => {
    const { id, outs } = await create({ amount: 2 });
    await swas.delete(id, outs);
    expect((await live()).map((i) => i.state)).toEqual(["Stopped", "Stopped"]);
    const warning = env.logs.find((l) => l.startsWith("warning: deleting SwasInstance web:"))!;
    expect(warning).toMatch(
      /no API to release a server: 2 server\(s\) stopped and still paid until they expire/,
    );
    for (const s of servers(outs))
      expect(warning).toContain(`${s.instanceId} (Stopped, expires ${s.expiredTime})`);
  });

  it('onDelete "retain" leaves them running, with the same warning', async () => {
    const { id, outs } = await create({ onDelete: "retain", autoRenew: true, autoRenewPeriod: 1 });
    await swas.delete(id, outs);
    expect((await live()).map((i) => i.state)).toEqual(["Running"]);
    const warning = env.logs.find((l) => l.startsWith("warning: deleting SwasInstance web:"))!;
    expect(warning).toMatch(/left running \(onDelete: retain\)/);
    expect(warning).toContain(id);
    expect(warning).toMatch(/Auto-renewal is ON/);
    expect(await env.emu.control.callCount("swas", "StopInstances")).toBe(0);
  });

  it("a delete of servers that are gone succeeds without a call beyond the look-up", async () => {
    const { id, outs } = await create();
    await env.emu.control.removeInstance(id);
    await swas.delete(id, outs);
    expect(await env.emu.control.callCount("swas", "StopInstances")).toBe(0);
  });
});

import { createHash } from "node:crypto";
import { makeEcmProvider, MARK_TAGS } from "../../../../provider/tencentcloud/ecm/provider";
import { OWNER_TAG } from "../../../../provider/core/adopt";
import { InitFailedError } from "../../../../provider/core/errors";
import { failNext, useTestEnv } from "../../../support/env";

const env = useTestEnv();
let ecm: ReturnType<typeof makeEcmProvider>;

beforeEach(() => {
  ecm = makeEcmProvider(env.rt);
});

const XIAN = "ap-xian-ecm-1";
const CHENGDU = "ap-chengdu-ecm-1";

const inputs = (extra: Record<string, unknown> = {}) => ({
  __identity: "proj/dev/edge",
  zoneInstanceCountISPSet: [{ zone: XIAN, instanceCount: 1, isp: "CMCC" }],
  moduleId: "esm-jz2wm3m2",
  ...extra,
});

async function create(extra: Record<string, unknown> = {}) {
  const checked = await ecm.check({}, inputs(extra));
  expect(checked.failures).toEqual([]);
  return ecm.create(checked.inputs);
}

const live = () => env.emu.control.instances("ecm");
/** A TerminateInstances from elsewhere: TERMINATING now, gone after terminateMs. */
const terminateBehindOurBack = (id: string) =>
  env.emu.world.transition(env.emu.world.get(id)!, "TERMINATING", "GONE", env.emu.world.settings.terminateMs);
const runCalls = () => env.emu.control.callCount("ecm", "RunInstances");
type Out = { instanceName: string; state: string; zone: string; isp: string };

describe("EcmInstance against the emulator through the real SDK", () => {
  it("creates one instance and returns when it is RUNNING", async () => {
    const { id, outs } = await create({ instanceName: "edge" });
    expect(id).toMatch(/^ein-[a-z0-9]{8}$/);
    expect(outs.instanceIds).toEqual([id]);
    expect(outs.instances[0]).toMatchObject({
      instanceId: id,
      instanceName: "edge",
      state: "RUNNING",
      zone: XIAN,
      region: "ap-xian-ecm",
      isp: "CMCC",
      instanceType: "S3.SMALL1",
    });
    expect(outs.instances[0].privateIpAddresses).toHaveLength(1);
    expect(outs.instances[0].publicIpAddresses).toHaveLength(1);
    expect(outs.launchGeneration).toBe(0);
    expect(env.logs.some((l) => /waiting for 1 instance\(s\): 1 PENDING/.test(l))).toBe(true);
    // The marks (and the owner mark) are on the instance, not in the user's tags.
    const [inst] = await live();
    expect(Object.keys(inst.tags).sort()).toEqual([...Object.values(MARK_TAGS), OWNER_TAG].sort());
    expect(outs.tagSpecification).toBeUndefined();
  });

  it("creates instances across zones and ISPs, named per region and ISP", async () => {
    const { id, outs } = await create({
      instanceName: "edge-{R:1}",
      zoneInstanceCountISPSet: [
        { zone: XIAN, instanceCount: 2, isp: "CMCC" },
        { zone: XIAN, instanceCount: 1, isp: "CTCC" },
        { zone: CHENGDU, instanceCount: 2, isp: "CMCC" },
      ],
    });
    expect(id.split(",")).toHaveLength(5);
    const shown = (outs.instances as Out[]).map((i) => `${i.zone} ${i.isp} ${i.instanceName} ${i.state}`);
    expect(shown.sort()).toEqual([
      `${CHENGDU} CMCC edge-1 RUNNING`,
      `${CHENGDU} CMCC edge-2 RUNNING`,
      `${XIAN} CMCC edge-1 RUNNING`,
      `${XIAN} CMCC edge-2 RUNNING`,
      `${XIAN} CTCC edge-1 RUNNING`,
    ]);
  });

  it("describes by id in fives, for all waiting resources together", async () => {
    await Promise.all([
      create({
        __identity: "p/s/a",
        zoneInstanceCountISPSet: [{ zone: XIAN, instanceCount: 7, isp: "CMCC" }],
      }),
      create({
        __identity: "p/s/b",
        zoneInstanceCountISPSet: [{ zone: CHENGDU, instanceCount: 5, isp: "CTCC" }],
      }),
    ]);
    const describes = await env.emu.control.log({ service: "ecm", action: "DescribeInstances" });
    const byId = describes
      .map((e) => (e.params as { Filters: Array<{ Name: string; Values: string[] }> }).Filters[0])
      .filter((f) => f.Name === "instance-id");
    expect(byId.length).toBeGreaterThan(0);
    expect(Math.max(...byId.map((f) => f.Values.length))).toBe(5);
    expect(describes.every((e) => e.error === undefined)).toBe(true);
    // 12 ids: three describes a round, not one per resource and id.
    const rounds = env.rt.pollers.all().find(([key]) => key.startsWith("ecm|"))![1].stats;
    expect(rounds.describeCalls).toBe(rounds.minimumCalls);
  });

  it("searches the marks of creates made at the same time together, 5 marks a call", async () => {
    const made = await Promise.all(Array.from({ length: 10 }, (_, i) => create({ __identity: `p/s/r${i}` })));
    expect(made.map((m) => m.outs.instances[0].state)).toEqual(Array(10).fill("RUNNING"));
    const describes = await env.emu.control.log({ service: "ecm", action: "DescribeInstances" });
    const byMark = describes
      .map((e) => (e.params as { Filters: Array<{ Name: string; Values: string[] }> }).Filters[0])
      .filter((f) => f.Name === `tag:${MARK_TAGS.resource}`);
    // Each create searches twice (before RunInstances, and once its instances are RUNNING): 20
    // searches, the first 10 in 2 calls of 5 marks, the rest as the creates settle; not 20 calls.
    const sizes = byMark.map((f) => f.Values.length);
    expect(sizes.slice(0, 2)).toEqual([5, 5]);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(20);
    expect(Math.max(...sizes)).toBe(5);
    expect(sizes.length).toBeLessThanOrEqual(6);
  });

  it("makes no cloud call when check refuses the input", async () => {
    const r = await ecm.check({}, inputs({ instanceName: "x".repeat(61), clientToken: "t" }));
    expect(r.failures!.map((f) => f.property).sort()).toEqual(["clientToken", "instanceName"]);
    expect(await env.emu.control.totalCalls()).toBe(0);
  });

  it("works without any region: ECM calls need none", async () => {
    const saved = process.env.TENCENTCLOUD_REGION;
    delete process.env.TENCENTCLOUD_REGION;
    try {
      const { id, outs } = await create();
      expect(outs.region).toBeUndefined();
      expect((await ecm.read(id, outs)).id).toBe(id);
      await ecm.delete(id, outs);
      expect(await live()).toEqual([]);
      const calls = await env.emu.control.log({ service: "ecm" });
      expect(calls.every((e) => e.region === "")).toBe(true);
    } finally {
      process.env.TENCENTCLOUD_REGION = saved;
    }
  });

  it("renames and changes security groups in place, always sending the names", async () => {
    const { id, outs } = await create({
      instanceName: "edge",
      zoneInstanceCountISPSet: [{ zone: XIAN, instanceCount: 2, isp: "CMCC" }],
    });
    const renamed = inputs({
      instanceName: "api",
      zoneInstanceCountISPSet: [{ zone: XIAN, instanceCount: 2, isp: "CMCC" }],
    });
    expect(await ecm.diff(id, outs, renamed)).toMatchObject({ changes: true, replaces: [] });
    const { outs: a } = await ecm.update(id, outs, renamed);
    expect((a.instances as Out[]).map((i) => i.instanceName).sort()).toEqual(["api1", "api2"]);
    // Security groups only: the names stay (ModifyInstancesAttribute without a name would clear it).
    const grouped = { ...renamed, securityGroupIds: ["sg-web00001", "sg-db000001"] };
    expect(await ecm.diff(id, a, grouped)).toMatchObject({ changes: true, replaces: [] });
    const { outs: b } = await ecm.update(id, a, grouped);
    expect((b.instances as Out[]).map((i) => i.instanceName).sort()).toEqual(["api1", "api2"]);
    for (const inst of await live())
      expect(inst.attrs.SecurityGroupIds).toEqual(["sg-web00001", "sg-db000001"]);
    const modifies = await env.emu.control.log({ service: "ecm", action: "ModifyInstancesAttribute" });
    expect(
      modifies.every((m) => typeof (m.params as { InstanceName?: string }).InstanceName === "string"),
    ).toBe(true);
    // Nothing left to change: no call.
    const before = modifies.length;
    await ecm.update(id, b, grouped);
    expect(await env.emu.control.callCount("ecm", "ModifyInstancesAttribute")).toBe(before);
  });

  it("refresh sees an out-of-band rename, and the next update puts it right", async () => {
    const { id, outs } = await create({ instanceName: "edge" });
    await env.emu.control.modifyInstance(id, { name: "renamed-by-hand" });
    const read = await ecm.read(id, outs);
    expect(read.props.instances[0].instanceName).toBe("renamed-by-hand");
    expect(read.props.instanceName).toBe("renamed-by-hand");
    const news = inputs({ instanceName: "edge" });
    expect(await ecm.diff(id, read.props, news)).toMatchObject({ changes: true, replaces: [] });
    const { outs: fixed } = await ecm.update(id, read.props, news);
    expect(fixed.instances[0].instanceName).toBe("edge");
  });

  it("refresh reports a changed user tag but not the marks", async () => {
    const tags = [{ resourceType: "instance", tags: [{ key: "env", value: "prod" }] }];
    const { id, outs } = await create({ tagSpecification: tags });
    const [inst] = await live();
    expect(inst.tags.env).toBe("prod");
    const same = await ecm.read(id, outs);
    expect(same.props.tagSpecification).toEqual(tags);
    expect((await ecm.diff(id, same.props, inputs({ tagSpecification: tags }))).changes).toBe(false);
    await env.emu.control.modifyInstance(id, { tags: { ...inst.tags, env: "dev" } });
    const drift = await ecm.read(id, outs);
    expect(drift.props.tagSpecification).toEqual([
      { resourceType: "instance", tags: [{ key: "env", value: "dev" }] },
    ]);
    expect((await ecm.diff(id, drift.props, inputs({ tagSpecification: tags }))).replaces).toEqual([
      "tagSpecification",
    ]);
  });

  it("refresh drops instances that are gone, and an empty id when all are gone", async () => {
    const { id, outs } = await create({
      zoneInstanceCountISPSet: [{ zone: XIAN, instanceCount: 2, isp: "CMCC" }],
    });
    const [a, b] = id.split(",");
    await env.emu.control.removeInstance(a);
    const read = await ecm.read(id, outs);
    expect(read.id).toBe(b);
    await env.emu.control.removeInstance(b);
    expect((await ecm.read(read.id!, read.props)).id).toBe("");
  });

  it("deletes: terminates and waits until gone; instances already gone are success", async () => {
    const { id, outs } = await create({
      zoneInstanceCountISPSet: [{ zone: XIAN, instanceCount: 3, isp: "CMCC" }],
    });
    await env.emu.control.removeInstance(id.split(",")[0]);
    await ecm.delete(id, outs);
    expect(await live()).toEqual([]);
    await ecm.delete(id, outs);
    const terminates = await env.emu.control.log({ service: "ecm", action: "TerminateInstances" });
    expect(terminates.map((t) => t.error)).toEqual([
      "ResourceNotFound.InstanceNotExist",
      undefined,
      "ResourceNotFound.InstanceNotExist",
    ]);
  });

  it("deletes when one instance is already TERMINATING (OperationNotAllow for the whole call)", async () => {
    const { id, outs } = await create({
      zoneInstanceCountISPSet: [{ zone: XIAN, instanceCount: 2, isp: "CMCC" }],
    });
    const [a, b] = id.split(",");
    terminateBehindOurBack(a);
    await ecm.delete(id, outs);
    expect(await live()).toEqual([]);
    const terminates = await env.emu.control.log({ service: "ecm", action: "TerminateInstances" });
    expect(terminates.map((t) => [t.error, (t.params as { InstanceIdSet: string[] }).InstanceIdSet])).toEqual(
      [
        ["FailedOperation.OperationNotAllow", [a, b]],
        [undefined, [b]],
      ],
    );
  });

  it("a LAUNCH_FAILED instance gives an init failure that records it; the next update converges", async () => {
    await env.emu.control.instanceFaults({ launchFailures: { ecm: 1 } });
    const news = inputs({
      instanceName: "edge",
      zoneInstanceCountISPSet: [{ zone: XIAN, instanceCount: 2, isp: "CMCC" }],
    });
    const err = await ecm.create(news).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InitFailedError);
    const f = err as InitFailedError;
    expect(f.message).toMatch(/LAUNCH_FAILED/);
    expect(f.id.split(",")).toHaveLength(2);
    expect(f.properties).toMatchObject({ __identity: "proj/dev/edge", instanceIds: f.id.split(",") });
    const { outs } = await ecm.update(f.id, f.properties, news);
    expect(outs.instanceIds).toHaveLength(2);
    expect((outs.instances as Out[]).every((i) => i.state === "RUNNING")).toBe(true);
    expect((outs.instances as Out[]).map((i) => i.instanceName).sort()).toEqual(["edge1", "edge2"]);
    const after = await live();
    expect(after.filter((i) => i.state === "RUNNING")).toHaveLength(2);
    expect(after.filter((i) => i.state === "LAUNCH_FAILED")).toHaveLength(0);
    // The replacement carries the set's marks: a lost answer would find it again.
    expect(new Set(after.map((i) => i.tags[MARK_TAGS.generation]))).toEqual(new Set(["0"]));
  });

  it("an instance stuck in PENDING past the timeout gives an init failure, not an orphan", async () => {
    await env.emu.control.instanceFaults({ stuckPending: { ecm: 1 } });
    const err = await ecm.create(inputs({ timeouts: { create: "2m" } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InitFailedError);
    expect((err as InitFailedError).reasons[0]).toMatch(/timed out: 1 PENDING/);
  });

  it("absorbs throttling and internal errors with retries", async () => {
    await failNext(env, "ecm", "RunInstances", "RequestLimitExceeded", 2);
    await failNext(env, "ecm", "DescribeInstances", "InternalError", 2);
    const { outs } = await create();
    expect(outs.instances[0].state).toBe("RUNNING");
    expect(await runCalls()).toBe(3);
    expect(await live()).toHaveLength(1);
  });

  it("fails at once with the cloud's code and RequestId on a parameter error", async () => {
    const err = (await ecm.create(inputs({ moduleId: "esm-00000000" })).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(
      /^creating EcmInstance edge \(mark [0-9a-f]{12}\.\. generation 0\): RunInstances: InvalidParameterValue.InvalidModuleID: .* \(RequestId [0-9a-f-]+\)$/,
    );
    expect(await runCalls()).toBe(1);
  });

  it("names the Windows rules when the cloud refuses a password check could not judge", async () => {
    const err = (await ecm
      .create(
        inputs({
          moduleId: undefined,
          imageId: "img-9qabwvbn",
          instanceType: "S3.SMALL1",
          dataDiskSize: 50,
          internetMaxBandwidthOut: 10,
          enhancedService: { eipDirectService: { enabled: false } },
          password: "Passw0rd",
        }),
      )
      .catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/InvaildPassword: .*a Windows image needs 12-30 characters/);
    expect(err.message).not.toContain("Passw0rd");
  });

  it("a retried create adopts the instances of the lost attempt instead of buying twice", async () => {
    await env.emu.control.addFault({ service: "ecm", action: "RunInstances", drop: "after", count: 1 });
    const { id, outs } = await create({
      zoneInstanceCountISPSet: [{ zone: XIAN, instanceCount: 3, isp: "CMCC" }],
    });
    expect(id.split(",")).toHaveLength(3);
    expect((await live()).map((i) => i.id).sort()).toEqual(id.split(",").sort());
    // RunInstances was never repeated: the search found the three instances.
    expect(await runCalls()).toBe(1);
    expect(env.logs.some((l) => /RunInstances got no answer/.test(l))).toBe(true);
    expect(env.logs.some((l) => /found the 3 instance\(s\) of the lost answer/.test(l))).toBe(true);
    expect((outs.instances as Out[]).every((i) => i.state === "RUNNING")).toBe(true);
    // The same create again (a crash before Pulumi recorded it): the same instances, none bought.
    const again = await create({ zoneInstanceCountISPSet: [{ zone: XIAN, instanceCount: 3, isp: "CMCC" }] });
    expect(again.id.split(",").sort()).toEqual(id.split(",").sort());
    expect(await runCalls()).toBe(1);
    expect(env.logs.some((l) => /adopting 3 instance\(s\) of an earlier attempt/.test(l))).toBe(true);
  });

  /** Two instances in Xian, the second then gone: the arguments and the first one's id. */
  async function secondLost() {
    const two = {
      instanceName: "edge",
      zoneInstanceCountISPSet: [{ zone: XIAN, instanceCount: 2, isp: "CMCC" }],
    };
    const [a, b] = (await create(two)).id.split(",");
    await env.emu.control.removeInstance(b);
    return { two, a };
  }

  it("a retried create that finds part of its set buys only the rest and puts the names in order", async () => {
    const { two, a } = await secondLost();
    const again = await create(two);
    expect(again.id.split(",")[0]).toBe(a);
    expect(again.id.split(",")).toHaveLength(2);
    expect((again.outs.instances as Out[]).map((i) => i.instanceName)).toEqual(["edge1", "edge2"]);
    const runs = await env.emu.control.log({ service: "ecm", action: "RunInstances" });
    const counts = runs.map((r) =>
      (r.params as { ZoneInstanceCountISPSet: Array<{ InstanceCount: number }> }).ZoneInstanceCountISPSet.map(
        (z) => z.InstanceCount,
      ),
    );
    expect(counts).toEqual([[2], [1]]);
  });

  it("a failure after adopting part of the set records what exists; the next update buys the rest", async () => {
    const { two, a } = await secondLost();
    await failNext(env, "ecm", "RunInstances", "ResourceInsufficient.InstanceQuotaNotEnough", 1);
    const err = await ecm.create(inputs(two)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InitFailedError);
    const f = err as InitFailedError;
    expect(f.id).toBe(a);
    expect(f.message).toMatch(/ResourceInsufficient.InstanceQuotaNotEnough/);
    const { outs } = await ecm.update(f.id, f.properties, inputs(two));
    expect(outs.instanceIds[0]).toBe(a);
    expect((outs.instances as Out[]).map((i) => `${i.instanceName} ${i.state}`)).toEqual([
      "edge1 RUNNING",
      "edge2 RUNNING",
    ]);
    expect(await live()).toHaveLength(2);
  });

  it("finds the instances of a lost answer even when they are listed late", async () => {
    await env.emu.control.instanceFaults({ describeLag: { ecm: 2 } });
    await env.emu.control.addFault({ service: "ecm", action: "RunInstances", drop: "after", count: 1 });
    const { id } = await create();
    expect(await runCalls()).toBe(1);
    expect((await live()).map((i) => i.id)).toEqual([id]);
  });

  it("buys again when the call was lost before it ran", async () => {
    await env.emu.control.addFault({ service: "ecm", action: "RunInstances", drop: "before", count: 1 });
    const { id } = await create();
    expect(await runCalls()).toBe(2);
    expect((await live()).map((i) => i.id)).toEqual([id]);
  });

  it("a create after a destroy buys a new set; terminating leftovers move the generation on", async () => {
    const first = await create();
    await ecm.delete(first.id, first.outs);
    const second = await create();
    expect(second.id).not.toBe(first.id);
    expect(second.outs.launchGeneration).toBe(0);
    // Destroyed again, but its instance is still listed as TERMINATING when the next create looks.
    terminateBehindOurBack(second.id);
    const third = await create();
    expect(third.id).not.toBe(second.id);
    expect(third.outs.launchGeneration).toBe(1);
    expect(await runCalls()).toBe(3);
  });

  it("a replacement does not adopt the live instances it replaces", async () => {
    const old = await create({ instanceName: "edge" });
    const news = inputs({
      instanceName: "edge",
      zoneInstanceCountISPSet: [{ zone: CHENGDU, instanceCount: 1, isp: "CMCC" }],
    });
    const d = await ecm.diff(old.id, old.outs, news);
    expect(d).toMatchObject({
      changes: true,
      replaces: ["zoneInstanceCountISPSet"],
      deleteBeforeReplace: false,
    });
    // Create the replacement first, then delete the old one (Pulumi's default order).
    const next = await ecm.create(news);
    expect(next.id).not.toBe(old.id);
    expect(next.outs.launchGeneration).toBe(1);
    await ecm.delete(old.id, old.outs);
    expect((await live()).map((i) => i.id)).toEqual([next.id]);
  });

  it("never sends the password to the emulator log, a progress line, a tag or an error", async () => {
    const password = "Qcloud@Edge123";
    await env.emu.control.addFault({ service: "ecm", action: "RunInstances", drop: "after", count: 1 });
    const { outs } = await create({ password });
    expect(outs.password).toBe(password);
    expect(JSON.stringify(await env.emu.control.log())).not.toContain(password);
    expect(JSON.stringify(await live())).not.toContain(password);
    expect(env.logs.join("\n")).not.toContain(password);
  });
});

/**
 * In place, through the real SDK: each changed argument shows its new value in the cloud
 * (DescribeInstances, or the emulator's record of a password), the instance ids stay the same,
 * and no RunInstances or TerminateInstances is made.
 */
const LINUX = "img-8toqc6s3";
const WINDOWS = "img-9qabwvbn";
/** Two instances: every in-place change is made on both. */
const pair = (extra: Record<string, unknown> = {}) =>
  inputs({ zoneInstanceCountISPSet: [{ zone: XIAN, instanceCount: 2, isp: "CMCC" }], ...extra });

async function checkedInputs(olds: Record<string, unknown>, news: Record<string, unknown>) {
  const c = await ecm.check(olds, news);
  expect(c.failures).toEqual([]);
  return c.inputs;
}

/** Creates, then updates to `change`: the diff plans no replacement, the ids stay. */
async function changeInPlace(start: Record<string, unknown>, change: Record<string, unknown>) {
  const created = await ecm.create(await checkedInputs({}, pair(start)));
  const news = await checkedInputs(created.outs, pair({ ...start, ...change }));
  const d = await ecm.diff(created.id, created.outs, news);
  expect(d.changes).toBe(true);
  expect(d.replaces).toEqual([]);
  const { outs } = await ecm.update(created.id, created.outs, news);
  expect(outs.instanceIds).toEqual(created.outs.instanceIds);
  expect(await env.emu.control.callCount("ecm", "RunInstances")).toBe(1);
  expect(await env.emu.control.callCount("ecm", "TerminateInstances")).toBe(0);
  return { id: created.id, ids: created.outs.instanceIds as string[], outs };
}

const emulated = (id: string) => env.emu.world.get(id)!;
/** Whether the emulator holds `password` as the instance's (a salted SHA-256, never the password). */
function holdsPassword(id: string, password: string): boolean {
  const [, salt, hex] = String(emulated(id).attrs.PasswordHash).split(":");
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
      expect(emulated(i).state).toBe("STOPPED");
    }
    expect(await env.emu.control.callCount("ecm", "StartInstances")).toBe(0);
  });

  it("bandwidths: ResetInstancesMaxBandwidth, shown by DescribeInstances, instances kept running", async () => {
    const { outs, ids } = await changeInPlace(
      { internetMaxBandwidthOut: 10 },
      { internetMaxBandwidthOut: 25, internetMaxBandwidthIn: 30 },
    );
    for (const i of ids)
      expect(emulated(i).attrs).toMatchObject({ InternetMaxBandwidthOut: 25, InternetMaxBandwidthIn: 30 });
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
      expect(emulated(i).attrs.ImageId).toBe(WINDOWS);
      expect(holdsPassword(i, password)).toBe(true);
    }
    expect(env.logs.join("\n")).toMatch(/ResetInstances to img-9qabwvbn .*a reinstall/);
    // The reinstall set the password: no ResetInstancesPassword.
    expect(await env.emu.control.callCount("ecm", "ResetInstancesPassword")).toBe(0);
  });

  it("running: false at create stops the instances; true starts them again; read shows drift", async () => {
    const created = await ecm.create(await checkedInputs({}, pair({ running: false })));
    const ids = created.outs.instanceIds as string[];
    expect(created.outs.instances.map((i: { state: string }) => i.state)).toEqual(["STOPPED", "STOPPED"]);
    const started = await ecm.update(
      created.id,
      created.outs,
      await checkedInputs(created.outs, pair({ running: true })),
    );
    expect(started.outs.instanceIds).toEqual(ids);
    for (const i of ids) expect(emulated(i).state).toBe("RUNNING");
    // Stopped behind our back: read shows running: false, the next update starts them again.
    env.emu.world.transition(emulated(ids[0]), "STOPPED", "STOPPED", 0);
    const read = await ecm.read(created.id, started.outs);
    expect(read.props.running).toBe(false);
    const news = await checkedInputs(read.props, pair({ running: true }));
    expect((await ecm.diff(created.id, read.props, news)).replaces).toEqual([]);
    await ecm.update(created.id, read.props, news);
    expect(emulated(ids[0]).state).toBe("RUNNING");
  });

  it("refuses at check a new password ResetInstancesPassword cannot set (17-30 characters)", async () => {
    const created = await ecm.create(await checkedInputs({}, pair({ password: "Passw0rd1" })));
    const c = await ecm.check(created.outs, pair({ password: "Passw0rd1Passw0rd1" }));
    expect(c.failures).toEqual([
      {
        property: "password",
        reason: expect.stringContaining("ResetInstancesPassword, which takes 8-16 characters"),
      },
    ]);
    // At create RunInstances takes it.
    expect((await ecm.check({}, pair({ password: "Passw0rd1Passw0rd1" }))).failures).toEqual([]);
  });
});

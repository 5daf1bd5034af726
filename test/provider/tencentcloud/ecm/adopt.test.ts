/**
 * EcmInstance adoption (`adoptInstanceIds`) through the real SDK against the emulator: instances
 * bought outside Pulumi (the SDK's RunInstances called directly) are adopted with no RunInstances,
 * marked as the resource's, changed in place and deleted; every refusal makes no mutating call.
 */
import { OWNER_TAG } from "../../../../provider/core/adopt";
import { InitFailedError } from "../../../../provider/core/errors";
import { tencentClient, tencentTarget } from "../../../../provider/tencentcloud/client";
import { makeEcmProvider } from "../../../../provider/tencentcloud/ecm/provider";
import { failNext, useTestEnv } from "../../../support/env";

const [XIAN, CHENGDU, MODULE] = ["ap-xian-ecm-1", "ap-chengdu-ecm-1", "esm-jz2wm3m2"];
const env = useTestEnv();
/** A provider of its own for each test, on the test environment's runtime. */
let ecm = makeEcmProvider();
beforeEach(() => (ecm = makeEcmProvider(env.rt)));

const inputs = (ids: string[], extra: Record<string, unknown> = {}) => ({
  __identity: "proj/dev/edge",
  zoneInstanceCountISPSet: [{ zone: XIAN, instanceCount: ids.length, isp: "CMCC" }],
  moduleId: MODULE,
  adoptInstanceIds: ids,
  ...extra,
});

/** Instances bought outside Pulumi: the SDK's RunInstances, booted. */
async function bought(count: number, zone = XIAN, isp = "CMCC"): Promise<string[]> {
  const res = await tencentClient("ecm", tencentTarget("")).RunInstances({
    ZoneInstanceCountISPSet: [{ Zone: zone, InstanceCount: count, ISP: isp }],
    ModuleId: MODULE,
    InstanceName: "by-hand",
  });
  await env.clock.sleep(10_000);
  return res.InstanceIdSet!;
}

const live = async () => new Map((await env.emu.control.instances("ecm")).map((i) => [i.id, i]));
const runCalls = () => env.emu.control.callCount("ecm", "RunInstances");
/** The calls after `since` (a log length) that change something: every action but the describes. */
async function mutatingSince(since: number): Promise<string[]> {
  return (await env.emu.control.log())
    .slice(since)
    .map((e) => `${e.service}.${e.action}`)
    .filter((a) => !/\.Describe/.test(a));
}
const logLength = async () => (await env.emu.control.log()).length;

async function refused(news: Record<string, unknown>): Promise<string> {
  const since = await logLength();
  const err = await ecm.create(news).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(Error);
  expect(err).not.toBeInstanceOf(InitFailedError);
  expect(await mutatingSince(since)).toEqual([]);
  return (err as Error).message;
}

describe("EcmInstance adoption", () => {
  it("adopts instances bought outside Pulumi: no RunInstances, the owner mark, renamed in place, deleted", async () => {
    const ids = await bought(2);
    const news = inputs(ids, { instanceName: "edge" });
    expect((await ecm.check({}, news)).failures).toEqual([]);
    const { id, outs } = await ecm.create(news);
    expect(await runCalls()).toBe(1);
    expect(id.split(",")).toEqual(ids);
    expect(outs.instanceIds).toEqual(ids);
    expect(outs.launchGeneration).toBe(0);
    const names = (outs.instances as Array<{ instanceName: string; state: string }>).map(
      (i) => `${i.instanceName} ${i.state}`,
    );
    expect(names.sort()).toEqual(["edge1 RUNNING", "edge2 RUNNING"]);
    for (const i of ids) expect((await live()).get(i)!.tags[OWNER_TAG]).toBe("proj/dev/edge");
    const tagCalls = await env.emu.control.log({ service: "tag", action: "ModifyResourceTags" });
    expect(tagCalls.map((c) => (c.params as { Resource: string }).Resource)).toEqual(
      ids.map((i) => `qcs::ecm:ap-xian-ecm:uin/:instance/${i}`),
    );

    // Refresh sees no drift: the owner mark is not a user tag.
    const read = await ecm.read(id, { ...news, ...outs });
    expect(read.id).toBe(id);
    expect((await ecm.diff(id, read.props, news)).changes).toBe(false);

    const renamed = { ...news, instanceName: "api" };
    expect(await ecm.diff(id, { ...news, ...outs }, renamed)).toMatchObject({ changes: true, replaces: [] });
    const { outs: after } = await ecm.update(id, { ...news, ...outs }, renamed);
    expect(after.instanceIds).toEqual(ids);
    expect((after.instances as Array<{ instanceName: string }>).map((i) => i.instanceName).sort()).toEqual([
      "api1",
      "api2",
    ]);
    expect(await runCalls()).toBe(1);

    await ecm.delete(id, { ...renamed, ...after });
    expect([...(await live()).keys()]).toEqual([]);
  });

  it("applies the in-place differences: bandwidth, password, running; the instances stay", async () => {
    const [one] = await bought(1);
    const { outs } = await ecm.create(
      inputs([one], { internetMaxBandwidthOut: 20, password: "Passw0rd-1", running: false }),
    );
    expect(outs.instances[0].state).toBe("STOPPED");
    const inst = (await live()).get(one)!;
    expect(inst.attrs.InternetMaxBandwidthOut).toBe(20);
    const actions = (await env.emu.control.log({ service: "ecm" })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["ResetInstancesMaxBandwidth", "ResetInstancesPassword"]));
    expect(actions).not.toContain("ResetInstances");
  });

  it("a repeated create (the engine retries after a crash) meets its own owner mark and goes on", async () => {
    const ids = await bought(1);
    await ecm.create(inputs(ids, { instanceName: "edge" }));
    const again = await ecm.create(inputs(ids, { instanceName: "edge" }));
    expect(again.id).toBe(ids[0]);
    expect(await env.emu.control.callCount("tag", "ModifyResourceTags")).toBe(1);
    expect(await runCalls()).toBe(1);
  });

  it("a failure after the first change records the instances (an init failure), never orphans them", async () => {
    const ids = await bought(1);
    await failNext(env, "ecm", "ModifyInstancesAttribute", "FailedOperation.Emulated", 1);
    const err = await ecm
      .create(inputs(ids, { instanceName: "edge", password: "Passw0rd-1" }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(InitFailedError);
    const f = err as InitFailedError;
    expect(f.id).toBe(ids[0]);
    expect(f.properties).toMatchObject({ instanceIds: ids, adoptInstanceIds: ids });
    // Not recorded as set: the next update sets the password.
    expect(f.properties.password).toBeUndefined();
  });
});

describe("EcmInstance adoption refusals: one error, no mutating call", () => {
  it("an id that does not exist", async () => {
    const message = await refused(inputs(["ein-00000000"]));
    expect(message).toMatch(/adoptInstanceIds: ein-00000000 is not an instance of region ap-xian-ecm/);
  });

  it("a terminated id", async () => {
    const [one] = await bought(1);
    env.emu.world.transition(env.emu.world.get(one)!, "TERMINATING", "GONE", 60_000);
    expect(await refused(inputs([one]))).toMatch(new RegExp(`${one} cannot be adopted: it is TERMINATING`));
  });

  it("an id in another region", async () => {
    const [one] = await bought(1, CHENGDU);
    expect(await refused(inputs([one]))).toMatch(
      new RegExp(`${one} is not an instance of region ap-xian-ecm: .*in another region`),
    );
  });

  it("a count other than zoneInstanceCountISPSet's", async () => {
    const ids = await bought(2);
    const news = inputs(ids, { zoneInstanceCountISPSet: [{ zone: XIAN, instanceCount: 1, isp: "CMCC" }] });
    expect(await refused(news)).toMatch(
      /zoneInstanceCountISPSet: is 1, but adoptInstanceIds names 2 instance\(s\)/,
    );
  });

  it("an argument that cannot change in place, naming it and both values", async () => {
    const [one] = await bought(1);
    const message = await refused(inputs([one], { instanceType: "S3.MEDIUM4" }));
    expect(message).toMatch(
      new RegExp(
        `instanceType: is S3.MEDIUM4, but ${one} has S3.SMALL1: it cannot change in place \\(ECM has no action`,
      ),
    );
  });

  it("a zone or ISP other than the instance's", async () => {
    const [one] = await bought(1, XIAN, "CTCC");
    expect(await refused(inputs([one]))).toMatch(
      new RegExp(`zoneInstanceCountISPSet: is ${XIAN} CMCC x1, but ${one} has ${XIAN} CTCC`),
    );
  });

  it("another image: a reinstall would wipe the system disk", async () => {
    const [one] = await bought(1);
    expect(await refused(inputs([one], { imageId: "img-9qabwvbn" }))).toMatch(
      /imageId: is img-9qabwvbn, but .* has img-8toqc6s3: .*wipes the system disk/,
    );
  });

  it("user tags other than the instance's", async () => {
    const [one] = await bought(1);
    const tags = [{ resourceType: "instance", tags: [{ key: "env", value: "prod" }] }];
    expect(await refused(inputs([one], { tagSpecification: tags }))).toMatch(
      /tagSpecification: is \{"env":"prod"\}, but .* has \{\}/,
    );
  });

  it("an instance another resource holds, naming it", async () => {
    const ids = await bought(1);
    await ecm.create(inputs(ids, { __identity: "proj/dev/first" }));
    expect(await refused(inputs(ids, { __identity: "proj/dev/second" }))).toMatch(
      new RegExp(`${ids[0]} is held by another resource: ${OWNER_TAG} is proj/dev/first`),
    );
  });

  it("an instance an EcmInstance bought (its pulumi:resource mark)", async () => {
    const { id } = await ecm.create({
      __identity: "proj/dev/other",
      zoneInstanceCountISPSet: [{ zone: XIAN, instanceCount: 1, isp: "CMCC" }],
      moduleId: MODULE,
    });
    expect(await refused(inputs([id]))).toMatch(
      /is held by another resource: pulumi:owner is proj\/dev\/other/,
    );
    // Without the owner mark (bought before owner marks), its resource mark names it.
    const inst = (await live()).get(id)!;
    const { [OWNER_TAG]: _owner, ...older } = inst.tags;
    await env.emu.control.modifyInstance(id, { tags: older });
    expect(await refused(inputs([id]))).toMatch(
      /is held by another resource: .*pulumi:resource is [0-9a-f]{32}/,
    );
  });
});

describe("EcmInstance adoption at check and diff", () => {
  it("refuses a count mismatch and a password ResetInstancesPassword cannot set, with no call", async () => {
    const r = await ecm.check(
      {},
      inputs(["ein-aaaaaaaa", "ein-bbbbbbbb"], {
        zoneInstanceCountISPSet: [{ zone: XIAN, instanceCount: 1, isp: "CMCC" }],
        password: "Passw0rd-" + "x".repeat(12),
      }),
    );
    expect(r.failures!.map((f) => f.property).sort()).toEqual(["password", "zoneInstanceCountISPSet"]);
    expect(await env.emu.control.totalCalls()).toBe(0);
  });

  it("refuses malformed and repeated ids", async () => {
    const r = await ecm.check({}, inputs(["ins-12345678", "ins-12345678"]));
    expect(r.failures!.map((f) => f.reason).join("; ")).toMatch(/ein-hcs7jkg4.*|more than once/);
    expect(r.failures!.every((f) => f.property.startsWith("adoptInstanceIds"))).toBe(true);
  });

  it("refuses a replacement that would adopt the instances it then deletes", async () => {
    const ids = await bought(1);
    const news = inputs(ids);
    const { outs } = await ecm.create(news);
    const olds = { ...news, ...outs };
    const r = await ecm.check(olds, { ...news, hostName: "other-host" });
    expect(r.failures).toEqual([
      expect.objectContaining({ property: "adoptInstanceIds", reason: expect.stringMatching(/replaces/) }),
    ]);
    // Without the ids, the replacement is let through.
    const { adoptInstanceIds: _ids, ...plain } = news;
    expect((await ecm.check(olds, { ...plain, hostName: "other-host" })).failures).toEqual([]);
  });

  it("with runinstances:preflight, shows the refusals at check, with 0 mutating calls", async () => {
    const ids = await bought(1);
    const since = await logLength();
    const saved = process.env.RUNINSTANCES_PREFLIGHT;
    process.env.RUNINSTANCES_PREFLIGHT = "true";
    try {
      const r = await ecm.check({}, inputs([...ids, "ein-00000000"], { instanceType: "S3.MEDIUM4" }));
      expect(r.failures!.map((f) => f.property).sort()).toEqual(["adoptInstanceIds", "instanceType"]);
      expect(r.failures!.find((f) => f.property === "instanceType")!.reason).toMatch(/S3.MEDIUM4.*S3.SMALL1/);
      expect((await ecm.check({}, inputs(ids))).failures).toEqual([]);
    } finally {
      process.env.RUNINSTANCES_PREFLIGHT = saved;
    }
    expect(await mutatingSince(since)).toEqual([]);
  });

  it("a change of adoptInstanceIds alone is no change", async () => {
    const ids = await bought(1);
    const news = inputs(ids);
    const { id, outs } = await ecm.create(news);
    expect(
      (await ecm.diff(id, { ...news, ...outs }, { ...news, adoptInstanceIds: ["ein-bbbbbbbb"] })).changes,
    ).toBe(false);
    const { adoptInstanceIds: _ids, ...plain } = news;
    expect((await ecm.diff(id, { ...news, ...outs }, plain)).changes).toBe(false);
  });
});

describe("EcmInstance owner marks on created instances", () => {
  it("every instance a create buys carries the owner mark", async () => {
    const { id } = await ecm.create({
      __identity: "proj/dev/edge",
      zoneInstanceCountISPSet: [{ zone: XIAN, instanceCount: 2, isp: "CMCC" }],
      moduleId: MODULE,
    });
    for (const i of id.split(",")) expect((await live()).get(i)!.tags[OWNER_TAG]).toBe("proj/dev/edge");
  });

  it("refuses user tags under pulumi:", async () => {
    const r = await ecm.check(
      {},
      {
        zoneInstanceCountISPSet: [{ zone: XIAN, instanceCount: 1, isp: "CMCC" }],
        moduleId: MODULE,
        tagSpecification: [{ resourceType: "instance", tags: [{ key: "pulumi:owner", value: "x" }] }],
      },
    );
    expect(r.failures).toEqual([
      expect.objectContaining({
        property: "tagSpecification[0].tags[0].key",
        reason: expect.stringMatching(/reserved for the marks/),
      }),
    ]);
  });
});

/**
 * SwasInstance's adoption (adoptInstanceIds) against the emulator, through the real
 * @alicloud/swas-open20200601 SDK: servers bought outside Pulumi (CreateInstances with the SDK's
 * client directly) are adopted with no CreateInstances, marked, renamed in place by the next
 * update and stopped (SWAS has no release) by delete; every refusal makes no mutating call.
 */
import * as $swas from "@alicloud/swas-open20200601";
import { makeSwasProvider, OUTPUT_KEYS } from "../../../../provider/alicloud/swas/provider";
import { diffSwas } from "../../../../provider/alicloud/swas/diff";
import { alicloudTarget, swasClient } from "../../../../provider/alicloud/client";
import { OWNER_TAG } from "../../../../provider/core/adopt";
import { InitFailedError } from "../../../../provider/core/errors";
import { mutatingCalls } from "../../../support/calls";
import { ownRuntime, useTestEnv } from "../../../support/env";
import { LINUX, MEDIUM, SMALL, UBUNTU } from "../../../support/swas-catalogue";

type Props = Record<string, unknown>;

const env = useTestEnv({});
let swas: ReturnType<typeof makeSwasProvider>;

beforeEach(() => {
  swas = makeSwasProvider(ownRuntime(env));
});

/** The actions that change something in the cloud. */
const mutating = () => mutatingCalls(env.emu);
const count = (action: string) => env.emu.control.callCount("swas", action);

/** Servers bought with the SDK's own client, as a user does outside Pulumi; the calls forgotten after. */
async function bought(
  n: number,
  extra: Partial<$swas.CreateInstancesRequest> = {},
  regionId = "cn-hangzhou",
): Promise<string[]> {
  const req = new $swas.CreateInstancesRequest({
    regionId,
    imageId: LINUX,
    planId: SMALL,
    period: 1,
    amount: n,
    chargeType: "PrePaid",
    ...extra,
  });
  const res = await swasClient(alicloudTarget(regionId)).createInstances(req);
  return res.body!.instanceIds!;
}

/** Counts from now on: the purchase outside Pulumi is not the provider's. */
async function forgetCalls() {
  const before = await env.emu.control.calls();
  return async (action: string) => (await count(action)) - (before[`swas.${action}`]?.calls ?? 0);
}

const inputs = (extra: Props = {}): Props => ({
  __identity: "proj/dev/web",
  regionId: "cn-hangzhou",
  imageId: LINUX,
  planId: SMALL,
  period: 1,
  ...extra,
});

/** check as preview runs it with runinstances:preflight on. */
async function preflightCheck(news: Props) {
  process.env.RUNINSTANCES_PREFLIGHT = "true";
  try {
    return await swas.check({}, news);
  } finally {
    delete process.env.RUNINSTANCES_PREFLIGHT;
  }
}

const tagsOf = async (id: string) =>
  (await env.emu.control.instances("swas")).find((i) => i.id === id)?.tags ?? {};

function userInputs(outs: Props): Props {
  const copy = { ...outs };
  for (const k of OUTPUT_KEYS) delete copy[k];
  return copy;
}

describe("SwasInstance adoption", () => {
  it("adopts servers bought outside Pulumi with no CreateInstances, marks, renames and stops them", async () => {
    const ids = await bought(2);
    const since = await forgetCalls();
    const checked = await swas.check({}, inputs({ amount: 2, adoptInstanceIds: ids, instanceName: "web" }));
    expect(checked.failures).toEqual([]);
    const { id, outs } = await swas.create(checked.inputs);

    expect(await since("CreateInstances")).toBe(0);
    expect(id).toBe(ids.join(","));
    expect(outs.instanceIds).toEqual(ids);
    expect(
      (outs.instances as Array<{ instanceName: string; state: string }>).map((s) => s.instanceName),
    ).toEqual(["web-1", "web-2"]);
    expect((outs.instances as Array<{ state: string }>).every((s) => s.state === "Running")).toBe(true);
    for (const i of ids) expect((await tagsOf(i))[OWNER_TAG]).toBe("proj/dev/web");

    // The next update renames them in place; a change of adoptInstanceIds alone is no change.
    const news = inputs({ amount: 2, adoptInstanceIds: ids, instanceName: "api" });
    const again = await swas.check(userInputs(outs), news);
    expect(again.failures).toEqual([]);
    const d = await swas.diff(id, outs, again.inputs);
    expect(d.replaces).toEqual([]);
    const updated = await swas.update(id, outs, again.inputs);
    expect(updated.outs.instanceIds).toEqual(ids);
    expect((await env.emu.control.instances("swas")).map((i) => i.name).sort()).toEqual(["api-1", "api-2"]);
    expect(await since("CreateInstances")).toBe(0);

    // Delete stops them (SWAS cannot release a server) and takes the mark off.
    await swas.delete(id, updated.outs);
    for (const i of ids) {
      const s = (await env.emu.control.instances("swas")).find((x) => x.id === i)!;
      expect(s.state).toBe("Stopped");
      expect(s.tags[OWNER_TAG]).toBeUndefined();
    }
  });

  it("applies the password and a larger plan, and starts a stopped server", async () => {
    const [one] = await bought(1);
    await env.emu.control.modifyInstance(one, { state: "Stopped" });
    const since = await forgetCalls();
    const { outs } = await swas.create(
      (await swas.check({}, inputs({ adoptInstanceIds: [one], planId: MEDIUM, password: "Swas@Test123" })))
        .inputs,
    );
    expect(await since("CreateInstances")).toBe(0);
    expect(await since("UpgradeInstance")).toBe(1);
    expect(await since("UpdateInstanceAttribute")).toBe(1);
    expect(outs.instances).toEqual([expect.objectContaining({ planId: MEDIUM, state: "Running" })]);
  });

  it("records the servers when a call fails after the mark (an init failure with the ids, nothing orphaned)", async () => {
    const [one] = await bought(1);
    await env.emu.control.addFault({
      service: "swas",
      action: "UpdateInstanceAttribute",
      code: "InvalidInstanceName.ValueNotSupported",
      httpStatus: 400,
      count: 1,
    });
    const checked = await swas.check({}, inputs({ adoptInstanceIds: [one], instanceName: "web" }));
    const err = await swas.create(checked.inputs).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InitFailedError);
    expect((err as InitFailedError).id).toBe(one);
    expect((await tagsOf(one))[OWNER_TAG]).toBe("proj/dev/web");
  });

  it("goes on when it meets its own mark (the engine retries a create after a crash)", async () => {
    const [one] = await bought(1);
    await env.emu.control.modifyInstance(one, { tags: { [OWNER_TAG]: "proj/dev/web" } });
    const { outs } = await swas.create((await swas.check({}, inputs({ adoptInstanceIds: [one] }))).inputs);
    expect(outs.instanceIds).toEqual([one]);
  });

  describe("refuses, with no mutating call", () => {
    const refused = async (extra: Props, ...parts: string[]) => {
      const before = await mutating();
      const err = await swas.create(inputs(extra)).catch((e: unknown) => e as Error);
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(InitFailedError);
      for (const p of parts) expect((err as Error).message).toContain(p);
      expect(await mutating()).toBe(before);
    };

    it("a missing id", async () => {
      const missing = "0123456789abcdef0123456789abcdef";
      await refused({ adoptInstanceIds: [missing] }, missing, "is not an instance of region cn-hangzhou");
    });

    it("a Disabled (expired or failed) server", async () => {
      const [one] = await bought(1);
      await env.emu.control.modifyInstance(one, { state: "Disabled" });
      await refused({ adoptInstanceIds: [one] }, `${one} cannot be adopted: it is Disabled`);
    });

    it("a server of another region", async () => {
      const [one] = await bought(1, {}, "cn-shanghai");
      await refused({ adoptInstanceIds: [one] }, one, "is not an instance of region cn-hangzhou");
    });

    it("a count other than amount", async () => {
      const ids = await bought(2);
      await refused({ adoptInstanceIds: ids }, "amount: is 1, but adoptInstanceIds names 2");
    });

    it("another image (ResetSystem would clear the disk), naming both values", async () => {
      const [one] = await bought(1);
      await refused(
        { adoptInstanceIds: [one], imageId: UBUNTU },
        `imageId: is ${UBUNTU}, but ${one} has ${LINUX}`,
        "clears the disk",
      );
    });

    it("a smaller plan, and a data disk other than the live one", async () => {
      const [one] = await bought(1, { planId: MEDIUM, dataDiskSize: 40 });
      await refused(
        { adoptInstanceIds: [one], planId: SMALL },
        `planId: is ${SMALL}, but ${one} has ${MEDIUM}`,
        `dataDiskSize: is 0, but ${one} has 40`,
      );
    });

    it("a server another resource holds, naming it", async () => {
      const [one] = await bought(1);
      await env.emu.control.modifyInstance(one, { tags: { [OWNER_TAG]: "proj/prod/db" } });
      await refused({ adoptInstanceIds: [one] }, `${OWNER_TAG} is proj/prod/db`);
    });
  });
});

describe("SwasInstance adoption at check", () => {
  it("refuses a count other than amount", async () => {
    const r = await swas.check(
      {},
      inputs({ adoptInstanceIds: ["0123456789abcdef0123456789abcdef"], amount: 2 }),
    );
    expect(r.failures).toEqual([
      expect.objectContaining({ property: "amount", reason: expect.stringContaining("names 1 instance") }),
    ]);
  });

  it("refuses ids of the wrong form, citing the SDK", async () => {
    const r = await swas.check({}, inputs({ adoptInstanceIds: ["ins-12345678"] }));
    expect(r.failures).toEqual([
      expect.objectContaining({
        property: "adoptInstanceIds[0]",
        reason: expect.stringContaining("ListInstancesRequest: InstanceIds"),
      }),
    ]);
  });

  it("refuses a replacement that would adopt the servers it then leaves", async () => {
    const ids = ["0123456789abcdef0123456789abcdef"];
    const olds = { ...inputs({ adoptInstanceIds: ids }), instanceIds: ids, instances: [] };
    const r = await swas.check(olds, inputs({ adoptInstanceIds: ids, period: 3, allowReplacement: true }));
    expect(r.failures).toEqual([
      expect.objectContaining({ property: "adoptInstanceIds", reason: expect.stringContaining("replaces") }),
    ]);
  });

  it("sees no change when adoptInstanceIds alone changes", () => {
    const olds = { ...inputs({ adoptInstanceIds: ["0123456789abcdef0123456789abcdef"] }), instanceIds: [] };
    const d = diffSwas(olds, inputs({ adoptInstanceIds: ["fedcba9876543210fedcba9876543210"] }));
    expect(d.changes).toBe(false);
    expect(diffSwas(olds, inputs()).changes).toBe(false);
  });

  it("with runinstances:preflight, shows the refusals at preview with no mutating call", async () => {
    const [one, two] = await bought(2);
    await env.emu.control.modifyInstance(one, { tags: { [OWNER_TAG]: "proj/prod/db" } });
    const before = await mutating();
    expect((await preflightCheck(inputs({ adoptInstanceIds: [one], imageId: UBUNTU }))).failures).toEqual([
      expect.objectContaining({
        property: "adoptInstanceIds",
        reason: expect.stringContaining("proj/prod/db"),
      }),
    ]);
    expect((await preflightCheck(inputs({ adoptInstanceIds: [two], imageId: UBUNTU }))).failures).toEqual([
      expect.objectContaining({
        property: "imageId",
        reason: expect.stringContaining(`${two} has ${LINUX}`),
      }),
    ]);
    expect((await preflightCheck(inputs({ adoptInstanceIds: [two] }))).failures).toEqual([]);
    expect(await mutating()).toBe(before);
  });
});

describe("SwasInstance's owner mark on bought servers", () => {
  it("tags each server it buys, and each it buys when amount goes up", async () => {
    const { id, outs } = await swas.create((await swas.check({}, inputs())).inputs);
    const [first] = outs.instanceIds as string[];
    expect((await tagsOf(first))[OWNER_TAG]).toBe("proj/dev/web");
    const news = inputs({ amount: 2 });
    const checked = await swas.check(userInputs(outs), news);
    const up = await swas.update(id, outs, checked.inputs);
    const [, second] = up.outs.instanceIds as string[];
    expect((await tagsOf(second))[OWNER_TAG]).toBe("proj/dev/web");
  });

  it("hashes an identity longer than a tag value may be (64 characters)", async () => {
    const long = `proj/dev/${"w".repeat(80)}`;
    const { outs } = await swas.create((await swas.check({}, inputs({ __identity: long }))).inputs);
    const mark = (await tagsOf((outs.instanceIds as string[])[0]))[OWNER_TAG];
    expect(mark.length).toBeLessThanOrEqual(64);
    expect(mark.startsWith("proj/dev/w")).toBe(true);
  });
});

describe("the emulator's TagResources and UntagResources (SDK TagResourcesRequest)", () => {
  const client = () => swasClient(alicloudTarget("cn-hangzhou"));
  const tag = (resourceId: string[], key: string) =>
    client().tagResources(
      new $swas.TagResourcesRequest({
        regionId: "cn-hangzhou",
        resourceType: "instance",
        resourceId,
        tag: [new $swas.TagResourcesRequestTag({ key, value: "v" })],
      }),
    );

  it("refuses the whole call when one id is unknown, and a key starting with acs:", async () => {
    const [one] = await bought(1);
    await expect(tag([one, "0123456789abcdef0123456789abcdef"], "team")).rejects.toThrow(
      /InvalidInstanceId.NotFound/,
    );
    await expect(tag([one], "acs:team")).rejects.toThrow(/InvalidParam/);
    expect(await tagsOf(one)).toEqual({});
  });

  it("adds and removes tags", async () => {
    const [one] = await bought(1);
    await tag([one], "team");
    expect(await tagsOf(one)).toEqual({ team: "v" });
    await client().untagResources(
      new $swas.UntagResourcesRequest({
        regionId: "cn-hangzhou",
        resourceType: "instance",
        resourceId: [one],
        tagKey: ["team"],
      }),
    );
    expect(await tagsOf(one)).toEqual({});
  });
});

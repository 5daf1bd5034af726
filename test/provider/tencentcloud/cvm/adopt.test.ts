import { OWNER_TAG } from "../../../../provider/core/adopt";
import { operation } from "../../../../provider/core/context";
import { serviceCalls, tencentTarget } from "../../../../provider/tencentcloud/client";
import * as api from "../../../../provider/tencentcloud/cvm/api";
import { diffCvm, makeCvmProvider } from "../../../../provider/tencentcloud/cvm/provider";
import { mutatingCalls } from "../../../support/calls";
import { useTestEnv } from "../../../support/env";
import { webCvm } from "../support";

const env = useTestEnv();
let cvm: ReturnType<typeof makeCvmProvider>;
beforeEach(() => {
  cvm = makeCvmProvider(env.rt);
});

/** Instances bought outside Pulumi: RunInstances through the SDK, as a console or script would. */
async function buy(count: number, extra: Record<string, unknown> = {}, region = "ap-guangzhou") {
  const op = operation(env.rt, "buying outside Pulumi", 600_000);
  const ids = await api.runInstances(op, tencentTarget(region), {
    Placement: { Zone: region === "ap-guangzhou" ? "ap-guangzhou-3" : `${region}-2` },
    ImageId: "img-pmqg1cw7",
    InstanceCount: count,
    InstanceName: "legacy",
    ...extra,
  });
  await env.clock.sleep(10_000);
  return ids;
}

const mutating = () => mutatingCalls(env.emu);

const adopting = (ids: string[], extra: Record<string, unknown> = {}) =>
  webCvm({ adoptInstanceIds: ids, instanceCount: ids.length, ...extra });

async function checkedCreate(news: Record<string, unknown>) {
  const checked = await cvm.check({}, news);
  expect(checked.failures).toEqual([]);
  return cvm.create(checked.inputs);
}

describe("CvmInstance adoptInstanceIds, through the real SDK against the emulator", () => {
  it("adopts instances bought outside Pulumi with no RunInstances, marks them, renames them in place, deletes them", async () => {
    const ids = await buy(2);
    const runs = await env.emu.control.callCount("cvm", "RunInstances");
    const { id, outs } = await checkedCreate(adopting(ids, { instanceName: "web-{R:1}" }));
    expect(id).toBe(ids.join(","));
    expect(await env.emu.control.callCount("cvm", "RunInstances")).toBe(runs);
    expect(
      outs.instances.map((i: { instanceName: string; state: string }) => [i.instanceName, i.state]),
    ).toEqual([
      ["web-1", "RUNNING"],
      ["web-2", "RUNNING"],
    ]);
    const live = await env.emu.control.instances("cvm");
    for (const i of live) expect(i.tags).toMatchObject({ [OWNER_TAG]: "proj/dev/web" });
    expect(env.logs.some((l) => l.includes(`adopting ${ids.join(", ")} (no instance is bought)`))).toBe(true);

    const news = adopting(ids, { instanceName: "app-{R:1}" });
    const d = diffCvm(outs, news);
    expect(d).toMatchObject({ changes: true, replaces: [], updates: ["instanceName"] });
    const { outs: renamed } = await cvm.update(id, outs, (await cvm.check(outs, news)).inputs);
    expect(renamed.instanceIds).toEqual(ids);
    expect(renamed.instances.map((i: { instanceName: string }) => i.instanceName)).toEqual([
      "app-1",
      "app-2",
    ]);
    expect(await env.emu.control.callCount("cvm", "RunInstances")).toBe(runs);

    await cvm.delete(id, renamed);
    expect(await env.emu.control.callCount("cvm", "TerminateInstances")).toBe(1);
    expect((await env.emu.control.instances("cvm")).filter((i) => ids.includes(i.id))).toEqual([]);
  });

  it("applies what the describe cannot show (the password) and starts a stopped instance", async () => {
    const [one] = await buy(1);
    const op = operation(env.rt, "stopping outside Pulumi", 600_000);
    await serviceCalls("cvm")(op, tencentTarget("ap-guangzhou"), "StopInstances", (c) =>
      c.StopInstances({ InstanceIds: [one] }),
    );
    await env.clock.sleep(10_000);
    const { outs } = await checkedCreate(adopting([one], { loginSettings: { password: "Adopted-2026!" } }));
    expect(outs.instances[0].state).toBe("RUNNING");
    expect(await env.emu.control.callCount("cvm", "ResetInstancesPassword")).toBe(1);
  });

  it("a repeated create (after a crash) meets its own owner mark and goes on", async () => {
    const ids = await buy(1);
    await checkedCreate(adopting(ids, { instanceName: "web" }));
    const again = await checkedCreate(adopting(ids, { instanceName: "web" }));
    expect(again.id).toBe(ids[0]);
  });

  describe("refuses, with no mutating call, naming the rule", () => {
    const refused = async (news: Record<string, unknown>, pattern: RegExp) => {
      const before = await mutating();
      await expect(cvm.create(news)).rejects.toThrow(pattern);
      expect(await mutating()).toEqual(before);
    };

    it("an id that does not exist", async () => {
      await refused(
        adopting(["ins-zzzzzzzz"]),
        /cannot adopt ins-zzzzzzzz \(nothing was changed\): adoptInstanceIds: ins-zzzzzzzz is not an instance of region ap-guangzhou/,
      );
    });

    it("a terminated instance (a prepaid one, in the recycle bin)", async () => {
      const [gone] = await buy(1, { InstanceChargeType: "PREPAID", InstanceChargePrepaid: { Period: 1 } });
      const op = operation(env.rt, "terminating outside Pulumi", 600_000);
      await serviceCalls("cvm")(op, tencentTarget("ap-guangzhou"), "TerminateInstances", (c) =>
        c.TerminateInstances({ InstanceIds: [gone] }),
      );
      await env.clock.sleep(10_000);
      await refused(
        adopting([gone], { instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 1 } }),
        new RegExp(`${gone} cannot be adopted: it is (SHUTDOWN|TERMINATING)`),
      );
    });

    it("an instance of another region", async () => {
      const [there] = await buy(1, {}, "ap-shanghai");
      await refused(
        adopting([there]),
        new RegExp(`${there} is not an instance of region ap-guangzhou.*another region`),
      );
    });

    it("a count that is not the number of ids", async () => {
      const ids = await buy(2);
      await refused(
        webCvm({ adoptInstanceIds: ids }),
        /instanceCount: is 1, but adoptInstanceIds names 2 instance\(s\)/,
      );
    });

    it("an argument that cannot change in place, with both values", async () => {
      const ids = await buy(1);
      await refused(
        adopting(ids, { placement: { zone: "ap-guangzhou-4" } }),
        /placement.zone: is ap-guangzhou-4, but ins-\w+ has ap-guangzhou-3: it cannot change in place \(no action moves/,
      );
      await refused(
        adopting(ids, { imageId: "img-eb30mz89" }),
        /imageId: is img-eb30mz89, but ins-\w+ has img-pmqg1cw7: adoption never reinstalls/,
      );
      await refused(
        adopting(ids, { instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 1 } }),
        /instanceChargeType: is PREPAID, but ins-\w+ has POSTPAID_BY_HOUR/,
      );
    });

    it("a disk that would shrink", async () => {
      const ids = await buy(1, { SystemDisk: { DiskType: "CLOUD_PREMIUM", DiskSize: 80 } });
      await refused(
        adopting(ids, { systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 50 } }),
        /systemDisk.diskSize: cannot shrink from 80 to 50 GB/,
      );
    });

    it("an instance another resource holds, naming it", async () => {
      const ids = await buy(1);
      await checkedCreate(adopting(ids));
      await refused(
        adopting(ids, { __identity: "proj/dev/other" }),
        new RegExp(`${ids[0]} is held by another resource: ${OWNER_TAG} is proj/dev/web`),
      );
    });
  });

  it("check: a count that is not the number of ids, and a replacement that would adopt what it deletes", async () => {
    const r = await cvm.check({}, webCvm({ adoptInstanceIds: ["ins-aaaaaaaa", "ins-bbbbbbbb"] }));
    expect(r.failures).toEqual([
      expect.objectContaining({
        property: "instanceCount",
        reason: expect.stringContaining("names 2 instance(s)"),
      }),
    ]);
    const ids = await buy(1);
    const { outs } = await checkedCreate(adopting(ids));
    const moved = await cvm.check(outs, adopting(ids, { placement: { zone: "ap-guangzhou-4" } }));
    expect(moved.failures).toEqual([
      expect.objectContaining({
        property: "adoptInstanceIds",
        reason: expect.stringContaining("the replacement would adopt them again and then delete them"),
      }),
    ]);
    // Without the ids, the replacement buys new instances.
    expect((await cvm.check(outs, webCvm({ placement: { zone: "ap-guangzhou-4" } }))).failures).toEqual([]);
  });

  it("check: ids of CVM's form, each once", async () => {
    const r = await cvm.check(
      {},
      webCvm({ adoptInstanceIds: ["ein-12345678", "ins-aaaaaaaa", "ins-aaaaaaaa"] }),
    );
    expect(r.failures!.map((f) => f.property)).toEqual(
      expect.arrayContaining(["adoptInstanceIds[0]", "adoptInstanceIds"]),
    );
  });

  it("preflight: the refusals show at check, with no mutating call", async () => {
    process.env.RUNINSTANCES_PREFLIGHT = "true";
    try {
      const ids = await buy(1);
      const before = await mutating();
      const r = await cvm.check(
        {},
        adopting([ids[0], "ins-zzzzzzzz"], { placement: { zone: "ap-guangzhou-4" } }),
      );
      expect(r.failures).toEqual([
        expect.objectContaining({
          property: "placement.zone",
          reason: expect.stringContaining("has ap-guangzhou-3"),
        }),
        expect.objectContaining({
          property: "adoptInstanceIds",
          reason: expect.stringContaining("ins-zzzzzzzz"),
        }),
      ]);
      expect(await mutating()).toEqual(before);
      expect((await cvm.check({}, adopting(ids))).failures).toEqual([]);
    } finally {
      delete process.env.RUNINSTANCES_PREFLIGHT;
    }
  });

  it("diff: a change of adoptInstanceIds alone is no change", () => {
    const olds = { ...adopting(["ins-aaaaaaaa"]), instanceIds: ["ins-aaaaaaaa"] };
    expect(diffCvm(olds, webCvm({ instanceCount: 1 })).changes).toBe(false);
    expect(diffCvm(olds, adopting(["ins-bbbbbbbb"])).changes).toBe(false);
  });

  it("created instances carry the owner mark; a user tag under pulumi: is refused", async () => {
    await checkedCreate(webCvm({ __identity: "proj/dev/fresh" }));
    const [i] = await env.emu.control.instances("cvm");
    expect(i.tags).toMatchObject({ [OWNER_TAG]: "proj/dev/fresh" });
    const r = await cvm.check(
      {},
      webCvm({
        tagSpecification: [{ resourceType: "instance", tags: [{ key: "pulumi:owner", value: "x" }] }],
      }),
    );
    expect(r.failures).toEqual([
      expect.objectContaining({
        property: "tagSpecification[0].tags[0].key",
        reason: expect.stringContaining("must not start with pulumi:"),
      }),
    ]);
  });
});

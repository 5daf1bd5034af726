/**
 * HaiInstance adoption (adoptInstanceIds) through the real SDK against the emulator: instances
 * bought outside Pulumi (HAI RunInstances through the SDK's own client) are taken with no
 * RunInstances, changed in place and deleted; every refusal makes no mutating call.
 */
import { DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY } from "pulumi-runinstances/emulator";
import { Client } from "tencentcloud-sdk-nodejs/tencentcloud/services/hai/v20230812/hai_client";
import { makeHaiProvider } from "../../../../provider/tencentcloud/hai/provider";
import { InitFailedError } from "../../../../provider/core/errors";
import { mutatingCalls } from "../../../support/calls";
import { failNext, PROVIDER_SETTINGS, useTestEnv } from "../../../support/env";

const env = useTestEnv({ ...PROVIDER_SETTINGS, terminatedVisibleMs: 60_000 });
let hai: ReturnType<typeof makeHaiProvider>;
beforeEach(() => {
  hai = makeHaiProvider(env.rt);
});

const mutating = () => mutatingCalls(env.emu);

const sdk = (region: string) =>
  new Client({
    credential: { secretId: DEFAULT_SECRET_ID, secretKey: DEFAULT_SECRET_KEY },
    region,
    profile: { httpProfile: { protocol: "http://", endpoint: env.emu.url.replace("http://", "") } },
  });

/** Instances bought outside Pulumi, RUNNING. */
async function bought(count = 1, region = "ap-guangzhou", over: Record<string, unknown> = {}) {
  const res = await sdk(region).RunInstances({
    ApplicationId: "app-jknfna",
    BundleType: "XL",
    SystemDisk: { DiskType: "CLOUD_PREMIUM", DiskSize: 100 },
    InstanceName: "sd",
    InstanceCount: count,
    ...over,
  });
  await env.emu.control.advanceClock(PROVIDER_SETTINGS.bootMs!);
  return res.InstanceIdSet ?? [];
}

const inputs = (extra: Record<string, unknown> = {}) => ({
  __identity: "proj/dev/gpu",
  region: "ap-guangzhou",
  applicationId: "app-jknfna",
  bundleType: "XL",
  ...extra,
});

async function checked(extra: Record<string, unknown>) {
  const r = await hai.check({}, inputs(extra));
  expect(r.failures).toEqual([]);
  return r.inputs;
}

/** create refuses: the error, and no mutating call. */
async function refused(extra: Record<string, unknown>, message: RegExp) {
  const before = await mutating();
  await expect(hai.create(inputs(extra))).rejects.toThrow(message);
  expect(await mutating()).toBe(before);
}

describe("HaiInstance adoption through the real SDK", () => {
  it("adopts bought instances with no RunInstances, changes them in place, deletes them", async () => {
    const ids = await bought(2);
    const news = await checked({ adoptInstanceIds: ids, instanceCount: 2, instanceName: "sd" });
    const { id, outs } = await hai.create(news);
    expect(await env.emu.control.callCount("hai", "RunInstances")).toBe(1);
    expect(await mutating()).toBe(1);
    expect(id).toBe(ids.join(","));
    expect(outs.instanceIds).toEqual(ids);
    expect(outs.instances.map((i: { state: string }) => i.state)).toEqual(["RUNNING", "RUNNING"]);
    expect(outs).toMatchObject({ region: "ap-guangzhou", launchToken: "", launchGeneration: 0 });
    expect(env.logs.some((l) => l.includes(`adopting ${ids.join(", ")}`))).toBe(true);

    // HAI has no rename action: the next update grows the disk and stops the instances, same ids.
    const later = inputs({
      adoptInstanceIds: ids,
      instanceCount: 2,
      instanceName: "sd",
      systemDisk: { diskSize: 150 },
      running: false,
    });
    const r = await hai.check(outs, later);
    expect(r.failures).toEqual([]);
    const d = await hai.diff(id, outs, r.inputs);
    expect(d.replaces).toEqual([]);
    const u = await hai.update(id, outs, r.inputs);
    expect(u.outs.instanceIds).toEqual(ids);
    expect(u.outs.instances.map((i: { state: string }) => i.state)).toEqual([
      "STOPPED_NO_CHARGE",
      "STOPPED_NO_CHARGE",
    ]);
    expect(u.outs.instances[0].systemDisk.diskSize).toBe(150);
    expect(await env.emu.control.callCount("hai", "RunInstances")).toBe(1);

    await hai.delete(id, u.outs);
    expect(await env.emu.control.callCount("hai", "TerminateInstances")).toBe(1);
    const left = await sdk("ap-guangzhou").DescribeInstances({ InstanceIds: ids });
    expect((left.InstanceSet ?? []).map((i) => i.InstanceState)).toEqual(["TERMINATED", "TERMINATED"]);
  });

  it("applies the in-place differences at create: starts a stopped instance, grows its disk", async () => {
    const [stopped] = await bought();
    await sdk("ap-guangzhou").StopInstance({ InstanceId: stopped, StopMode: "STOP_CHARGE" });
    await env.emu.control.advanceClock(PROVIDER_SETTINGS.transitionMs!);
    const { outs } = await hai.create(
      await checked({ adoptInstanceIds: [stopped], systemDisk: { diskSize: 200 } }),
    );
    expect(outs.instances[0]).toMatchObject({ state: "RUNNING", systemDisk: { diskSize: 200 } });
    expect(await env.emu.control.callCount("hai", "StartInstance")).toBe(1);
    expect(await env.emu.control.callCount("hai", "ResizeInstanceDisk")).toBe(1);
    expect(await env.emu.control.callCount("hai", "RunInstances")).toBe(1);
  });

  it("records the adopted instances when a change after the first mutating call fails", async () => {
    const ids = await bought(2);
    await failNext(env, "hai", "ResizeInstanceDisk", "UnauthorizedOperation", 1);
    const news = await checked({ adoptInstanceIds: ids, instanceCount: 2, systemDisk: { diskSize: 200 } });
    const err = (await hai.create(news).catch((e: unknown) => e)) as InitFailedError;
    expect(err).toBeInstanceOf(InitFailedError);
    expect(err.id).toBe(ids.join(","));
    expect(err.properties).toMatchObject({ instanceIds: ids, launchToken: "" });
    expect(err.message).toMatch(/^creating HaiInstance gpu: .*UnauthorizedOperation/);
  });

  it("refuses to start a prepaid instance before any change, recording nothing", async () => {
    const [id] = await bought();
    await sdk("ap-guangzhou").StopInstance({ InstanceId: id, StopMode: "STOP_CHARGE" });
    await env.emu.control.advanceClock(PROVIDER_SETTINGS.transitionMs!);
    env.emu.world.get(id)!.attrs.ChargeType = "PREPAID_BY_MONTH";
    await refused({ adoptInstanceIds: [id], systemDisk: { diskSize: 200 } }, /cannot start prepaid instance/);
  });

  it("waits for an instance still launching, and a repeated create goes on", async () => {
    const res = await sdk("ap-guangzhou").RunInstances({ ApplicationId: "app-jknfna", BundleType: "XL" });
    const ids = res.InstanceIdSet ?? [];
    const news = await checked({ adoptInstanceIds: ids });
    const first = await hai.create(news);
    expect(first.outs.instances[0].state).toBe("RUNNING");
    const again = await hai.create(news);
    expect(again.id).toBe(first.id);
    expect(await env.emu.control.callCount("hai", "RunInstances")).toBe(1);
  });

  it("refuses a missing id, a terminated one, one in another region, with no mutating call", async () => {
    const [terminated] = await bought();
    await sdk("ap-guangzhou").TerminateInstances({ InstanceIds: [terminated] });
    await env.emu.control.advanceClock(PROVIDER_SETTINGS.terminateMs!);
    const [elsewhere] = await bought(1, "ap-shanghai");
    await refused(
      { adoptInstanceIds: ["hai-zzzzzzzz"] },
      /cannot adopt hai-zzzzzzzz \(nothing was changed\): adoptInstanceIds: hai-zzzzzzzz is not an instance of region ap-guangzhou/,
    );
    await refused(
      { adoptInstanceIds: [terminated] },
      new RegExp(`adoptInstanceIds: ${terminated} cannot be adopted: it is TERMINATED`),
    );
    await refused(
      { adoptInstanceIds: [elsewhere] },
      new RegExp(`${elsewhere} is not an instance of region ap-guangzhou: .*in another region`),
    );
  });

  it("refuses an instance whose launch fails while the adoption waits for it", async () => {
    await env.emu.control.instanceFaults({ launchFailures: { hai: 1 } });
    const res = await sdk("ap-guangzhou").RunInstances({ ApplicationId: "app-jknfna", BundleType: "XL" });
    const [id] = res.InstanceIdSet ?? [];
    await refused({ adoptInstanceIds: [id] }, new RegExp(`${id} cannot be adopted: it is LAUNCH_FAILED`));
  });

  it("refuses a count that differs and a replace-class argument that differs, naming both values", async () => {
    const ids = await bought(2);
    await refused(
      { adoptInstanceIds: ids },
      /instanceCount: is 1, but adoptInstanceIds names 2 instance\(s\): they must be the same/,
    );
    const one = [ids[0]];
    await refused(
      { adoptInstanceIds: one, instanceName: "other" },
      new RegExp(
        `instanceName: is other, but ${ids[0]} has sd: it cannot change in place \\(HAI has no rename action\\)`,
      ),
    );
    await refused(
      { adoptInstanceIds: one, systemDisk: { diskType: "CLOUD_HSSD" } },
      /systemDisk.diskType: is CLOUD_HSSD, but .* has CLOUD_PREMIUM: it cannot change in place \(ResizeInstanceDisk takes only DiskSize/,
    );
    await refused(
      { adoptInstanceIds: one, systemDisk: { diskSize: 80 } },
      /systemDisk.diskSize: is 80, but .* has 100: ResizeInstanceDisk only grows a disk/,
    );
  });
});

describe("HaiInstance adoption at check and diff", () => {
  it("refuses a count that differs, without a cloud call", async () => {
    const r = await hai.check({}, inputs({ adoptInstanceIds: ["hai-abcdefgh", "hai-bcdefghi"] }));
    expect(r.failures).toEqual([
      { property: "instanceCount", reason: expect.stringContaining("adoptInstanceIds names 2 instance(s)") },
    ]);
    expect(await env.emu.control.totalCalls()).toBe(0);
  });

  it("refuses ids of the wrong form and a repeated id, citing the document", async () => {
    const r = await hai.check({}, inputs({ adoptInstanceIds: ["ins-abcdefgh"] }));
    expect(r.failures![0]).toMatchObject({
      property: "adoptInstanceIds[0]",
      reason: expect.stringContaining("must be an instance id such as hai-df99mzt1 (HAI RunInstances"),
    });
    const twice = await hai.check({}, inputs({ adoptInstanceIds: ["hai-abcdefgh", "hai-abcdefgh"] }));
    expect(twice.failures!.map((f) => f.reason).join()).toContain("more than once");
  });

  it("refuses a replacement that would adopt the instances it then deletes", async () => {
    const ids = await bought();
    const { id, outs } = await hai.create(await checked({ adoptInstanceIds: ids }));
    const r = await hai.check(outs, inputs({ adoptInstanceIds: ids, bundleType: "3XL" }));
    expect(r.failures).toEqual([
      {
        property: "adoptInstanceIds",
        reason: expect.stringContaining(
          `names ${id}, which this resource holds, and the change of bundleType`,
        ),
      },
    ]);
    const ok = await hai.check(outs, inputs({ bundleType: "3XL" }));
    expect(ok.failures).toEqual([]);
  });

  it("sees no change when adoptInstanceIds alone changes", async () => {
    const ids = await bought();
    const { id, outs } = await hai.create(await checked({ adoptInstanceIds: ids }));
    expect((await hai.diff(id, outs, inputs({ adoptInstanceIds: ["hai-otherone"] }))).changes).toBe(false);
    expect((await hai.diff(id, outs, inputs())).changes).toBe(false);
  });

  it("with preflight on, shows the refusals at check with no mutating call and no DryRun", async () => {
    process.env.RUNINSTANCES_PREFLIGHT = "true";
    try {
      const [held] = await bought();
      const before = await mutating();
      const r = await hai.check(
        {},
        inputs({ adoptInstanceIds: [held, "hai-zzzzzzzz"], instanceCount: 2, instanceName: "x" }),
      );
      expect(r.failures).toEqual([
        { property: "instanceName", reason: expect.stringContaining(`is x, but ${held} has sd`) },
        {
          property: "adoptInstanceIds",
          reason: expect.stringContaining("hai-zzzzzzzz is not an instance of region"),
        },
      ]);
      const ok = await hai.check({}, inputs({ adoptInstanceIds: [held] }));
      expect(ok.failures).toEqual([]);
      expect(await mutating()).toBe(before);
    } finally {
      delete process.env.RUNINSTANCES_PREFLIGHT;
    }
  });
});

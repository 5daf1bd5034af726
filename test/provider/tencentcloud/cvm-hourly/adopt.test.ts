import { OWNER_TAG } from "../../../../provider/core/adopt";
import { operation } from "../../../../provider/core/context";
import { tencentTarget } from "../../../../provider/tencentcloud/client";
import * as api from "../../../../provider/tencentcloud/cvm/api";
import { makeCvmHourlyProvider } from "../../../../provider/tencentcloud/cvm-hourly/provider";
import { mutatingCalls } from "../../../support/calls";
import { useTestEnv } from "../../../support/env";
import { EXAMPLE, exampleRequest } from "./example";

const env = useTestEnv();
let hourly: ReturnType<typeof makeCvmHourlyProvider>;
beforeEach(() => {
  hourly = makeCvmHourlyProvider(env.rt);
});

const inputs = (extra: Record<string, unknown> = {}) => ({
  __identity: "proj/dev/CvmHourlyInstance/legacy",
  ...EXAMPLE,
  ...extra,
});

/** The document's example bought outside Pulumi: API 3.0 RunInstances through the SDK. */
async function buy(count: number): Promise<string[]> {
  const op = operation(env.rt, "buying outside Pulumi", 600_000);
  const ids = await api.runInstances(op, tencentTarget("ap-guangzhou"), {
    ...exampleRequest(undefined),
    ClientToken: undefined,
    InstanceCount: count,
    InstanceName: "old",
  });
  await env.clock.sleep(10_000);
  return ids;
}

const mutating = () => mutatingCalls(env.emu);

describe("CvmHourlyInstance adoptInstanceIds, through the real SDK against the emulator", () => {
  it("adopts instances bought outside Pulumi with no RunInstances, renames them in place, deletes them", async () => {
    const ids = await buy(2);
    const runs = await env.emu.control.callCount("cvm", "RunInstances");
    const news = inputs({ goodsNum: 2, instanceName: "legacy", adoptInstanceIds: ids });
    const checked = await hourly.check({}, news);
    expect(checked.failures).toEqual([]);
    const { id, outs } = await hourly.create(checked.inputs);
    expect(id).toBe(ids.join(","));
    expect(await env.emu.control.callCount("cvm", "RunInstances")).toBe(runs);
    expect(outs.instances.map((i: { instanceName: string }) => i.instanceName)).toEqual([
      "legacy1",
      "legacy2",
    ]);
    for (const i of await env.emu.control.instances("cvm")) {
      expect(i.tags[OWNER_TAG]).toBe("proj/dev/CvmHourlyInstance/legacy");
    }

    const renamed = inputs({ goodsNum: 2, instanceName: "web", adoptInstanceIds: ids });
    expect(await hourly.diff(id, outs, renamed)).toMatchObject({ changes: true, replaces: [] });
    const { outs: after } = await hourly.update(id, outs, (await hourly.check(outs, renamed)).inputs);
    expect(after.instanceIds).toEqual(ids);
    expect(after.instances.map((i: { instanceName: string }) => i.instanceName)).toEqual(["web1", "web2"]);

    await hourly.delete(id, after);
    expect(await env.emu.control.callCount("cvm", "TerminateInstances")).toBe(1);
    expect(await env.emu.control.callCount("cvm", "RunInstances")).toBe(runs);
  });

  it("refuses at check a goodsNum that is not the number of ids", async () => {
    const r = await hourly.check({}, inputs({ adoptInstanceIds: ["ins-aaaaaaaa", "ins-bbbbbbbb"] }));
    expect(r.failures).toEqual([
      expect.objectContaining({
        property: "goodsNum",
        reason: expect.stringContaining("names 2 instance(s)"),
      }),
    ]);
  });

  it("refuses, with no mutating call, another zone than the instance's and another resource's instance", async () => {
    const ids = await buy(1);
    const before = await mutating();
    await expect(hourly.create(inputs({ zoneId: 100002, adoptInstanceIds: ids }))).rejects.toThrow(
      /placement.zone: is ap-guangzhou-2, but ins-\w+ has ap-guangzhou-1/,
    );
    expect(await mutating()).toBe(before);
    await hourly.create(inputs({ adoptInstanceIds: ids }));
    const held = await mutating();
    await expect(
      hourly.create(inputs({ __identity: "proj/dev/CvmHourlyInstance/other", adoptInstanceIds: ids })),
    ).rejects.toThrow(/is held by another resource: pulumi:owner is proj\/dev\/CvmHourlyInstance\/legacy/);
    expect(await mutating()).toBe(held);
  });

  it("preflight: the refusals show at check on the legacy argument, with no mutating call", async () => {
    process.env.RUNINSTANCES_PREFLIGHT = "true";
    try {
      const before = await mutating();
      const r = await hourly.check({}, inputs({ adoptInstanceIds: ["ins-zzzzzzzz"] }));
      expect(r.failures).toEqual([
        expect.objectContaining({
          property: "adoptInstanceIds",
          reason: expect.stringContaining("ins-zzzzzzzz is not an instance of region ap-guangzhou"),
        }),
      ]);
      expect(await mutating()).toBe(before);
    } finally {
      delete process.env.RUNINSTANCES_PREFLIGHT;
    }
  });
});

/**
 * SWAS allows 10 calls a minute per action: SwasInstance makes the fewest the documentation
 * allows. A new password takes effect after RebootInstance (SDK UpdateInstanceAttribute), and SDK
 * 4.0 starts, stops and reboots up to 100 servers in one call.
 */
import { makeSwasProvider } from "../../../../provider/alicloud/swas/provider";
import { ownRuntime, useTestEnv } from "../../../support/env";

/** The emulator as it starts: rate limits on. */
const env = useTestEnv({});
let swas: ReturnType<typeof makeSwasProvider>;

beforeEach(() => {
  swas = makeSwasProvider(ownRuntime(env));
});

type Props = Record<string, unknown>;
const inputs = (extra: Props = {}) => ({
  __identity: "proj/dev/blog",
  imageId: "e2c9c365024a44369c9b955a998a0000",
  planId: "swas.s1.c1m1s40b3t05",
  period: 1,
  amount: 3,
  instanceName: "blog",
  ...extra,
});
const POWER = [
  "StartInstance",
  "StopInstance",
  "RebootInstance",
  "StartInstances",
  "StopInstances",
  "RebootInstances",
];

/** The calls of each action made by `fn`. */
async function callsOf(fn: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = await env.emu.control.calls();
  await fn();
  const after = await env.emu.control.calls();
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) {
    const n = v.calls - (before[k]?.calls ?? 0);
    if (n > 0 && k.startsWith("swas.")) out[k.slice(5)] = n;
  }
  return out;
}
const power = (calls: Record<string, number>) =>
  Object.fromEntries(Object.entries(calls).filter(([k]) => POWER.includes(k)));
const states = async () => (await env.emu.control.instances("swas")).map((i) => i.state);

async function created(extra: Props = {}) {
  const news = inputs(extra);
  const checked = await swas.check({}, news);
  expect(checked.failures).toEqual([]);
  let r: { id: string; outs?: Props } = { id: "" };
  const calls = await callsOf(async () => (r = await swas.create(checked.inputs!)));
  return { id: r.id, outs: r.outs!, calls };
}

describe("SwasInstance: the fewest calls at 10 a minute", () => {
  it("a create with a password: one UpdateInstanceAttribute per server, then one RebootInstances", async () => {
    const { calls } = await created({ password: "Swas@Test123" });
    expect(calls.UpdateInstanceAttribute).toBe(3);
    expect(power(calls)).toEqual({ RebootInstances: 1 });
    expect(await states()).toEqual(["Running", "Running", "Running"]);
  });

  it("a new password: one UpdateInstanceAttribute per server, then one RebootInstances", async () => {
    const { id, outs } = await created({ password: "Swas@Test123" });
    const calls = await callsOf(() => swas.update(id, outs, inputs({ password: "Swas@Test456" })));
    expect(calls.UpdateInstanceAttribute).toBe(3);
    expect(power(calls)).toEqual({ RebootInstances: 1 });
    expect(await states()).toEqual(["Running", "Running", "Running"]);
  });

  it("running false, then true: one StopInstances, one StartInstances", async () => {
    const { id, outs } = await created();
    let stopped: Props = {};
    const stop = await callsOf(
      async () => (stopped = (await swas.update(id, outs, inputs({ running: false }))).outs!),
    );
    expect(power(stop)).toEqual({ StopInstances: 1 });
    expect(await states()).toEqual(["Stopped", "Stopped", "Stopped"]);
    const start = await callsOf(() => swas.update(id, stopped, inputs()));
    expect(power(start)).toEqual({ StartInstances: 1 });
    expect(await states()).toEqual(["Running", "Running", "Running"]);
  });

  it("a new password on stopped servers: no restart (it takes effect when they start)", async () => {
    const { id, outs } = await created({ running: false, password: "Swas@Test123" });
    const calls = await callsOf(() =>
      swas.update(id, outs, inputs({ running: false, password: "Swas@Test456" })),
    );
    expect(calls.UpdateInstanceAttribute).toBe(3);
    expect(power(calls)).toEqual({});
  });

  it("a delete: one StopInstances", async () => {
    const { id, outs } = await created();
    const calls = await callsOf(() => swas.delete(id, outs));
    expect(power(calls)).toEqual({ StopInstances: 1 });
  });
});

/**
 * Instance names of CvmInstance and CvmHourlyInstance as RunInstances gives them (SDK
 * RunInstancesRequest.InstanceName: {R:x} and {R:x,F:y} patterns, suffixes 1..n without one), and
 * renames that keep each instance's number.
 */
import { makeCvmProvider } from "../../../../provider/tencentcloud/cvm/provider";
import { makeCvmHourlyProvider } from "../../../../provider/tencentcloud/cvm-hourly/provider";
import { useTestEnv } from "../../../support/env";
import { webCvm } from "../support";

const env = useTestEnv();
let cvm: ReturnType<typeof makeCvmProvider>;
let hourly: ReturnType<typeof makeCvmHourlyProvider>;

beforeEach(() => {
  cvm = makeCvmProvider(env.rt);
  hourly = makeCvmHourlyProvider(env.rt);
});

const cvmInputs = (extra: Record<string, unknown> = {}) => webCvm({ instanceType: "S5.MEDIUM4", ...extra });
const hourlyInputs = (extra: Record<string, unknown> = {}) => ({
  __identity: "proj/dev/CvmHourlyInstance/legacy",
  imageId: "img-3wnd9xpl",
  cpu: 1,
  mem: 2,
  storageSize: 0,
  zoneId: 100001,
  ...extra,
});

type Provider = typeof cvm | typeof hourly;
const names = (outs: { instances: Array<{ instanceName: string }> }) =>
  outs.instances.map((i) => i.instanceName).sort();

async function created(p: Provider, inputs: Record<string, unknown>) {
  const checked = await p.check({}, inputs);
  expect(checked.failures).toEqual([]);
  return p.create(checked.inputs);
}

/** An update that changes only `timeouts`: no ModifyInstancesAttribute, the names as they were. */
async function timeoutsOnly(p: Provider, news: Record<string, unknown>) {
  const { id, outs } = await created(p, news);
  const before = names(outs);
  const changed = { ...news, timeouts: { update: "20m" } };
  expect(await p.diff(id, outs, changed)).toMatchObject({ changes: true, replaces: [] });
  const modifies = await env.emu.control.callCount("cvm", "ModifyInstancesAttribute");
  const { outs: updated } = await p.update(id, outs, changed);
  expect(await env.emu.control.callCount("cvm", "ModifyInstancesAttribute")).toBe(modifies);
  expect(names(updated)).toEqual(before);
  // A refresh sees no drift either.
  const read = await p.read(id, updated);
  expect(read.props?.instanceName).toBe(news.instanceName);
  return before;
}

describe("instanceName patterns with a fixed width ({R:x,F:y})", () => {
  it("CvmInstance: web-{R:3,F:3} names two instances web-003 and web-004, and a timeouts change renames nothing", async () => {
    const before = await timeoutsOnly(cvm, cvmInputs({ instanceCount: 2, instanceName: "web-{R:3,F:3}" }));
    expect(before).toEqual(["web-003", "web-004"]);
  });

  it("CvmInstance: a number wider than F keeps its digits ({R:99,F:2} gives app-99, app-100)", async () => {
    const before = await timeoutsOnly(cvm, cvmInputs({ instanceCount: 2, instanceName: "app-{R:99,F:2}" }));
    expect(before).toEqual(["app-100", "app-99"]);
  });

  it("CvmHourlyInstance: web-{R:3,F:3} names two instances web-003 and web-004, and a timeouts change renames nothing", async () => {
    const before = await timeoutsOnly(hourly, hourlyInputs({ goodsNum: 2, instanceName: "web-{R:3,F:3}" }));
    expect(before).toEqual(["web-003", "web-004"]);
  });
});

/**
 * Names the instances, in launch order, as `order` says (the cloud does not promise to name them
 * in the order of InstanceIdSet): a set whose numbers do not follow the recorded ids.
 */
async function shuffleNames(ids: string[], order: string[]) {
  for (const [i, id] of ids.entries()) await env.emu.control.modifyInstance(id, { name: order[i] });
}

/** The live name of each instance id. */
async function liveNames(ids: string[]): Promise<Record<string, string>> {
  const live = await env.emu.control.instances("cvm");
  return Object.fromEntries(ids.map((id) => [id, live.find((i) => i.id === id)?.name ?? "gone"]));
}

async function renamed(
  p: Provider,
  news: Record<string, unknown>,
  rename: Record<string, unknown>,
  order: string[],
) {
  const { id, outs } = await created(p, news);
  const ids = id.split(",");
  await shuffleNames(ids, order);
  const read = await p.read(id, outs);
  const before = await liveNames(ids);
  const changed = { ...news, ...rename };
  await p.update(id, read.props ?? outs, changed);
  return { ids, before, after: await liveNames(ids) };
}

describe("renaming a set keeps each instance's number", () => {
  it.each([
    {
      name: "CvmInstance: web-{R:1} -> new-{R:1} gives web-1 -> new-1, web-2 -> new-2, web-3 -> new-3",
      p: () => cvm,
      news: cvmInputs({ instanceCount: 3, instanceName: "web-{R:1}" }),
      rename: "new-{R:1}",
      order: ["web-3", "web-1", "web-2"],
      was: /^web-/,
      now: "new-",
    },
    {
      name: "CvmInstance: web-{R:1,F:2} -> new-{R:1} keeps the numbers and drops the padding",
      p: () => cvm,
      news: cvmInputs({ instanceCount: 3, instanceName: "web-{R:1,F:2}" }),
      rename: "new-{R:1}",
      order: ["web-02", "web-03", "web-01"],
      was: /^web-0/,
      now: "new-",
    },
    {
      name: "CvmHourlyInstance: legacy -> old gives legacy1 -> old1, legacy2 -> old2, legacy3 -> old3",
      p: (): Provider => hourly,
      news: hourlyInputs({ goodsNum: 3, instanceName: "legacy" }),
      rename: "old",
      order: ["legacy2", "legacy3", "legacy1"],
      was: /^legacy/,
      now: "old",
    },
  ])("$name", async ({ p, news, rename, order, was, now }) => {
    const { ids, before, after } = await renamed(p(), news, { instanceName: rename }, order);
    for (const id of ids) expect(after[id]).toBe(before[id].replace(was, now));
  });

  it("CvmInstance: an instance added later takes the free number", async () => {
    const news = cvmInputs({ instanceCount: 3, instanceName: "web-{R:1}" });
    const { id, outs } = await created(cvm, news);
    const ids = id.split(",");
    await shuffleNames(ids, ["web-3", "web-2", "web-1"]);
    // web-2 is gone (terminated out of band); refresh drops it, the next update launches one more.
    await env.emu.control.removeInstance(ids[1]);
    const read = await cvm.read(id, outs);
    const { outs: updated } = await cvm.update(read.id!, read.props!, news);
    const now = await liveNames(updated.instanceIds as string[]);
    expect(now[ids[0]]).toBe("web-3");
    expect(now[ids[2]]).toBe("web-1");
    const added = (updated.instanceIds as string[]).find((i) => !ids.includes(i))!;
    expect(now[added]).toBe("web-2");
  });
});

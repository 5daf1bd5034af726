/**
 * Instance names of CvmInstance and CvmHourlyInstance as RunInstances gives them (SDK
 * RunInstancesRequest.InstanceName: {R:x} and {R:x,F:y} patterns, suffixes 1..n without one), and
 * renames that keep each instance's number.
 */
import { makeCvmProvider } from "../../../provider/tencentcloud/cvm/provider";
import { makeCvmHourlyProvider } from "../../../provider/tencentcloud/cvm-hourly/provider";
import { testEnv, TestEnv } from "../../support/env";

let env: TestEnv;
let cvm: ReturnType<typeof makeCvmProvider>;
let hourly: ReturnType<typeof makeCvmHourlyProvider>;

beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());
beforeEach(async () => {
  await env.emu.control.reset();
  await env.emu.control.settings({ bootMs: 5000, terminateMs: 2000, transitionMs: 1000 });
  cvm = makeCvmProvider(env.rt);
  hourly = makeCvmHourlyProvider(env.rt);
});

const cvmInputs = (extra: Record<string, unknown> = {}) => ({
  __identity: "proj/dev/web",
  placement: { zone: "ap-guangzhou-3" },
  imageId: "img-pmqg1cw7",
  instanceType: "S5.MEDIUM4",
  ...extra,
});
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

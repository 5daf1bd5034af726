/**
 * CvmHourlyInstance's in-place changes go through the CvmInstance provider's update on the
 * translated arguments: password, cpu + mem (ResetInstancesType on the type they translate to),
 * rootSize, bandwidth and projectId, each shown in the emulated cloud with the same ids.
 */
import type { Instance } from "pulumi-runinstances/emulator";
import { diffCvmHourly, makeCvmHourlyProvider } from "../../../../provider/tencentcloud/cvm-hourly/provider";
import { unclassified } from "../../../../provider/core/diff";
import { ARGUMENT_CLASSES } from "../../../../provider/tencentcloud/cvm-hourly/classes";
import { CvmHourlyInstanceArgsSchema } from "../../../../provider/tencentcloud/cvm-hourly/schema";
import { testEnv, TestEnv } from "../../../support/env";

let env: TestEnv;
let hourly: ReturnType<typeof makeCvmHourlyProvider>;

beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());
beforeEach(async () => {
  await env.emu.control.reset();
  await env.emu.control.settings({ bootMs: 5000, terminateMs: 2000, transitionMs: 1000 });
  env.logs.length = 0;
  hourly = makeCvmHourlyProvider(env.rt);
});

type Args = Record<string, unknown>;
/** On cloud disks (storageType 2): ResetInstancesType takes cloud system disks only. */
const base = (extra: Args = {}): Args => ({
  __identity: "proj/dev/CvmHourlyInstance/legacy",
  imageId: "img-3wnd9xpl",
  bandwidth: 1,
  cpu: 1,
  mem: 2,
  storageType: 2,
  storageSize: 50,
  rootSize: 30,
  zoneId: 100001,
  password: "Qcloud@123",
  ...extra,
});

const live = async (id: string): Promise<Instance> =>
  (await env.emu.control.instances("cvm")).find((i) => i.id === id)!;

async function changeInPlace(to: Args, keys: string[]): Promise<Instance> {
  const checked = await hourly.check({}, base());
  const { id, outs } = await hourly.create(checked.inputs);
  const news = base(to);
  const d = diffCvmHourly(outs as Args, news);
  expect(d).toMatchObject({ replaces: [] });
  expect([...d.updates].sort()).toEqual([...keys].sort());
  const again = await hourly.check(checked.inputs, news);
  expect(again.failures).toEqual([]);
  const r = await hourly.update(id, outs, again.inputs);
  expect(r.outs.instanceIds).toEqual([id]);
  const inst = await live(id);
  expect(inst.state).toBe("RUNNING");
  return inst;
}

describe("CvmHourlyInstance changes in place through the CVM paths", () => {
  it("password: ResetInstancesPassword", async () => {
    expect((await changeInPlace({ password: "Qcloud@456" }, ["password"])).attrs.Password).toBe("Qcloud@456");
  });

  it("cpu and mem: ResetInstancesType on the translated type", async () => {
    const inst = await changeInPlace({ cpu: 2, mem: 4 }, ["cpu", "mem"]);
    expect(inst.attrs).toMatchObject({ InstanceType: "S1.MEDIUM4", CPU: 2, Memory: 4 });
  });

  it("rootSize: ResizeInstanceDisks", async () => {
    expect((await changeInPlace({ rootSize: 50 }, ["rootSize"])).attrs.SystemDisk).toMatchObject({
      DiskSize: 50,
    });
  });

  it("bandwidth: ResetInstancesInternetMaxBandwidth", async () => {
    const inst = await changeInPlace({ bandwidth: 10 }, ["bandwidth"]);
    expect(inst.attrs.InternetAccessible).toMatchObject({ InternetMaxBandwidthOut: 10 });
  });

  it("projectId: ModifyInstancesProject", async () => {
    expect((await changeInPlace({ projectId: 1002 }, ["projectId"])).attrs.Placement).toMatchObject({
      ProjectId: 1002,
    });
  });

  it("refuses at check a smaller rootSize, and cpu on local disks", async () => {
    expect((await hourly.check(base(), base({ rootSize: 20 }))).failures).toEqual([
      expect.objectContaining({ property: "rootSize", reason: expect.stringMatching(/only grows/) }),
    ]);
    const local = { storageType: 1 };
    expect((await hourly.check(base(local), base({ ...local, cpu: 2, mem: 4 }))).failures).toEqual([
      expect.objectContaining({ property: "cpu", reason: expect.stringMatching(/SystemDiskType/) }),
      expect.objectContaining({ property: "mem" }),
    ]);
  });
});

describe("CvmHourlyInstance: the class of every argument", () => {
  it("classes every argument of the schema and nothing else", () => {
    expect(unclassified(CvmHourlyInstanceArgsSchema.shape, ARGUMENT_CLASSES)).toEqual({
      missing: [],
      stale: [],
    });
  });

  it("fails for an argument added without a class", () => {
    const grown = {
      ...CvmHourlyInstanceArgsSchema.shape,
      newArgument: CvmHourlyInstanceArgsSchema.shape.cpu,
    };
    expect(unclassified(grown, ARGUMENT_CLASSES).missing).toEqual(["newArgument"]);
  });

  it("item 5 of the issue: each in place with its action", () => {
    const action = (k: string) => {
      const c = ARGUMENT_CLASSES[k];
      return c.kind === "in-place" ? c.action : c.kind;
    };
    expect(["password", "cpu", "mem", "rootSize", "bandwidth", "projectId"].map(action)).toEqual([
      "ResetInstancesPassword",
      "ResetInstancesType",
      "ResetInstancesType",
      "ResizeInstanceDisks",
      "ResetInstancesInternetMaxBandwidth",
      "ModifyInstancesProject",
    ]);
  });
});

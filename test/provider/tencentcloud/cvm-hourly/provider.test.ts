import { OWNER_TAG } from "../../../../provider/core/adopt";
import { InitFailedError } from "../../../../provider/core/errors";
import { UNKNOWN } from "../../../../provider/core/unknown";
import { makeCvmProvider } from "../../../../provider/tencentcloud/cvm/provider";
import { diffCvmHourly, makeCvmHourlyProvider } from "../../../../provider/tencentcloud/cvm-hourly/provider";
import { useTestEnv } from "../../../support/env";
import { EXAMPLE, exampleRequest } from "./example";
import type { Instance } from "pulumi-runinstances/emulator";
import { unclassified } from "../../../../provider/core/diff";
import { ARGUMENT_CLASSES } from "../../../../provider/tencentcloud/cvm-hourly/classes";
import { CvmHourlyInstanceArgsSchema } from "../../../../provider/tencentcloud/cvm-hourly/schema";

const env = useTestEnv();
let hourly: ReturnType<typeof makeCvmHourlyProvider>;

beforeEach(() => {
  hourly = makeCvmHourlyProvider(env.rt);
});

const example = EXAMPLE;
const inputs = (extra: Record<string, unknown> = {}) => ({
  __identity: "proj/dev/CvmHourlyInstance/legacy",
  ...example,
  ...extra,
});
const PASSWORD = "Qcloud@123";

/**
 * A request as the emulator's log shows it. Its redaction (emulator/world.ts SECRET_KEYS,
 * /pass(word)?|.../i) also hides PublicIpAssigned ("PublicIpAssigned" holds "pAss"): accept
 * that value as logged; the public IP itself is checked on the instance.
 */
function asLogged(req: Record<string, unknown>) {
  const internet = req.InternetAccessible as Record<string, unknown> | undefined;
  // The owner mark is sent among the instance's tags (core/adopt.ts).
  const owner = {
    ResourceType: "instance",
    Tags: [{ Key: OWNER_TAG, Value: "proj/dev/CvmHourlyInstance/legacy" }],
  };
  const marked = { ...req, TagSpecification: [owner] };
  return internet
    ? { ...marked, InternetAccessible: { ...internet, PublicIpAssigned: expect.anything() } }
    : marked;
}

/** CvmInstance arguments from a PascalCase request (no ClientToken: CvmInstance derives its own). */
function toCamel(req: Record<string, unknown>): Record<string, unknown> {
  const camel = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(camel)
      : v && typeof v === "object"
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k[0].toLowerCase() + k.slice(1), camel(x)]))
        : v;
  const { ClientToken: _t, ...rest } = req;
  return camel(rest) as Record<string, unknown>;
}

async function create(extra: Record<string, unknown> = {}) {
  const checked = await hourly.check({}, inputs(extra));
  expect(checked.failures).toEqual([]);
  return hourly.create(checked.inputs);
}

describe("CvmHourlyInstance against the emulator through the real SDK", () => {
  it("runs the document's example to RUNNING through API 3.0 RunInstances, as the request log shows", async () => {
    const { id, outs } = await create();
    expect(id).toMatch(/^ins-[a-z0-9]{8}$/);
    expect(outs).toMatchObject({ instanceIds: [id], unInstanceIds: [id] });
    expect(outs.instances[0]).toMatchObject({
      instanceId: id,
      state: "RUNNING",
      zone: "ap-guangzhou-1",
      instanceType: "S1.SMALL2",
      publicIpAddresses: [expect.any(String)],
    });
    // The legacy arguments are echoed for the next diff.
    expect(outs).toMatchObject({ ...example, region: "ap-guangzhou" });

    const expected = exampleRequest(outs.launchToken);
    expect(outs.translatedRequest).toEqual(expected);
    const log = await env.emu.control.log({ service: "cvm", action: "RunInstances" });
    expect(log).toHaveLength(1);
    expect(log[0].params).toEqual(asLogged(expected));
    expect(log[0].error).toBeUndefined();
    // The translation asked the cloud first, then RunInstances, then waited with DescribeInstances.
    const actions = (await env.emu.control.log({ service: "cvm" })).map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(["DescribeZones", "DescribeInstanceTypeConfigs", "RunInstances"]);
    expect(actions.slice(3).every((a) => a === "DescribeInstances")).toBe(true);
    const live = await env.emu.control.instances("cvm");
    expect(live.map((i) => [i.id, i.state, i.zone])).toEqual([[id, "RUNNING", "ap-guangzhou-1"]]);
  });

  it("names itself in progress lines, with the translation", async () => {
    await create();
    expect(env.logs[0]).toBe(
      "creating CvmHourlyInstance legacy: zoneId 100001 is ap-guangzhou-1, instance type S1.SMALL2",
    );
    expect(
      env.logs.some((l) => /^creating CvmHourlyInstance legacy: waiting for 1 instance\(s\)/.test(l)),
    ).toBe(true);
    expect(env.logs.join("\n")).not.toContain("CvmInstance ");
  });

  it("creates goodsNum instances in a VPC, with a key, the agents off and traffic billing", async () => {
    const { outs } = await create({
      goodsNum: 2,
      instanceType: "CVM.M2",
      cpu: 2,
      mem: 8,
      storageType: 2,
      storageSize: 100,
      rootSize: 30,
      bandwidthType: "PayByTraffic",
      bandwidth: 5,
      vpcId: "vpc-1urkhbj4",
      subnetId: "subnet-dcs9x3gz",
      keyId: "skey-3glfot13",
      needSecurityAgent: 0,
      needMonitorAgent: 0,
      projectId: 1029,
      instanceName: "legacy",
    });
    expect(outs.unInstanceIds).toHaveLength(2);
    expect(outs.instances.map((i: { state: string }) => i.state)).toEqual(["RUNNING", "RUNNING"]);
    const [entry] = await env.emu.control.log({ service: "cvm", action: "RunInstances" });
    expect(entry.params).toMatchObject({
      Placement: { Zone: "ap-guangzhou-1", ProjectId: 1029 },
      InstanceType: "M2.MEDIUM8",
      SystemDisk: { DiskType: "CLOUD_BASIC", DiskSize: 30 },
      DataDisks: [{ DiskType: "CLOUD_BASIC", DiskSize: 100 }],
      VirtualPrivateCloud: { VpcId: "vpc-1urkhbj4", SubnetId: "subnet-dcs9x3gz", AsVpcGateway: false },
      InternetAccessible: { InternetChargeType: "TRAFFIC_POSTPAID_BY_HOUR", InternetMaxBandwidthOut: 5 },
      LoginSettings: { KeyIds: ["skey-3glfot13"] },
      EnhancedService: { SecurityService: { Enabled: false }, MonitorService: { Enabled: false } },
      InstanceCount: 2,
      InstanceName: "legacy",
    });
    expect(entry.params).toEqual(asLogged(outs.translatedRequest));
    expect(outs.translatedRequest.InternetAccessible.PublicIpAssigned).toBe(true);
    expect(
      outs.instances.every((i: { publicIpAddresses: string[] }) => i.publicIpAddresses.length === 1),
    ).toBe(true);
  });

  it("makes no cloud call in a plain check, also when it refuses the input", async () => {
    expect((await hourly.check({}, inputs())).failures).toEqual([]);
    expect((await hourly.check({}, inputs({ storageSize: 55 }))).failures![0].property).toBe("storageSize");
    expect(await env.emu.control.totalCalls()).toBe(0);
  });

  it("fails a create whose zoneId is not in the region, naming it, with nothing bought", async () => {
    const err = (await hourly.create(inputs({ zoneId: 200001 })).catch((e: unknown) => e)) as Error;
    expect(err).not.toBeInstanceOf(InitFailedError);
    expect(err.message).toMatch(
      /^creating CvmHourlyInstance legacy: translating to RunInstances: zoneId: 200001 is not an availability zone of region ap-guangzhou; DescribeZones lists 100001 \(ap-guangzhou-1\)/,
    );
    expect(await env.emu.control.callCount("cvm", "RunInstances")).toBe(0);
  });

  it("fails a create whose cpu and mem match no type of the family, naming cpu, mem and family", async () => {
    const err = (await hourly
      .create(inputs({ cpu: 3, mem: 5, instanceType: "CVM.I2" }))
      .catch((e: unknown) => e)) as Error;
    expect(err.message).toContain(
      "cpu 3 and mem 5 GB match no instance type of family I2 (instanceType CVM.I2)",
    );
    expect(err.message).toContain("I2.SMALL1 (cpu 1, mem 1)");
    expect(await env.emu.control.callCount("cvm", "RunInstances")).toBe(0);
  });

  describe("with preflight on", () => {
    beforeEach(() => {
      process.env.RUNINSTANCES_PREFLIGHT = "true";
    });
    afterEach(() => {
      delete process.env.RUNINSTANCES_PREFLIGHT;
    });

    it("translates and sends a DryRun, buying nothing", async () => {
      expect((await hourly.check({}, inputs())).failures).toEqual([]);
      const [dry] = await env.emu.control.log({ service: "cvm", action: "RunInstances" });
      expect(dry.params).toMatchObject({
        DryRun: true,
        InstanceType: "S1.SMALL2",
        Placement: { Zone: "ap-guangzhou-1" },
      });
      expect(await env.emu.control.instances("cvm")).toEqual([]);
    });

    it("turns a translation that cannot be made into a check failure on the legacy argument", async () => {
      const zone = await hourly.check({}, inputs({ zoneId: 100009 }));
      expect(zone.failures).toEqual([
        {
          property: "zoneId",
          reason: expect.stringContaining("100009 is not an availability zone of region"),
        },
      ]);
      const size = await hourly.check({}, inputs({ cpu: 1, mem: 3 }));
      expect(size.failures).toEqual([
        {
          property: "cpu",
          reason: expect.stringContaining("cpu 1 and mem 3 GB match no instance type of family S1"),
        },
      ]);
      expect(await env.emu.control.callCount("cvm", "RunInstances")).toBe(0);
    });

    it("turns the cloud's DryRun refusal into a failure on the legacy argument, with the translated value", async () => {
      await env.emu.control.instanceFaults({ outOfStock: ["S1.SMALL2"] });
      const r = await hourly.check({}, inputs());
      expect(r.failures).toEqual([
        {
          property: "instanceType",
          reason: expect.stringMatching(
            /ResourceInsufficient\.SpecifiedInstanceType.*\(API 3\.0 instanceType S1\.SMALL2\)$/,
          ),
        },
      ]);
      const image = await hourly.check({}, inputs({ imageId: "img-00000000" }));
      expect(image.failures![0]).toMatchObject({
        property: "imageId",
        reason: expect.stringContaining("InvalidImageId.NotFound"),
      });
    });

    it("does not preflight an existing resource", async () => {
      await hourly.check(inputs(), inputs({ instanceName: "renamed" }));
      expect(await env.emu.control.totalCalls()).toBe(0);
    });
  });

  it("renames in place and scales goodsNum out and in, without translating again", async () => {
    const { id, outs } = await create({ instanceName: "legacy" });
    const news = inputs({ instanceName: "renamed", goodsNum: 3 });
    expect(await hourly.diff(id, outs, news)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const describes = await env.emu.control.callCount("cvm", "DescribeInstanceTypeConfigs");
    const { outs: three } = await hourly.update(id, outs, news);
    expect(three.instanceIds).toHaveLength(3);
    expect(three.unInstanceIds).toEqual(three.instanceIds);
    expect(three.instanceIds[0]).toBe(id);
    expect(three.instances.map((i: { instanceName: string }) => i.instanceName).sort()).toEqual([
      "renamed1",
      "renamed2",
      "renamed3",
    ]);
    expect(three.translatedRequest).toMatchObject({
      InstanceCount: 3,
      InstanceName: "renamed",
      InstanceType: "S1.SMALL2",
    });
    expect(await env.emu.control.callCount("cvm", "DescribeInstanceTypeConfigs")).toBe(describes);
    const runs = await env.emu.control.log({ service: "cvm", action: "RunInstances" });
    expect(runs.map((r) => (r.params as { InstanceCount: number }).InstanceCount)).toEqual([1, 2]);

    const { outs: one } = await hourly.update(
      three.instanceIds.join(","),
      three,
      inputs({ instanceName: "renamed" }),
    );
    expect(one.instanceIds).toEqual([id]);
    expect((await env.emu.control.instances("cvm")).map((i) => i.id)).toEqual([id]);
  });

  it("refresh sees an out-of-band rename and drops gone instances; the next update puts the name right", async () => {
    const { id, outs } = await create({ instanceName: "legacy", goodsNum: 2 });
    const [a, b] = outs.instanceIds as string[];
    await env.emu.control.modifyInstance(a, { name: "by-hand" });
    const read = await hourly.read(id, outs);
    expect(read.props!.instanceName).toBe("by-hand");
    expect(read.props!.translatedRequest).toEqual(outs.translatedRequest);
    expect(await hourly.diff(id, read.props!, inputs({ instanceName: "legacy", goodsNum: 2 }))).toMatchObject(
      {
        changes: true,
        replaces: [],
      },
    );
    await env.emu.control.removeInstance(b);
    const after = await hourly.read(id, read.props!);
    expect(after.id).toBe(a);
    expect(after.props!.unInstanceIds).toEqual([a]);
    const { outs: fixed } = await hourly.update(
      after.id!,
      after.props!,
      inputs({ instanceName: "legacy", goodsNum: 2 }),
    );
    expect(fixed.instances.map((i: { instanceName: string }) => i.instanceName).sort()).toEqual([
      "legacy1",
      "legacy2",
    ]);
    await env.emu.control.removeInstance(a);
    await env.emu.control.removeInstance(fixed.instanceIds[1]);
    expect((await hourly.read(fixed.instanceIds.join(","), fixed)).id).toBe("");
  });

  it("deletes: terminates and waits until gone; not found is success", async () => {
    const { id, outs } = await create({ goodsNum: 2 });
    expect(outs.__identity).toBe("proj/dev/CvmHourlyInstance/legacy");
    env.logs.length = 0;
    await hourly.delete(id, outs);
    expect(await env.emu.control.instances("cvm")).toEqual([]);
    expect(env.logs.some((l) => /^deleting CvmHourlyInstance legacy: waiting for 2 instance/.test(l))).toBe(
      true,
    );
    await hourly.delete(id, outs);
  });

  it("a LAUNCH_FAILED instance gives an init failure in this resource's shape; the next update converges", async () => {
    await env.emu.control.instanceFaults({ launchFailures: { cvm: 1 } });
    const news = { ...inputs({ goodsNum: 2 }), __provider: "shim" };
    const err = await hourly.create(news).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InitFailedError);
    const f = err as InitFailedError;
    expect(f.message).toMatch(/^creating CvmHourlyInstance legacy: .*LAUNCH_FAILED/);
    expect(f.properties).toMatchObject({
      __provider: "shim",
      __identity: "proj/dev/CvmHourlyInstance/legacy",
      zoneId: 100001,
      instanceIds: f.id.split(","),
      unInstanceIds: f.id.split(","),
      translatedRequest: expect.objectContaining({ InstanceType: "S1.SMALL2" }),
    });
    expect(f.properties).not.toHaveProperty("placement");
    const { outs } = await hourly.update(f.id, f.properties, news);
    expect(outs.instances.map((i: { state: string }) => i.state)).toEqual(["RUNNING", "RUNNING"]);
    expect((await env.emu.control.instances("cvm")).filter((i) => i.state === "LAUNCH_FAILED")).toEqual([]);
  });

  it("fails at once with the cloud's code and RequestId, naming this resource", async () => {
    const err = (await hourly.create(inputs({ imageId: "img-00000000" })).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(
      /^creating CvmHourlyInstance legacy \(ClientToken pulumi-[0-9a-f]{40}-0\): RunInstances: InvalidImageId.NotFound: .* \(RequestId [0-9a-f-]+\)$/,
    );
    expect(err.cause).toBeInstanceOf(Error);
  });

  it("keeps the password out of the request log, the progress lines and the translated request", async () => {
    const { outs } = await create({ password: PASSWORD });
    const [entry] = await env.emu.control.log({ service: "cvm", action: "RunInstances" });
    expect(entry.params).toMatchObject({ LoginSettings: { Password: "***" } });
    expect(JSON.stringify(await env.emu.control.log())).not.toContain(PASSWORD);
    expect(env.logs.join("\n")).not.toContain(PASSWORD);
    expect(JSON.stringify(outs.translatedRequest)).not.toContain(PASSWORD);
    // Echoed (the resource class makes it secret) so that a change shows in the diff.
    expect(outs.password).toBe(PASSWORD);
  });

  it("never shares instances with a CvmInstance of the same name and request", async () => {
    const { id, outs } = await create();
    const cvm = makeCvmProvider(env.rt);
    const same = { __identity: "proj/dev/legacy", ...toCamel(outs.translatedRequest) };
    const other = await cvm.create(same);
    expect(other.id).not.toBe(id);
    expect(await env.emu.control.instances("cvm")).toHaveLength(2);
  });

  it("uses the user's clientToken as the ClientToken", async () => {
    const { outs } = await create({ clientToken: "legacy-token-1" });
    expect(outs.translatedRequest.ClientToken).toBe("legacy-token-1");
    const again = await create({ clientToken: "legacy-token-1" });
    expect(again.id).toBe(outs.instanceIds[0]);
  });
});

describe("CvmHourlyInstance diff", () => {
  const olds = { ...inputs(), region: "ap-guangzhou", instanceIds: ["ins-1"], unInstanceIds: ["ins-1"] };
  /** [description, new arguments, replaces, in place] */
  const rows: Array<[string, Record<string, unknown>, string[], boolean]> = [
    ["no change", {}, [], false],
    [
      "defaults written out are no change",
      {
        instanceType: "CVM.S1",
        imageType: 2,
        bandwidthType: "PayByHour",
        isVpcGateway: 0,
        needSecurityAgent: 1,
        needMonitorAgent: 1,
        projectId: 0,
        wanIp: 1,
      },
      [],
      false,
    ],
    ["instanceName is in place", { instanceName: "x" }, [], true],
    ["goodsNum is in place", { goodsNum: 4 }, [], true],
    ["timeouts are in place", { timeouts: { create: "30m" } }, [], true],
    ["clientToken is in place", { clientToken: "t" }, [], true],
    ["zoneId replaces", { zoneId: 100002 }, ["zoneId"], false],
    ["cpu and mem are in place (ResetInstancesType)", { cpu: 2, mem: 4 }, [], true],
    ["instanceType replaces", { instanceType: "CVM.S2" }, ["instanceType"], false],
    ["imageId is in place (ResetInstance)", { imageId: "img-pmqg1cw7" }, [], true],
    ["storageSize replaces", { storageSize: 100 }, ["storageSize"], false],
    ["storageType replaces", { storageType: 2 }, ["storageType"], false],
    ["rootSize is in place (ResizeInstanceDisks)", { rootSize: 30 }, [], true],
    ["bandwidth is in place (ResetInstancesInternetMaxBandwidth)", { bandwidth: 2 }, [], true],
    ["bandwidth to 0 replaces: no public IP any more", { bandwidth: 0 }, ["wanIp"], true],
    ["wanIp 0 replaces", { wanIp: 0 }, ["wanIp"], false],
    ["password is in place (ResetInstancesPassword)", { password: PASSWORD }, [], true],
    ["keyId is in place (key pairs)", { keyId: "skey-3glfot13" }, [], true],
    ["projectId is in place (ModifyInstancesProject)", { projectId: 3 }, [], true],
    ["vpc replaces", { vpcId: "vpc-1urkhbj4", subnetId: "subnet-dcs9x3gz" }, ["vpcId", "subnetId"], false],
    ["the agents replace", { needMonitorAgent: 0 }, ["needMonitorAgent"], false],
    ["region replaces", { region: "ap-shanghai" }, ["region"], false],
    ["an unknown zoneId replaces", { zoneId: UNKNOWN }, ["zoneId"], false],
    ["an unknown instanceName is in place", { instanceName: UNKNOWN }, [], true],
  ];

  it.each(rows.map((r) => [r[0], r] as const))("%s", (_name, [, extra, replaces, inPlace]) => {
    const d = diffCvmHourly(olds, inputs(extra));
    expect(d.replaces).toEqual(replaces);
    expect(d.updates.length > 0).toBe(inPlace);
    expect(d.changes).toBe(replaces.length > 0 || inPlace);
  });

  it("sees no change in wanIp when there is no bandwidth", () => {
    const noBandwidth = { ...olds, bandwidth: 0 };
    expect(diffCvmHourly(noBandwidth, inputs({ bandwidth: 0, wanIp: 1 })).changes).toBe(false);
  });
});

// ---- in place -----------------------------------------------------------------------------------
// CvmHourlyInstance's in-place changes go through the CvmInstance provider's update on the
// translated arguments: password, cpu + mem (ResetInstancesType on the type they translate to),
// rootSize, bandwidth and projectId, each shown in the emulated cloud with the same ids.
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

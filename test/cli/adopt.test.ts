/**
 * Adoption under the real engine, one resource of each kind in one stack: instances bought
 * through the SDK outside Pulumi are adopted by `pulumi up` (no create call), renamed by the next
 * `up`, and ended by `pulumi destroy`; a second stack that adopts the same ids is refused, naming
 * the first, with no mutating call. With `retainOnDelete`, destroy keeps them; once their owner
 * mark is deleted the second stack adopts them, and its destroy ends them.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as $swas from "@alicloud/swas-open20200601";
import { DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY } from "pulumi-runinstances/emulator";
import type { Instance } from "pulumi-runinstances/emulator";
import type { CliStack } from "../../cli/stack";
import { alicloudTarget, swasClient } from "../../provider/alicloud/client";
import * as swas from "../../provider/alicloud/swas/api";
import { OWNER_TAG } from "../../provider/core/adopt";
import { Operation, operation } from "../../provider/core/context";
import { serviceCalls, tencentClient, tencentTarget } from "../../provider/tencentcloud/client";
import { emulatorRuntime, pointAtEmulator } from "../../reliability/provider-env";
import { mutatingCalls } from "../support/calls";
import { LINUX, SMALL } from "../support/swas-catalogue";
import { CliEnv, cliEnv, ok, opsOf, recordedIds } from "./support";

const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import { CvmInstance, EcmInstance, SwasInstance } from "pulumi-runinstances";
const c = new pulumi.Config("adopt");
const name = c.get("name") ?? "legacy";
const opts = { retainOnDelete: c.getBoolean("retain") ?? false };
const ids = (kind: string) => c.requireObject<string[]>(kind);
new CvmInstance("cvm", {
  placement: { zone: "ap-guangzhou-3" },
  imageId: "img-pmqg1cw7",
  instanceCount: 2,
  instanceName: name + "-{R:1}",
  adoptInstanceIds: ids("cvm"),
}, opts);
new EcmInstance("ecm", {
  zoneInstanceCountISPSet: [{ zone: "ap-xian-ecm-1", instanceCount: 1, isp: "CMCC" }],
  moduleId: "esm-jz2wm3m2",
  instanceName: name,
  adoptInstanceIds: ids("ecm"),
}, opts);
new SwasInstance("swas", {
  regionId: "cn-hangzhou",
  imageId: "${LINUX}",
  planId: "${SMALL}",
  period: 1,
  instanceName: name,
  adoptInstanceIds: ids("swas"),
}, opts);
`;

/** Each kind: its service in the emulator, and the purchase and the untagging outside Pulumi. */
interface Kind {
  service: "cvm" | "ecm" | "swas";
  buy(op: Operation): Promise<string[]>;
  untag(op: Operation, i: Instance): Promise<void>;
  /** Names after a rename to `name`. */
  names(name: string): string[];
  /** A state that a destroy may leave. */
  ended: RegExp;
}

const tencentUntag = (product: string) => async (op: Operation, i: Instance) => {
  await serviceCalls("tag")(op, tencentTarget(i.region), "ModifyResourceTags", (c) =>
    c.ModifyResourceTags({
      Resource: `qcs::${product}:${i.region}:uin/:instance/${i.id}`,
      DeleteTags: [{ TagKey: OWNER_TAG }],
    }),
  );
};

const KINDS: Record<string, Kind> = {
  cvm: {
    service: "cvm",
    buy: async () =>
      (
        await tencentClient("cvm", tencentTarget("ap-guangzhou")).RunInstances({
          Placement: { Zone: "ap-guangzhou-3" },
          ImageId: "img-pmqg1cw7",
          InstanceCount: 2,
          InstanceName: "bought",
        })
      ).InstanceIdSet!,
    untag: tencentUntag("cvm"),
    names: (n) => [`${n}-1`, `${n}-2`],
    ended: /TERMINATING|SHUTDOWN/,
  },
  ecm: {
    service: "ecm",
    buy: async () =>
      (
        await tencentClient("ecm", tencentTarget("")).RunInstances({
          ZoneInstanceCountISPSet: [{ Zone: "ap-xian-ecm-1", InstanceCount: 1, ISP: "CMCC" }],
          ModuleId: "esm-jz2wm3m2",
          InstanceName: "bought",
        })
      ).InstanceIdSet!,
    untag: tencentUntag("ecm"),
    names: (n) => [n],
    ended: /TERMINATING|SHUTDOWN/,
  },
  swas: {
    service: "swas",
    buy: async () =>
      (
        await swasClient(alicloudTarget("cn-hangzhou")).createInstances(
          new $swas.CreateInstancesRequest({
            regionId: "cn-hangzhou",
            imageId: LINUX,
            planId: SMALL,
            period: 1,
            amount: 1,
            chargeType: "PrePaid",
          }),
        )
      ).body!.instanceIds!,
    untag: (op, i) => swas.untagResources(op, alicloudTarget(i.region), [i.id], [OWNER_TAG]),
    names: (n) => [n],
    // A SWAS server cannot be released: destroy stops it.
    ended: /Stopped/,
  },
};

let env: CliEnv;
let program: string;
let first: CliStack;
let second: CliStack;
const bought: Record<string, string[]> = {};
let restore = () => {};
let op: Operation;

const mutating = () => mutatingCalls(env.emu);

const live = async (kind: string) =>
  (await env.emu.control.instances(KINDS[kind].service)).filter((i) => bought[kind].includes(i.id));

const each = async (f: (kind: string, instances: Instance[]) => void) => {
  for (const kind of Object.keys(KINDS)) f(kind, await live(kind));
};

beforeAll(async () => {
  env = await cliEnv();
  program = fs.mkdtempSync(path.join(os.tmpdir(), "adopt-"));
  fs.writeFileSync(path.join(program, "Pulumi.yaml"), "name: adopt\nruntime: nodejs\n");
  fs.writeFileSync(path.join(program, "index.ts"), PROGRAM);
  // Bought outside Pulumi: the create calls through the SDKs, as a console or a script would.
  restore = pointAtEmulator(
    env.emu,
    [DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY],
    [DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY],
  );
  op = operation(emulatorRuntime(env.emu, []), "outside Pulumi", 60_000);
  for (const [kind, k] of Object.entries(KINDS)) bought[kind] = await k.buy(op);
  const config = {
    "tencentcloud:region": "ap-guangzhou",
    ...Object.fromEntries(Object.keys(KINDS).map((kind) => [`adopt:${kind}`, JSON.stringify(bought[kind])])),
  };
  first = await env.stack({ program, stack: "first", config });
  second = await env.stack({ program, stack: "second", config });
});
afterAll(async () => {
  restore();
  await env?.close();
  fs.rmSync(program, { recursive: true, force: true });
});

describe("adoptInstanceIds under the real engine", () => {
  it("up adopts the instances: no create call, the owner mark on each, the names of the program", async () => {
    const before = await env.emu.control.calls();
    const creates = (c: typeof before) =>
      ["cvm.RunInstances", "ecm.RunInstances", "swas.CreateInstances"].map((a) => c[a]?.calls ?? 0);
    const r = ok(await first.up());
    expect(opsOf(r)).toMatchObject({ cvm: ["create"], ecm: ["create"], swas: ["create"] });
    expect(creates(await env.emu.control.calls())).toEqual(creates(before));
    for (const kind of Object.keys(KINDS)) expect(await recordedIds(first, kind)).toEqual(bought[kind]);
    await each((kind, instances) => {
      expect(instances.map((i) => i.name).sort()).toEqual(KINDS[kind].names("legacy"));
      expect(instances.map((i) => i.tags[OWNER_TAG])).toEqual(instances.map(() => `adopt/first/${kind}`));
    });
  });

  it("the next up renames them in place", async () => {
    await first.setConfig({ "adopt:name": "web" });
    const r = ok(await first.up());
    expect(opsOf(r)).toMatchObject({ cvm: ["update"], ecm: ["update"], swas: ["update"] });
    for (const kind of Object.keys(KINDS)) expect(await recordedIds(first, kind)).toEqual(bought[kind]);
    await each((kind, instances) =>
      expect(instances.map((i) => i.name).sort()).toEqual(KINDS[kind].names("web")),
    );
  });

  it("a second stack adopting the same ids is refused, naming the first, with no mutating call", async () => {
    const before = await mutating();
    const r = await second.up();
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/is held by another resource: pulumi:owner is adopt\/first\/(cvm|ecm|swas)/);
    expect(await mutating()).toBe(before);
    for (const kind of Object.keys(KINDS)) expect(await recordedIds(second, kind)).toEqual([]);
  });

  it("with retainOnDelete, destroy keeps them", async () => {
    await first.setConfig({ "adopt:retain": "true" });
    ok(await first.up());
    const before = await mutating();
    ok(await first.destroy());
    expect(await mutating()).toBe(before);
    await each((_kind, instances) =>
      expect(instances.map((i) => i.state)).not.toContainEqual(
        expect.stringMatching(/TERMINAT|SHUTDOWN|Stopped/),
      ),
    );
  });

  it("once the owner mark is deleted, the second stack adopts them; its destroy ends them", async () => {
    for (const kind of Object.keys(KINDS)) for (const i of await live(kind)) await KINDS[kind].untag(op, i);
    const r = ok(await second.up());
    expect(opsOf(r)).toMatchObject({ cvm: ["create"], ecm: ["create"], swas: ["create"] });
    await each((kind, instances) =>
      expect(instances.map((i) => i.tags[OWNER_TAG])).toEqual(instances.map(() => `adopt/second/${kind}`)),
    );
    ok(await second.destroy());
    await each((kind, instances) =>
      expect(instances.filter((i) => !KINDS[kind].ended.test(i.state))).toEqual([]),
    );
  });
});

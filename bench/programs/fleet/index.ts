// Benchmark program: `bench:count` resources of the kind `bench:kind`, of `bench:instances`
// instances each, registered in a loop (the engine creates them in parallel). The kind `nothing`
// is the engine's own cost: dynamic resources with a CvmInstance's arguments whose provider does
// nothing (no call, no wait, no outputs). The kind `waiting` is a provider that only waits: its
// create and its delete take `bench:waitMs` and call nothing, the best any provider can do
// against a cloud whose boot (terminate) takes that long.
import * as pulumi from "@pulumi/pulumi";
import { CvmInstance, EcmInstance, HaiInstance, SwasInstance } from "pulumi-runinstances";

const config = new pulumi.Config("bench");
const kind = config.require("kind");
const count = config.requireNumber("count");
const instances = config.getNumber("instances") ?? 1;
const password = config.getSecret("password");
const waitMs = config.getNumber("waitMs") ?? 0;

const cvmArgs = (name: string): ConstructorParameters<typeof CvmInstance>[1] => ({
  placement: { zone: "ap-guangzhou-3" },
  imageId: "img-pmqg1cw7",
  instanceType: "S5.MEDIUM4",
  instanceCount: instances,
  instanceName: `bench-${name}`,
  systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 50 },
  internetAccessible: { internetChargeType: "TRAFFIC_POSTPAID_BY_HOUR", internetMaxBandwidthOut: 10 },
  loginSettings: { password },
});

/**
 * A dynamic resource whose provider does nothing: a create that returns at once, the defaults else.
 * One provider object for all of them, as each of our classes has one shim: the SDK serializes a
 * provider once per object (a new object per resource would cost a serialization each).
 */
const nothing: pulumi.dynamic.ResourceProvider = { create: async () => ({ id: "nothing", outs: {} }) };
class Nothing extends pulumi.dynamic.Resource {
  constructor(name: string, args: pulumi.Inputs) {
    super(nothing, name, args);
  }
}

/** Waits `waitMs` in create and in delete, and calls nothing. */
const waiting: pulumi.dynamic.ResourceProvider = {
  create: async () => {
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    return { id: "waiting", outs: {} };
  },
  delete: () => new Promise((resolve) => setTimeout(resolve, waitMs)),
};
class Waiting extends pulumi.dynamic.Resource {
  constructor(name: string, args: pulumi.Inputs) {
    super(waiting, name, args);
  }
}

/** One resource of each kind: its name and its arguments for `instances` instances. */
const KINDS: Record<string, (name: string) => void> = {
  nothing: (name) => new Nothing(name, cvmArgs(name)),
  waiting: (name) => new Waiting(name, cvmArgs(name)),
  cvm: (name) => new CvmInstance(name, cvmArgs(name)),
  ecm: (name) =>
    new EcmInstance(name, {
      zoneInstanceCountISPSet: [{ zone: "ap-xian-ecm-1", instanceCount: instances, isp: "CMCC" }],
      moduleId: "esm-jz2wm3m2",
      instanceName: `bench-${name}`,
      password,
    }),
  hai: (name) =>
    new HaiInstance(name, {
      applicationId: "app-jknfna",
      bundleType: "XL",
      instanceCount: instances,
      instanceName: `bench-${name}`,
    }),
  // No name and no password: CreateInstances takes neither, and setting them costs an
  // UpdateInstanceAttribute per server at 10 calls a minute; the benchmark measures the create.
  swas: (name) =>
    new SwasInstance(name, {
      planId: "swas.s1.c1m1s40b3t05",
      imageId: "e2c9c365024a44369c9b955a998a0000",
      period: 1,
      amount: instances,
    }),
};

const make = KINDS[kind];
if (!make) throw new Error(`bench:kind must be one of ${Object.keys(KINDS).join(", ")}, not ${kind}`);
for (let i = 0; i < count; i++) make(`${kind}-${i}`);

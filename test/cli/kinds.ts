/**
 * The real-engine suite's table: one row per resource kind, each with its example program and
 * what every case needs to know about it (config, an in-place change, a replacing change, an
 * out-of-band change, a bad argument, the emulator's names of its actions and states).
 */
import type { Instance } from "pulumi-runinstances/emulator";
import type { CliEnv } from "./support";

export interface Kind {
  /** The resource class, e.g. CvmInstance. */
  kind: string;
  /** Folder under examples/. */
  example: string;
  /** The resource's name in the example program. */
  resource: string;
  service: "cvm" | "ecm" | "hai" | "swas";
  /** How many instances the example buys. */
  count: number;
  config: Record<string, string>;
  secretConfig: Record<string, string>;
  /** The password (scanned for in the state) and the secret output that holds it. */
  password?: { value: string; output: string };
  /** The provider's progress line while instances boot, as it reaches `pulumi up`'s output. */
  progress: RegExp;
  /** An in-place change, and how the emulator shows it made. */
  inPlace: { config: Record<string, string>; done(instances: Instance[]): boolean };
  /** A change that replaces the instances, and how many the new set has. */
  replace: { config: Record<string, string>; count: number };
  /** An out-of-band change made through the emulator, which refresh must see. */
  drift(env: CliEnv, ids: string[]): Promise<void>;
  /** A bad argument (config), the property the failure names, the rule and the document it cites. */
  bad: { config: Record<string, string>; property: string; rule: RegExp; doc: RegExp };
  /** Config that lets the next up replace a failed launch (SWAS: opting in to buy again). */
  launchFailureOptIn?: Record<string, string>;
  actions: { create: string; delete: RegExp };
  /** After delete: the instances are gone, or (SWAS, no delete API) stopped and still paid. */
  afterDelete: "gone" | "stopped";
  /** The update a SIGKILL interrupts: its config, the call to wait for, the count after it, its sign. */
  killUpdate: {
    config: Record<string, string>;
    action: string;
    count: number;
    done(instances: Instance[]): boolean;
  };
}

const renameFirst = (name: string) => async (env: CliEnv, ids: string[]) => {
  await env.emu.control.modifyInstance(ids[0], { name });
};
const named = (prefix: string) => (list: Instance[]) => list.every((i) => i.name.startsWith(prefix));
const REGION = { "tencentcloud:region": "ap-guangzhou" };
const WAITING = /waiting for \d+ instance\(s\): .*(PENDING|RUNNING)/;

export const KINDS: Record<string, Kind> = {
  cvm: {
    kind: "CvmInstance",
    example: "cvm",
    resource: "web",
    service: "cvm",
    count: 2,
    config: REGION,
    secretConfig: { "web:password": "Qcloud@TestApi123++" },
    password: { value: "Qcloud@TestApi123++", output: "loginSettings" },
    progress: WAITING,
    inPlace: { config: { "web:name": "site-{R:1}" }, done: named("site-") },
    replace: { config: { "web:zone": "ap-guangzhou-4" }, count: 2 },
    drift: renameFirst("renamed-out-of-band"),
    bad: {
      config: { "web:name": "x".repeat(61) },
      property: "instanceName",
      rule: /at most 60 characters/,
      doc: /CVM RunInstances 2017-03-12/,
    },
    actions: { create: "RunInstances", delete: /^TerminateInstances$/ },
    afterDelete: "gone",
    killUpdate: {
      config: { "web:count": "3" },
      action: "RunInstances",
      count: 3,
      done: (l) => l.length === 3,
    },
  },
  ecm: {
    kind: "EcmInstance",
    example: "ecm",
    resource: "edge",
    service: "ecm",
    count: 3,
    config: REGION,
    secretConfig: { "edge:password": "Edge@Passw0rd" },
    password: { value: "Edge@Passw0rd", output: "password" },
    progress: WAITING,
    inPlace: { config: { "edge:name": "edge-renamed-{R:1}" }, done: named("edge-renamed-") },
    replace: { config: { "edge:xianCount": "1" }, count: 2 },
    drift: renameFirst("renamed-out-of-band"),
    bad: {
      config: { "edge:name": "x".repeat(61) },
      property: "instanceName",
      rule: /at most 60 characters/,
      doc: /ECM RunInstances 2019-07-19/,
    },
    actions: { create: "RunInstances", delete: /^TerminateInstances$/ },
    afterDelete: "gone",
    killUpdate: {
      config: { "edge:name": "edge-killed-{R:1}" },
      action: "ModifyInstancesAttribute",
      count: 3,
      done: named("edge-killed-"),
    },
  },
  hai: {
    kind: "HaiInstance",
    example: "hai",
    resource: "sd",
    service: "hai",
    count: 1,
    config: REGION,
    secretConfig: {},
    progress: WAITING,
    inPlace: {
      config: { "gpu:diskSize": "120" },
      done: (l) => l.every((i) => (i.attrs.SystemDisk as { DiskSize?: number })?.DiskSize === 120),
    },
    replace: { config: { "gpu:bundleType": "3XL" }, count: 1 },
    drift: async (env, ids) => {
      await env.emu.control.modifyInstance(ids[0], { state: "STOPPED_NO_CHARGE" });
    },
    bad: {
      config: { "gpu:applicationId": "application 1" },
      property: "applicationId",
      rule: /app-xxxxxx/,
      doc: /HAI RunInstances 2023-08-12/,
    },
    actions: { create: "RunInstances", delete: /^TerminateInstances$/ },
    afterDelete: "gone",
    killUpdate: {
      config: { "gpu:running": "false" },
      action: "StopInstance",
      count: 1,
      done: (l) => l.every((i) => i.state === "STOPPED_NO_CHARGE"),
    },
  },
  swas: {
    kind: "SwasInstance",
    example: "swas",
    resource: "blog",
    service: "swas",
    count: 1,
    config: { "alicloud:region": "cn-hangzhou" },
    secretConfig: { "blog:password": "Blog@Passw0rd" },
    password: { value: "Blog@Passw0rd", output: "password" },
    progress: /waiting for \d+ (server|instance)\(s\)/,
    inPlace: { config: { "blog:name": "blog-renamed" }, done: named("blog-renamed") },
    replace: { config: { "blog:dataDiskSize": "20", "blog:allowReplacement": "true" }, count: 1 },
    drift: renameFirst("renamed-out-of-band"),
    bad: {
      config: { "blog:planId": "swas s1" },
      property: "planId",
      rule: /InvalidPlanId/,
      doc: /SWAS CreateInstances 2020-06-01/,
    },
    launchFailureOptIn: { "blog:allowReplacement": "true" },
    actions: { create: "CreateInstances", delete: /^StopInstances?$/ },
    afterDelete: "stopped",
    killUpdate: {
      config: { "blog:amount": "2" },
      action: "CreateInstances",
      count: 2,
      done: (l) => l.length === 2,
    },
  },
  "cvm-hourly": {
    kind: "CvmHourlyInstance",
    example: "cvm-hourly",
    resource: "legacy",
    service: "cvm",
    count: 1,
    config: REGION,
    secretConfig: { "legacy:password": "Legacy@123" },
    password: { value: "Legacy@123", output: "password" },
    progress: WAITING,
    inPlace: { config: { "legacy:name": "legacy-renamed" }, done: named("legacy-renamed") },
    replace: { config: { "legacy:zoneId": "100002" }, count: 1 },
    drift: renameFirst("renamed-out-of-band"),
    bad: {
      config: { "legacy:goodsNum": "101" },
      property: "goodsNum",
      rule: /1 to 100/,
      doc: /RunInstancesHour/,
    },
    actions: { create: "RunInstances", delete: /^TerminateInstances$/ },
    afterDelete: "gone",
    killUpdate: {
      config: { "legacy:goodsNum": "2" },
      action: "RunInstances",
      count: 2,
      done: (l) => l.length === 2,
    },
  },
};

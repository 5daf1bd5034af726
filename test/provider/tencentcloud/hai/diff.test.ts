import { diffHai } from "../../../../provider/tencentcloud/hai/provider";
import { UNKNOWN } from "../../../../provider/core/unknown";

const args = { region: "ap-guangzhou", applicationId: "app-jknfna", bundleType: "XL" };
/** Old outputs: the arguments echoed, plus what the instances report (an 80 GB CLOUD_PREMIUM disk). */
const olds = (extra: Record<string, unknown> = {}) => ({
  ...args,
  instanceIds: ["hai-abcdefgh"],
  instances: [{ instanceId: "hai-abcdefgh", systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 80 } }],
  launchToken: "pulumi-x-0",
  launchGeneration: 0,
  ...extra,
});

/** [description, old extra, new extra, replaces, in-place updates] */
const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, string[], string[]]> = [
  ["nothing changed", {}, {}, [], []],
  ["defaults written out are no change", {}, { instanceCount: 1, running: true }, [], []],
  ["running false is in place", {}, { running: false }, [], ["running"]],
  ["running back to true is in place", { running: false }, { running: true }, [], ["running"]],
  [
    "a larger disk is in place (ResizeInstanceDisk)",
    { systemDisk: { diskSize: 100 } },
    { systemDisk: { diskSize: 200 } },
    [],
    ["systemDisk"],
  ],
  [
    "a smaller disk replaces",
    { systemDisk: { diskSize: 200 } },
    { systemDisk: { diskSize: 100 } },
    ["systemDisk"],
    [],
  ],
  [
    "another disk type replaces",
    { systemDisk: { diskType: "CLOUD_PREMIUM" } },
    { systemDisk: { diskType: "CLOUD_HSSD" } },
    ["systemDisk"],
    [],
  ],
  [
    "a disk size where there was none, larger than the instances', is in place",
    {},
    { systemDisk: { diskSize: 100 } },
    [],
    ["systemDisk"],
  ],
  [
    "a disk size where there was none, smaller than the instances', replaces",
    { instances: [{ systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 120 } }] },
    { systemDisk: { diskSize: 100 } },
    ["systemDisk"],
    [],
  ],
  [
    "the disk type the instances have, written out, is no replacement",
    {},
    { systemDisk: { diskType: "CLOUD_PREMIUM" } },
    [],
    ["systemDisk"],
  ],
  [
    "a disk type the instances do not have replaces",
    {},
    { systemDisk: { diskType: "CLOUD_HSSD" } },
    ["systemDisk"],
    [],
  ],
  ["leaving the disk out keeps the disk", { systemDisk: { diskSize: 100 } }, {}, [], ["systemDisk"]],
  ["another application replaces", {}, { applicationId: "app-llama3b8" }, ["applicationId"], []],
  ["another bundle replaces", {}, { bundleType: "3XL" }, ["bundleType"], []],
  ["a new name replaces (HAI has no rename API)", {}, { instanceName: "gpu" }, ["instanceName"], []],
  ["another count replaces", {}, { instanceCount: 2 }, ["instanceCount"], []],
  ["another region replaces", {}, { region: "ap-shanghai" }, ["region"], []],
  ["timeouts are in place", {}, { timeouts: { create: "45m" } }, [], ["timeouts"]],
  ["a clientToken is in place (used at create only)", {}, { clientToken: "mine" }, [], ["clientToken"]],
  ["an unknown application replaces", {}, { applicationId: UNKNOWN }, ["applicationId"], []],
  ["an unknown running is in place", {}, { running: UNKNOWN }, [], ["running"]],
  ["an unknown disk replaces", {}, { systemDisk: UNKNOWN }, ["systemDisk"], []],
  [
    "an unknown disk size is in place",
    { systemDisk: { diskSize: 100 } },
    { systemDisk: { diskSize: UNKNOWN } },
    [],
    ["systemDisk"],
  ],
  [
    "two changes name both",
    {},
    { bundleType: "4XL", running: false, systemDisk: { diskSize: 500 } },
    ["bundleType"],
    ["running", "systemDisk"],
  ],
];

describe("HaiInstance diff: in place or replace, and which property", () => {
  it.each(cases.map((c) => [c[0], c] as const))("%s", (_name, [, oldExtra, newExtra, replaces, updates]) => {
    const d = diffHai(olds(oldExtra), { ...args, ...newExtra });
    expect({ replaces: d.replaces, updates: d.updates }).toEqual({ replaces, updates });
    expect(d.changes).toBe(replaces.length + updates.length > 0);
    expect(d.deleteBeforeReplace).toBe(false);
  });
});

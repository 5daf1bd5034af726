/**
 * ARGUMENT_CLASSES of HaiInstance against its diff: every argument has a class, and a change of
 * each alone is made in place or replaces as it says.
 */
import { disagreements } from "../../../../provider/core/classes";
import { ARGUMENT_CLASSES } from "../../../../provider/tencentcloud/hai/classes";
import { diffHai } from "../../../../provider/tencentcloud/hai/diff";
import { ARG_KEYS, IN_PLACE } from "../../../../provider/tencentcloud/hai/schema";

const base = {
  region: "ap-guangzhou",
  applicationId: "app-jknfna",
  bundleType: "XL",
  systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 100 },
  instanceCount: 1,
  instanceName: "gpu",
  clientToken: "token-1",
  running: true,
  timeouts: { create: "30m" },
};
const changed: Record<string, Record<string, unknown>> = {
  region: { region: "ap-shanghai" },
  applicationId: { applicationId: "app-other1" },
  bundleType: { bundleType: "S" },
  "systemDisk.diskType": { systemDisk: { diskType: "CLOUD_HSSD", diskSize: 100 } },
  "systemDisk.diskSize": { systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 200 } },
  instanceCount: { instanceCount: 2 },
  instanceName: { instanceName: "other" },
  clientToken: { clientToken: "token-2" },
  running: { running: false },
  timeouts: { timeouts: { create: "40m" } },
  adoptInstanceIds: { adoptInstanceIds: ["hai-abcdefgh"] },
};
const olds = { ...base, instanceIds: ["hai-abcdefgh"], instances: [] };
const probe = (key: string) => ({ olds, news: { ...base, ...changed[key] } });
const neverRefused = async () => false;

describe("HaiInstance's argument classes", () => {
  it("class every argument of the schema as its diff treats it", async () => {
    const problems = await disagreements(ARG_KEYS, ARGUMENT_CLASSES, diffHai, probe, neverRefused, IN_PLACE);
    expect(problems).toEqual([]);
  });
});

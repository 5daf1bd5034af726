/**
 * ARGUMENT_CLASSES of EcmInstance against what the resource does: every argument has a class, and
 * a change of each argument alone is made in place, replaces, or is refused at check as it says.
 */
import { disagreements } from "../../../../provider/core/classes";
import { ARGUMENT_CLASSES } from "../../../../provider/tencentcloud/ecm/classes";
import { diffEcm, makeEcmProvider } from "../../../../provider/tencentcloud/ecm/provider";
import { ARG_KEYS, IN_PLACE } from "../../../../provider/tencentcloud/ecm/schema";

const base = {
  region: "ap-guangzhou",
  zoneInstanceCountISPSet: [{ zone: "ap-xian-ecm-1", instanceCount: 1, isp: "CMCC" }],
  moduleId: "esm-jz2wm3m2",
  password: "Passw0rd1",
  internetMaxBandwidthOut: 10,
  internetMaxBandwidthIn: 10,
  imageId: "img-8toqc6s3",
  instanceName: "edge",
  hostName: "edge-1",
  enhancedService: { monitorService: { enabled: true } },
  tagSpecification: [{ resourceType: "instance", tags: [{ key: "env", value: "prod" }] }],
  userData: "ZWNobyBoaQ==",
  instanceType: "S3.SMALL1",
  dataDiskSize: 50,
  securityGroupIds: ["sg-web00001"],
  systemDiskSize: 50,
  instanceChargeType: 0,
  keyIds: ["skey-11112222"],
  keepImageLogin: "FALSE",
  systemDisk: { diskSize: 50 },
  dataDisks: [{ diskSize: 50 }],
  running: true,
  timeouts: { create: "10m" },
};
/** A changed value of each argument. */
const changed: Record<string, unknown> = {
  region: "ap-shanghai",
  zoneInstanceCountISPSet: [{ zone: "ap-xian-ecm-1", instanceCount: 2, isp: "CMCC" }],
  moduleId: "esm-00000000",
  password: "N3w-Passw0rd",
  internetMaxBandwidthOut: 20,
  internetMaxBandwidthIn: 20,
  imageId: "img-9qabwvbn",
  instanceName: "api",
  hostName: "edge-2",
  clientToken: "token-1",
  enhancedService: { monitorService: { enabled: false } },
  tagSpecification: [{ resourceType: "instance", tags: [{ key: "env", value: "dev" }] }],
  userData: "ZWNobyBibw==",
  instanceType: "S3.MEDIUM2",
  dataDiskSize: 100,
  securityGroupIds: ["sg-db000001"],
  systemDiskSize: 100,
  instanceChargeType: 1,
  keyIds: ["skey-33334444"],
  keepImageLogin: "TRUE",
  systemDisk: { diskSize: 100 },
  dataDisks: [{ diskSize: 100 }],
  running: false,
  timeouts: { create: "20m" },
};
const olds = {
  ...base,
  __identity: "p/s/edge",
  instanceIds: ["ein-aaaaaaaa"],
  instances: [],
  launchMark: "0123456789abcdef0123456789abcdef",
  launchGeneration: 0,
};
const probe = (key: string) => ({ olds, news: { ...base, __identity: "p/s/edge", [key]: changed[key] } });
const ecm = makeEcmProvider();
const refusedAt = async (o: Record<string, unknown>, n: Record<string, unknown>) =>
  ((await ecm.check(o, n)).failures?.length ?? 0) > 0;

describe("EcmInstance's argument classes", () => {
  it("class every argument of the schema as its diff and check treat it", async () => {
    expect(await disagreements(ARG_KEYS, ARGUMENT_CLASSES, diffEcm, probe, refusedAt, IN_PLACE)).toEqual([]);
  });

  it("stop the instances only for a new password (ResetInstancesPassword needs them STOPPED)", () => {
    const stopping = Object.entries(ARGUMENT_CLASSES).filter(([, c]) => c.kind === "in-place" && c.stops);
    expect(stopping.map(([k]) => k)).toEqual(["password"]);
  });
});

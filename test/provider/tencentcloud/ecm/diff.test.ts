import { UNKNOWN } from "../../../../provider/core/unknown";
import {
  allocateZones,
  diffEcm,
  expectedNames,
  markOf,
} from "../../../../provider/tencentcloud/ecm/provider";
import type { EcmInstanceModel } from "../../../../provider/tencentcloud/ecm/api";
import type { EcmArgs } from "../../../../provider/tencentcloud/ecm/schema";

const XIAN = "ap-xian-ecm-1";
const CHENGDU = "ap-chengdu-ecm-1";
const args = (extra: Record<string, unknown> = {}) => ({
  zoneInstanceCountISPSet: [{ zone: XIAN, instanceCount: 2, isp: "CMCC" }],
  moduleId: "esm-jz2wm3m2",
  instanceName: "edge",
  securityGroupIds: ["sg-web00001", "sg-db000001"],
  keyIds: ["skey-11112222", "skey-33334444"],
  tagSpecification: [
    {
      resourceType: "instance",
      tags: [
        { key: "env", value: "prod" },
        { key: "team", value: "edge" },
      ],
    },
  ],
  ...extra,
});
/** The stored outputs: the arguments echoed, the region resolved, the instances. */
const olds = {
  ...args(),
  __identity: "p/s/edge",
  region: "ap-guangzhou",
  instanceIds: ["ein-aaaaaaaa", "ein-bbbbbbbb"],
  instances: [],
  launchMark: "0123456789abcdef0123456789abcdef",
  launchGeneration: 0,
};

type Row = [
  string,
  Record<string, unknown>,
  { changes: boolean; replaces?: string[]; deleteBeforeReplace?: boolean },
];
const rows: Row[] = [
  ["the same arguments: no change", {}, { changes: false }],
  ["a new name is made in place", { instanceName: "api" }, { changes: true, replaces: [] }],
  [
    "security groups in another order: no change",
    { securityGroupIds: ["sg-db000001", "sg-web00001"] },
    { changes: false },
  ],
  [
    "other security groups are made in place",
    { securityGroupIds: ["sg-web00001"] },
    { changes: true, replaces: [] },
  ],
  [
    "another region only routes the calls: in place",
    { region: "ap-shanghai" },
    { changes: true, replaces: [] },
  ],
  ["the region from the environment: no change", { region: undefined }, { changes: false }],
  ["new timeouts are made in place", { timeouts: { create: "30m" } }, { changes: true, replaces: [] }],
  [
    "another zone replaces",
    { zoneInstanceCountISPSet: [{ zone: CHENGDU, instanceCount: 2, isp: "CMCC" }] },
    { changes: true, replaces: ["zoneInstanceCountISPSet"], deleteBeforeReplace: false },
  ],
  [
    "another count replaces",
    { zoneInstanceCountISPSet: [{ zone: XIAN, instanceCount: 3, isp: "CMCC" }] },
    { changes: true, replaces: ["zoneInstanceCountISPSet"] },
  ],
  ["another module replaces", { moduleId: "esm-00000000" }, { changes: true, replaces: ["moduleId"] }],
  ["another host name replaces", { hostName: "edge-1" }, { changes: true, replaces: ["hostName"] }],
  [
    "a new password is made in place (ResetInstancesPassword)",
    { password: "Passw0rd" },
    { changes: true, replaces: [] },
  ],
  [
    "a new password with a new image is made in place (ResetInstances)",
    { password: "Passw0rd", imageId: "img-8toqc6s3" },
    { changes: true, replaces: [] },
  ],
  [
    "a new image is made in place (ResetInstances)",
    { imageId: "img-9qabwvbn" },
    { changes: true, replaces: [] },
  ],
  [
    "new bandwidths are made in place (ResetInstancesMaxBandwidth)",
    { internetMaxBandwidthOut: 20, internetMaxBandwidthIn: 20 },
    { changes: true, replaces: [] },
  ],
  ["running: false is made in place (StopInstances)", { running: false }, { changes: true, replaces: [] }],
  ["running: true is the default: no change", { running: true }, { changes: false }],
  [
    "tags in another order: no change",
    {
      tagSpecification: [
        {
          resourceType: "instance",
          tags: [
            { key: "team", value: "edge" },
            { key: "env", value: "prod" },
          ],
        },
      ],
    },
    { changes: false },
  ],
  [
    "another tag value replaces",
    { tagSpecification: [{ resourceType: "instance", tags: [{ key: "env", value: "dev" }] }] },
    { changes: true, replaces: ["tagSpecification"] },
  ],
  ["key ids in another order: no change", { keyIds: ["skey-33334444", "skey-11112222"] }, { changes: false }],
  ["an unknown image is made in place (preview)", { imageId: UNKNOWN }, { changes: true, replaces: [] }],
  ["an unknown name is made in place (preview)", { instanceName: UNKNOWN }, { changes: true, replaces: [] }],
  [
    "an unknown zone replaces (preview)",
    { zoneInstanceCountISPSet: [{ zone: UNKNOWN, instanceCount: 2, isp: "CMCC" }] },
    { changes: true, replaces: ["zoneInstanceCountISPSet"] },
  ],
];

describe("EcmInstance diff: what is made in place, what replaces", () => {
  const saved = process.env.TENCENTCLOUD_REGION;
  beforeAll(() => {
    process.env.TENCENTCLOUD_REGION = "ap-guangzhou";
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TENCENTCLOUD_REGION;
    else process.env.TENCENTCLOUD_REGION = saved;
  });

  it.each(rows.map((r) => [r[0], r] as const))("%s", (_name, [, change, expected]) => {
    const news: Record<string, unknown> = { ...args(change), __identity: "p/s/edge" };
    const d = diffEcm(olds, news);
    expect(d.changes).toBe(expected.changes);
    if (expected.replaces) expect(d.replaces).toEqual(expected.replaces);
    expect(d.deleteBeforeReplace).toBe(expected.deleteBeforeReplace ?? false);
  });
});

const inst = (id: string, zone: string, isp: string, ip: string, created: string): EcmInstanceModel => ({
  InstanceId: id,
  InstanceState: "RUNNING",
  ISP: isp,
  CreateTime: created,
  Position: { ZoneInfo: { Zone: zone, ZoneId: 1, ZoneName: zone } },
  Internet: {
    PrivateIPAddressSet: [{ PrivateIPAddress: ip }],
    PublicIPAddressSet: [],
    InstanceNetworkInfoSet: [],
  },
});

describe("EcmInstance marks and sets", () => {
  const a = args() as unknown as EcmArgs;

  it("marks the request without the password, the name or the security groups", () => {
    const m = markOf({ __identity: "p/s/edge" }, a, 0);
    expect(m.resource).toMatch(/^[0-9a-f]{32}$/);
    expect(m.request).toMatch(/^[0-9a-f]{16}$/);
    const same = markOf(
      { __identity: "p/s/edge" },
      { ...a, password: "Passw0rd", instanceName: "x", securityGroupIds: [] },
      0,
    );
    expect(same).toEqual(m);
    expect(markOf({ __identity: "p/s/other" }, a, 0).resource).not.toBe(m.resource);
    expect(markOf({ __identity: "p/s/edge" }, { ...a, moduleId: "esm-00000000" }, 0).request).not.toBe(
      m.request,
    );
  });

  it("asks for the whole set when nothing is there", () => {
    expect(allocateZones(a, [])).toEqual({ missing: a.zoneInstanceCountISPSet, excess: [] });
  });

  it("asks only for what is missing per zone and ISP, with the private IPs not in use", () => {
    const set = {
      ...a,
      zoneInstanceCountISPSet: [
        {
          zone: XIAN,
          instanceCount: 3,
          isp: "CMCC" as const,
          vpcId: "vpc-f49l6u0z",
          subnetId: "subnet-3x5lf5q0",
          privateIpAddresses: ["10.0.0.1", "10.0.0.2", "10.0.0.3"],
        },
        { zone: CHENGDU, instanceCount: 1, isp: "CTCC" as const },
      ],
    };
    const have = [
      {
        ...inst("ein-aaaaaaaa", XIAN, "CMCC", "10.0.0.2", "2026-01-01 10:00:00"),
        VirtualPrivateCloud: { VpcId: "vpc-f49l6u0z", SubnetId: "subnet-3x5lf5q0" },
      },
      inst("ein-bbbbbbbb", CHENGDU, "CTCC", "10.1.0.9", "2026-01-01 10:00:00"),
    ] as EcmInstanceModel[];
    expect(allocateZones(set, have)).toEqual({
      missing: [
        {
          zone: XIAN,
          instanceCount: 2,
          isp: "CMCC",
          vpcId: "vpc-f49l6u0z",
          subnetId: "subnet-3x5lf5q0",
          privateIpAddresses: ["10.0.0.1", "10.0.0.3"],
        },
      ],
      excess: [],
    });
  });

  it("calls the newest beyond the count excess", () => {
    const have = [
      inst("ein-aaaaaaaa", XIAN, "CMCC", "10.0.0.1", "2026-01-01 10:00:00"),
      inst("ein-bbbbbbbb", XIAN, "CMCC", "10.0.0.2", "2026-01-01 10:00:01"),
      inst("ein-cccccccc", XIAN, "CMCC", "10.0.0.3", "2026-01-01 10:00:02"),
    ];
    const r = allocateZones(a, have);
    expect(r.missing).toEqual([]);
    expect(r.excess.map((i) => i.InstanceId)).toEqual(["ein-cccccccc"]);
  });

  it("names instances as the cloud does: {R:x} from x, suffixes 1..n, per region and ISP", () => {
    const set = {
      ...a,
      zoneInstanceCountISPSet: [
        { zone: XIAN, instanceCount: 2, isp: "CMCC" as const },
        { zone: CHENGDU, instanceCount: 1, isp: "CMCC" as const },
      ],
    };
    const insts = [
      inst("ein-aaaaaaaa", XIAN, "CMCC", "10.0.0.1", "t1"),
      inst("ein-bbbbbbbb", XIAN, "CMCC", "10.0.0.2", "t2"),
      inst("ein-cccccccc", CHENGDU, "CMCC", "10.0.0.3", "t3"),
    ];
    expect([...expectedNames({ ...set, instanceName: "edge" }, insts)!.values()]).toEqual([
      "edge1",
      "edge2",
      "edge",
    ]);
    expect([...expectedNames({ ...set, instanceName: "e{R:7}-{R:1}" }, insts)!.values()]).toEqual([
      "e7-1",
      "e8-2",
      "e7-1",
    ]);
    expect(expectedNames({ ...set, instanceName: undefined }, insts)).toBeUndefined();
  });
});

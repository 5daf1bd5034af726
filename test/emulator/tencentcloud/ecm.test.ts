import {
  startEmulator,
  RunningEmulator,
  DEFAULT_SECRET_ID,
  DEFAULT_SECRET_KEY,
} from "pulumi-runinstances/emulator";
import { Client } from "tencentcloud-sdk-nodejs/tencentcloud/services/ecm/v20190719/ecm_client";
import type {
  DescribeInstancesRequest,
  Instance as EcmInstance,
  RunInstancesRequest,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/ecm/v20190719/ecm_models";

const BOOT_MS = 1000;
const TERMINATE_MS = 500;
const ZONE = "ap-xian-ecm-1";
const MODULE = "esm-jz2wm3m2";
const LINUX_IMAGE = "img-8toqc6s3";
const WINDOWS_IMAGE = "img-9qabwvbn";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({
    settings: { bootMs: BOOT_MS, terminateMs: TERMINATE_MS, rateLimits: false },
    credentials: [["AKIDOTHERACCOUNT", "other-key"]],
  });
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

/** ECM calls carry no region: the SDK client is made without one. */
const ecm = (secretId = DEFAULT_SECRET_ID, secretKey = DEFAULT_SECRET_KEY) =>
  new Client({
    credential: { secretId, secretKey },
    profile: { httpProfile: { protocol: "http://", endpoint: emu.url.replace("http://", "") } },
  });

const request = (over: Record<string, unknown> = {}): RunInstancesRequest =>
  ({
    ZoneInstanceCountISPSet: [{ Zone: ZONE, InstanceCount: 1, ISP: "CMCC" }],
    ModuleId: MODULE,
    Password: "Passw0rd",
    InstanceName: "edge",
    ...over,
  }) as RunInstancesRequest;

/** A request without a module: image, type, data disk and bandwidth are then required (doc). */
const custom = (over: Record<string, unknown> = {}) =>
  request({
    ModuleId: undefined,
    ImageId: LINUX_IMAGE,
    InstanceType: "S3.MEDIUM4",
    DataDiskSize: 100,
    InternetMaxBandwidthOut: 20,
    ...over,
  });

const run = async (over: Record<string, unknown> = {}) =>
  (await ecm().RunInstances(request(over))).InstanceIdSet ?? [];

async function find(ids: string[]): Promise<EcmInstance[]> {
  const r = await ecm().DescribeInstances({ Filters: [{ Name: "instance-id", Values: ids }] });
  return r.InstanceSet ?? [];
}

async function describeOne(id: string): Promise<EcmInstance | undefined> {
  return (await find([id]))[0];
}

const expectCode = (p: Promise<unknown>, code: string) => expect(p).rejects.toMatchObject({ code });

describe("RunInstances", () => {
  it("creates an instance PENDING that is RUNNING after the boot time", async () => {
    const [id] = await run({
      TagSpecification: [{ ResourceType: "instance", Tags: [{ Key: "env", Value: "test" }] }],
    });
    expect(id).toMatch(/^ein-[a-z0-9]{8}$/);
    const pending = await describeOne(id);
    expect(pending).toMatchObject({
      InstanceId: id,
      InstanceName: "edge",
      InstanceState: "PENDING",
      LatestOperation: "RunInstances",
      LatestOperationState: "OPERATING",
      ISP: "CMCC",
      TagSet: [{ Key: "env", Value: "test" }],
      SimpleModule: { ModuleId: MODULE },
      Image: { ImageId: LINUX_IMAGE },
      InstanceTypeConfig: { InstanceType: "S3.SMALL1", Vcpu: 1, Memory: 1 },
      SystemDiskSize: 50,
      DataDiskSize: 50,
      Position: { ZoneInfo: { Zone: ZONE }, RegionInfo: { Region: "ap-xian-ecm" } },
    });
    expect(pending?.CreateTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(pending?.Internet?.PrivateIPAddressSet[0].PrivateIPAddress).toMatch(/^10\./);
    expect(pending?.Internet?.PublicIPAddressSet[0]).toMatchObject({
      ISP: { ISPId: "CMCC" },
      MaxBandwidthOut: 10,
    });
    expect(emu.world.get(id)?.region).toBe("ap-xian-ecm");

    emu.world.advanceClock(BOOT_MS);
    expect(await describeOne(id)).toMatchObject({
      InstanceState: "RUNNING",
      LatestOperationState: "SUCCESS",
    });
  });

  it("creates instances from image, type, data disk and bandwidth without a module", async () => {
    const ids = (await ecm().RunInstances(custom({ InternetMaxBandwidthIn: 5 }))).InstanceIdSet ?? [];
    const inst = await describeOne(ids[0]);
    expect(inst).toMatchObject({ InstanceTypeConfig: { InstanceType: "S3.MEDIUM4" }, DataDiskSize: 100 });
    expect(inst?.Internet?.PublicIPAddressSet[0]).toMatchObject({ MaxBandwidthOut: 20, MaxBandwidthIn: 5 });
  });

  it("requires InstanceType without a module (InvalidModuleIDAndInstanceTypeID)", async () => {
    await expectCode(
      ecm().RunInstances(custom({ InstanceType: undefined })),
      "InvalidParameterValue.InvalidModuleIDAndInstanceTypeID",
    );
  });

  it.each(["ImageId", "DataDiskSize", "InternetMaxBandwidthOut"])(
    "requires %s without a module (MissingParameter)",
    async (name) => {
      await expectCode(ecm().RunInstances(custom({ [name]: undefined })), "MissingParameter");
    },
  );

  it("takes InternetMaxBandwidthIn for the outbound cap when no module and no Out is given", async () => {
    const [id] =
      (await ecm().RunInstances(custom({ InternetMaxBandwidthOut: 0, InternetMaxBandwidthIn: 7 })))
        .InstanceIdSet ?? [];
    expect((await describeOne(id))?.Internet?.PublicIPAddressSet[0].MaxBandwidthOut).toBe(7);
  });

  it("requires ZoneInstanceCountISPSet (MissingParameter)", async () => {
    await expectCode(ecm().RunInstances(request({ ZoneInstanceCountISPSet: undefined })), "MissingParameter");
    await expectCode(
      ecm().RunInstances(request({ ZoneInstanceCountISPSet: [{ Zone: ZONE, InstanceCount: 1 }] })),
      "MissingParameter",
    );
  });

  it("creates at most 100 instances in a region at a time (InvalidZoneInstanceCount)", async () => {
    const set = [
      { Zone: ZONE, InstanceCount: 60, ISP: "CMCC" },
      { Zone: ZONE, InstanceCount: 41, ISP: "CTCC" },
    ];
    await expectCode(
      ecm().RunInstances(request({ ZoneInstanceCountISPSet: set })),
      "InvalidParameterValue.InvalidZoneInstanceCount",
    );
    await expectCode(
      ecm().RunInstances(
        request({ ZoneInstanceCountISPSet: [{ Zone: ZONE, InstanceCount: 0, ISP: "CMCC" }] }),
      ),
      "InvalidParameterValue.InvalidZoneInstanceCount",
    );
  });

  it("refuses an unknown zone (InvalidZone) and an ISP the zone does not offer (InvalidISPInNode)", async () => {
    await expectCode(
      ecm().RunInstances(
        request({ ZoneInstanceCountISPSet: [{ Zone: "ap-nowhere-1", InstanceCount: 1, ISP: "CMCC" }] }),
      ),
      "InvalidParameterValue.InvalidZone",
    );
    await expectCode(
      ecm().RunInstances(
        request({ ZoneInstanceCountISPSet: [{ Zone: ZONE, InstanceCount: 1, ISP: "ATT" }] }),
      ),
      "InvalidParameterValue.InvalidISPInNode",
    );
  });

  it("gives a three-network instance one public IP per ISP", async () => {
    const [id] = await run({
      ZoneInstanceCountISPSet: [{ Zone: ZONE, InstanceCount: 1, ISP: "CMCC;CUCC;CTCC" }],
    });
    const isps = (await describeOne(id))?.Internet?.PublicIPAddressSet.map((x) => x.ISP.ISPId);
    expect(isps).toEqual(["CMCC", "CUCC", "CTCC"]);
  });

  it("checks VPC placement: VpcId and SubnetId together, one private IP per instance", async () => {
    const vpc = { VpcId: "vpc-abcd1234", SubnetId: "subnet-abcd1234" };
    await expectCode(
      ecm().RunInstances(
        request({
          ZoneInstanceCountISPSet: [{ Zone: ZONE, InstanceCount: 1, ISP: "CMCC", VpcId: "vpc-abcd1234" }],
        }),
      ),
      "InvalidParameterValue",
    );
    await expectCode(
      ecm().RunInstances(
        request({
          ZoneInstanceCountISPSet: [
            { Zone: ZONE, InstanceCount: 2, ISP: "CMCC", ...vpc, PrivateIpAddresses: ["10.9.0.4"] },
          ],
        }),
      ),
      "InvalidParameterValue",
    );
    const [id] = await run({
      ZoneInstanceCountISPSet: [
        { Zone: ZONE, InstanceCount: 1, ISP: "CMCC", ...vpc, PrivateIpAddresses: ["10.9.0.4"] },
      ],
    });
    expect(await describeOne(id)).toMatchObject({
      VirtualPrivateCloud: {
        VpcId: "vpc-abcd1234",
        SubnetId: "subnet-abcd1234",
        PrivateIpAddresses: ["10.9.0.4"],
      },
    });
  });

  it("refuses an unknown module, image or instance type", async () => {
    await expectCode(
      ecm().RunInstances(request({ ModuleId: "esm-nothere1" })),
      "InvalidParameterValue.InvalidModuleID",
    );
    await expectCode(
      ecm().RunInstances(request({ ImageId: "img-nothere1" })),
      "InvalidParameterValue.InvalidImageID",
    );
    await expectCode(
      ecm().RunInstances(request({ InstanceType: "S9.HUGE" })),
      "InvalidParameterValue.InvalidInstanceTypeConfigID",
    );
  });

  it.each([
    ["Passw0rd", LINUX_IMAGE, true],
    ["abcdefgh", LINUX_IMAGE, false],
    ["Pass0rd", LINUX_IMAGE, false],
    ["a1" + "x".repeat(29), LINUX_IMAGE, false],
    ["pass`word1", LINUX_IMAGE, false],
    ["Password1234", WINDOWS_IMAGE, false],
    ["Passw0rd!xyz", WINDOWS_IMAGE, true],
    ["Pw0!rd", WINDOWS_IMAGE, false],
  ])("password %s with image %s valid: %s", async (password, image, valid) => {
    const req = request({
      Password: password,
      ImageId: image,
      EnhancedService: { EIPDirectService: { Enabled: false } },
    });
    if (valid) await expect(ecm().RunInstances(req)).resolves.toHaveProperty("InstanceIdSet");
    else await expectCode(ecm().RunInstances(req), "InvalidParameterValue.InvaildPassword");
  });

  it("takes only one of KeepImageLogin, Password and KeyIds (ParameterConflict)", async () => {
    await expectCode(
      ecm().RunInstances(request({ KeyIds: ["skey-abcd1234"] })),
      "InvalidParameter.ParameterConflict",
    );
    await expectCode(
      ecm().RunInstances(request({ KeepImageLogin: "TRUE" })),
      "InvalidParameter.ParameterConflict",
    );
    await expect(
      ecm().RunInstances(request({ Password: undefined, KeyIds: ["skey-abcd1234"] })),
    ).resolves.toHaveProperty("InstanceIdSet");
  });

  it("refuses a name longer than 60 characters (InstanceNameTooLong)", async () => {
    await expectCode(
      ecm().RunInstances(request({ InstanceName: "n".repeat(61) })),
      "InvalidParameterValue.InstanceNameTooLong",
    );
  });

  it("names instances by {R:x}, by suffixes 1..n, per zone region and ISP, or 未命名", async () => {
    const names = async (over: Record<string, unknown>) =>
      (await find(await run(over))).map((i) => i.InstanceName).sort();
    const two = (isp = "CMCC") => ({ ZoneInstanceCountISPSet: [{ Zone: ZONE, InstanceCount: 2, ISP: isp }] });
    expect(await names({ ...two(), InstanceName: "web-{R:3}-{R:10}" })).toEqual(["web-3-10", "web-4-11"]);
    expect(await names({ ...two(), InstanceName: "srv_" })).toEqual(["srv_1", "srv_2"]);
    const perIsp = [
      { Zone: ZONE, InstanceCount: 1, ISP: "CMCC" },
      { Zone: ZONE, InstanceCount: 1, ISP: "CTCC" },
    ];
    expect(await names({ ZoneInstanceCountISPSet: perIsp, InstanceName: "one" })).toEqual(["one", "one"]);
    expect(await names({ InstanceName: undefined })).toEqual(["未命名"]);
  });

  it.each([
    ["-edge", LINUX_IMAGE, false],
    ["edge..one", LINUX_IMAGE, false],
    ["edge.-one", LINUX_IMAGE, false],
    ["e", LINUX_IMAGE, false],
    ["edge.one-2", LINUX_IMAGE, true],
    ["12345", WINDOWS_IMAGE, false],
    ["win.host", WINDOWS_IMAGE, false],
    ["win-host-16chars", WINDOWS_IMAGE, false],
    ["win-host1", WINDOWS_IMAGE, true],
  ])("host name %s with image %s valid: %s", async (host, image, valid) => {
    const req = request({
      HostName: host,
      ImageId: image,
      Password: "Passw0rd!xyz",
      EnhancedService: { EIPDirectService: { Enabled: false } },
    });
    if (valid) await expect(ecm().RunInstances(req)).resolves.toHaveProperty("InstanceIdSet");
    else await expectCode(ecm().RunInstances(req), "InvalidParameterValue.InvaildHostName");
  });

  it("takes Base64 user data up to 16 KB (InvalidParameter.InvalidDataFormat)", async () => {
    const ok = Buffer.from("#!/bin/sh\necho hi\n").toString("base64");
    await expect(ecm().RunInstances(request({ UserData: ok }))).resolves.toHaveProperty("InstanceIdSet");
    await expectCode(
      ecm().RunInstances(request({ UserData: "not base64!" })),
      "InvalidParameter.InvalidDataFormat",
    );
    await expectCode(
      ecm().RunInstances(request({ UserData: "QUFB".repeat(4097) })),
      "InvalidParameter.InvalidDataFormat",
    );
  });

  it("checks InstanceChargeType: 0, 1 or 2, and 1/2 only for GNR models", async () => {
    await expectCode(
      ecm().RunInstances(request({ InstanceChargeType: 3 })),
      "InvalidParameterValue.InvalidInstanceChargeType",
    );
    await expectCode(
      ecm().RunInstances(request({ InstanceChargeType: 2 })),
      "InvalidParameterValue.UnmatchedBillingType",
    );
  });

  it("refuses IP direct access for Windows images (InvalidEIPDirectService)", async () => {
    await expectCode(
      ecm().RunInstances(
        request({
          ImageId: WINDOWS_IMAGE,
          Password: "Passw0rd!xyz",
          EnhancedService: { EIPDirectService: { Enabled: true } },
        }),
      ),
      "InvalidParameterValue.InvalidEIPDirectService",
    );
  });

  it("refuses unknown security groups and disk types", async () => {
    await expectCode(
      ecm().RunInstances(request({ SecurityGroupIds: ["sg-unknown1"] })),
      "InvalidParameterValue.InvalidSecurityGroupID",
    );
    await expectCode(
      ecm().RunInstances(request({ SystemDisk: { DiskType: "SSD" } })),
      "InvalidParameterValue.InvalidSystemDiskType",
    );
    await expectCode(
      ecm().RunInstances(request({ DataDisks: [{ DiskSize: 50, DiskType: "SSD" }] })),
      "InvalidParameterValue.InvalidDataDiskType",
    );
  });

  it("accepts the reserved ClientToken and ignores it: no idempotency", async () => {
    const a = await run({ ClientToken: "same-token" });
    const b = await run({ ClientToken: "same-token" });
    expect(a[0]).not.toBe(b[0]);
  });

  it("refuses unknown parameters, also nested ones (UnknownParameter)", async () => {
    await expectCode(ecm().RunInstances(request({ Zone: ZONE })), "UnknownParameter");
    await expectCode(
      ecm().RunInstances(
        request({ ZoneInstanceCountISPSet: [{ Zone: ZONE, InstanceCount: 1, ISP: "CMCC", Foo: 1 }] }),
      ),
      "UnknownParameter",
    );
  });

  it("refuses a parameter of the wrong type (InvalidParameter)", async () => {
    await expectCode(ecm().RunInstances(request({ DataDiskSize: "100" })), "InvalidParameter");
  });

  it("answers ResourcesSoldOut.SpecifiedInstanceType for an instance type out of stock", async () => {
    await emu.control.instanceFaults({ outOfStock: ["S3.SMALL1"] });
    await expectCode(ecm().RunInstances(request()), "ResourcesSoldOut.SpecifiedInstanceType");
    expect(await emu.control.instances("ecm")).toHaveLength(0);
  });
});

describe("launch faults", () => {
  it("ends in LAUNCH_FAILED when the launch fails", async () => {
    await emu.control.instanceFaults({ launchFailures: { ecm: 1 } });
    const [failed] = await run();
    const [ok] = await run();
    emu.world.advanceClock(BOOT_MS);
    expect(await describeOne(failed)).toMatchObject({
      InstanceState: "LAUNCH_FAILED",
      LatestOperationState: "FAILED",
    });
    expect(await describeOne(ok)).toMatchObject({ InstanceState: "RUNNING" });
  });

  it("stays PENDING when stuck", async () => {
    await emu.control.instanceFaults({ stuckPending: { ecm: 1 } });
    const [id] = await run();
    emu.world.advanceClock(10 * BOOT_MS);
    expect(await describeOne(id)).toMatchObject({ InstanceState: "PENDING" });
  });

  it("is unknown to the first describes after creation (describe lag)", async () => {
    await emu.control.instanceFaults({ describeLag: { ecm: 2 } });
    const [id] = await run();
    await expectCode(find([id]), "ResourceNotFound.InstanceNotExist");
    await expectCode(find([id]), "ResourceNotFound.InstanceNotExist");
    expect(await find([id])).toHaveLength(1);
  });
});

describe("DescribeInstances", () => {
  it("takes at most 5 values per filter (FilterLimitExceeded)", async () => {
    const ids = [
      "ein-aaaaaaa1",
      "ein-aaaaaaa2",
      "ein-aaaaaaa3",
      "ein-aaaaaaa4",
      "ein-aaaaaaa5",
      "ein-aaaaaaa6",
    ];
    await expectCode(find(ids), "InvalidParameterValue.FilterLimitExceeded");
    await expectCode(find(ids.slice(0, 5)), "ResourceNotFound.InstanceNotExist");
  });

  it("refuses Limit over 100, unknown filters, malformed ids and other order fields", async () => {
    await expectCode(ecm().DescribeInstances({ Limit: 101 }), "InvalidParameterValue.InvaildPageParam");
    await expectCode(
      ecm().DescribeInstances({ Filters: [{ Name: "colour", Values: ["red"] }] }),
      "InvalidParameterValue.InvalidFilter",
    );
    await expectCode(find(["i-12345678"]), "InvalidParameterValue.InvalidInstanceID");
    await expectCode(
      ecm().DescribeInstances({ OrderByField: "name" }),
      "InvalidParameterValue.InvalidOrderByField",
    );
  });

  it("filters by zone, name, state, ISP and tags, pages with Offset and Limit, sorts by creation time", async () => {
    const tag = (v: string) => [{ ResourceType: "instance", Tags: [{ Key: "team", Value: v }] }];
    const [a] = await run({ InstanceName: "alpha", TagSpecification: tag("red") });
    emu.world.advanceClock(10);
    const [b] = await run({ InstanceName: "beta", TagSpecification: tag("blue") });
    emu.world.advanceClock(10);
    const [c] = await run({
      InstanceName: "gamma",
      ZoneInstanceCountISPSet: [{ Zone: ZONE, InstanceCount: 1, ISP: "CTCC" }],
    });
    const ids = async (req: DescribeInstancesRequest) =>
      ((await ecm().DescribeInstances(req)).InstanceSet ?? []).map((i) => i.InstanceId);

    expect(await ids({})).toEqual([c, b, a]);
    expect(await ids({ OrderDirection: 1 })).toEqual([a, b, c]);
    expect(await ids({ Limit: 1, Offset: 1 })).toEqual([b]);
    expect((await ecm().DescribeInstances({ Limit: 1 })).TotalCount).toBe(3);
    expect(await ids({ Filters: [{ Name: "instance-name", Values: ["amm"] }] })).toEqual([c]);
    expect(await ids({ Filters: [{ Name: "tag:team", Values: ["red"] }] })).toEqual([a]);
    expect(await ids({ Filters: [{ Name: "tag-key", Values: ["team"] }] })).toEqual([b, a]);
    expect(await ids({ Filters: [{ Name: "internet-service-provider", Values: ["CTCC"] }] })).toEqual([c]);
    expect(
      await ids({
        Filters: [
          { Name: "zone", Values: [ZONE] },
          { Name: "instance-state", Values: ["PENDING"] },
        ],
      }),
    ).toEqual([c, b, a]);
  });

  it("shows an account only its own instances, whatever the region header", async () => {
    const [id] = await run();
    const other = ecm("AKIDOTHERACCOUNT", "other-key");
    expect((await other.DescribeInstances({})).TotalCount).toBe(0);
    const withRegion = new Client({
      credential: { secretId: DEFAULT_SECRET_ID, secretKey: DEFAULT_SECRET_KEY },
      region: "ap-guangzhou",
      profile: { httpProfile: { protocol: "http://", endpoint: emu.url.replace("http://", "") } },
    });
    expect((await withRegion.DescribeInstances({})).InstanceSet?.map((i) => i.InstanceId)).toEqual([id]);
  });
});

describe("TerminateInstances", () => {
  it("moves an instance to TERMINATING, then it is gone", async () => {
    const [id] = await run();
    emu.world.advanceClock(BOOT_MS);
    await ecm().TerminateInstances({ InstanceIdSet: [id] });
    expect(await describeOne(id)).toMatchObject({
      InstanceState: "TERMINATING",
      LatestOperation: "TerminateInstances",
    });
    await expectCode(ecm().TerminateInstances({ InstanceIdSet: [id] }), "FailedOperation.OperationNotAllow");
    emu.world.advanceClock(TERMINATE_MS);
    await expectCode(find([id]), "ResourceNotFound.InstanceNotExist");
  });

  it("DescribeInstances answers ResourceNotFound.InstanceNotExist when no instance of an instance-id filter exists", async () => {
    const [id] = await run();
    await expectCode(find(["ein-00000000"]), "ResourceNotFound.InstanceNotExist");
    // The ones that exist are listed; the others are not.
    expect((await find([id, "ein-00000000"])).map((i) => i.InstanceId)).toEqual([id]);
    // Other filters find nothing without an error.
    expect(
      (await ecm().DescribeInstances({ Filters: [{ Name: "tag:none", Values: ["x"] }] })).InstanceSet,
    ).toEqual([]);
  });

  it("answers ResourceNotFound.InstanceNotExist for unknown ids and InvalidInstanceID for malformed ones", async () => {
    await expectCode(
      ecm().TerminateInstances({ InstanceIdSet: ["ein-00000000"] }),
      "ResourceNotFound.InstanceNotExist",
    );
    await expectCode(
      ecm().TerminateInstances({ InstanceIdSet: ["ins-1"] }),
      "InvalidParameterValue.InvalidInstanceID",
    );
    await expectCode(ecm().TerminateInstances({ InstanceIdSet: [] }), "MissingParameter");
  });

  it("does not let another account terminate an instance", async () => {
    const [id] = await run();
    await expectCode(
      ecm("AKIDOTHERACCOUNT", "other-key").TerminateInstances({ InstanceIdSet: [id] }),
      "ResourceNotFound.InstanceNotExist",
    );
  });

  it("terminates at TerminateTime with TerminateDelay, and refuses a time in the past", async () => {
    const [id] = await run();
    emu.world.advanceClock(BOOT_MS);
    const beijing = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().replace("T", " ").slice(0, 19);
    const now = emu.world.now();
    await expectCode(
      ecm().TerminateInstances({
        InstanceIdSet: [id],
        TerminateDelay: true,
        TerminateTime: beijing(now - 60_000),
      }),
      "InvalidParameterValue.TerminateTimeSmaller",
    );
    await expectCode(
      ecm().TerminateInstances({ InstanceIdSet: [id], TerminateDelay: true, TerminateTime: "tomorrow" }),
      "InvalidParameterValue.InvalidTime",
    );
    await ecm().TerminateInstances({
      InstanceIdSet: [id],
      TerminateDelay: true,
      TerminateTime: beijing(now + 3_600_000),
      AssociatedResourceDestroy: false,
    });
    expect(await describeOne(id)).toMatchObject({ InstanceState: "RUNNING" });
    emu.world.advanceClock(3_600_000);
    expect(await describeOne(id)).toMatchObject({ InstanceState: "TERMINATING" });
    emu.world.advanceClock(TERMINATE_MS);
    await expectCode(find([id]), "ResourceNotFound.InstanceNotExist");
  });
});

describe("ModifyInstancesAttribute", () => {
  it("renames instances and replaces their security groups", async () => {
    const ids = await run({ ZoneInstanceCountISPSet: [{ Zone: ZONE, InstanceCount: 2, ISP: "CMCC" }] });
    await ecm().ModifyInstancesAttribute({
      InstanceIdSet: ids,
      InstanceName: "renamed",
      SecurityGroups: ["sg-web00001"],
    });
    for (const inst of await find(ids)) {
      expect(inst).toMatchObject({ InstanceName: "renamed", SecurityGroupIds: ["sg-web00001"] });
    }
  });

  it("shows an empty name when InstanceName is left out (SDK doc)", async () => {
    const [id] = await run();
    await ecm().ModifyInstancesAttribute({ InstanceIdSet: [id], SecurityGroups: ["sg-db000001"] });
    expect(await describeOne(id)).toMatchObject({ InstanceName: "", SecurityGroupIds: ["sg-db000001"] });
  });

  it("checks name length, security group count and ids", async () => {
    const [id] = await run();
    await expectCode(
      ecm().ModifyInstancesAttribute({ InstanceIdSet: [id], InstanceName: "x".repeat(61) }),
      "InvalidParameterValue.InstanceNameTooLong",
    );
    const six = ["sg-5e9x7qag", "sg-0ab1cd2e", "sg-web00001", "sg-db000001", "sg-5e9x7qag", "sg-0ab1cd2e"];
    await expectCode(
      ecm().ModifyInstancesAttribute({ InstanceIdSet: [id], SecurityGroups: six }),
      "InvalidParameterValue.LimitExceeded",
    );
    await expectCode(
      ecm().ModifyInstancesAttribute({ InstanceIdSet: [id], SecurityGroups: ["sg-nothere1"] }),
      "InvalidParameterValue.InvalidSecurityGroupID",
    );
    await expectCode(
      ecm().ModifyInstancesAttribute({ InstanceIdSet: ["ein-00000000"], InstanceName: "x" }),
      "InvalidParameterValue.InvalidInstanceID",
    );
  });
});

describe("call faults", () => {
  it("answers an injected error code", async () => {
    await emu.control.addFault({
      service: "ecm",
      action: "DescribeInstances",
      code: "InternalError",
      count: 1,
    });
    await expectCode(ecm().DescribeInstances({}), "InternalError");
    await expect(ecm().DescribeInstances({})).resolves.toHaveProperty("TotalCount", 0);
  });

  it("delays an answer", async () => {
    await emu.control.addFault({ service: "ecm", action: "DescribeInstances", latencyMs: 150, count: 1 });
    const start = Date.now();
    await ecm().DescribeInstances({});
    expect(Date.now() - start).toBeGreaterThanOrEqual(140);
  });

  it("drops the connection after creating the instances (a lost response)", async () => {
    await emu.control.addFault({ service: "ecm", action: "RunInstances", drop: "after", count: 1 });
    await expect(ecm().RunInstances(request())).rejects.toBeDefined();
    expect(await emu.control.instances("ecm")).toHaveLength(1);
  });
});

describe("rate limit", () => {
  it("throttles the 21st call within a second (20/s, RequestLimitExceeded)", async () => {
    await emu.control.settings({ rateLimits: true });
    const now = Date.now();
    const spy = jest.spyOn(Date, "now").mockReturnValue(now);
    try {
      const results = await Promise.allSettled(Array.from({ length: 21 }, () => ecm().DescribeInstances({})));
      const rejected = results.filter((r) => r.status === "rejected");
      expect(rejected).toHaveLength(1);
      expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: "RequestLimitExceeded" });
    } finally {
      spy.mockRestore();
    }
  });
});

describe("the in-place operations (StartInstances, StopInstances, ResetInstances*)", () => {
  /** One RUNNING instance. */
  async function running(over: Record<string, unknown> = {}): Promise<string> {
    const [id] = await run(over);
    emu.world.advanceClock(BOOT_MS);
    return id;
  }
  const settle = () => emu.world.advanceClock(emu.world.settings.transitionMs);
  const ids = (id: string) => ({ InstanceIdSet: [id] });

  it("StopInstances: RUNNING, STOPPING (StopInstances OPERATING), STOPPED (SUCCESS); StartInstances back", async () => {
    const id = await running();
    await ecm().StopInstances(ids(id));
    expect(await describeOne(id)).toMatchObject({
      InstanceState: "STOPPING",
      LatestOperation: "StopInstances",
      LatestOperationState: "OPERATING",
    });
    await expectCode(ecm().StartInstances(ids(id)), "OperationDenied.InstanceOperationInProgress");
    settle();
    expect(await describeOne(id)).toMatchObject({
      InstanceState: "STOPPED",
      LatestOperationState: "SUCCESS",
    });
    await expectCode(ecm().StopInstances(ids(id)), "ResourceUnavailable.InstanceNotRunning");
    await ecm().StartInstances(ids(id));
    expect(await describeOne(id)).toMatchObject({
      InstanceState: "STARTING",
      LatestOperation: "StartInstances",
    });
    settle();
    expect(await describeOne(id)).toMatchObject({
      InstanceState: "RUNNING",
      LatestOperationState: "SUCCESS",
    });
    await expectCode(ecm().StartInstances(ids(id)), "FailedOperation.InstanceNotAllStopped");
    await expectCode(
      ecm().StopInstances({ ...ids(id), StopType: "GENTLE" }),
      "InvalidParameterValue.InvaildModifyParam",
    );
    await expectCode(
      ecm().StartInstances({ InstanceIdSet: ["ein-zzzzzzzz"] }),
      "InvalidParameterValue.InvalidInstanceID",
    );
  });

  it("ResetInstancesPassword: only STOPPED instances without ForceStop; 8-16 characters", async () => {
    const id = await running();
    const before = emu.world.get(id)!.attrs.PasswordHash;
    await expectCode(
      ecm().ResetInstancesPassword({ ...ids(id), Password: "N3w-Passw0rd" }),
      "FailedOperation.InstanceNotAllStopped",
    );
    await ecm().StopInstances(ids(id));
    settle();
    await expectCode(
      ecm().ResetInstancesPassword({ ...ids(id), Password: "Passw0rdPassw0rd1" }),
      "InvalidParameterValue.InvaildPassword",
    );
    await expectCode(
      ecm().ResetInstancesPassword({ ...ids(id), Password: "/Passw0rd" }),
      "InvalidParameterValue.InvaildPassword",
    );
    await ecm().ResetInstancesPassword({ ...ids(id), Password: "N3w-Passw0rd" });
    expect(await describeOne(id)).toMatchObject({
      InstanceState: "STOPPED",
      LatestOperation: "ResetInstancesPassword",
      LatestOperationState: "OPERATING",
    });
    settle();
    expect(await describeOne(id)).toMatchObject({
      InstanceState: "STOPPED",
      LatestOperationState: "SUCCESS",
    });
    expect(emu.world.get(id)!.attrs.PasswordHash).not.toEqual(before);
    expect(JSON.stringify(emu.world.get(id)!.attrs)).not.toContain("N3w-Passw0rd");
  });

  it("ResetInstancesPassword with ForceStop stops a running instance", async () => {
    const id = await running();
    await ecm().ResetInstancesPassword({ ...ids(id), Password: "N3w-Passw0rd", ForceStop: true });
    expect((await describeOne(id))?.InstanceState).toBe("STOPPING");
    settle();
    expect(await describeOne(id)).toMatchObject({
      InstanceState: "STOPPED",
      LatestOperation: "ResetInstancesPassword",
    });
  });

  it("ResetInstancesMaxBandwidth: DescribeInstances shows the new bandwidths", async () => {
    const id = await running();
    await expectCode(
      ecm().ResetInstancesMaxBandwidth({ ...ids(id), MaxBandwidthOut: 0 }),
      "InvalidParameterValue.InvalidBandwidth",
    );
    await expectCode(
      ecm().ResetInstancesMaxBandwidth({ ...ids(id), MaxBandwidthOut: 5, MaxBandwidthIn: -1 }),
      "InvalidParameterValue.InvalidBandwidthIn",
    );
    await ecm().ResetInstancesMaxBandwidth({ ...ids(id), MaxBandwidthOut: 25, MaxBandwidthIn: 30 });
    expect((await describeOne(id))?.LatestOperationState).toBe("OPERATING");
    settle();
    const inst = await describeOne(id);
    expect(inst).toMatchObject({
      InstanceState: "RUNNING",
      LatestOperation: "ResetInstancesMaxBandwidth",
      LatestOperationState: "SUCCESS",
    });
    expect(inst?.Internet?.PublicIPAddressSet?.[0]).toMatchObject({
      MaxBandwidthOut: 25,
      MaxBandwidthIn: 30,
    });
  });

  it("ResetInstances: the new image in DescribeInstances; documented refusals", async () => {
    const id = await running();
    await expectCode(
      ecm().ResetInstances({ ...ids(id), ImageId: "img-00000000" }),
      "InvalidParameterValue.InvalidImageID",
    );
    await expectCode(
      ecm().ResetInstances({ ...ids(id), Password: "Passw0rd", KeepImageLogin: "TRUE" }),
      "InvalidParameter.ParameterConflict",
    );
    // A Windows image takes a Windows password (12 characters of three kinds at least).
    await expectCode(
      ecm().ResetInstances({ ...ids(id), ImageId: WINDOWS_IMAGE, Password: "Passw0rd" }),
      "InvalidParameterValue.InvaildPassword",
    );
    await ecm().ResetInstances({ ...ids(id), ImageId: WINDOWS_IMAGE, Password: "Passw0rd-Long1" });
    expect(await describeOne(id)).toMatchObject({
      LatestOperation: "ResetInstances",
      LatestOperationState: "OPERATING",
    });
    await expectCode(ecm().ResetInstances(ids(id)), "OperationDenied.InstanceOperationInProgress");
    settle();
    const inst = await describeOne(id);
    expect(inst).toMatchObject({ InstanceId: id, InstanceState: "RUNNING", LatestOperationState: "SUCCESS" });
    expect(inst?.Image?.ImageId).toBe(WINDOWS_IMAGE);
  });

  it("refuses every operation on an instance being destroyed (FailedOperation.OperationNotAllow)", async () => {
    const id = await running();
    await ecm().TerminateInstances(ids(id));
    await expectCode(ecm().StopInstances(ids(id)), "FailedOperation.OperationNotAllow");
    await expectCode(
      ecm().ResetInstancesMaxBandwidth({ ...ids(id), MaxBandwidthOut: 5 }),
      "FailedOperation.OperationNotAllow",
    );
  });
});

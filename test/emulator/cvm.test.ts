import {
  startEmulator,
  RunningEmulator,
  DEFAULT_SECRET_ID,
  DEFAULT_SECRET_KEY,
} from "pulumi-runinstances/emulator";
import { Client } from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_client";
import type {
  Instance,
  RunInstancesRequest,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({
    settings: { bootMs: 0, terminateMs: 0, transitionMs: 0, rateLimits: false },
    credentials: [["AKIDOTHERACCOUNT", "other-secret"]],
  });
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

const cvm = (region = "ap-shanghai", secretId = DEFAULT_SECRET_ID, secretKey = DEFAULT_SECRET_KEY) =>
  new Client({
    credential: { secretId, secretKey },
    region,
    profile: { httpProfile: { protocol: "http://", endpoint: emu.url.replace("http://", "") } },
  });

/** The error code a call fails with, or "OK". */
async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

/** 001 example 2: only the required parameters. */
const minimal: RunInstancesRequest = { Placement: { Zone: "ap-shanghai-2" }, ImageId: "img-pmqg1cw7" };
const WINDOWS_IMAGE = "img-9qabwvbn";

async function run(req: Partial<RunInstancesRequest> = {}, region = "ap-shanghai"): Promise<string[]> {
  const res = await cvm(region).RunInstances({ ...minimal, ...req });
  return res.InstanceIdSet ?? [];
}

async function describe1(id: string): Promise<Instance | undefined> {
  const res = await cvm().DescribeInstances({ InstanceIds: [id] });
  return res.InstanceSet?.[0];
}

describe("Done when (CVM)", () => {
  it("a RunInstances signed with the default pair returns ids that DescribeInstances shows PENDING, then RUNNING", async () => {
    await emu.control.settings({ bootMs: 60_000 });
    const [id] = await run();
    expect(id).toMatch(/^ins-[a-z0-9]{8}$/);
    expect((await describe1(id))?.InstanceState).toBe("PENDING");
    await emu.control.advanceClock(60_000);
    const inst = await describe1(id);
    expect(inst?.InstanceState).toBe("RUNNING");
    expect(inst).toMatchObject({ LatestOperation: "RunInstances", LatestOperationState: "SUCCESS" });
  });

  it("an InstanceName of 61 characters gets InvalidInstanceName.TooLong (60 is accepted)", async () => {
    expect(await codeOf(run({ InstanceName: "n".repeat(61), DryRun: true }))).toBe(
      "InvalidInstanceName.TooLong",
    );
    expect(await codeOf(run({ InstanceName: "n".repeat(60), DryRun: true }))).toBe("OK");
  });

  it("15 RunInstances within one second see RequestLimitExceeded (documented limit 10/s)", async () => {
    await emu.control.settings({ rateLimits: true });
    const codes = await Promise.all(Array.from({ length: 15 }, () => codeOf(run({ DryRun: true }))));
    expect(codes.filter((c) => c === "RequestLimitExceeded").length).toBeGreaterThanOrEqual(1);
    expect(codes.filter((c) => c === "OK").length).toBeGreaterThanOrEqual(10);
    const calls = await emu.control.calls();
    expect(calls["cvm.RunInstances"]).toMatchObject({ calls: 15, failed: 0 });
    expect(calls["cvm.RunInstances"].throttled).toBe(
      codes.filter((c) => c === "RequestLimitExceeded").length,
    );
  });

  it("the control API reports the call counts", async () => {
    await run();
    await codeOf(run({ ImageId: "img-bad" }));
    await cvm().DescribeZones();
    const calls = await emu.control.calls();
    expect(calls["cvm.RunInstances"]).toEqual({ calls: 2, throttled: 0, failed: 1 });
    expect(calls["cvm.DescribeZones"]).toEqual({ calls: 1, throttled: 0, failed: 0 });
    expect(await emu.control.callCount("cvm", "RunInstances")).toBe(2);
  });
});

describe("RunInstances: the document's examples", () => {
  it("example 1: a CDH instance on host-q88gab4i", async () => {
    const [id] = await run({
      Placement: { Zone: "ap-shanghai-2", HostIds: ["host-q88gab4i"] },
      InstanceChargeType: "CDHPAID",
      InstanceType: "CDH_1C1G",
      SystemDisk: { DiskType: "CLOUD_PREMIUM", DiskSize: 50 },
      DataDisks: [{ DiskType: "CLOUD_PREMIUM", DiskSize: 100 }],
      InternetAccessible: {
        InternetChargeType: "TRAFFIC_POSTPAID_BY_HOUR",
        InternetMaxBandwidthOut: 10,
        PublicIpAssigned: true,
      },
      InstanceName: "QCLOUD-TEST",
      LoginSettings: { Password: "Qcloud@TestApi123++" },
      EnhancedService: { SecurityService: { Enabled: true }, MonitorService: { Enabled: true } },
      InstanceCount: 1,
    });
    const inst = await describe1(id);
    expect(inst).toMatchObject({
      Placement: { Zone: "ap-shanghai-2", HostId: "host-q88gab4i" },
      InstanceChargeType: "CDHPAID",
      InstanceType: "CDH_1C1G",
      CPU: 1,
      Memory: 1,
      InstanceName: "QCLOUD-TEST",
      SystemDisk: { DiskType: "CLOUD_PREMIUM", DiskSize: 50 },
      DataDisks: [{ DiskType: "CLOUD_PREMIUM", DiskSize: 100, DeleteWithInstance: true }],
      InternetAccessible: { InternetChargeType: "TRAFFIC_POSTPAID_BY_HOUR", InternetMaxBandwidthOut: 10 },
    });
    expect(inst?.PublicIpAddresses).toHaveLength(1);
  });

  it("example 2: only Placement.Zone and ImageId, defaults for the rest", async () => {
    const inst = await describe1((await run())[0]);
    expect(inst).toMatchObject({
      InstanceType: "S1.SMALL1",
      InstanceChargeType: "POSTPAID_BY_HOUR",
      InstanceName: "Unnamed",
      RenewFlag: null,
      ExpiredTime: null,
      PublicIpAddresses: null,
      OsName: "TencentOS Server 3.1 (TK4)",
    });
    expect(inst?.CreatedTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it("example 3: S5.16XLARGE256 by the hour", async () => {
    const inst = await describe1(
      (
        await run({
          InstanceChargeType: "POSTPAID_BY_HOUR",
          InstanceType: "S5.16XLARGE256",
          SystemDisk: { DiskType: "CLOUD_PREMIUM", DiskSize: 50 },
          DataDisks: [{ DiskType: "CLOUD_PREMIUM", DiskSize: 100 }],
        })
      )[0],
    );
    expect(inst).toMatchObject({ InstanceType: "S5.16XLARGE256", CPU: 64, Memory: 256 });
  });

  it("example 4: two instances with the VPC IPs 10.0.0.18 and 10.0.0.19", async () => {
    const ids = await run({
      InstanceType: "S5.16XLARGE256",
      ImageId: "img-dkwyg6sr",
      VirtualPrivateCloud: {
        VpcId: "vpc-1urkhbj4",
        SubnetId: "subnet-dcs9x3gz",
        PrivateIpAddresses: ["10.0.0.18", "10.0.0.19"],
      },
      InstanceCount: 2,
    });
    expect(ids).toHaveLength(2);
    const res = await cvm().DescribeInstances({ InstanceIds: ids });
    const ips = res.InstanceSet?.map((i) => i.PrivateIpAddresses?.[0]).sort();
    expect(ips).toEqual(["10.0.0.18", "10.0.0.19"]);
    expect(res.InstanceSet?.[0].VirtualPrivateCloud).toMatchObject({
      VpcId: "vpc-1urkhbj4",
      SubnetId: "subnet-dcs9x3gz",
    });
    // The same IPs again: already occupied.
    expect(
      await codeOf(
        run({
          VirtualPrivateCloud: {
            VpcId: "vpc-1urkhbj4",
            SubnetId: "subnet-dcs9x3gz",
            PrivateIpAddresses: ["10.0.0.18"],
          },
        }),
      ),
    ).toBe("VpcIpIsUsed");
  });

  it("example 5: a monthly subscription expires Period months after creation", async () => {
    const inst = await describe1(
      (
        await run({
          InstanceChargeType: "PREPAID",
          InstanceChargePrepaid: { Period: 1, RenewFlag: "NOTIFY_AND_AUTO_RENEW" },
          InstanceType: "S5.16XLARGE256",
        })
      )[0],
    );
    expect(inst?.RenewFlag).toBe("NOTIFY_AND_AUTO_RENEW");
    const created = new Date(inst?.CreatedTime as string);
    const expired = new Date(inst?.ExpiredTime as string);
    const expected = new Date(created);
    expected.setUTCMonth(expected.getUTCMonth() + 1);
    expect(expired.toISOString()).toBe(expected.toISOString());
  });

  it("the legacy document's example values (zone 100001 = ap-guangzhou-1, img-3wnd9xpl) work in API 3.0", async () => {
    const [id] = await run(
      { Placement: { Zone: "ap-guangzhou-1" }, ImageId: "img-3wnd9xpl" },
      "ap-guangzhou",
    );
    const res = await cvm("ap-guangzhou").DescribeInstances({ InstanceIds: [id] });
    expect(res.InstanceSet?.[0]).toMatchObject({
      Placement: { Zone: "ap-guangzhou-1" },
      OsName: "CentOS 7.2 64bit",
    });
  });
});

describe("RunInstances: rules and their error codes", () => {
  const win = { ImageId: WINDOWS_IMAGE };
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["Placement is required", { Placement: undefined }, "MissingParameter"],
    ["Placement.Zone is required", { Placement: { ProjectId: 0 } }, "MissingParameter"],
    ["ImageId is required", { ImageId: undefined }, "MissingParameter"],
    ["an unknown parameter", { Foo: 1 }, "UnknownParameter"],
    ["an unknown nested parameter", { Placement: { Zone: "ap-shanghai-2", Foo: 1 } }, "UnknownParameter"],
    ["a value of the wrong type", { InstanceCount: "2" }, "InvalidParameter"],
    ["a zone of another region", { Placement: { Zone: "ap-guangzhou-1" } }, "InvalidZone.MismatchRegion"],
    ["an unknown zone", { Placement: { Zone: "ap-shanghai-9" } }, "InvalidZone.MismatchRegion"],
    ["a malformed image id", { ImageId: "img-123" }, "InvalidImageId.Malformed"],
    ["an unknown image", { ImageId: "img-zzzzzzzz" }, "InvalidImageId.NotFound"],
    ["an unknown charge type", { InstanceChargeType: "MONTHLY" }, "InvalidParameterValue"],
    ["PREPAID without InstanceChargePrepaid", { InstanceChargeType: "PREPAID" }, "MissingParameter"],
    [
      "a period of 13 months",
      { InstanceChargeType: "PREPAID", InstanceChargePrepaid: { Period: 13 } },
      "InvalidPeriod",
    ],
    [
      "a period of 48 months",
      { InstanceChargeType: "PREPAID", InstanceChargePrepaid: { Period: 48 } },
      "InvalidPeriod",
    ],
    [
      "an unknown renew flag",
      { InstanceChargeType: "PREPAID", InstanceChargePrepaid: { Period: 1, RenewFlag: "ALWAYS" } },
      "InvalidParameterValue",
    ],
    ["a malformed instance type", { InstanceType: "s5 medium" }, "InvalidInstanceType.Malformed"],
    ["an instance type not sold", { InstanceType: "S9.HUGE" }, "ResourceUnavailable.InstanceType"],
    ["a CDH type without CDHPAID", { InstanceType: "CDH_1C1G" }, "InvalidInstanceType.Malformed"],
    [
      "CDHPAID with a non-CDH type",
      {
        InstanceChargeType: "CDHPAID",
        InstanceType: "S5.MEDIUM4",
        Placement: { Zone: "ap-shanghai-2", HostIds: ["host-q88gab4i"] },
      },
      "InvalidInstanceType.Malformed",
    ],
    [
      "CDHPAID without HostIds",
      { InstanceChargeType: "CDHPAID", InstanceType: "CDH_1C1G" },
      "MissingParameter",
    ],
    [
      "a malformed host id",
      {
        InstanceChargeType: "CDHPAID",
        InstanceType: "CDH_1C1G",
        Placement: { Zone: "ap-shanghai-2", HostIds: ["host-1122"] },
      },
      "InvalidHostId.Malformed",
    ],
    [
      "an unknown host",
      {
        InstanceChargeType: "CDHPAID",
        InstanceType: "CDH_1C1G",
        Placement: { Zone: "ap-shanghai-2", HostIds: ["host-zzzzzzzz"] },
      },
      "InvalidHostId.NotFound",
    ],
    [
      "a host of another zone",
      {
        InstanceChargeType: "CDHPAID",
        InstanceType: "CDH_1C1G",
        Placement: { Zone: "ap-shanghai-3", HostIds: ["host-q88gab4i"] },
      },
      "InvalidHostId.NotFound",
    ],
    ["CDCPAID without DedicatedClusterId", { InstanceChargeType: "CDCPAID" }, "MissingParameter"],
    ["an unknown system disk type", { SystemDisk: { DiskType: "FLOPPY" } }, "InvalidParameterValue"],
    [
      "22 data disks",
      { DataDisks: Array.from({ length: 22 }, () => ({ DiskType: "CLOUD_PREMIUM", DiskSize: 50 })) },
      "InvalidParameterValue.LimitExceeded",
    ],
    [
      "2 local data disks",
      {
        DataDisks: [
          { DiskType: "LOCAL_BASIC", DiskSize: 50 },
          { DiskType: "LOCAL_SSD", DiskSize: 50 },
        ],
      },
      "InvalidParameterValue.LimitExceeded",
    ],
    [
      "21 cloud data disks",
      { DataDisks: Array.from({ length: 21 }, () => ({ DiskType: "CLOUD_BASIC", DiskSize: 50 })) },
      "InvalidParameterValue.LimitExceeded",
    ],
    [
      "a 90 GB CLOUD_SSD data disk",
      { DataDisks: [{ DiskType: "CLOUD_SSD", DiskSize: 90 }] },
      "InvalidParameterValue.CloudSsdDataDiskSizeTooSmall",
    ],
    [
      "a data disk size off the 10 GB step",
      { DataDisks: [{ DiskType: "CLOUD_PREMIUM", DiskSize: 55 }] },
      "InvalidParameterValue",
    ],
    ["a data disk without size", { DataDisks: [{ DiskType: "CLOUD_PREMIUM" }] }, "MissingParameter"],
    [
      "a LOCAL_NVME data disk",
      { DataDisks: [{ DiskType: "LOCAL_NVME", DiskSize: 100 }] },
      "UnsupportedOperation.InvalidDisk",
    ],
    [
      "a malformed snapshot id",
      { DataDisks: [{ DiskType: "CLOUD_PREMIUM", DiskSize: 50, SnapshotId: "snap-1" }] },
      "InvalidParameterValue.SnapshotIdMalformed",
    ],
    [
      "an unknown snapshot",
      { DataDisks: [{ DiskType: "CLOUD_PREMIUM", DiskSize: 50, SnapshotId: "snap-zzzzzzzz" }] },
      "InvalidParameter.SnapshotNotFound",
    ],
    ["InstanceCount 0", { InstanceCount: 0 }, "InvalidParameterValue.Range"],
    ["InstanceCount 101", { InstanceCount: 101 }, "InvalidParameterValue.Range"],
    ["MinCount above InstanceCount", { InstanceCount: 2, MinCount: 3 }, "InvalidParameterValue.Range"],
    [
      "a malformed VPC id",
      { VirtualPrivateCloud: { VpcId: "vpc-1", SubnetId: "subnet-dcs9x3gz" } },
      "InvalidParameterValue.VpcIdMalformed",
    ],
    ["a VPC without subnet", { VirtualPrivateCloud: { VpcId: "vpc-1urkhbj4" } }, "MissingParameter"],
    [
      "a malformed VPC IP",
      {
        VirtualPrivateCloud: {
          VpcId: "vpc-1urkhbj4",
          SubnetId: "subnet-dcs9x3gz",
          PrivateIpAddresses: ["10.0.0.256"],
        },
      },
      "InvalidParameter.InvalidIpFormat",
    ],
    [
      "2 VPC IPs for 1 instance",
      {
        VirtualPrivateCloud: {
          VpcId: "vpc-1urkhbj4",
          SubnetId: "subnet-dcs9x3gz",
          PrivateIpAddresses: ["10.0.0.2", "10.0.0.3"],
        },
      },
      "InvalidParameterCombination",
    ],
    [
      "21 VPC IPs",
      {
        InstanceCount: 21,
        VirtualPrivateCloud: {
          VpcId: "vpc-1urkhbj4",
          SubnetId: "subnet-dcs9x3gz",
          PrivateIpAddresses: Array.from({ length: 21 }, (_, i) => `10.0.1.${i + 1}`),
        },
      },
      "InvalidParameterValue",
    ],
    [
      "a public IP without bandwidth",
      { InternetAccessible: { PublicIpAssigned: true } },
      "InvalidParameterCombination",
    ],
    [
      "an unknown internet charge type",
      { InternetAccessible: { InternetChargeType: "FREE" } },
      "InvalidParameterValue",
    ],
    [
      "a malformed bandwidth package",
      { InternetAccessible: { BandwidthPackageId: "bwp-1" } },
      "InvalidParameterValue.BandwidthPackageIdMalformed",
    ],
    [
      "an unknown bandwidth package",
      { InternetAccessible: { BandwidthPackageId: "bwp-zzzzzzzz" } },
      "InvalidParameterValue.BandwidthPackageIdNotFound",
    ],
    ["a Linux password of 7 characters", { LoginSettings: { Password: "Abcde1!" } }, "InvalidPassword"],
    [
      "a Linux password of 31 characters",
      { LoginSettings: { Password: "Ab1!".repeat(8) } },
      "InvalidPassword",
    ],
    [
      "a Linux password of one character class",
      { LoginSettings: { Password: "abcdefghij" } },
      "InvalidPassword",
    ],
    [
      "a password with a character not allowed",
      { LoginSettings: { Password: "Abcdefg1<" } },
      "InvalidPassword",
    ],
    [
      "a Windows password of 11 characters",
      { ...win, LoginSettings: { Password: "Abcdefgh12!" } },
      "InvalidPassword",
    ],
    [
      "a Windows password of two classes",
      { ...win, LoginSettings: { Password: "abcdefgh1234" } },
      "InvalidPassword",
    ],
    [
      "a password and a key",
      { LoginSettings: { Password: "Abcdefg1!", KeyIds: ["skey-3glfot13"] } },
      "InvalidParameterCombination",
    ],
    [
      "a key on Windows",
      { ...win, LoginSettings: { KeyIds: ["skey-3glfot13"] } },
      "UnsupportedOperation.KeyPairUnsupportedWindows",
    ],
    ["a malformed key id", { LoginSettings: { KeyIds: ["key-1"] } }, "InvalidParameterValue.KeyPairNotFound"],
    ["an unknown security group", { SecurityGroupIds: ["sg-zzzzzzzz"] }, "InvalidSecurityGroupId.NotFound"],
    ["a ClientToken of 65 characters", { ClientToken: "t".repeat(65) }, "InvalidClientToken.TooLong"],
    ["a host name starting with a hyphen", { HostName: "-web" }, "InvalidParameterValue.IllegalHostName"],
    [
      "a host name with two periods in a row",
      { HostName: "web..example" },
      "InvalidParameterValue.IllegalHostName",
    ],
    ["a host name of 1 character", { HostName: "a" }, "InvalidParameterValue.IllegalHostName"],
    ["a host name of 61 characters", { HostName: "h".repeat(61) }, "InvalidParameterValue.IllegalHostName"],
    ["a host name with an underscore", { HostName: "web_1" }, "InvalidParameterValue.IllegalHostName"],
    [
      "a Windows host name with a period",
      { ...win, HostName: "web.example" },
      "InvalidParameterValue.IllegalHostName",
    ],
    [
      "a Windows host name of 16 characters",
      { ...win, HostName: "w".repeat(16) },
      "InvalidParameterValue.IllegalHostName",
    ],
    [
      "a Windows host name of digits only",
      { ...win, HostName: "12345" },
      "InvalidParameterValue.IllegalHostName",
    ],
    [
      "a timer for another action",
      { ActionTimer: { TimerAction: "StopInstances", ActionTime: "2099-01-01T00:00:00Z" } },
      "InvalidParameterValue",
    ],
    [
      "a timer time malformed",
      { ActionTimer: { TimerAction: "TerminateInstances", ActionTime: "tomorrow" } },
      "InvalidParameterValue.InvalidTimeFormat",
    ],
    [
      "a timer time less than 5 minutes ahead",
      { ActionTimer: { TimerAction: "TerminateInstances", ActionTime: "2000-01-01T00:00:00Z" } },
      "InvalidParameterValue",
    ],
    [
      "two placement groups",
      { DisasterRecoverGroupIds: ["ps-aaaaaaaa", "ps-bbbbbbbb"] },
      "InvalidParameterValue.LimitExceeded",
    ],
    [
      "a reserved tag key",
      { TagSpecification: [{ ResourceType: "instance", Tags: [{ Key: "qcloud:x", Value: "1" }] }] },
      "FailedOperation.TagKeyReserved",
    ],
    [
      "an illegal tag key",
      { TagSpecification: [{ ResourceType: "instance", Tags: [{ Key: "a<b", Value: "1" }] }] },
      "FailedOperation.IllegalTagKey",
    ],
    [
      "a tag value too long",
      { TagSpecification: [{ ResourceType: "instance", Tags: [{ Key: "k", Value: "v".repeat(256) }] }] },
      "FailedOperation.IllegalTagValue",
    ],
    [
      "a duplicate tag key",
      {
        TagSpecification: [
          {
            ResourceType: "instance",
            Tags: [
              { Key: "k", Value: "1" },
              { Key: "k", Value: "2" },
            ],
          },
        ],
      },
      "InvalidParameterValue.DuplicateTags",
    ],
    [
      "51 tags",
      {
        TagSpecification: [
          {
            ResourceType: "instance",
            Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" })),
          },
        ],
      },
      "InvalidParameterValue.TagQuotaLimitExceeded",
    ],
    [
      "tags for a host",
      { TagSpecification: [{ ResourceType: "host", Tags: [{ Key: "k", Value: "v" }] }] },
      "InvalidParameterValue",
    ],
    [
      "market options without SPOTPAID",
      { InstanceMarketOptions: { SpotOptions: { MaxPrice: "0.5" } } },
      "InvalidParameterCombination",
    ],
    [
      "a market type other than spot",
      {
        InstanceChargeType: "SPOTPAID",
        InstanceMarketOptions: { MarketType: "ondemand", SpotOptions: { MaxPrice: "0.5" } },
      },
      "InvalidParameterValue",
    ],
    ["user data not in base64", { UserData: "echo hello!" }, "InvalidParameterValue.InvalidUserDataFormat"],
    [
      "user data above 16 KB",
      { UserData: "A".repeat(16 * 1024 + 4) },
      "InvalidParameterValue.InvalidUserDataFormat",
    ],
    [
      "an HPC cluster for a standard type",
      { HpcClusterId: "hpc-aaaaaaaa" },
      "InvalidParameterValue.InstanceTypeNotSupportHpcCluster",
    ],
    [
      "CoreCount without ThreadPerCore",
      { CpuTopology: { CoreCount: 1 } },
      "InvalidParameter.LackCoreCountOrThreadPerCore",
    ],
    [
      "three threads per core",
      { CpuTopology: { CoreCount: 1, ThreadPerCore: 3 } },
      "InvalidParameterValue.ThreadPerCoreValue",
    ],
    [
      "more cores than the type has",
      { InstanceType: "S5.MEDIUM4", CpuTopology: { CoreCount: 4, ThreadPerCore: 1 } },
      "InvalidParameterValue.CoreCountValue",
    ],
    [
      "a launch template",
      { LaunchTemplate: { LaunchTemplateId: "lt-aaaaaaaa" } },
      "InvalidParameterValue.LaunchTemplateNotFound",
    ],
    [
      "a malformed launch template id",
      { LaunchTemplate: { LaunchTemplateId: "lt-1" } },
      "InvalidParameterValue.LaunchTemplateIdMalformed",
    ],
    ["CHC hosts", { ChcIds: ["chc-aaaaaaaa"] }, "InvalidParameterValue.ChcHostsNotFound"],
    [
      "a metadata key with a space",
      { Metadata: { Items: [{ Key: "a b", Value: "v" }] } },
      "InvalidParameterValue",
    ],
  ];

  it.each(cases)("%s", async (_name, patch, code) => {
    expect(
      await codeOf(cvm().RunInstances({ ...minimal, ...patch, DryRun: true } as RunInstancesRequest)),
    ).toBe(code);
  });

  const accepted: Array<[string, Record<string, unknown>]> = [
    ["a period of 24 months", { InstanceChargeType: "PREPAID", InstanceChargePrepaid: { Period: 24 } }],
    ["a period of 36 months", { InstanceChargeType: "PREPAID", InstanceChargePrepaid: { Period: 36 } }],
    [
      "1 local and 20 cloud data disks",
      {
        DataDisks: [
          { DiskType: "LOCAL_BASIC", DiskSize: 50 },
          ...Array.from({ length: 20 }, () => ({ DiskType: "CLOUD_BASIC", DiskSize: 50 })),
        ],
      },
    ],
    ["a 100 GB CLOUD_SSD data disk", { DataDisks: [{ DiskType: "CLOUD_SSD", DiskSize: 100 }] }],
    ["a Linux password of two classes", { LoginSettings: { Password: "abcdefg1" } }],
    ["a Linux password of 30 characters", { LoginSettings: { Password: "Ab1!".repeat(7) + "Ab" } }],
    ["a Windows password of three classes", { ...win, LoginSettings: { Password: "Abcdefgh1234" } }],
    ["a key on Linux", { LoginSettings: { KeyIds: ["skey-3glfot13"] } }],
    ["KeepImageLogin", { LoginSettings: { KeepImageLogin: "TRUE" } }],
    ["a known security group", { SecurityGroupIds: ["sg-5e9x7qag"] }],
    ["a ClientToken of 64 characters", { ClientToken: "t".repeat(64) }],
    ["a Linux host name with periods", { HostName: "web-1.example.internal" }],
    ["a Windows host name", { ...win, HostName: "WIN-WEB-01" }],
    ["a host name pattern", { HostName: "web-{R:1}", InstanceCount: 3 }],
    ["user data of 16 KB", { UserData: "A".repeat(16 * 1024) }],
    ["one placement group", { DisasterRecoverGroupIds: ["ps-aaaaaaaa"] }],
    [
      "a spot instance",
      {
        InstanceChargeType: "SPOTPAID",
        InstanceMarketOptions: {
          MarketType: "spot",
          SpotOptions: { MaxPrice: "0.5", SpotInstanceType: "one-time" },
        },
      },
    ],
    ["a CPU topology", { InstanceType: "S5.LARGE8", CpuTopology: { CoreCount: 2, ThreadPerCore: 2 } }],
    ["the legacy Placement.HostIps", { Placement: { Zone: "ap-shanghai-2", HostIps: [] } }],
  ];

  it.each(accepted)("accepts %s", async (_name, patch) => {
    expect(
      await codeOf(cvm().RunInstances({ ...minimal, ...patch, DryRun: true } as RunInstancesRequest)),
    ).toBe("OK");
  });

  it("refuses a request without Region (MissingParameter) and a region it does not serve (UnsupportedRegion)", async () => {
    expect(await codeOf(cvm("").RunInstances(minimal))).toBe("MissingParameter");
    expect(await codeOf(cvm("xx-nowhere").RunInstances(minimal))).toBe("UnsupportedRegion");
    expect(await codeOf(cvm("xx-nowhere").DescribeInstances({}))).toBe("UnsupportedRegion");
  });

  it("DryRun validates everything and creates nothing: success with RequestId only", async () => {
    const res = await cvm().RunInstances({ ...minimal, DryRun: true, InstanceCount: 3 });
    expect(res.RequestId).toBeTruthy();
    expect(res.InstanceIdSet).toBeUndefined();
    expect(await emu.control.instances("cvm")).toHaveLength(0);
  });

  it("DryRun checks quota and stock too", async () => {
    await emu.control.settings({ cvmQuota: 2 });
    expect(await codeOf(run({ DryRun: true, InstanceCount: 3 }))).toBe("LimitExceeded.InstanceQuota");
    await emu.control.instanceFaults({ outOfStock: ["S5.MEDIUM4"] });
    expect(await codeOf(run({ DryRun: true, InstanceType: "S5.MEDIUM4" }))).toBe(
      "ResourceInsufficient.SpecifiedInstanceType",
    );
  });

  it("the quota counts what the account holds in the region (LimitExceeded.InstanceQuota)", async () => {
    await emu.control.settings({ cvmQuota: 3 });
    await run({ InstanceCount: 2 });
    expect(await codeOf(run({ InstanceCount: 2 }))).toBe("LimitExceeded.InstanceQuota");
    expect(await codeOf(run({ InstanceCount: 1 }))).toBe("OK");
    // Another region has its own quota.
    expect(await codeOf(run({ Placement: { Zone: "ap-beijing-1" }, InstanceCount: 3 }, "ap-beijing"))).toBe(
      "OK",
    );
  });

  it("an instance type out of stock gets ResourceInsufficient.SpecifiedInstanceType and creates nothing", async () => {
    await emu.control.instanceFaults({ outOfStock: ["S5.MEDIUM4"] });
    expect(await codeOf(run({ InstanceType: "S5.MEDIUM4" }))).toBe(
      "ResourceInsufficient.SpecifiedInstanceType",
    );
    expect(await emu.control.instances("cvm")).toHaveLength(0);
    expect(await codeOf(run({ InstanceType: "S5.LARGE8" }))).toBe("OK");
  });
});

describe("RunInstances: what is created", () => {
  it("expands {R:x} and {R:x,F:y} patterns and suffixes names without a pattern", async () => {
    const names = async (InstanceName: string, InstanceCount: number) => {
      const res = await cvm().DescribeInstances({ InstanceIds: await run({ InstanceName, InstanceCount }) });
      return (res.InstanceSet ?? []).map((i) => i.InstanceName).sort();
    };
    expect(await names("server_{R:3}", 2)).toEqual(["server_3", "server_4"]);
    expect(await names("server_{R:3}", 1)).toEqual(["server_3"]);
    expect(await names("app_{R:9,F:3}-{R:1}", 2)).toEqual(["app_009-1", "app_010-2"]);
    expect(await names("server_", 2)).toEqual(["server_1", "server_2"]);
    expect(await names("single", 1)).toEqual(["single"]);
  });

  it("assigns a public IP when the bandwidth is above 0, unless PublicIpAssigned is false", async () => {
    const [withIp] = await run({ InternetAccessible: { InternetMaxBandwidthOut: 5 } });
    const [noIp] = await run({ InternetAccessible: { InternetMaxBandwidthOut: 5, PublicIpAssigned: false } });
    const [noBandwidth] = await run();
    expect((await describe1(withIp))?.PublicIpAddresses).toEqual([
      expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
    ]);
    expect((await describe1(noIp))?.PublicIpAddresses).toBeNull();
    expect((await describe1(noBandwidth))?.PublicIpAddresses).toBeNull();
    expect((await describe1(noBandwidth))?.PrivateIpAddresses).toEqual([expect.stringMatching(/^10\./)]);
  });

  it("binds the instance tags of TagSpecification, shows key ids and never the password", async () => {
    const [id] = await run({
      TagSpecification: [
        { ResourceType: "instance", Tags: [{ Key: "env", Value: "prod" }] },
        { ResourceType: "disk", Tags: [{ Key: "disk-only", Value: "1" }] },
      ],
      LoginSettings: { KeyIds: ["skey-3glfot13"] },
      SecurityGroupIds: ["sg-5e9x7qag", "sg-web00001"],
      CamRoleName: "app-role",
    });
    const res = await cvm().DescribeInstances({ InstanceIds: [id] });
    expect(res.InstanceSet?.[0]).toMatchObject({
      Tags: [{ Key: "env", Value: "prod" }],
      LoginSettings: { KeyIds: ["skey-3glfot13"] },
      SecurityGroupIds: ["sg-5e9x7qag", "sg-web00001"],
      CamRoleName: "app-role",
    });
    const [pw] = await run({ LoginSettings: { Password: "Secret-Pass-123" } });
    const text = JSON.stringify(await cvm().DescribeInstances({ InstanceIds: [pw] }));
    expect(text).not.toContain("Secret-Pass-123");
    expect(JSON.stringify(await emu.control.log({ action: "RunInstances" }))).not.toContain(
      "Secret-Pass-123",
    );
  });

  it("Windows images log in as Administrator on 3389", async () => {
    const inst = await describe1((await run({ ImageId: WINDOWS_IMAGE }))[0]);
    expect(inst).toMatchObject({ DefaultLoginUser: "Administrator", DefaultLoginPort: 3389 });
  });

  it("the same ClientToken returns the same ids and creates nothing more", async () => {
    const first = await run({ ClientToken: "token-1", InstanceCount: 2 });
    const again = await run({ ClientToken: "token-1", InstanceCount: 2 });
    expect(again).toEqual(first);
    expect(await emu.control.instances("cvm")).toHaveLength(2);
    const other = await run({ ClientToken: "token-2" });
    expect(other).not.toEqual(first);
  });

  it("an ActionTimer terminates the instance at its time", async () => {
    const at = new Date(Date.now() + 10 * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const [id] = await run({ ActionTimer: { TimerAction: "TerminateInstances", ActionTime: at } });
    expect((await describe1(id))?.InstanceState).toBe("RUNNING");
    await emu.control.advanceClock(11 * 60_000);
    expect(await describe1(id)).toBeUndefined();
  });
});

describe("instance state machine", () => {
  it("LAUNCH_FAILED with LatestOperationState FAILED and the error message", async () => {
    // The cloud clears a failed launch terminateMs after it failed.
    await emu.control.settings({ terminateMs: 1000 });
    await emu.control.instanceFaults({ launchFailures: { cvm: 1 } });
    const [failed] = await run();
    const [ok] = await run();
    const inst = await describe1(failed);
    expect(inst).toMatchObject({
      InstanceState: "LAUNCH_FAILED",
      LatestOperation: "RunInstances",
      LatestOperationState: "FAILED",
    });
    expect(inst?.LatestOperationErrorMsg).toMatch(/\S/);
    expect((await describe1(ok))?.InstanceState).toBe("RUNNING");
  });

  it("stuck PENDING stays PENDING", async () => {
    await emu.control.instanceFaults({ stuckPending: { cvm: 1 } });
    const [id] = await run();
    await emu.control.advanceClock(3_600_000);
    expect((await describe1(id))?.InstanceState).toBe("PENDING");
    expect(await codeOf(cvm().TerminateInstances({ InstanceIds: [id] }))).toBe(
      "UnsupportedOperation.InstanceStatePending",
    );
  });

  it("describe lag: a new instance is unknown to the first describes", async () => {
    await emu.control.instanceFaults({ describeLag: { cvm: 2 } });
    const [id] = await run();
    expect(await describe1(id)).toBeUndefined();
    expect((await cvm().DescribeInstances({ InstanceIds: [id] })).TotalCount).toBe(0);
    expect((await describe1(id))?.InstanceId).toBe(id);
  });
});

describe("DescribeInstances", () => {
  it("leaves unknown ids out, and refuses malformed ids, more than 100 ids, and ids with filters", async () => {
    const [id] = await run();
    const res = await cvm().DescribeInstances({ InstanceIds: [id, "ins-zzzzzzzz"] });
    expect(res.TotalCount).toBe(1);
    expect(await codeOf(cvm().DescribeInstances({ InstanceIds: ["i-123"] }))).toBe(
      "InvalidInstanceId.Malformed",
    );
    const many = Array.from({ length: 101 }, (_, i) => `ins-${String(i).padStart(8, "0")}`);
    expect(await codeOf(cvm().DescribeInstances({ InstanceIds: many }))).toBe(
      "InvalidParameterValue.LimitExceeded",
    );
    expect(
      await codeOf(
        cvm().DescribeInstances({
          InstanceIds: [id],
          Filters: [{ Name: "zone", Values: ["ap-shanghai-2"] }],
        }),
      ),
    ).toBe("InvalidParameterCombination");
  });

  it("filters by zone, name, state, charge type, IPs, ids and tags", async () => {
    const [a] = await run({
      InstanceName: "alpha-web",
      InternetAccessible: { InternetMaxBandwidthOut: 1 },
      TagSpecification: [{ ResourceType: "instance", Tags: [{ Key: "team", Value: "blue" }] }],
    });
    const [b] = await run({
      Placement: { Zone: "ap-shanghai-3" },
      InstanceName: "beta-db",
      InstanceChargeType: "PREPAID",
      InstanceChargePrepaid: { Period: 1 },
      TagSpecification: [{ ResourceType: "instance", Tags: [{ Key: "team", Value: "red" }] }],
    });
    const inst = await describe1(a);
    const ids = async (Name: string, Values: string[]) =>
      ((await cvm().DescribeInstances({ Filters: [{ Name, Values }] })).InstanceSet ?? [])
        .map((i) => i.InstanceId)
        .sort();
    expect(await ids("zone", ["ap-shanghai-3"])).toEqual([b]);
    expect(await ids("instance-name", ["web"])).toEqual([a]);
    expect(await ids("instance-state", ["RUNNING"])).toEqual([a, b].sort());
    expect(await ids("instance-charge-type", ["PREPAID"])).toEqual([b]);
    expect(await ids("private-ip-address", inst?.PrivateIpAddresses ?? [])).toEqual([a]);
    expect(await ids("public-ip-address", inst?.PublicIpAddresses ?? [])).toEqual([a]);
    expect(await ids("instance-id", [b])).toEqual([b]);
    expect(await ids("tag-key", ["team"])).toEqual([a, b].sort());
    expect(await ids("tag-value", ["red"])).toEqual([b]);
    expect(await ids("tag:team", ["blue"])).toEqual([a]);
    const both = await cvm().DescribeInstances({
      Filters: [
        { Name: "tag-key", Values: ["team"] },
        { Name: "zone", Values: ["ap-shanghai-2"] },
      ],
    });
    expect(both.InstanceSet?.map((i) => i.InstanceId)).toEqual([a]);
  });

  it("refuses unknown filters and too many filter values", async () => {
    expect(await codeOf(cvm().DescribeInstances({ Filters: [{ Name: "color", Values: ["red"] }] }))).toBe(
      "InvalidFilter",
    );
    expect(
      await codeOf(
        cvm().DescribeInstances({ Filters: [{ Name: "zone", Values: ["a", "b", "c", "d", "e", "f"] }] }),
      ),
    ).toBe("InvalidFilterValue.LimitExceeded");
    const eleven = Array.from({ length: 11 }, () => ({ Name: "zone", Values: ["ap-shanghai-2"] }));
    expect(await codeOf(cvm().DescribeInstances({ Filters: eleven }))).toBe(
      "InvalidParameterValue.LimitExceeded",
    );
    expect(
      await codeOf(cvm().DescribeInstances({ Filters: [{ Name: "private-ip-address", Values: ["x"] }] })),
    ).toBe("InvalidParameterValue.InvalidIpFormat");
  });

  it("pages with Offset and Limit: 20 by default, at most 100", async () => {
    await run({ InstanceCount: 25 });
    const first = await cvm().DescribeInstances({});
    expect(first.TotalCount).toBe(25);
    expect(first.InstanceSet).toHaveLength(20);
    const rest = await cvm().DescribeInstances({ Offset: 20, Limit: 10 });
    expect(rest.InstanceSet).toHaveLength(5);
    const all = [...(first.InstanceSet ?? []), ...(rest.InstanceSet ?? [])].map((i) => i.InstanceId);
    expect(new Set(all).size).toBe(25);
    expect(await codeOf(cvm().DescribeInstances({ Limit: 101 }))).toBe("InvalidParameterValue.LimitExceeded");
  });

  it("shows an account's instances only to that account and in their region", async () => {
    const [id] = await run();
    const other = cvm("ap-shanghai", "AKIDOTHERACCOUNT", "other-secret");
    expect((await other.DescribeInstances({ InstanceIds: [id] })).TotalCount).toBe(0);
    expect((await cvm("ap-guangzhou").DescribeInstances({ InstanceIds: [id] })).TotalCount).toBe(0);
    expect(await codeOf(other.TerminateInstances({ InstanceIds: [id] }))).toBe("InvalidInstanceId.NotFound");
  });
});

describe("TerminateInstances", () => {
  it("a pay-as-you-go instance goes TERMINATING, then it is gone", async () => {
    await emu.control.settings({ terminateMs: 1000 });
    const [id] = await run();
    await cvm().TerminateInstances({ InstanceIds: [id] });
    expect((await describe1(id))?.InstanceState).toBe("TERMINATING");
    expect(await codeOf(cvm().TerminateInstances({ InstanceIds: [id] }))).toBe(
      "UnsupportedOperation.InstanceStateTerminating",
    );
    await emu.control.advanceClock(1000);
    expect(await describe1(id)).toBeUndefined();
  });

  it("a prepaid instance goes to the recycle bin first (SHUTDOWN, ISOLATED), then the second call releases it", async () => {
    const [id] = await run({ InstanceChargeType: "PREPAID", InstanceChargePrepaid: { Period: 1 } });
    await cvm().TerminateInstances({ InstanceIds: [id] });
    expect(await describe1(id)).toMatchObject({
      InstanceState: "SHUTDOWN",
      RestrictState: "ISOLATED",
      IsolatedSource: "MANMADE",
      LatestOperation: "TerminateInstances",
      LatestOperationState: "SUCCESS",
    });
    await emu.control.settings({ terminateMs: 1000 });
    await cvm().TerminateInstances({ InstanceIds: [id] });
    expect((await describe1(id))?.InstanceState).toBe("TERMINATING");
    await emu.control.advanceClock(1000);
    expect(await describe1(id)).toBeUndefined();
  });

  it("refuses unknown, malformed, missing and more than 100 ids, mixed charge types and protected instances", async () => {
    expect(await codeOf(cvm().TerminateInstances({ InstanceIds: ["ins-zzzzzzzz"] }))).toBe(
      "InvalidInstanceId.NotFound",
    );
    expect(await codeOf(cvm().TerminateInstances({ InstanceIds: ["bad"] }))).toBe(
      "InvalidInstanceId.Malformed",
    );
    expect(await codeOf(cvm().TerminateInstances({ InstanceIds: [] }))).toBe("MissingParameter");
    const many = Array.from({ length: 101 }, (_, i) => `ins-${String(i).padStart(8, "0")}`);
    expect(await codeOf(cvm().TerminateInstances({ InstanceIds: many }))).toBe(
      "InvalidParameterValue.LimitExceeded",
    );
    const [hourly] = await run();
    const [monthly] = await run({ InstanceChargeType: "PREPAID", InstanceChargePrepaid: { Period: 1 } });
    expect(await codeOf(cvm().TerminateInstances({ InstanceIds: [hourly, monthly] }))).toBe(
      "UnsupportedOperation.InstanceMixedPricingModel",
    );
    const [locked] = await run({ DisableApiTermination: true });
    expect(await codeOf(cvm().TerminateInstances({ InstanceIds: [locked] }))).toBe(
      "UnsupportedOperation.InstancesProtected",
    );
    // Nothing of a refused batch was terminated.
    expect((await describe1(hourly))?.InstanceState).toBe("RUNNING");
  });

  it("refuses a LAUNCH_FAILED instance (UnsupportedOperation.InstanceStateLaunchFailed); the cloud clears it later", async () => {
    await emu.control.settings({ terminateMs: 2000 });
    await emu.control.instanceFaults({ launchFailures: { cvm: 1 } });
    const [failed] = await run();
    const [fine] = await run();
    expect((await describe1(failed))?.InstanceState).toBe("LAUNCH_FAILED");
    expect(await codeOf(cvm().TerminateInstances({ InstanceIds: [failed, fine] }))).toBe(
      "UnsupportedOperation.InstanceStateLaunchFailed",
    );
    // Nothing of the refused batch was terminated.
    expect((await describe1(fine))?.InstanceState).toBe("RUNNING");
    await emu.control.advanceClock(2000);
    expect(await describe1(failed)).toBeUndefined();
  });

  it("refuses a second TerminateInstances while the first runs (MutexOperation.TaskRunning)", async () => {
    await emu.control.settings({ transitionMs: 1000 });
    const [id] = await run({ InstanceChargeType: "PREPAID", InstanceChargePrepaid: { Period: 1 } });
    await cvm().TerminateInstances({ InstanceIds: [id] });
    expect(await describe1(id)).toMatchObject({
      LatestOperation: "TerminateInstances",
      LatestOperationState: "OPERATING",
    });
    expect(await codeOf(cvm().TerminateInstances({ InstanceIds: [id] }))).toBe("MutexOperation.TaskRunning");
    await emu.control.advanceClock(1000);
    expect(await codeOf(cvm().TerminateInstances({ InstanceIds: [id] }))).toBe("OK");
  });

  it("returns prepaid instances within the account's return quota (setting prepaidReturnQuota), then LimitExceeded.UserReturnQuota", async () => {
    await emu.control.settings({ prepaidReturnQuota: 1 });
    const prepaid = { InstanceChargeType: "PREPAID", InstanceChargePrepaid: { Period: 1 } };
    const [a] = await run(prepaid);
    const [b] = await run(prepaid);
    const [hourly] = await run();
    expect(await codeOf(cvm().TerminateInstances({ InstanceIds: [a] }))).toBe("OK");
    expect(await codeOf(cvm().TerminateInstances({ InstanceIds: [b] }))).toBe(
      "LimitExceeded.UserReturnQuota",
    );
    expect((await describe1(b))?.InstanceState).toBe("RUNNING");
    // Pay-as-you-go instances are not returned: no quota.
    expect(await codeOf(cvm().TerminateInstances({ InstanceIds: [hourly] }))).toBe("OK");
  });
});

describe("ModifyInstancesAttribute", () => {
  it("renames: LatestOperation OPERATING, then SUCCESS after transitionMs", async () => {
    const [id] = await run({ InstanceName: "old" });
    await emu.control.settings({ transitionMs: 1000 });
    const res = await cvm().ModifyInstancesAttribute({ InstanceIds: [id], InstanceName: "new" });
    expect(await describe1(id)).toMatchObject({
      InstanceName: "new",
      LatestOperation: "ModifyInstancesAttribute",
      LatestOperationState: "OPERATING",
      LatestOperationRequestId: res.RequestId,
    });
    // The same task runs: MutexOperation.TaskRunning (SDK codes of ModifyInstancesAttribute).
    expect(await codeOf(cvm().ModifyInstancesAttribute({ InstanceIds: [id], InstanceName: "newer" }))).toBe(
      "MutexOperation.TaskRunning",
    );
    await emu.control.advanceClock(1000);
    expect((await describe1(id))?.LatestOperationState).toBe("SUCCESS");
  });

  it("changes security groups, CAM role and termination protection", async () => {
    const [id] = await run();
    await cvm().ModifyInstancesAttribute({ InstanceIds: [id], SecurityGroups: ["sg-db000001"] });
    await cvm().ModifyInstancesAttribute({ InstanceIds: [id], CamRoleName: "ops" });
    await cvm().ModifyInstancesAttribute({ InstanceIds: [id], DisableApiTermination: true });
    expect(await describe1(id)).toMatchObject({
      SecurityGroupIds: ["sg-db000001"],
      CamRoleName: "ops",
      DisableApiTermination: true,
    });
  });

  it("a new host name reboots the instance unless AutoReboot is false", async () => {
    await emu.control.settings({ transitionMs: 1000 });
    const [id] = await run();
    await cvm().ModifyInstancesAttribute({ InstanceIds: [id], HostName: "web-1" });
    expect((await describe1(id))?.InstanceState).toBe("REBOOTING");
    await emu.control.advanceClock(1000);
    expect(await describe1(id)).toMatchObject({ InstanceState: "RUNNING", LatestOperationState: "SUCCESS" });
    await cvm().ModifyInstancesAttribute({ InstanceIds: [id], HostName: "web-2", AutoReboot: false });
    expect((await describe1(id))?.InstanceState).toBe("RUNNING");
  });

  it("takes exactly one attribute per call", async () => {
    const [id] = await run();
    expect(
      await codeOf(
        cvm().ModifyInstancesAttribute({
          InstanceIds: [id],
          InstanceName: "a",
          SecurityGroups: ["sg-5e9x7qag"],
        }),
      ),
    ).toBe("InvalidParameterCombination");
    expect(await codeOf(cvm().ModifyInstancesAttribute({ InstanceIds: [id] }))).toBe("MissingParameter");
    expect(
      await codeOf(
        cvm().ModifyInstancesAttribute({ InstanceIds: [id], InstanceName: "a", AutoReboot: true }),
      ),
    ).toBe("InvalidParameterCombination");
  });

  it("validates values as RunInstances does, with its own codes", async () => {
    const [id] = await run();
    const [win] = await run({ ImageId: WINDOWS_IMAGE });
    const modify = (req: Record<string, unknown>) =>
      codeOf(cvm().ModifyInstancesAttribute({ InstanceIds: [id], ...req }));
    expect(await modify({ InstanceName: "n".repeat(61) })).toBe("InvalidInstanceName.TooLong");
    expect(await modify({ SecurityGroups: ["sg-zzzzzzzz"] })).toBe("InvalidSecurityGroupId.NotFound");
    expect(await modify({ HostName: "bad..name" })).toBe("InvalidParameter.HostNameIllegal");
    expect(await modify({ UserData: "not base64!" })).toBe("InvalidParameterValue.InvalidUserDataFormat");
    expect(await modify({ CamRoleName: "bad role" })).toBe("InvalidParameterValue.CamRoleNameMalformed");
    expect(await modify({ Foo: 1 })).toBe("UnknownParameter");
    expect(
      await codeOf(cvm().ModifyInstancesAttribute({ InstanceIds: [win], HostName: "win.example" })),
    ).toBe("InvalidParameter.HostNameIllegal");
    expect(
      await codeOf(cvm().ModifyInstancesAttribute({ InstanceIds: ["ins-zzzzzzzz"], InstanceName: "x" })),
    ).toBe("InvalidInstanceId.NotFound");
  });

  it("refuses instances still PENDING or TERMINATING", async () => {
    await emu.control.settings({ bootMs: 60_000, terminateMs: 60_000 });
    const [pending] = await run();
    expect(await codeOf(cvm().ModifyInstancesAttribute({ InstanceIds: [pending], InstanceName: "x" }))).toBe(
      "UnsupportedOperation.InstanceStatePending",
    );
    await emu.control.advanceClock(60_000);
    await cvm().TerminateInstances({ InstanceIds: [pending] });
    expect(await codeOf(cvm().ModifyInstancesAttribute({ InstanceIds: [pending], InstanceName: "x" }))).toBe(
      "UnsupportedOperation.InstanceStateTerminating",
    );
  });
});

describe("DescribeZones and DescribeInstanceTypeConfigs", () => {
  it("lists the region's zones", async () => {
    const res = await cvm().DescribeZones();
    expect(res.TotalCount).toBe(3);
    expect(res.ZoneSet?.[1]).toEqual({
      Zone: "ap-shanghai-2",
      ZoneName: "Shanghai Zone 2",
      ZoneId: "200002",
      ZoneState: "AVAILABLE",
    });
    expect(await codeOf(cvm().DescribeZones({ Zone: "x" } as never))).toBe("UnknownParameter");
  });

  it("lists every zone × instance type, filtered by zone, family and type", async () => {
    const all = await cvm().DescribeInstanceTypeConfigs({});
    const perZone = (all.InstanceTypeConfigSet ?? []).filter((c) => c.Zone === "ap-shanghai-1");
    expect((all.InstanceTypeConfigSet ?? []).length).toBe(perZone.length * 3);
    expect(perZone.some((c) => c.InstanceType?.startsWith("CDH"))).toBe(false);
    const s5 = await cvm().DescribeInstanceTypeConfigs({
      Filters: [
        { Name: "zone", Values: ["ap-shanghai-2"] },
        { Name: "instance-type", Values: ["S5.16XLARGE256"] },
      ],
    });
    expect(s5.InstanceTypeConfigSet).toEqual([
      {
        Zone: "ap-shanghai-2",
        InstanceType: "S5.16XLARGE256",
        InstanceFamily: "S5",
        GPU: 0,
        CPU: 64,
        Memory: 256,
        FPGA: 0,
        GpuCount: 0,
      },
    ]);
    const family = await cvm().DescribeInstanceTypeConfigs({
      Filters: [{ Name: "instance-family", Values: ["M2"] }],
    });
    expect(family.InstanceTypeConfigSet?.every((c) => c.InstanceFamily === "M2")).toBe(true);
    expect(
      await codeOf(cvm().DescribeInstanceTypeConfigs({ Filters: [{ Name: "cpu", Values: ["2"] }] })),
    ).toBe("InvalidFilter");
    expect(
      await codeOf(cvm().DescribeInstanceTypeConfigs({ Filters: [{ Name: "zone", Values: ["a", "b"] }] })),
    ).toBe("InvalidFilterValue.LimitExceeded");
    expect(
      await codeOf(
        cvm().DescribeInstanceTypeConfigs({ Filters: [{ Name: "zone", Values: ["ap-guangzhou-1"] }] }),
      ),
    ).toBe("InvalidZone.MismatchRegion");
  });
});

describe("call faults", () => {
  it("an injected error code", async () => {
    await emu.control.addFault({ service: "cvm", action: "RunInstances", code: "InternalError", count: 1 });
    expect(await codeOf(run())).toBe("InternalError");
    expect(await codeOf(run())).toBe("OK");
  });

  it("latency", async () => {
    await emu.control.addFault({ service: "cvm", action: "DescribeZones", latencyMs: 150, count: 1 });
    const started = Date.now();
    await cvm().DescribeZones();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("a lost response: the call fails, the instance exists", async () => {
    await emu.control.addFault({ service: "cvm", action: "RunInstances", drop: "after", count: 1 });
    await expect(run({ ClientToken: "lost-1" })).rejects.toBeTruthy();
    const created = await emu.control.instances("cvm");
    expect(created).toHaveLength(1);
    // Retrying with the same ClientToken returns that instance.
    expect(await run({ ClientToken: "lost-1" })).toEqual([created[0].id]);
  });
});

describe("LatestOperation* shown late (setting latestOperationLagMs)", () => {
  it("DescribeInstances shows the previous operation for a while after the call answered", async () => {
    const [id] = await run({ InstanceName: "old" });
    const before = await describe1(id);
    expect(before).toMatchObject({ LatestOperation: "RunInstances", LatestOperationState: "SUCCESS" });
    await emu.control.settings({ transitionMs: 1000, latestOperationLagMs: 3000 });
    const res = await cvm().ModifyInstancesAttribute({ InstanceIds: [id], InstanceName: "new" });
    // The attribute changed at once; LatestOperation* still show RunInstances.
    expect(await describe1(id)).toMatchObject({
      InstanceName: "new",
      LatestOperation: "RunInstances",
      LatestOperationState: "SUCCESS",
      LatestOperationRequestId: before?.LatestOperationRequestId,
    });
    // The operation is under way all the same: a second one is refused.
    expect(await codeOf(cvm().ModifyInstancesAttribute({ InstanceIds: [id], CamRoleName: "ops" }))).toBe(
      "MutexOperation.TaskRunning",
    );
    await emu.control.advanceClock(3000);
    expect(await describe1(id)).toMatchObject({
      LatestOperation: "ModifyInstancesAttribute",
      LatestOperationState: "SUCCESS",
      LatestOperationRequestId: res.RequestId,
    });
  });

  it("a failed operation (instance fault operationFailures) ends FAILED and changes nothing", async () => {
    const [id] = await run({ InstanceName: "old" });
    await emu.control.settings({ transitionMs: 1000 });
    await emu.control.instanceFaults({ operationFailures: { cvm: 1 } });
    const res = await cvm().ModifyInstancesAttribute({ InstanceIds: [id], InstanceName: "new" });
    await emu.control.advanceClock(1000);
    const inst = await describe1(id);
    expect(inst).toMatchObject({
      InstanceName: "old",
      LatestOperation: "ModifyInstancesAttribute",
      LatestOperationState: "FAILED",
      LatestOperationRequestId: res.RequestId,
    });
    expect(inst?.LatestOperationErrorMsg).toMatch(/\S/);
    // The next one succeeds.
    await cvm().ModifyInstancesAttribute({ InstanceIds: [id], InstanceName: "new" });
    await emu.control.advanceClock(1000);
    expect(await describe1(id)).toMatchObject({ InstanceName: "new", LatestOperationState: "SUCCESS" });
  });
});

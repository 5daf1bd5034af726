/** RunInstances (001): the document's examples, what is created, the launch, Region, DryRun, quota and stock. */
import { codeOf } from "../../support";
import { cvmTest, minimal, WINDOWS_IMAGE } from "./support";
import { RUN_INSTANCES_EXAMPLE_1 } from "../../../support/cvm-examples";

const t = cvmTest();

describe("Done when (CVM)", () => {
  it("a RunInstances signed with the default pair returns ids that DescribeInstances shows PENDING, then RUNNING", async () => {
    await t.emu.control.settings({ bootMs: 60_000 });
    const [id] = await t.run();
    expect(id).toMatch(/^ins-[a-z0-9]{8}$/);
    expect((await t.describe1(id))?.InstanceState).toBe("PENDING");
    await t.emu.control.advanceClock(60_000);
    const inst = await t.describe1(id);
    expect(inst?.InstanceState).toBe("RUNNING");
    expect(inst).toMatchObject({ LatestOperation: "RunInstances", LatestOperationState: "SUCCESS" });
  });
});

describe("RunInstances: the document's examples", () => {
  it("example 1: a CDH instance on host-q88gab4i", async () => {
    const [id] = await t.run(RUN_INSTANCES_EXAMPLE_1);
    const inst = await t.describe1(id);
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
    const inst = await t.describe1((await t.run())[0]);
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
    const inst = await t.describe1(
      (
        await t.run({
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
    const ids = await t.run({
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
    const res = await t.cvm().DescribeInstances({ InstanceIds: ids });
    const ips = res.InstanceSet?.map((i) => i.PrivateIpAddresses?.[0]).sort();
    expect(ips).toEqual(["10.0.0.18", "10.0.0.19"]);
    expect(res.InstanceSet?.[0].VirtualPrivateCloud).toMatchObject({
      VpcId: "vpc-1urkhbj4",
      SubnetId: "subnet-dcs9x3gz",
    });
    // The same IPs again: already occupied.
    expect(
      await codeOf(
        t.run({
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
    const inst = await t.describe1(
      (
        await t.run({
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
    const [id] = await t.run(
      { Placement: { Zone: "ap-guangzhou-1" }, ImageId: "img-3wnd9xpl" },
      "ap-guangzhou",
    );
    const res = await t.cvm("ap-guangzhou").DescribeInstances({ InstanceIds: [id] });
    expect(res.InstanceSet?.[0]).toMatchObject({
      Placement: { Zone: "ap-guangzhou-1" },
      OsName: "CentOS 7.2 64bit",
    });
  });
});

describe("RunInstances: rules and their error codes", () => {
  it("refuses a request without Region (MissingParameter) and a region it does not serve (UnsupportedRegion)", async () => {
    expect(await codeOf(t.cvm("").RunInstances(minimal))).toBe("MissingParameter");
    expect(await codeOf(t.cvm("xx-nowhere").RunInstances(minimal))).toBe("UnsupportedRegion");
    expect(await codeOf(t.cvm("xx-nowhere").DescribeInstances({}))).toBe("UnsupportedRegion");
  });

  it("DryRun validates everything and creates nothing: success with RequestId only", async () => {
    const res = await t.cvm().RunInstances({ ...minimal, DryRun: true, InstanceCount: 3 });
    expect(res.RequestId).toBeTruthy();
    expect(res.InstanceIdSet).toBeUndefined();
    expect(await t.emu.control.instances("cvm")).toHaveLength(0);
  });

  it("DryRun checks quota and stock too", async () => {
    await t.emu.control.settings({ cvmQuota: 2 });
    expect(await codeOf(t.run({ DryRun: true, InstanceCount: 3 }))).toBe("LimitExceeded.InstanceQuota");
    await t.emu.control.instanceFaults({ outOfStock: ["S5.MEDIUM4"] });
    expect(await codeOf(t.run({ DryRun: true, InstanceType: "S5.MEDIUM4" }))).toBe(
      "ResourceInsufficient.SpecifiedInstanceType",
    );
  });

  it("the quota counts what the account holds in the region (LimitExceeded.InstanceQuota)", async () => {
    await t.emu.control.settings({ cvmQuota: 3 });
    await t.run({ InstanceCount: 2 });
    expect(await codeOf(t.run({ InstanceCount: 2 }))).toBe("LimitExceeded.InstanceQuota");
    expect(await codeOf(t.run({ InstanceCount: 1 }))).toBe("OK");
    // Another region has its own quota.
    expect(await codeOf(t.run({ Placement: { Zone: "ap-beijing-1" }, InstanceCount: 3 }, "ap-beijing"))).toBe(
      "OK",
    );
  });

  it("an instance type out of stock gets ResourceInsufficient.SpecifiedInstanceType and creates nothing", async () => {
    await t.emu.control.instanceFaults({ outOfStock: ["S5.MEDIUM4"] });
    expect(await codeOf(t.run({ InstanceType: "S5.MEDIUM4" }))).toBe(
      "ResourceInsufficient.SpecifiedInstanceType",
    );
    expect(await t.emu.control.instances("cvm")).toHaveLength(0);
    expect(await codeOf(t.run({ InstanceType: "S5.LARGE8" }))).toBe("OK");
  });
});

describe("RunInstances: what is created", () => {
  it("binds the instance tags of TagSpecification, shows key ids and never the password", async () => {
    const [id] = await t.run({
      TagSpecification: [
        { ResourceType: "instance", Tags: [{ Key: "env", Value: "prod" }] },
        { ResourceType: "disk", Tags: [{ Key: "disk-only", Value: "1" }] },
      ],
      LoginSettings: { KeyIds: ["skey-3glfot13"] },
      SecurityGroupIds: ["sg-5e9x7qag", "sg-web00001"],
      CamRoleName: "app-role",
    });
    const res = await t.cvm().DescribeInstances({ InstanceIds: [id] });
    expect(res.InstanceSet?.[0]).toMatchObject({
      Tags: [{ Key: "env", Value: "prod" }],
      LoginSettings: { KeyIds: ["skey-3glfot13"] },
      SecurityGroupIds: ["sg-5e9x7qag", "sg-web00001"],
      CamRoleName: "app-role",
    });
    const [pw] = await t.run({ LoginSettings: { Password: "Secret-Pass-123" } });
    const text = JSON.stringify(await t.cvm().DescribeInstances({ InstanceIds: [pw] }));
    expect(text).not.toContain("Secret-Pass-123");
    expect(JSON.stringify(await t.emu.control.log({ action: "RunInstances" }))).not.toContain(
      "Secret-Pass-123",
    );
  });

  it("Windows images log in as Administrator on 3389", async () => {
    const inst = await t.describe1((await t.run({ ImageId: WINDOWS_IMAGE }))[0]);
    expect(inst).toMatchObject({ DefaultLoginUser: "Administrator", DefaultLoginPort: 3389 });
  });

  it("the same ClientToken returns the same ids and creates nothing more", async () => {
    const first = await t.run({ ClientToken: "token-1", InstanceCount: 2 });
    const again = await t.run({ ClientToken: "token-1", InstanceCount: 2 });
    expect(again).toEqual(first);
    expect(await t.emu.control.instances("cvm")).toHaveLength(2);
    const other = await t.run({ ClientToken: "token-2" });
    expect(other).not.toEqual(first);
  });
});

describe("instance state machine", () => {
  it("LAUNCH_FAILED with LatestOperationState FAILED and the error message", async () => {
    // The cloud clears a failed launch terminateMs after it failed.
    await t.emu.control.settings({ terminateMs: 1000 });
    await t.emu.control.instanceFaults({ launchFailures: { cvm: 1 } });
    const [failed] = await t.run();
    const [ok] = await t.run();
    const inst = await t.describe1(failed);
    expect(inst).toMatchObject({
      InstanceState: "LAUNCH_FAILED",
      LatestOperation: "RunInstances",
      LatestOperationState: "FAILED",
    });
    expect(inst?.LatestOperationErrorMsg).toMatch(/\S/);
    expect((await t.describe1(ok))?.InstanceState).toBe("RUNNING");
  });

  it("stuck PENDING stays PENDING", async () => {
    await t.emu.control.instanceFaults({ stuckPending: { cvm: 1 } });
    const [id] = await t.run();
    await t.emu.control.advanceClock(3_600_000);
    expect((await t.describe1(id))?.InstanceState).toBe("PENDING");
    expect(await codeOf(t.cvm().TerminateInstances({ InstanceIds: [id] }))).toBe(
      "UnsupportedOperation.InstanceStatePending",
    );
  });

  it("describe lag: a new instance is unknown to the first describes", async () => {
    await t.emu.control.instanceFaults({ describeLag: { cvm: 2 } });
    const [id] = await t.run();
    expect(await t.describe1(id)).toBeUndefined();
    expect((await t.cvm().DescribeInstances({ InstanceIds: [id] })).TotalCount).toBe(0);
    expect((await t.describe1(id))?.InstanceId).toBe(id);
  });
});

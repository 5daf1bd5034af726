import {
  startEmulator,
  RunningEmulator,
  DEFAULT_SECRET_ID,
  DEFAULT_SECRET_KEY,
} from "pulumi-runinstances/emulator";
import { Client } from "tencentcloud-sdk-nodejs/tencentcloud/services/hai/v20230812/hai_client";
import type {
  Instance as HaiInstance,
  RunInstancesRequest,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/hai/v20230812/hai_models";

const BOOT_MS = 1000;
const TERMINATE_MS = 500;
const TRANSITION_MS = 300;
const VISIBLE_MS = 2000;
const REGION = "ap-guangzhou";
const APP = "app-jknfna"; // Stable Diffusion, at least 80 GB
const BIG_APP = "app-llama3b8"; // LLaMA 3, at least 100 GB

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({
    settings: {
      bootMs: BOOT_MS,
      terminateMs: TERMINATE_MS,
      transitionMs: TRANSITION_MS,
      terminatedVisibleMs: VISIBLE_MS,
      rateLimits: false,
    },
  });
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

const hai = (region = REGION) =>
  new Client({
    credential: { secretId: DEFAULT_SECRET_ID, secretKey: DEFAULT_SECRET_KEY },
    region,
    profile: { httpProfile: { protocol: "http://", endpoint: emu.url.replace("http://", "") } },
  });

const request = (over: Record<string, unknown> = {}): RunInstancesRequest =>
  ({
    ApplicationId: APP,
    BundleType: "XL",
    SystemDisk: { DiskType: "CLOUD_PREMIUM", DiskSize: 100 },
    InstanceName: "sd",
    ...over,
  }) as RunInstancesRequest;

const run = async (over: Record<string, unknown> = {}) =>
  (await hai().RunInstances(request(over))).InstanceIdSet ?? [];

/** A RUNNING instance. */
async function running(): Promise<string> {
  const [id] = await run();
  emu.world.advanceClock(BOOT_MS);
  return id;
}

async function find(ids: string[]): Promise<HaiInstance[]> {
  return (await hai().DescribeInstances({ InstanceIds: ids })).InstanceSet ?? [];
}

async function findOne(id: string): Promise<HaiInstance | undefined> {
  return (await find([id]))[0];
}

const expectCode = (p: Promise<unknown>, code: string) => expect(p).rejects.toMatchObject({ code });

describe("RunInstances", () => {
  it("creates an instance PENDING that is RUNNING after the boot time", async () => {
    const [id] = await run();
    expect(id).toMatch(/^hai-[a-z0-9]{8}$/);
    const pending = await findOne(id);
    expect(pending).toMatchObject({
      InstanceId: id,
      InstanceName: "sd",
      InstanceState: "PENDING",
      ApplicationName: "Stable Diffusion",
      GPUMemory: "32",
      SystemDisk: { DiskType: "CLOUD_PREMIUM", DiskSize: 100 },
      LatestOperation: "RunInstances",
      LatestOperationState: "OPERATING",
      OSType: "linux",
    });
    expect(pending?.CreateTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(pending?.PublicIpAddresses).toHaveLength(1);
    expect(emu.world.get(id)?.attrs.ChargeType).toBe("POSTPAID_BY_HOUR");

    emu.world.advanceClock(BOOT_MS);
    expect(await findOne(id)).toMatchObject({ InstanceState: "RUNNING", LatestOperationState: "SUCCESS" });
  });

  it("requires ApplicationId and BundleType (MissingParameter)", async () => {
    await expectCode(hai().RunInstances(request({ ApplicationId: undefined })), "MissingParameter");
    await expectCode(hai().RunInstances(request({ BundleType: undefined })), "MissingParameter");
  });

  it("refuses a malformed application id and an unknown one", async () => {
    await expectCode(
      hai().RunInstances(request({ ApplicationId: "application-1" })),
      "InvalidParameterValue.InvalidApplicationIdMalformed",
    );
    await expectCode(
      hai().RunInstances(request({ ApplicationId: "app-zzzzzz" })),
      "InvalidParameterValue.ApplicationIdNotFound",
    );
  });

  it("refuses an unknown bundle type (BundleTypeNotFound)", async () => {
    await expectCode(
      hai().RunInstances(request({ BundleType: "XXL" })),
      "InvalidParameterValue.BundleTypeNotFound",
    );
  });

  it("checks the system disk: the application's minimum, 80-1000 GB, the disk type", async () => {
    await expectCode(
      hai().RunInstances(request({ ApplicationId: BIG_APP, SystemDisk: { DiskSize: 90 } })),
      "InvalidParameterValue.DiskSizeMustLargerThanApplicationMinRequiredSize",
    );
    await expectCode(
      hai().RunInstances(request({ SystemDisk: { DiskSize: 1001 } })),
      "InvalidParameterValue",
    );
    await expectCode(
      hai().RunInstances(request({ SystemDisk: { DiskType: "LOCAL_SSD" } })),
      "InvalidParameterValue",
    );
    const [id] = await run({ ApplicationId: BIG_APP, SystemDisk: undefined });
    expect(await findOne(id)).toMatchObject({ SystemDisk: { DiskSize: 100 } });
  });

  it("creates 1 to 10 instances per request (InvalidInstanceCount)", async () => {
    await expectCode(
      hai().RunInstances(request({ InstanceCount: 0 })),
      "InvalidParameterValue.InvalidInstanceCount",
    );
    await expectCode(
      hai().RunInstances(request({ InstanceCount: 11 })),
      "InvalidParameterValue.InvalidInstanceCount",
    );
    expect(await run({ InstanceCount: 10 })).toHaveLength(10);
  });

  it("takes names up to 128 characters (InstanceNameTooLong)", async () => {
    await expectCode(
      hai().RunInstances(request({ InstanceName: "n".repeat(129) })),
      "InvalidParameterValue.InstanceNameTooLong",
    );
    expect(await run({ InstanceName: "n".repeat(128) })).toHaveLength(1);
  });

  it("returns the first request's ids for a repeated ClientToken", async () => {
    const first = await run({ ClientToken: "hai-0-token", InstanceCount: 2 });
    const again = await run({ ClientToken: "hai-0-token", InstanceCount: 2 });
    expect(again).toEqual(first);
    expect(await emu.control.instances("hai")).toHaveLength(2);
  });

  it("validates but creates nothing with DryRun", async () => {
    expect(await run({ DryRun: true })).toEqual([]);
    expect(await emu.control.instances("hai")).toHaveLength(0);
    await expectCode(
      hai().RunInstances(request({ DryRun: true, BundleType: "XXL" })),
      "InvalidParameterValue.BundleTypeNotFound",
    );
  });

  it("answers ResourceInsufficient.BundleInventoryShortage for a bundle out of stock", async () => {
    await emu.control.instanceFaults({ outOfStock: ["XL"] });
    await expectCode(hai().RunInstances(request()), "ResourceInsufficient.BundleInventoryShortage");
    await expectCode(
      hai().RunInstances(request({ DryRun: true })),
      "ResourceInsufficient.BundleInventoryShortage",
    );
    expect(await run({ BundleType: "3XL" })).toHaveLength(1);
  });

  it("is sold only in the HAI regions, and each region sees its own instances", async () => {
    await expectCode(hai("ap-tokyo").RunInstances(request()), "UnsupportedRegion");
    const [id] = await run();
    expect((await hai("ap-shanghai").DescribeInstances({})).TotalCount).toBe(0);
    await expectCode(
      hai("ap-shanghai").StopInstance({ InstanceId: id }),
      "InvalidParameterValue.InstanceIdNotFound",
    );
  });

  it("refuses unknown parameters, also nested ones (UnknownParameter)", async () => {
    await expectCode(hai().RunInstances(request({ Zone: "ap-guangzhou-3" })), "UnknownParameter");
    await expectCode(
      hai().RunInstances(request({ SystemDisk: { DiskSize: 100, Iops: 3 } })),
      "UnknownParameter",
    );
    await expectCode(hai().RunInstances(request({ InstanceCount: "2" })), "InvalidParameter");
  });
});

describe("launch faults", () => {
  it("ends in LAUNCH_FAILED when the launch fails", async () => {
    await emu.control.instanceFaults({ launchFailures: { hai: 1 } });
    const [id] = await run();
    emu.world.advanceClock(BOOT_MS);
    expect(await findOne(id)).toMatchObject({
      InstanceState: "LAUNCH_FAILED",
      LatestOperationState: "FAILED",
    });
    await expectCode(
      hai().StartInstance({ InstanceId: id }),
      "UnsupportedOperation.InstanceStateLaunchFailed",
    );
  });

  it("stays PENDING when stuck, and can still be terminated", async () => {
    await emu.control.instanceFaults({ stuckPending: { hai: 1 } });
    const [id] = await run();
    emu.world.advanceClock(10 * BOOT_MS);
    expect(await findOne(id)).toMatchObject({ InstanceState: "PENDING" });
    await hai().TerminateInstances({ InstanceIds: [id] });
    expect(await findOne(id)).toMatchObject({ InstanceState: "TERMINATING" });
  });

  it("is unknown to the first describes after creation (describe lag)", async () => {
    await emu.control.instanceFaults({ describeLag: { hai: 1 } });
    const [id] = await run();
    expect(await find([id])).toEqual([]);
    expect(await find([id])).toHaveLength(1);
  });
});

describe("DescribeInstances", () => {
  it("checks InstanceIds: at most 100, well formed, no duplicates, not with Filters", async () => {
    const many = Array.from({ length: 101 }, (_, i) => `hai-${String(i).padStart(8, "0")}`);
    await expectCode(hai().DescribeInstances({ InstanceIds: many }), "InvalidParameterValue");
    await expectCode(
      hai().DescribeInstances({ InstanceIds: ["ins-12345678"] }),
      "InvalidParameterValue.InvalidInstanceIdMalformed",
    );
    await expectCode(
      hai().DescribeInstances({ InstanceIds: ["hai-12345678", "hai-12345678"] }),
      "InvalidParameterValue.Duplicated",
    );
    await expectCode(
      hai().DescribeInstances({
        InstanceIds: ["hai-12345678"],
        Filters: [{ Name: "instance-state", Values: ["RUNNING"] }],
      }),
      "InvalidParameter.AtMostOne",
    );
  });

  it("filters by state and charge type, pages with Offset and Limit", async () => {
    const [a] = await run();
    emu.world.advanceClock(BOOT_MS);
    const [b] = await run();
    const ids = async (req: Parameters<Client["DescribeInstances"]>[0]) =>
      ((await hai().DescribeInstances(req)).InstanceSet ?? []).map((i) => i.InstanceId);
    expect(await ids({ Filters: [{ Name: "instance-state", Values: ["RUNNING"] }] })).toEqual([a]);
    expect(await ids({ Filters: [{ Name: "charge-type", Values: ["POSTPAID_BY_HOUR"] }] })).toEqual([b, a]);
    expect(await ids({ Offset: 1, Limit: 1 })).toEqual([a]);
    expect((await hai().DescribeInstances({ Limit: 1 })).TotalCount).toBe(2);
    await expectCode(
      hai().DescribeInstances({ Filters: [{ Name: "zone", Values: ["x"] }] }),
      "InvalidParameterValue",
    );
    await expectCode(hai().DescribeInstances({ Offset: 101 }), "InvalidParameterValue");
  });
});

describe("TerminateInstances", () => {
  it("goes TERMINATING, then TERMINATED for a while, then the instance is gone", async () => {
    const id = await running();
    await hai().TerminateInstances({ InstanceIds: [id] });
    expect(await findOne(id)).toMatchObject({
      InstanceState: "TERMINATING",
      LatestOperation: "TerminateInstances",
    });
    await expectCode(
      hai().TerminateInstances({ InstanceIds: [id] }),
      "OperationDenied.InstanceOperationInProgress",
    );
    emu.world.advanceClock(TERMINATE_MS);
    expect(await findOne(id)).toMatchObject({ InstanceState: "TERMINATED" });
    await expectCode(
      hai().TerminateInstances({ InstanceIds: [id] }),
      "UnsupportedOperation.InstanceStateTerminated",
    );
    emu.world.advanceClock(VISIBLE_MS);
    expect(await find([id])).toEqual([]);
  });

  it("changes nothing with DryRun", async () => {
    const id = await running();
    await hai().TerminateInstances({ InstanceIds: [id], DryRun: true });
    expect(await findOne(id)).toMatchObject({ InstanceState: "RUNNING" });
  });

  it("answers InstanceIdNotFound for unknown ids and MissingParameter without ids", async () => {
    await expectCode(
      hai().TerminateInstances({ InstanceIds: ["hai-00000000"] }),
      "InvalidParameterValue.InstanceIdNotFound",
    );
    await expectCode(hai().TerminateInstances({ InstanceIds: [] }), "MissingParameter");
  });

  it("does not terminate prepaid and postpaid instances together", async () => {
    const [a, b] = await run({ InstanceCount: 2 });
    emu.world.advanceClock(BOOT_MS);
    emu.world.get(a)!.attrs.ChargeType = "PREPAID_BY_MONTH";
    await expectCode(
      hai().TerminateInstances({ InstanceIds: [a, b] }),
      "UnsupportedOperation.NotSupportTerminatePrePaidAndPostPaid",
    );
  });
});

describe("StopInstance and StartInstance", () => {
  it("stops to STOPPED_NO_CHARGE and starts back to RUNNING", async () => {
    const id = await running();
    const stop = await hai().StopInstance({ InstanceId: id, StopMode: "STOP_CHARGE" });
    expect(stop.TaskId).toEqual(expect.any(Number));
    expect(await findOne(id)).toMatchObject({ InstanceState: "STOPPING", LatestOperationState: "OPERATING" });
    // The same operation is under way (SDK errors: FailedOperation.OperateInstanceRepeatedly); another is refused.
    await expectCode(hai().StopInstance({ InstanceId: id }), "FailedOperation.OperateInstanceRepeatedly");
    await expectCode(hai().StartInstance({ InstanceId: id }), "OperationDenied.InstanceOperationInProgress");
    emu.world.advanceClock(TRANSITION_MS);
    expect(await findOne(id)).toMatchObject({
      InstanceState: "STOPPED_NO_CHARGE",
      LatestOperation: "StopInstance",
      LatestOperationState: "SUCCESS",
    });
    await expectCode(
      hai().StopInstance({ InstanceId: id }),
      "UnsupportedOperation.InstanceStateStoppedNoCharge",
    );

    await hai().StartInstance({ InstanceId: id });
    expect(await findOne(id)).toMatchObject({ InstanceState: "STARTING", LatestOperation: "StartInstance" });
    await expectCode(hai().StartInstance({ InstanceId: id }), "FailedOperation.OperateInstanceRepeatedly");
    emu.world.advanceClock(TRANSITION_MS);
    expect(await findOne(id)).toMatchObject({ InstanceState: "RUNNING", LatestOperationState: "SUCCESS" });
    await expectCode(hai().StartInstance({ InstanceId: id }), "UnsupportedOperation.InstanceStateRunning");
  });

  it("refuses to stop a PENDING instance and supports only StopMode STOP_CHARGE", async () => {
    const [id] = await run();
    await expectCode(hai().StopInstance({ InstanceId: id }), "UnsupportedOperation.InstanceStatePending");
    emu.world.advanceClock(BOOT_MS);
    await expectCode(
      hai().StopInstance({ InstanceId: id, StopMode: "KEEP_CHARGE" }),
      "InvalidParameterValue",
    );
  });

  it("does not stop a prepaid instance", async () => {
    const id = await running();
    emu.world.get(id)!.attrs.ChargeType = "PREPAID_BY_MONTH";
    await expectCode(hai().StopInstance({ InstanceId: id }), "UnsupportedOperation");
  });

  it("does not start when the bundle is out of stock", async () => {
    const id = await running();
    await hai().StopInstance({ InstanceId: id });
    emu.world.advanceClock(TRANSITION_MS);
    await emu.control.instanceFaults({ outOfStock: ["XL"] });
    await expectCode(hai().StartInstance({ InstanceId: id }), "ResourceInsufficient.BundleInventoryShortage");
  });

  it("changes nothing with DryRun, and checks the instance id", async () => {
    const id = await running();
    await hai().StopInstance({ InstanceId: id, DryRun: true });
    expect(await findOne(id)).toMatchObject({ InstanceState: "RUNNING" });
    await expectCode(
      hai().StopInstance({ InstanceId: "hai-00000000" }),
      "InvalidParameterValue.InstanceIdNotFound",
    );
    await expectCode(
      hai().StartInstance({ InstanceId: "bad" }),
      "InvalidParameterValue.InvalidInstanceIdMalformed",
    );
  });
});

describe("ResizeInstanceDisk", () => {
  it("grows the system disk, with the operation in LatestOperation", async () => {
    const id = await running();
    await hai().ResizeInstanceDisk({ InstanceId: id, DiskSize: 200 });
    expect(await findOne(id)).toMatchObject({
      SystemDisk: { DiskSize: 200 },
      LatestOperation: "ResizeInstanceDisk",
      LatestOperationState: "OPERATING",
    });
    await expectCode(
      hai().ResizeInstanceDisk({ InstanceId: id, DiskSize: 300 }),
      "OperationDenied.InstanceOperationInProgress",
    );
    emu.world.advanceClock(TRANSITION_MS);
    expect(await findOne(id)).toMatchObject({ InstanceState: "RUNNING", LatestOperationState: "SUCCESS" });
  });

  it("only grows, up to 1000 GB", async () => {
    const id = await running();
    await expectCode(
      hai().ResizeInstanceDisk({ InstanceId: id, DiskSize: 100 }),
      "InvalidParameterValue.DiskSizeMustLargeThanCurrentDiskSize",
    );
    await expectCode(
      hai().ResizeInstanceDisk({ InstanceId: id, DiskSize: 1001 }),
      "InvalidParameterValue.DiskSizeReachLimit",
    );
    await expectCode(
      hai().ResizeInstanceDisk({ InstanceId: "hai-00000000", DiskSize: 200 }),
      "InvalidParameterValue.InstanceIdNotFound",
    );
  });
});

describe("call faults", () => {
  it("answers an injected error code", async () => {
    await emu.control.addFault({ service: "hai", action: "RunInstances", code: "InternalError", count: 1 });
    await expectCode(hai().RunInstances(request()), "InternalError");
    expect(await run()).toHaveLength(1);
  });

  it("delays an answer", async () => {
    await emu.control.addFault({ service: "hai", action: "DescribeInstances", latencyMs: 150, count: 1 });
    const start = Date.now();
    await hai().DescribeInstances({});
    expect(Date.now() - start).toBeGreaterThanOrEqual(140);
  });

  it("drops the connection after creating; a retry with the same ClientToken returns the same ids", async () => {
    await emu.control.addFault({ service: "hai", action: "RunInstances", drop: "after", count: 1 });
    await expect(hai().RunInstances(request({ ClientToken: "retry-token" }))).rejects.toBeDefined();
    const [created] = await emu.control.instances("hai");
    expect(await run({ ClientToken: "retry-token" })).toEqual([created.id]);
  });
});

describe("rate limit", () => {
  it("throttles the 21st call within a second (20/s, RequestLimitExceeded)", async () => {
    await emu.control.settings({ rateLimits: true });
    const now = Date.now();
    const spy = jest.spyOn(Date, "now").mockReturnValue(now);
    try {
      const results = await Promise.allSettled(Array.from({ length: 21 }, () => hai().DescribeInstances({})));
      const rejected = results.filter((r) => r.status === "rejected");
      expect(rejected).toHaveLength(1);
      expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: "RequestLimitExceeded" });
    } finally {
      spy.mockRestore();
    }
  });
});

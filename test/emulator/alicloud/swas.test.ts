/**
 * The SWAS (swas-open 2020-06-01) emulator, driven through the real @alicloud/swas-open20200601 SDK.
 * Spec: /work/shared/api-docs/003_e75bd4613cd333f2.txt and the SDK's models and doc comments.
 */
import {
  startEmulator,
  RunningEmulator,
  DEFAULT_SECRET_ID,
  DEFAULT_SECRET_KEY,
} from "pulumi-runinstances/emulator";
import Swas, * as $swas from "@alicloud/swas-open20200601";
import * as $OpenApi from "@alicloud/openapi-core";
import * as $dara from "@darabonba/typescript";
import { LINUX, UBUNTU, WINDOWS, SMALL, MEDIUM, ESSD } from "../../support/swas-catalogue";

const DAY = 24 * 3600 * 1000;

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({
    settings: { bootMs: 0, transitionMs: 0, rateLimits: false },
    credentials: [["LTAISECOND", "second-secret"]],
  });
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

const client = (
  regionId = "cn-hangzhou",
  accessKeyId = DEFAULT_SECRET_ID,
  accessKeySecret = DEFAULT_SECRET_KEY,
) =>
  new Swas(
    new $OpenApi.$OpenApiUtil.Config({
      accessKeyId,
      accessKeySecret,
      endpoint: emu.url.replace("http://", ""),
      protocol: "http",
      regionId,
    }),
  );

type CreateArgs = ConstructorParameters<typeof $swas.CreateInstancesRequest>[0];

const create = (args: CreateArgs = {}, c = client()) =>
  c.createInstances(
    new $swas.CreateInstancesRequest({
      regionId: "cn-hangzhou",
      imageId: LINUX,
      planId: SMALL,
      period: 1,
      ...args,
    }),
  );

async function createOne(args: CreateArgs = {}): Promise<string> {
  const r = await create(args);
  return r.body!.instanceIds![0];
}

async function list(args: ConstructorParameters<typeof $swas.ListInstancesRequest>[0] = {}, c = client()) {
  const r = await c.listInstances(new $swas.ListInstancesRequest({ regionId: "cn-hangzhou", ...args }));
  return r.body!;
}

async function instance(id: string) {
  const found = (await list({ instanceIds: JSON.stringify([id]) })).instances!;
  return found[0];
}

/** The request fails with this Alibaba code and HTTP status. */
async function fails(p: Promise<unknown>, code: string, statusCode: number): Promise<void> {
  await expect(p).rejects.toMatchObject({ code, statusCode });
}

describe("CreateInstances", () => {
  it("creates a server Pending, Running after bootMs, with the ListInstances model's fields", async () => {
    await emu.control.settings({ bootMs: 2000 });
    const r = await create({ dataDiskSize: 40, clientToken: "tok-1" });
    expect(r.statusCode).toBe(200);
    expect(r.body!.requestId).toMatch(/^[0-9A-F-]{36}$/);
    const [id] = r.body!.instanceIds!;
    expect(id).toMatch(/^[0-9a-f]{32}$/);

    const pending = await instance(id);
    expect(pending.status).toBe("Pending");
    await emu.control.advanceClock(2000);
    const s = await instance(id);
    expect(s).toMatchObject({
      instanceId: id,
      instanceName: id,
      regionId: "cn-hangzhou",
      status: "Running",
      businessStatus: "Normal",
      chargeType: "PrePaid",
      planId: SMALL,
      imageId: LINUX,
      ddosStatus: "Normal",
      disableReason: "",
      combination: false,
      image: { imageName: "Alibaba Cloud Linux 3", imageType: "system", osType: "linux" },
      resourceSpec: { cpu: 1, memory: 1, diskSize: 40, diskCategory: "SSD", bandwidth: 3, flow: 500 },
    });
    expect(s.creationTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // A one-month subscription ends at midnight Beijing time (16:00Z) a month later.
    expect(s.expiredTime).toMatch(/T16:00:00Z$/);
    const days = (Date.parse(s.expiredTime!) - Date.parse(s.creationTime!)) / DAY;
    expect(days).toBeGreaterThan(27);
    expect(days).toBeLessThan(33);
    expect(s.publicIpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(s.innerIpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(s.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.resourceGroupId).toMatch(/^rg-/);
    expect(s.networkAttributes![0]).toMatchObject({ publicIpAddress: s.publicIpAddress, peakBandwidth: 3 });
    expect(s.disks!.map((d) => [d.diskType, d.size, d.category, d.status])).toEqual([
      ["system", 40, "SSD", "In_use"],
      ["data", 40, "SSD", "In_use"],
    ]);
    expect(s.disks![0].diskId).toMatch(/^d-[0-9a-z]{20}$/);
  });

  it.each(["RegionId", "ImageId", "PlanId", "Period"])(
    "refuses a missing %s with Missing<Name> (HTTP 400)",
    async (name) => {
      const key = (name[0].toLowerCase() + name.slice(1)) as keyof CreateArgs;
      await fails(create({ [key]: undefined }), `Missing${name}`, 400);
    },
  );

  it("refuses Period 5 with InvalidPeriod.ValueNotSupported (the emulator issue's check)", async () => {
    await fails(create({ period: 5 }), "InvalidPeriod.ValueNotSupported", 400);
    await fails(create({ period: 0 }), "InvalidPeriod.ValueNotSupported", 400);
    for (const period of [1, 3, 6, 12, 24, 36]) await expect(create({ period })).resolves.toBeDefined();
  });

  it("checks AutoRenewPeriod: one of the periods, required when AutoRenew is true", async () => {
    await fails(create({ autoRenew: true }), "InvalidAutoRenewPeriod.ValueNotSupported", 400);
    await fails(
      create({ autoRenew: true, autoRenewPeriod: 2 }),
      "InvalidAutoRenewPeriod.ValueNotSupported",
      400,
    );
    await expect(create({ autoRenew: true, autoRenewPeriod: 12 })).resolves.toBeDefined();
    await expect(create({ autoRenew: false })).resolves.toBeDefined();
  });

  it("checks DataDiskSize: 0 to 16380, a multiple of 20, at least 20 (SSD) or 40 (ESSD)", async () => {
    for (const dataDiskSize of [30, -20, 16400, 16381]) {
      await fails(create({ dataDiskSize }), "InvalidDataDiskSize.ValueNotSupported", 400);
    }
    await fails(create({ planId: ESSD, dataDiskSize: 20 }), "InvalidDataDiskSize.ValueNotSupported", 400);
    await expect(create({ planId: ESSD, dataDiskSize: 40 })).resolves.toBeDefined();
    await expect(create({ dataDiskSize: 20 })).resolves.toBeDefined();
    await expect(create({ dataDiskSize: 16380 })).resolves.toBeDefined();
    const id = await createOne({ dataDiskSize: 0 });
    expect((await instance(id)).disks).toHaveLength(1);
  });

  it("checks Amount 1 to 20 and creates that many servers", async () => {
    await fails(create({ amount: 0 }), "InvalidAmount.ValueNotSupported", 400);
    await fails(create({ amount: 21 }), "InvalidAmount.ValueNotSupported", 400);
    const r = await create({ amount: 3 });
    expect(new Set(r.body!.instanceIds).size).toBe(3);
    expect((await list()).totalCount).toBe(3);
  });

  it("takes only ChargeType PrePaid", async () => {
    await fails(create({ chargeType: "PostPaid" }), "InvalidChargeType.ValueNotSupported", 400);
    await expect(create({ chargeType: "PrePaid" })).resolves.toBeDefined();
  });

  it("refuses a ClientToken longer than 64 characters or not ASCII with InvalidParam (HTTP 403)", async () => {
    await fails(create({ clientToken: "x".repeat(65) }), "InvalidParam", 403);
    await fails(create({ clientToken: "令牌" }), "InvalidParam", 403);
    await expect(create({ clientToken: "x".repeat(64) })).resolves.toBeDefined();
  });

  it("answers unknown images and plans with InvalidImageId.NotFound / InvalidPlanId.NotFound (HTTP 404)", async () => {
    await fails(create({ imageId: "00000000000000000000000000000000" }), "InvalidImageId.NotFound", 404);
    await fails(create({ planId: "swas.nope" }), "InvalidPlanId.NotFound", 404);
  });

  it("refuses an image the plan does not support with PlatformNotMatch", async () => {
    await fails(create({ imageId: WINDOWS, planId: SMALL }), "PlatformNotMatch", 400);
    await expect(create({ imageId: WINDOWS, planId: MEDIUM })).resolves.toBeDefined();
  });

  it("refuses a plan too small for the image's memory or system disk", async () => {
    await emu.control.catalogue({
      alibaba: {
        swas: {
          images: [
            {
              imageId: "aaaa0000aaaa0000aaaa0000aaaa0000",
              imageName: "Big",
              platform: "Linux",
              imageType: "app",
              minMemory: 2,
            },
            {
              imageId: "bbbb0000bbbb0000bbbb0000bbbb0000",
              imageName: "Wide",
              platform: "Linux",
              imageType: "app",
              minDiskSize: 50,
            },
          ],
        },
      },
    });
    await fails(
      create({ imageId: "aaaa0000aaaa0000aaaa0000aaaa0000" }),
      "InvalidPlanMemorySize.ValueNotSupported",
      400,
    );
    await fails(
      create({ imageId: "bbbb0000bbbb0000bbbb0000bbbb0000" }),
      "InvalidPlanIdSize.ValueNotSupported",
      400,
    );
    await expect(
      create({ imageId: "bbbb0000bbbb0000bbbb0000bbbb0000", planId: ESSD }),
    ).resolves.toBeDefined();
  });

  it("answers a region the endpoint does not serve with RegionIdNotMatchHost", async () => {
    await fails(create({ regionId: "us-nowhere-1" }), "RegionIdNotMatchHost", 400);
  });

  it("answers NotEnoughStock when the plan is out of stock", async () => {
    await emu.control.instanceFaults({ outOfStock: [SMALL] });
    await fails(create(), "NotEnoughStock", 400);
    await expect(create({ planId: MEDIUM })).resolves.toBeDefined();
  });

  it("keeps to the servers quota per account and region (ExceedAccountQuota)", async () => {
    expect((await emu.control.settings()).swasQuota).toBe(50);
    await emu.control.settings({ swasQuota: 3 });
    await create({ amount: 2 });
    await fails(create({ amount: 2 }), "ExceedAccountQuota", 400);
    await expect(create({ amount: 1 })).resolves.toBeDefined();
    await fails(create(), "ExceedAccountQuota", 400);
    await expect(create({ regionId: "cn-shanghai" }, client("cn-shanghai"))).resolves.toBeDefined();
    await expect(create({}, client("cn-hangzhou", "LTAISECOND", "second-secret"))).resolves.toBeDefined();
  });

  it("is idempotent with ClientToken; other parameters with the same token get IdempotentParameterMismatch", async () => {
    const first = await create({ clientToken: "same", amount: 2 });
    const again = await create({ clientToken: "same", amount: 2 });
    expect(again.body!.instanceIds).toEqual(first.body!.instanceIds);
    expect((await list()).totalCount).toBe(2);
    await fails(create({ clientToken: "same", amount: 1 }), "IdempotentParameterMismatch", 400);
    await fails(create({ clientToken: "same", amount: 2, period: 3 }), "IdempotentParameterMismatch", 400);
    const other = await create({ clientToken: "other", amount: 2 });
    expect(other.body!.instanceIds).not.toEqual(first.body!.instanceIds);
  });

  it("an injected launch failure ends in Disabled (SWAS has no LAUNCH_FAILED state)", async () => {
    await emu.control.instanceFaults({ launchFailures: { swas: 1 } });
    const failed = await createOne();
    const fine = await createOne();
    expect((await instance(failed)).status).toBe("Disabled");
    expect((await instance(fine)).status).toBe("Running");
  });

  it("a stuck launch stays Pending", async () => {
    await emu.control.settings({ bootMs: 1000 });
    await emu.control.instanceFaults({ stuckPending: { swas: 1 } });
    const id = await createOne();
    await emu.control.advanceClock(60_000);
    expect((await instance(id)).status).toBe("Pending");
  });

  it("describe lag: a new server is missing from the next describes", async () => {
    await emu.control.instanceFaults({ describeLag: { swas: 2 } });
    const id = await createOne();
    expect((await list({ instanceIds: JSON.stringify([id]) })).totalCount).toBe(0);
    const statuses = await client().listInstanceStatus(
      new $swas.ListInstanceStatusRequest({ regionId: "cn-hangzhou", instanceIds: JSON.stringify([id]) }),
    );
    expect(statuses.body!.instanceStatuses).toEqual([]);
    expect((await instance(id)).instanceId).toBe(id);
  });
});

describe("ListInstances", () => {
  it("requires RegionId and shows only the caller's servers in that region", async () => {
    await fails(client().listInstances(new $swas.ListInstancesRequest({})), "MissingRegionId", 400);
    const mine = await createOne();
    await create({ regionId: "cn-shanghai" }, client("cn-shanghai"));
    await create({}, client("cn-hangzhou", "LTAISECOND", "second-secret"));
    const r = await list();
    expect(r.instances!.map((i) => i.instanceId)).toEqual([mine]);
    expect(r).toMatchObject({ totalCount: 1, pageNumber: 1, pageSize: 10 });
  });

  it("takes InstanceIds as a JSON array of at most 100 ids; anything else is InvalidParam (HTTP 403)", async () => {
    const [a, b] = (await create({ amount: 2 })).body!.instanceIds!;
    expect((await list({ instanceIds: JSON.stringify([a]) })).instances!.map((i) => i.instanceId)).toEqual([
      a,
    ]);
    expect((await list({ instanceIds: JSON.stringify([a, b, "0".repeat(32)]) })).totalCount).toBe(2);
    await fails(list({ instanceIds: a }), "InvalidParam", 403);
    await fails(list({ instanceIds: "[1, 2]" }), "InvalidParam", 403);
    const many = Array.from({ length: 101 }, (_, i) => String(i).padStart(32, "0"));
    await fails(list({ instanceIds: JSON.stringify(many) }), "InvalidParam", 403);
  });

  it("pages with PageNumber and PageSize (at most 100)", async () => {
    await create({ amount: 3 });
    const p1 = await list({ pageSize: 2 });
    const p2 = await list({ pageSize: 2, pageNumber: 2 });
    expect(p1.instances).toHaveLength(2);
    expect(p2.instances).toHaveLength(1);
    expect(p2).toMatchObject({ totalCount: 3, pageNumber: 2, pageSize: 2 });
    await fails(list({ pageSize: 101 }), "InvalidParam", 403);
    await fails(list({ pageNumber: 0 }), "InvalidParam", 403);
  });

  it("filters by Status, InstanceName (with * wildcards), PublicIpAddresses, ChargeType and Tag", async () => {
    const [a, b] = (await create({ amount: 2 })).body!.instanceIds!;
    await client().updateInstanceAttribute(
      new $swas.UpdateInstanceAttributeRequest({
        regionId: "cn-hangzhou",
        instanceId: a,
        instanceName: "web-1",
      }),
    );
    await client().stopInstance(new $swas.StopInstanceRequest({ regionId: "cn-hangzhou", instanceId: b }));
    await emu.control.modifyInstance(b, { tags: { env: "prod" } });
    const ids = async (args: ConstructorParameters<typeof $swas.ListInstancesRequest>[0]) =>
      (await list(args)).instances!.map((i) => i.instanceId);

    expect(await ids({ status: "Stopped" })).toEqual([b]);
    expect(await ids({ instanceName: "web*" })).toEqual([a]);
    expect(await ids({ instanceName: "*-1" })).toEqual([a]);
    expect(await ids({ instanceName: "web" })).toEqual([]);
    const ip = (await instance(a)).publicIpAddress!;
    expect(await ids({ publicIpAddresses: JSON.stringify([ip]) })).toEqual([a]);
    expect(await ids({ chargeType: "PrePaid" })).toHaveLength(2);
    expect(await ids({ tag: [new $swas.ListInstancesRequestTag({ key: "env", value: "prod" })] })).toEqual([
      b,
    ]);
    expect(await ids({ tag: [new $swas.ListInstancesRequestTag({ key: "env", value: "dev" })] })).toEqual([]);
    expect((await instance(b)).tags).toEqual([expect.objectContaining({ key: "env", value: "prod" })]);

    await fails(list({ publicIpAddresses: "1.2.3.4" }), "InvalidPublicIpAddresses.ValueNotSupported", 400);
    await fails(
      list({ publicIpAddresses: '["not-an-ip"]' }),
      "InvalidPublicIpAddresses.ValueNotSupported",
      400,
    );
    await fails(list({ chargeType: "PostPaid" }), "InvalidChargeType.ValueNotSupported", 400);
  });
});

describe("ListInstanceStatus", () => {
  const statuses = (args: ConstructorParameters<typeof $swas.ListInstanceStatusRequest>[0] = {}) =>
    client().listInstanceStatus(new $swas.ListInstanceStatusRequest({ regionId: "cn-hangzhou", ...args }));

  it("lists {InstanceId, Status} with paging; InstanceIds is a JSON array of at most 100", async () => {
    await emu.control.settings({ bootMs: 1000 });
    const ids = (await create({ amount: 3 })).body!.instanceIds!;
    const all = (await statuses()).body!;
    expect(all.totalCount).toBe(3);
    expect(all.instanceStatuses!.map((s) => [s.instanceId, s.status])).toEqual(
      ids.map((id) => [id, "Pending"]),
    );
    await emu.control.advanceClock(1000);
    const one = (await statuses({ instanceIds: JSON.stringify([ids[1]]) })).body!;
    expect(one.instanceStatuses).toEqual([
      expect.objectContaining({ instanceId: ids[1], status: "Running" }),
    ]);
    const page2 = (await statuses({ pageSize: 2, pageNumber: 2 })).body!;
    expect(page2).toMatchObject({ totalCount: 3, pageNumber: 2, pageSize: 2 });
    expect(page2.instanceStatuses).toHaveLength(1);
    await fails(statuses({ instanceIds: "{oops" }), "InvalidParam", 403);
    await fails(statuses({ pageSize: 500 }), "InvalidParam", 403);
    await fails(client().listInstanceStatus(new $swas.ListInstanceStatusRequest({})), "MissingRegionId", 400);
  });
});

describe("UpdateInstanceAttribute", () => {
  const update = (args: ConstructorParameters<typeof $swas.UpdateInstanceAttributeRequest>[0]) =>
    client().updateInstanceAttribute(
      new $swas.UpdateInstanceAttributeRequest({ regionId: "cn-hangzhou", ...args }),
    );

  it("renames a server; names are 2 to 50 letters, digits, _ - . starting with a letter or digit", async () => {
    const id = await createOne();
    await update({ instanceId: id, instanceName: "web.example.com" });
    expect((await instance(id)).instanceName).toBe("web.example.com");
    await update({ instanceId: id, instanceName: "服务器-1" });
    expect((await instance(id)).instanceName).toBe("服务器-1");
    for (const instanceName of ["a", "-web", "_web", "web server", "web/1", "x".repeat(51)]) {
      await fails(update({ instanceId: id, instanceName }), "InvalidInstanceName.ValueNotSupported", 400);
    }
  });

  it("sets a password (8 to 30, three classes) kept only as a hash, never returned or logged", async () => {
    const id = await createOne();
    const password = "Secret-Pass1";
    await update({ instanceId: id, password });
    const stored = emu.world.get(id)!.attrs.PasswordHash as string;
    expect(stored).toMatch(/^sha256:[0-9a-f]{32}:[0-9a-f]{64}$/);
    expect(JSON.stringify(emu.world.get(id))).not.toContain(password);
    expect(JSON.stringify(await instance(id))).not.toContain(password);
    expect(JSON.stringify(await emu.control.log({ service: "swas" }))).not.toContain(password);
    expect(JSON.stringify([...emu.world.tokens.values()])).not.toContain(password);
    for (const bad of [
      "Ab1!",
      "alllowercase1",
      "ALLUPPER!!!!",
      "Abcdefg1" + "x".repeat(23),
      "Abcdefg1 space",
    ]) {
      await fails(update({ instanceId: id, password: bad }), "InvalidPassword.ValueNotSupported", 400);
    }
    await expect(update({ instanceId: id, password: "lower-case-1" })).resolves.toBeDefined();
  });

  it("a Windows server's password cannot start with /", async () => {
    const win = await createOne({ imageId: WINDOWS, planId: MEDIUM });
    const linux = await createOne({ imageId: UBUNTU });
    await fails(update({ instanceId: win, password: "/Passw0rd" }), "InvalidPassword.ValueNotSupported", 400);
    await expect(update({ instanceId: linux, password: "/Passw0rd" })).resolves.toBeDefined();
  });

  it("answers unknown ids with InvalidInstanceId.NotFound (HTTP 404), missing ones with MissingInstanceId", async () => {
    await fails(
      update({ instanceId: "0".repeat(32), instanceName: "web" }),
      "InvalidInstanceId.NotFound",
      404,
    );
    await fails(update({ instanceName: "web" }), "MissingInstanceId", 400);
    const other = (await create({ regionId: "cn-shanghai" }, client("cn-shanghai"))).body!.instanceIds![0];
    await fails(update({ instanceId: other, instanceName: "web" }), "InvalidInstanceId.NotFound", 404);
  });
});

describe("StartInstance / StopInstance", () => {
  const stop = (instanceId: string, clientToken?: string) =>
    client().stopInstance(
      new $swas.StopInstanceRequest({ regionId: "cn-hangzhou", instanceId, clientToken }),
    );
  const start = (instanceId: string, clientToken?: string) =>
    client().startInstance(
      new $swas.StartInstanceRequest({ regionId: "cn-hangzhou", instanceId, clientToken }),
    );

  it("Running -> Stopping -> Stopped -> Starting -> Running after transitionMs", async () => {
    await emu.control.settings({ transitionMs: 500 });
    const id = await createOne();
    await stop(id);
    expect((await instance(id)).status).toBe("Stopping");
    await emu.control.advanceClock(500);
    expect((await instance(id)).status).toBe("Stopped");
    await start(id);
    expect((await instance(id)).status).toBe("Starting");
    await emu.control.advanceClock(500);
    expect((await instance(id)).status).toBe("Running");
  });

  it("refuses the wrong state with IncorrectInstanceStatus (HTTP 403)", async () => {
    const id = await createOne();
    await fails(start(id), "IncorrectInstanceStatus", 403);
    await stop(id);
    await fails(stop(id), "IncorrectInstanceStatus", 403);
  });

  it("a repeated request with the same ClientToken succeeds without acting again", async () => {
    const id = await createOne();
    await stop(id, "stop-1");
    await expect(stop(id, "stop-1")).resolves.toBeDefined();
    await fails(stop(id, "stop-2"), "IncorrectInstanceStatus", 403);
  });

  it("answers unknown ids with InvalidInstanceId.NotFound (HTTP 404)", async () => {
    await fails(start("f".repeat(32)), "InvalidInstanceId.NotFound", 404);
    await fails(stop("f".repeat(32)), "InvalidInstanceId.NotFound", 404);
    await fails(
      client().stopInstance(new $swas.StopInstanceRequest({ regionId: "cn-hangzhou" })),
      "MissingInstanceId",
      400,
    );
  });
});

describe("RebootInstance and the batch StartInstances / StopInstances / RebootInstances (SDK 4.0)", () => {
  const many = (ids: string[]) => JSON.stringify(ids);
  const batch = {
    start: (ids: string[]) =>
      client().startInstances(
        new $swas.StartInstancesRequest({ regionId: "cn-hangzhou", instanceIds: many(ids) }),
      ),
    stop: (ids: string[]) =>
      client().stopInstances(
        new $swas.StopInstancesRequest({ regionId: "cn-hangzhou", instanceIds: many(ids) }),
      ),
    reboot: (ids: string[]) =>
      client().rebootInstances(
        new $swas.RebootInstancesRequest({ regionId: "cn-hangzhou", instanceIds: many(ids) }),
      ),
  };
  const states = async (ids: string[]) => Promise.all(ids.map(async (i) => (await instance(i)).status));

  it("stops, starts and reboots up to 100 servers in one call, through Stopping / Starting", async () => {
    await emu.control.settings({ transitionMs: 1000 });
    const ids = (await create({ amount: 3 })).body!.instanceIds!;
    await batch.stop(ids);
    expect(await states(ids)).toEqual(["Stopping", "Stopping", "Stopping"]);
    await emu.control.advanceClock(1000);
    expect(await states(ids)).toEqual(["Stopped", "Stopped", "Stopped"]);
    await batch.start(ids);
    expect(await states(ids)).toEqual(["Starting", "Starting", "Starting"]);
    await emu.control.advanceClock(1000);
    await batch.reboot(ids);
    // SDK RebootInstance: "After you restart a simple application server, it enters the Starting state."
    expect(await states(ids)).toEqual(["Starting", "Starting", "Starting"]);
    await emu.control.advanceClock(1000);
    expect(await states(ids)).toEqual(["Running", "Running", "Running"]);
  });

  it("RebootInstance restarts one Running server", async () => {
    await emu.control.settings({ transitionMs: 1000 });
    const id = await createOne();
    await client().rebootInstance(
      new $swas.RebootInstanceRequest({ regionId: "cn-hangzhou", instanceId: id }),
    );
    expect((await instance(id)).status).toBe("Starting");
    await emu.control.advanceClock(1000);
    expect((await instance(id)).status).toBe("Running");
  });

  it("refuses the whole call when a server is in the wrong state (IncorrectInstanceStatus, HTTP 403)", async () => {
    const ids = (await create({ amount: 2 })).body!.instanceIds!;
    await fails(batch.start(ids), "IncorrectInstanceStatus", 403);
    await batch.stop([ids[0]]);
    // Only Running servers can be restarted or stopped.
    await fails(batch.reboot(ids), "IncorrectInstanceStatus", 403);
    await fails(batch.stop(ids), "IncorrectInstanceStatus", 403);
    expect(await states(ids)).toEqual(["Stopped", "Running"]);
  });

  it("takes at most 100 ids, all of them the caller's", async () => {
    const id = await createOne();
    await fails(batch.stop(Array.from({ length: 101 }, () => id)), "InvalidParam", 403);
    await fails(batch.stop([id, "0".repeat(32)]), "InvalidInstanceId.NotFound", 404);
    await fails(
      client().stopInstances(new $swas.StopInstancesRequest({ regionId: "cn-hangzhou" })),
      "MissingInstanceIds",
      400,
    );
  });
});

describe("RenewInstance and the end of a subscription", () => {
  const renew = (instanceId: string, period?: number, clientToken?: string) =>
    client().renewInstance(
      new $swas.RenewInstanceRequest({ regionId: "cn-hangzhou", instanceId, period, clientToken }),
    );

  it("extends ExpiredTime by Period months, once per ClientToken", async () => {
    const id = await createOne();
    const before = (await instance(id)).expiredTime!;
    await renew(id, 3, "renew-1");
    await renew(id, 3, "renew-1");
    const after = (await instance(id)).expiredTime!;
    expect(after).toMatch(/T16:00:00Z$/);
    const months =
      (new Date(after).getUTCFullYear() - new Date(before).getUTCFullYear()) * 12 +
      new Date(after).getUTCMonth() -
      new Date(before).getUTCMonth();
    expect(months).toBe(3);
    await fails(
      renew(id, 3, "renew-1").then(() => renew(id, 6, "renew-1")),
      "IdempotentParameterMismatch",
      400,
    );
  });

  it("checks Period and InstanceId", async () => {
    const id = await createOne();
    await fails(renew(id, 5), "InvalidPeriod.ValueNotSupported", 400);
    await fails(renew(id), "MissingPeriod", 400);
    await fails(renew("0".repeat(32), 1), "InvalidInstanceId.NotFound", 404);
  });

  it("an expired server is Disabled (EXPIRED) until renewed, and released 15 days after expiry", async () => {
    const renewed = await createOne();
    const dropped = await createOne();
    await emu.control.advanceClock(33 * DAY);
    expect(await instance(renewed)).toMatchObject({
      status: "Disabled",
      businessStatus: "Expired",
      disableReason: "EXPIRED",
    });
    await fails(
      client().startInstance(
        new $swas.StartInstanceRequest({ regionId: "cn-hangzhou", instanceId: renewed }),
      ),
      "IncorrectInstanceStatus",
      403,
    );
    await renew(renewed, 1);
    const back = await instance(renewed);
    expect(back).toMatchObject({ status: "Running", businessStatus: "Normal", disableReason: "" });
    expect(Date.parse(back.expiredTime!)).toBeGreaterThan(emu.world.now());
    await emu.control.advanceClock(15 * DAY);
    expect((await list()).instances!.map((i) => i.instanceId)).toEqual([renewed]);
    await fails(renew(dropped, 1), "InvalidInstanceId.NotFound", 404);
  });

  it("AutoRenew renews by AutoRenewPeriod instead of expiring", async () => {
    const id = await createOne({ autoRenew: true, autoRenewPeriod: 1 });
    const first = (await instance(id)).expiredTime!;
    await emu.control.advanceClock(40 * DAY);
    const s = await instance(id);
    expect(s.status).toBe("Running");
    expect(Date.parse(s.expiredTime!)).toBeGreaterThan(Date.parse(first));
  });
});

describe("UpgradeInstance", () => {
  const upgrade = (instanceId: string, planId?: string) =>
    client().upgradeInstance(
      new $swas.UpgradeInstanceRequest({ regionId: "cn-hangzhou", instanceId, planId }),
    );

  it("moves to a larger plan: Upgrading, then Running with the new plan's spec", async () => {
    await emu.control.settings({ transitionMs: 1000 });
    const id = await createOne();
    await upgrade(id, MEDIUM);
    const during = await instance(id);
    expect(during).toMatchObject({
      status: "Upgrading",
      planId: MEDIUM,
      resourceSpec: { cpu: 2, memory: 2 },
    });
    await emu.control.advanceClock(1000);
    expect((await instance(id)).status).toBe("Running");
  });

  it("refuses a smaller or equal plan with InvalidPlanIdUpgrade.ValueNotSupported", async () => {
    const id = await createOne({ planId: MEDIUM });
    await fails(upgrade(id, SMALL), "InvalidPlanIdUpgrade.ValueNotSupported", 400);
    await fails(upgrade(id, MEDIUM), "InvalidPlanIdUpgrade.ValueNotSupported", 400);
    await expect(upgrade(id, ESSD)).resolves.toBeDefined();
    expect((await instance(id)).disks![0]).toMatchObject({ size: 60, category: "ESSD" });
  });

  it("answers unknown plans, missing plans, stock shortage and the wrong state", async () => {
    const id = await createOne();
    await fails(upgrade(id, "swas.nope"), "InvalidPlanId.NotFound", 404);
    await fails(upgrade(id), "MissingPlanId", 400);
    await fails(upgrade("0".repeat(32), MEDIUM), "InvalidInstanceId.NotFound", 404);
    await emu.control.instanceFaults({ outOfStock: [MEDIUM], stuckPending: { swas: 1 } });
    await fails(upgrade(id, MEDIUM), "NotEnoughUpgradeStock", 500);
    const pending = await createOne();
    await fails(upgrade(pending, ESSD), "IncorrectInstanceStatus", 403);
  });
});

describe("ResetSystem", () => {
  const reset = (instanceId: string, extra: Partial<$swas.ResetSystemRequest> = {}) =>
    client().resetSystem(new $swas.ResetSystemRequest({ regionId: "cn-hangzhou", instanceId, ...extra }));

  it("reinstalls with another image: Resetting, then Running, ListInstances shows the image; same id", async () => {
    await emu.control.settings({ transitionMs: 1000 });
    const id = await createOne();
    const password = "Swas@Reset123";
    const credentials = new $swas.ResetSystemRequestLoginCredentials({ password });
    await reset(id, { imageId: UBUNTU, loginCredentials: credentials });
    expect(await instance(id)).toMatchObject({ instanceId: id, status: "Resetting", imageId: UBUNTU });
    await emu.control.advanceClock(1000);
    expect(await instance(id)).toMatchObject({ status: "Running", imageId: UBUNTU });
    // The password arrived (LoginCredentials.Password, flattened by the SDK), kept only as a hash.
    const hash = String(emu.world.get(id)!.attrs.PasswordHash);
    expect(hash).toMatch(/^sha256:/);
    expect(hash).not.toContain(password);
  });

  it("without ImageId resets the current image; a stopped server is reset too", async () => {
    const id = await createOne();
    await client().stopInstance(new $swas.StopInstanceRequest({ regionId: "cn-hangzhou", instanceId: id }));
    expect((await instance(id)).status).toBe("Stopped");
    await reset(id);
    expect(await instance(id)).toMatchObject({ status: "Running", imageId: LINUX });
  });

  it("answers an unknown image, an image the plan cannot run, a bad password and the wrong state", async () => {
    const id = await createOne({ planId: SMALL });
    await fails(reset(id, { imageId: "0".repeat(32) }), "InvalidImageId.NotFound", 404);
    await fails(reset(id, { imageId: WINDOWS }), "PlatformNotMatch", 400);
    const weak = new $swas.ResetSystemRequestLoginCredentials({ password: "short" });
    await fails(reset(id, { loginCredentials: weak }), "InvalidPassword.ValueNotSupported", 400);
    await fails(reset("0".repeat(32)), "InvalidInstanceId.NotFound", 404);
    await emu.control.instanceFaults({ stuckPending: { swas: 1 } });
    const pending = await createOne();
    await fails(reset(pending), "IncorrectInstanceStatus", 403);
  });

  it("is limited to 10 calls a minute (Throttling.User)", async () => {
    await emu.control.settings({ rateLimits: true });
    const id = await createOne();
    for (let i = 0; i < 10; i++) await reset(id);
    await expect(reset(id)).rejects.toMatchObject({ code: "Throttling.User" });
  });
});

describe("ListPlans / ListImages", () => {
  it("ListPlans answers the catalogue's plans with the SDK model's fields", async () => {
    const r = await client().listPlans(new $swas.ListPlansRequest({ regionId: "cn-hangzhou" }));
    const medium = r.body!.plans!.find((p) => p.planId === MEDIUM)!;
    expect(medium).toMatchObject({
      core: 2,
      memory: 2,
      diskSize: 40,
      bandwidth: 3,
      flow: 800,
      diskType: "SSD",
    });
    expect(medium.currency).toBe("CNY");
    expect(Number(medium.originPrice)).toBe(60);
    expect(JSON.parse(medium.supportPlatform!)).toEqual(["Linux", "Windows"]);
    await fails(client().listPlans(new $swas.ListPlansRequest({})), "MissingRegionId", 400);
  });

  it("ListImages filters by ImageIds (JSON, at most 50) and ImageType", async () => {
    const images = (args: ConstructorParameters<typeof $swas.ListImagesRequest>[0] = {}) =>
      client().listImages(new $swas.ListImagesRequest({ regionId: "cn-hangzhou", ...args }));
    const all = (await images()).body!.images!;
    expect(all.find((i) => i.imageId === WINDOWS)).toMatchObject({
      imageName: "Windows Server 2022",
      imageType: "system",
      platform: "Windows",
    });
    expect((await images({ imageIds: JSON.stringify([LINUX]) })).body!.images!.map((i) => i.imageId)).toEqual(
      [LINUX],
    );
    expect((await images({ imageType: "app" })).body!.images).toEqual([]);
    await fails(images({ imageType: "public" }), "InvalidImageType.ValueNotSupported", 400);
    await fails(images({ imageIds: LINUX }), "InvalidParam", 403);
    await fails(
      images({ imageIds: JSON.stringify(Array.from({ length: 51 }, (_, i) => `i${i}`)) }),
      "InvalidParam",
      403,
    );
  });
});

describe("the service as a whole", () => {
  it("has no delete action: DeleteInstance is InvalidAction.NotFound (HTTP 404)", async () => {
    const params = new $OpenApi.$OpenApiUtil.Params({
      action: "DeleteInstance",
      version: "2020-06-01",
      protocol: "HTTPS",
      pathname: "/",
      method: "POST",
      authType: "AK",
      style: "RPC",
      reqBodyType: "formData",
      bodyType: "json",
    });
    const request = new $OpenApi.$OpenApiUtil.OpenApiRequest({
      query: { RegionId: "cn-hangzhou", InstanceId: "x" },
    });
    await fails(
      client().callApi(params, request, new $dara.RuntimeOptions({})),
      "InvalidAction.NotFound",
      404,
    );
  });

  it("throttles the 11th call of an action within a minute (10 per minute per account): Throttling.User", async () => {
    await emu.control.settings({ rateLimits: true });
    const c = client();
    const call = () => c.listPlans(new $swas.ListPlansRequest({ regionId: "cn-hangzhou" }));
    for (let i = 0; i < 10; i++) await call();
    await expect(call()).rejects.toMatchObject({
      name: "ThrottlingError",
      code: "Throttling.User",
      statusCode: 400,
    });
    // Other actions have their own budget.
    await expect(
      client().listImages(new $swas.ListImagesRequest({ regionId: "cn-hangzhou" })),
    ).resolves.toBeDefined();
  });

  it("call faults: an error code, latency, and a lost response after the server was created", async () => {
    await emu.control.addFault({ service: "swas", action: "ListInstances", code: "InternalError", count: 1 });
    await fails(list(), "InternalError", 500);
    await expect(list()).resolves.toBeDefined();

    await emu.control.addFault({ service: "swas", action: "ListPlans", latencyMs: 150, count: 1 });
    const t0 = Date.now();
    await client().listPlans(new $swas.ListPlansRequest({ regionId: "cn-hangzhou" }));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);

    await emu.control.addFault({ service: "swas", action: "CreateInstances", drop: "after", count: 1 });
    await expect(create({ clientToken: "lost" })).rejects.toThrow();
    const created = (await list()).instances!.map((i) => i.instanceId);
    expect(created).toHaveLength(1);
    expect((await create({ clientToken: "lost" })).body!.instanceIds).toEqual(created);
  });
});

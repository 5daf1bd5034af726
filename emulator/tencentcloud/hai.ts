/**
 * Tencent Cloud HAI (high-performance application service), API 2023-08-12: RunInstances,
 * DescribeInstances, TerminateInstances, StartInstance, StopInstance, ResizeInstanceDisk.
 *
 * Sources, cited at each rule:
 * - "doc": HAI RunInstances 2023-08-12, https://cloud.tencent.com/document/api/1721/101517 (with its error codes).
 * - "SDK <Model>.<Field>": the request models of tencentcloud-sdk-nodejs
 *   (tencentcloud/services/hai/v20230812/hai_models.d.ts) and its client's action notes.
 * - "SDK errors <Action>": the per-action error lists of tencentcloud-sdk-go hai/v20230812/client.go.
 */
import type { Call, Handlers } from "../call";
import type { Lifecycle } from "../lifecycle";
import type { HaiApplication, HaiBundle } from "../catalogue";
import type { World } from "../world";
import type { Instance } from "../instance";
import { ApiError, missingParameter } from "../errors";
import {
  Obj,
  allowOnly,
  invalidValue,
  required,
  optStr,
  optInt,
  optBool,
  optObj,
  optStrList,
  optObjList,
  beijingTime,
} from "./params";

export const haiHandlers: Handlers = {
  RunInstances: withRegion(runInstances),
  DescribeInstances: withRegion(describeInstances),
  TerminateInstances: withRegion(terminateInstances),
  StartInstance: withRegion(startInstance),
  StopInstance: withRegion(stopInstance),
  ResizeInstanceDisk: withRegion(resizeInstanceDisk),
};

const LIFECYCLE: Lifecycle = {
  states: [
    "PENDING",
    "LAUNCH_FAILED",
    "RUNNING",
    "STOPPED",
    "STARTING",
    "STOPPING",
    "REBOOTING",
    "SHUTDOWN",
    "TERMINATING",
  ],
  launch: [{ state: "PENDING", lasts: "bootMs" }, { state: "RUNNING" }],
  launchFailed: [{ state: "PENDING", lasts: "bootMs" }, { state: "LAUNCH_FAILED" }],
  processes: {},
};
const INSTANCE_ID = /^hai-[a-z0-9]{8,}$/;
const POSTPAID = "POSTPAID_BY_HOUR";
/** System disk: "default 80, range 80-1000" GB (SDK SystemDisk.DiskSize). */
const DISK_MIN = 80;
const DISK_MAX = 1000;
/** "CLOUD_PREMIUM, CLOUD_HSSD" (SDK SystemDisk.DiskType). */
const DISK_TYPES = ["CLOUD_PREMIUM", "CLOUD_HSSD"];
/**
 * States in which an operation is still running: a new one is OperationDenied.InstanceOperationInProgress.
 */
const BUSY_STATES = ["STARTING", "STOPPING", "TERMINATING"];

let taskSeq = 1000;

/** Region is a required common parameter; HAI is sold in catalogue.tencent.hai.regions. */
function withRegion(handler: (call: Call) => Record<string, unknown>) {
  return (call: Call): Record<string, unknown> => {
    if (!call.region) throw missingParameter("Region");
    if (!call.world.catalogue.tencent.hai.regions.includes(call.region)) {
      throw new ApiError("UnsupportedRegion", `HAI is not available in region \`${call.region}\`.`);
    }
    return handler(call);
  };
}

// ---- RunInstances -----------------------------------------------------------------------------

const RUN_PARAMS = [
  "ApplicationId",
  "BundleType",
  "SystemDisk",
  "InstanceCount",
  "InstanceName",
  "ClientToken",
  "DryRun",
];

function runInstances(call: Call): Record<string, unknown> {
  const { world, params: p } = call;
  allowOnly(p, RUN_PARAMS);
  const app = readApplication(world, p);
  const bundle = readBundle(world, p);
  const systemDisk = readSystemDisk(p, app);
  const count = readInstanceCount(p);
  const name = readInstanceName(p);
  const token = optStr(p, "ClientToken");
  // "DryRun: True only checks the interface's connectivity" (doc): validated, nothing created.
  const dryRun = optBool(p, "DryRun") ?? false;
  const checkStock = () =>
    world.checkStock(
      bundle.bundleType,
      "ResourceInsufficient.BundleInventoryShortage",
      `The bundle \`${bundle.bundleType}\` is out of stock.`,
    );
  if (dryRun) {
    checkStock();
    return { InstanceIdSet: [] };
  }
  // ClientToken: "the token of an idempotent request" (doc); the same token returns the first ids.
  const { ClientToken: _token, ...fingerprint } = p;
  const ids = world.idempotent(`hai|${call.account}|${call.region}`, token, fingerprint, () => {
    checkStock();
    return Array.from({ length: count }, () => launch(call, app, bundle, systemDisk, name).id);
  });
  return { InstanceIdSet: ids };
}

/** ApplicationId (required): shaped `app-` + letters and digits, and known (doc). */
function readApplication(world: World, p: Obj): HaiApplication {
  const id = required(optStr(p, "ApplicationId"), "ApplicationId");
  if (!/^app-[a-z0-9]+$/.test(id)) {
    throw new ApiError(
      "InvalidParameterValue.InvalidApplicationIdMalformed",
      `The application id \`${id}\` is malformed.`,
    );
  }
  const app = world.catalogue.tencent.hai.applications.find((a) => a.applicationId === id);
  if (!app)
    throw new ApiError(
      "InvalidParameterValue.ApplicationIdNotFound",
      `The application \`${id}\` does not exist.`,
    );
  return app;
}

/** BundleType (required): one of the bundles sold (doc; SDK RunInstancesRequest.BundleType). */
function readBundle(world: World, p: Obj): HaiBundle {
  const type = required(optStr(p, "BundleType"), "BundleType");
  const bundle = world.catalogue.tencent.hai.bundles.find((b) => b.bundleType === type);
  if (!bundle)
    throw new ApiError(
      "InvalidParameterValue.BundleTypeNotFound",
      `The bundle type \`${type}\` does not exist.`,
    );
  return bundle;
}

/**
 * SystemDisk {DiskType, DiskSize}: size 80-1000 GB, default 80 (SDK SystemDisk); not below the
 * application's minimum (doc: DiskSizeMustLargerThanApplicationMinRequiredSize).
 */
function readSystemDisk(
  p: Obj,
  app: HaiApplication,
): { DiskType: string; DiskSize: number; DiskName: string } {
  const disk = optObj(p, "SystemDisk") ?? {};
  allowOnly(disk, ["DiskType", "DiskSize", "DiskName"], "SystemDisk");
  const type = optStr(disk, "DiskType", "SystemDisk") ?? "CLOUD_PREMIUM";
  if (!DISK_TYPES.includes(type))
    throw invalidValue("SystemDisk.DiskType", `one of ${DISK_TYPES.join(", ")}`);
  const size = optInt(disk, "DiskSize", "SystemDisk") ?? Math.max(DISK_MIN, app.minDiskSize);
  if (size < app.minDiskSize) {
    throw new ApiError(
      "InvalidParameterValue.DiskSizeMustLargerThanApplicationMinRequiredSize",
      `The system disk (${size} GB) must be at least the ${app.minDiskSize} GB application \`${app.applicationId}\` needs.`,
    );
  }
  if (size < DISK_MIN || size > DISK_MAX) {
    throw invalidValue("SystemDisk.DiskSize", `between ${DISK_MIN} and ${DISK_MAX} GB`);
  }
  return { DiskType: type, DiskSize: size, DiskName: optStr(disk, "DiskName", "SystemDisk") ?? "C:" };
}

/** InstanceCount: "at most 10 per request" (SDK RunInstancesRequest.InstanceCount), default 1. */
function readInstanceCount(p: Obj): number {
  const count = optInt(p, "InstanceCount") ?? 1;
  if (count < 1 || count > 10) {
    throw new ApiError(
      "InvalidParameterValue.InvalidInstanceCount",
      `InstanceCount ${count} is not between 1 and 10.`,
    );
  }
  return count;
}

/** InstanceName: "at most 128 characters" (SDK RunInstancesRequest.InstanceName). */
function readInstanceName(p: Obj): string | undefined {
  const name = optStr(p, "InstanceName");
  if (name !== undefined && name.length > 128) {
    throw new ApiError(
      "InvalidParameterValue.InstanceNameTooLong",
      `The instance name has ${name.length} characters; at most 128 are allowed.`,
    );
  }
  return name;
}

function launch(
  call: Call,
  app: HaiApplication,
  bundle: HaiBundle,
  systemDisk: { DiskType: string; DiskSize: number; DiskName: string },
  name: string | undefined,
): Instance {
  const { world } = call;
  const zone = world.catalogue.tencent.regions.find((r) => r.region === call.region)?.zones[0]?.zone;
  return world.launch(
    {
      id: world.newId("hai-"),
      service: "hai",
      account: call.account,
      region: call.region,
      zone: zone ?? `${call.region}-1`,
      name: name ?? app.name,
      privateIps: [world.nextPrivateIp()],
      publicIps: [world.nextPublicIp()],
      tags: {},
      attrs: {
        ApplicationId: app.applicationId,
        ApplicationName: app.name,
        BundleType: bundle.bundleType,
        SystemDisk: { ...systemDisk },
        ChargeType: POSTPAID,
        SecurityGroupIds: [`sg-${world.newId("").slice(0, 8)}`],
      },
      latestOperation: { name: "RunInstances", state: "OPERATING", requestId: call.requestId },
    },
    LIFECYCLE,
  );
}

// ---- DescribeInstances ------------------------------------------------------------------------

/** "instance-id; instance-state; charge-type; public-ip-address" (SDK DescribeInstancesRequest.Filters). */
const FILTERS = ["instance-id", "instance-state", "charge-type", "public-ip-address"];

function describeInstances(call: Call): Record<string, unknown> {
  const { world, params: p } = call;
  allowOnly(p, ["InstanceIds", "Filters", "Offset", "Limit"]);
  const ids = optStrList(p, "InstanceIds");
  if (ids) checkIds(ids, "InstanceIds");
  const filters = readFilters(p);
  // InstanceIds and Filters: one or the other (SDK errors DescribeInstances: InvalidParameter.AtMostOne).
  if (ids && ids.length > 0 && filters.length > 0) {
    throw new ApiError("InvalidParameter.AtMostOne", "InstanceIds and Filters cannot be used together.");
  }
  // "Offset: default 0, not greater than 100; Limit: default 20, not less than 0" (SDK
  // DescribeInstancesRequest).
  const offset = optInt(p, "Offset") ?? 0;
  const limit = optInt(p, "Limit") ?? 20;
  if (offset < 0 || offset > 100) throw invalidValue("Offset", "between 0 and 100");
  if (limit < 0) throw invalidValue("Limit", "not less than 0");

  const matching = world
    .list("hai", call.account, call.region)
    .filter(
      (inst) => (!ids || ids.length === 0 || ids.includes(inst.id)) && filters.every((f) => matches(inst, f)),
    );
  const visible = world.visible(matching).sort((a, b) => b.createdAt - a.createdAt);
  return {
    TotalCount: visible.length,
    InstanceSet: visible.slice(offset, offset + limit).map((inst) => instanceView(world, inst)),
  };
}

interface Filter {
  name: string;
  values: string[];
}

function readFilters(p: Obj): Filter[] {
  return (optObjList(p, "Filters") ?? []).map((f, i) => {
    const path = `Filters.${i}`;
    allowOnly(f, ["Name", "Values"], path);
    const name = required(optStr(f, "Name", path), `${path}.Name`);
    const values = required(optStrList(f, "Values", path), `${path}.Values`);
    if (!FILTERS.includes(name))
      throw invalidValue(`${path}.Name`, `the filter \`${name}\` is not supported`);
    if (name === "instance-id") checkIds(values, `${path}.Values`);
    return { name, values };
  });
}

function matches(inst: Instance, f: Filter): boolean {
  switch (f.name) {
    case "instance-id":
      return f.values.includes(inst.id);
    case "instance-state":
      return f.values.includes(inst.state);
    case "charge-type":
      return f.values.includes(String(inst.attrs.ChargeType));
    case "public-ip-address":
      return inst.publicIps.some((ip) => f.values.includes(ip));
  }
  return false;
}

// ---- TerminateInstances -----------------------------------------------------------------------

/** TERMINATING, then TERMINATED for terminatedVisibleMs, then gone (SDK Instance.InstanceState). */
function terminateInstances(call: Call): Record<string, unknown> {
  const { world, params: p } = call;
  allowOnly(p, ["InstanceIds", "DryRun"]);
  const ids = required(optStrList(p, "InstanceIds"), "InstanceIds");
  if (ids.length === 0) throw missingParameter("InstanceIds");
  checkIds(ids, "InstanceIds");
  const dryRun = optBool(p, "DryRun") ?? false;
  const instances = ids.map((id) => findInstance(call, id));
  // "Prepaid and postpaid instances cannot be terminated together" (SDK errors TerminateInstances).
  if (new Set(instances.map(isPrepaid)).size > 1) {
    throw new ApiError(
      "UnsupportedOperation.NotSupportTerminatePrePaidAndPostPaid",
      "Prepaid and postpaid instances cannot be terminated in one request.",
    );
  }
  for (const inst of instances) {
    if (inst.state === "TERMINATED") throw stateError(inst);
    if (BUSY_STATES.includes(inst.state)) throw inProgress(inst);
  }
  if (dryRun) return {};
  for (const inst of instances) {
    world.advance(inst);
    inst.latestOperation = { name: "TerminateInstances", state: "OPERATING", requestId: call.requestId };
    world.begin(inst, [
      { state: "TERMINATING", lasts: "terminateMs" },
      { state: "TERMINATED", lasts: "terminatedVisibleMs" },
      { state: "GONE" },
    ]);
  }
  return {};
}

// ---- StartInstance / StopInstance -------------------------------------------------------------

/**
 * Only STOPPED_NO_CHARGE instances start; "running and prepaid instances cannot be started" (SDK
 * StartInstance).
 */
function startInstance(call: Call): Record<string, unknown> {
  const { world, params: p } = call;
  allowOnly(p, ["InstanceId", "DryRun"]);
  const inst = findInstance(call, required(optStr(p, "InstanceId"), "InstanceId"));
  const dryRun = optBool(p, "DryRun") ?? false;
  if (inst.state === "STARTING") throw repeated(inst, "started");
  if (BUSY_STATES.includes(inst.state)) throw inProgress(inst);
  if (inst.state !== "STOPPED_NO_CHARGE") throw stateError(inst);
  if (isPrepaid(inst)) throw prepaidError(inst, "started");
  world.checkStock(
    String(inst.attrs.BundleType),
    "ResourceInsufficient.BundleInventoryShortage",
    `The bundle \`${String(inst.attrs.BundleType)}\` is out of stock.`,
  );
  if (dryRun) return { TaskId: 0 };
  inst.latestOperation = { name: "StartInstance", state: "OPERATING", requestId: call.requestId };
  world.transition(inst, "STARTING", "RUNNING", world.settings.transitionMs);
  return { TaskId: ++taskSeq };
}

/**
 * StopMode: "currently only STOP_CHARGE" (default); the instance ends STOPPED_NO_CHARGE.
 * "Stopped and prepaid instances cannot be stopped" (SDK StopInstance).
 */
function stopInstance(call: Call): Record<string, unknown> {
  const { world, params: p } = call;
  allowOnly(p, ["InstanceId", "StopMode", "DryRun"]);
  const inst = findInstance(call, required(optStr(p, "InstanceId"), "InstanceId"));
  const mode = optStr(p, "StopMode") ?? "STOP_CHARGE";
  if (mode !== "STOP_CHARGE") throw invalidValue("StopMode", "only STOP_CHARGE is supported");
  const dryRun = optBool(p, "DryRun") ?? false;
  if (inst.state === "STOPPING") throw repeated(inst, "stopped");
  if (BUSY_STATES.includes(inst.state)) throw inProgress(inst);
  if (inst.state !== "RUNNING") throw stateError(inst);
  if (isPrepaid(inst)) throw prepaidError(inst, "stopped");
  if (dryRun) return { TaskId: 0 };
  inst.latestOperation = { name: "StopInstance", state: "OPERATING", requestId: call.requestId };
  world.transition(inst, "STOPPING", "STOPPED_NO_CHARGE", world.settings.transitionMs);
  return { TaskId: ++taskSeq };
}

// ---- ResizeInstanceDisk -----------------------------------------------------------------------

/**
 * DiskSize "must be larger than the current size" (SDK ResizeInstanceDiskRequest.DiskSize;
 * DiskSizeMustLargeThanCurrentDiskSize), up to 1000 GB (SDK SystemDisk.DiskSize; DiskSizeReachLimit).
 */
function resizeInstanceDisk(call: Call): Record<string, unknown> {
  const { world, params: p } = call;
  allowOnly(p, ["InstanceId", "DiskSize"]);
  const inst = findInstance(call, required(optStr(p, "InstanceId"), "InstanceId"));
  const size = required(optInt(p, "DiskSize"), "DiskSize");
  const disk = inst.attrs.SystemDisk as { DiskType: string; DiskSize: number; DiskName: string };
  if (size <= disk.DiskSize) {
    throw new ApiError(
      "InvalidParameterValue.DiskSizeMustLargeThanCurrentDiskSize",
      `The new disk size (${size} GB) must be larger than the current ${disk.DiskSize} GB.`,
    );
  }
  if (size > DISK_MAX) {
    throw new ApiError(
      "InvalidParameterValue.DiskSizeReachLimit",
      `The disk size cannot exceed ${DISK_MAX} GB.`,
    );
  }
  if (BUSY_STATES.includes(inst.state) || inst.latestOperation?.state === "OPERATING") throw inProgress(inst);
  if (inst.state !== "RUNNING" && inst.state !== "STOPPED_NO_CHARGE") throw stateError(inst);
  disk.DiskSize = size;
  inst.latestOperation = { name: "ResizeInstanceDisk", state: "OPERATING", requestId: call.requestId };
  world.transition(inst, inst.state, inst.state, world.settings.transitionMs);
  return {};
}

// ---- shared by the instance actions ------------------------------------------------------------

/**
 * At most 100 ids, shaped `hai-...`, no duplicates (SDK DescribeInstancesRequest /
 * TerminateInstancesRequest; SDK errors).
 */
function checkIds(ids: string[], path: string): void {
  if (ids.length > 100) throw invalidValue(path, `${ids.length} instance ids; at most 100`);
  const bad = ids.find((id) => !INSTANCE_ID.test(id));
  if (bad !== undefined) {
    throw new ApiError(
      "InvalidParameterValue.InvalidInstanceIdMalformed",
      `The instance id \`${bad}\` is malformed.`,
    );
  }
  if (new Set(ids).size !== ids.length) {
    throw new ApiError("InvalidParameterValue.Duplicated", `\`${path}\` holds the same instance id twice.`);
  }
}

function findInstance(call: Call, id: string): Instance {
  checkIds([id], "InstanceId");
  const inst = call.world.get(id);
  if (!inst || inst.service !== "hai" || inst.account !== call.account || inst.region !== call.region) {
    throw new ApiError("InvalidParameterValue.InstanceIdNotFound", `The instance \`${id}\` does not exist.`);
  }
  return inst;
}

function isPrepaid(inst: Instance): boolean {
  return String(inst.attrs.ChargeType).startsWith("PREPAID");
}

/**
 * UnsupportedOperation.InstanceState<State> for the state the instance is in (SDK errors
 * Start/StopInstance).
 */
function stateError(inst: Instance): ApiError {
  const camel = inst.state
    .toLowerCase()
    .split("_")
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
  return new ApiError(
    `UnsupportedOperation.InstanceState${camel}`,
    `The operation is not supported for the instance \`${inst.id}\` in state \`${inst.state}\`.`,
  );
}

/** The same operation is under way (SDK errors of StartInstance / StopInstance). */
function repeated(inst: Instance, verb: string): ApiError {
  return new ApiError(
    "FailedOperation.OperateInstanceRepeatedly",
    `The instance \`${inst.id}\` is being ${verb} already.`,
  );
}

function inProgress(inst: Instance): ApiError {
  return new ApiError(
    "OperationDenied.InstanceOperationInProgress",
    `The instance \`${inst.id}\` has an operation in progress (${inst.state}).`,
  );
}

/** Prepaid instances can be neither stopped nor started (SDK StartInstance / StopInstance notes). */
function prepaidError(inst: Instance, verb: string): ApiError {
  return new ApiError("UnsupportedOperation", `The prepaid instance \`${inst.id}\` cannot be ${verb}.`);
}

// ---- the Instance model of DescribeInstances ---------------------------------------------------

/** What a bundle holds; bundles of the catalogue not listed here are described from their GPU memory. */
const BUNDLE_SPECS: Record<
  string,
  { name: string; gpus: number; tflops: string; cpu: string; memory: string }
> = {
  S: { name: "基础型", gpus: 1, tflops: "8+TFlops SP", cpu: "8", memory: "32" },
  XL: { name: "进阶型", gpus: 1, tflops: "15+TFlops SP", cpu: "8", memory: "40" },
  XL_2X: { name: "进阶型2卡", gpus: 2, tflops: "30+TFlops SP", cpu: "16", memory: "80" },
  "3XL": { name: "专业型", gpus: 1, tflops: "30+TFlops SP", cpu: "16", memory: "96" },
  "3XL_2X": { name: "专业型2卡", gpus: 2, tflops: "60+TFlops SP", cpu: "32", memory: "192" },
  "4XL": { name: "旗舰型", gpus: 1, tflops: "80+TFlops SP", cpu: "32", memory: "192" },
  "24GB_A": { name: "进阶型24G", gpus: 1, tflops: "40+TFlops SP", cpu: "16", memory: "64" },
};

function instanceView(world: World, inst: Instance): Record<string, unknown> {
  const a = inst.attrs;
  const bundle = world.catalogue.tencent.hai.bundles.find((b) => b.bundleType === a.BundleType);
  const spec = BUNDLE_SPECS[String(a.BundleType)] ?? {
    name: String(a.BundleType),
    gpus: 1,
    tflops: "",
    cpu: "8",
    memory: "32",
  };
  return {
    InstanceId: inst.id,
    InstanceName: inst.name,
    InstanceState: inst.state,
    ApplicationName: a.ApplicationName,
    BundleName: spec.name,
    GPUCount: spec.gpus,
    GPUPerformance: spec.tflops,
    GPUMemory: (bundle?.gpuMemory ?? "16GB").replace(/GB$/, ""),
    CPU: spec.cpu,
    Memory: spec.memory,
    SystemDisk: { ...(a.SystemDisk as Record<string, unknown>) },
    PrivateIpAddresses: inst.privateIps,
    PublicIpAddresses: inst.publicIps,
    SecurityGroupIds: a.SecurityGroupIds,
    LatestOperation: inst.latestOperation?.name ?? null,
    LatestOperationState: inst.latestOperation?.state ?? null,
    CreateTime: beijingTime(inst.createdAt),
    MaxOutBandwidth: "10",
    MaxFreeTraffic: "500",
    ConfigurationEnvironment: "Ubuntu 20.04 | Python 3.10 | CUDA 11.8",
    LoginServices: [{ ServiceName: "JupyterLab" }, { ServiceName: "WebUI" }],
    OSType: "linux",
  };
}

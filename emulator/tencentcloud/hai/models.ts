/**
 * The HAI instance: its lifecycle as data, the region HAI is sold in, the caller's instances by
 * id, and the Instance model DescribeInstances answers with.
 */
import type { Call } from "../../call";
import type { World } from "../../world";
import type { Instance } from "../../instance";
import { ApiError } from "../../errors";
import { invalidParameterValue, missingParameter } from "../errors";
import { GONE, Lifecycle, SAME } from "../../lifecycle";
import { beijingTime } from "../../format";
import { LAUNCH } from "../common";
import { instanceNotFound } from "./errors";

/**
 * SDK Instance.InstanceState, and STARTING / STOPPING while StartInstance / StopInstance run. A
 * terminated instance stays visible as TERMINATED for terminatedVisibleMs.
 */
export const HAI_LIFECYCLE = {
  states: [
    "PENDING",
    "LAUNCH_FAILED",
    "RUNNING",
    "ARREARS",
    "STOPPED_NO_CHARGE",
    "TERMINATING",
    "TERMINATED",
    "STARTING",
    "STOPPING",
  ],
  ...LAUNCH,
  processes: {
    terminate: [
      { state: "TERMINATING", lasts: "terminateMs" },
      { state: "TERMINATED", lasts: "terminatedVisibleMs" },
      { state: GONE },
    ],
    start: [{ state: "STARTING", lasts: "transitionMs" }, { state: "RUNNING" }],
    stop: [{ state: "STOPPING", lasts: "transitionMs" }, { state: "STOPPED_NO_CHARGE" }],
    resize: [{ state: SAME, lasts: "transitionMs" }, { state: SAME }],
  },
} satisfies Lifecycle;

/**
 * States in which an operation is still running: a new one is OperationDenied.InstanceOperationInProgress.
 */
export const BUSY_STATES = ["STARTING", "STOPPING", "TERMINATING"];
const INSTANCE_ID = /^hai-[a-z0-9]{8,}$/;

/** Region is a required common parameter; HAI is sold in catalogue.tencent.hai.regions. */
export function haiRegion(call: Call): string {
  if (!call.region) throw missingParameter("Region");
  if (!call.world.catalogue.tencent.hai.regions.includes(call.region)) {
    throw new ApiError("UnsupportedRegion", `HAI is not available in region \`${call.region}\`.`);
  }
  return call.region;
}

/**
 * At most 100 ids, shaped `hai-...`, no duplicates (SDK DescribeInstancesRequest /
 * TerminateInstancesRequest; SDK errors).
 */
export function checkIds(ids: string[], path: string): void {
  if (ids.length > 100) throw invalidParameterValue(path, `${ids.length} instance ids; at most 100`);
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

export function findInstance(call: Call, id: string): Instance {
  checkIds([id], "InstanceId");
  const inst = call.world.get(id);
  if (!inst || inst.service !== "hai" || inst.account !== call.account || inst.region !== call.region) {
    throw instanceNotFound(id);
  }
  return inst;
}

export function isPrepaid(inst: Instance): boolean {
  return String(inst.attrs.ChargeType).startsWith("PREPAID");
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

export function instanceView(world: World, inst: Instance): Record<string, unknown> {
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

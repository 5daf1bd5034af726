/** TerminateInstances, StartInstance, StopInstance and ResizeInstanceDisk: the operations on HAI instances. */
import type {
  ResizeInstanceDiskRequest,
  StartInstanceRequest,
  StopInstanceRequest,
  TerminateInstancesRequest,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/hai/v20230812/hai_models";
import type { Call } from "../../call";
import type { Instance } from "../../instance";
import type { Process } from "../../lifecycle";
import { ApiError } from "../../errors";
import { invalidParameterValue, missingParameter } from "../errors";
import { required } from "../common";
import { BUSY_STATES, HAI_LIFECYCLE, checkIds, findInstance, isPrepaid } from "./models";
import { inProgress, prepaidError, repeated, stateError } from "./errors";
import { DISK_MAX } from "./run";

let taskSeq = 1000;

/** TERMINATING, then TERMINATED for terminatedVisibleMs, then gone (SDK Instance.InstanceState). */
export function terminateInstances(call: Call, req: TerminateInstancesRequest): Record<string, unknown> {
  const { world } = call;
  const ids = required(req.InstanceIds, "InstanceIds");
  if (ids.length === 0) throw missingParameter("InstanceIds");
  checkIds(ids, "InstanceIds");
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
  if (req.DryRun) return {};
  for (const inst of instances) {
    world.advance(inst);
    inst.latestOperation = { name: "TerminateInstances", state: "OPERATING", requestId: call.requestId };
    world.begin(inst, HAI_LIFECYCLE.processes.terminate);
  }
  return {};
}

/** StartInstance and StopInstance: the state each starts from and its process. */
interface Power {
  action: string;
  from: string;
  process: Process;
  /** "started", "stopped". */
  verb: string;
}

const START: Power = {
  action: "StartInstance",
  from: "STOPPED_NO_CHARGE",
  process: HAI_LIFECYCLE.processes.start,
  verb: "started",
};
const STOP: Power = {
  action: "StopInstance",
  from: "RUNNING",
  process: HAI_LIFECYCLE.processes.stop,
  verb: "stopped",
};

/**
 * Only STOPPED_NO_CHARGE instances start; "running and prepaid instances cannot be started" (SDK
 * StartInstance).
 */
export function startInstance(call: Call, req: StartInstanceRequest): Record<string, unknown> {
  const inst = findInstance(call, required(req.InstanceId, "InstanceId"));
  return power(call, inst, req.DryRun, START, () =>
    call.world.checkStock(
      String(inst.attrs.BundleType),
      "ResourceInsufficient.BundleInventoryShortage",
      `The bundle \`${String(inst.attrs.BundleType)}\` is out of stock.`,
    ),
  );
}

/**
 * StopMode: "currently only STOP_CHARGE" (default); the instance ends STOPPED_NO_CHARGE.
 * "Stopped and prepaid instances cannot be stopped" (SDK StopInstance).
 */
export function stopInstance(call: Call, req: StopInstanceRequest): Record<string, unknown> {
  const inst = findInstance(call, required(req.InstanceId, "InstanceId"));
  const mode = req.StopMode ?? "STOP_CHARGE";
  if (mode !== "STOP_CHARGE") throw invalidParameterValue("StopMode", "only STOP_CHARGE is supported");
  return power(call, inst, req.DryRun, STOP);
}

/**
 * The same operation under way is FailedOperation.OperateInstanceRepeatedly, another one
 * OperationDenied.InstanceOperationInProgress (SDK errors of StartInstance / StopInstance).
 */
function power(
  call: Call,
  inst: Instance,
  dryRun: boolean | undefined,
  kind: Power,
  check?: () => void,
): Record<string, unknown> {
  if (inst.state === kind.process[0].state) throw repeated(inst, kind.verb);
  if (BUSY_STATES.includes(inst.state)) throw inProgress(inst);
  if (inst.state !== kind.from) throw stateError(inst);
  if (isPrepaid(inst)) throw prepaidError(inst, kind.verb);
  check?.();
  if (dryRun) return { TaskId: 0 };
  inst.latestOperation = { name: kind.action, state: "OPERATING", requestId: call.requestId };
  call.world.begin(inst, kind.process);
  return { TaskId: ++taskSeq };
}

/**
 * DiskSize "must be larger than the current size" (SDK ResizeInstanceDiskRequest.DiskSize;
 * DiskSizeMustLargeThanCurrentDiskSize), up to 1000 GB (SDK SystemDisk.DiskSize; DiskSizeReachLimit).
 */
export function resizeInstanceDisk(call: Call, req: ResizeInstanceDiskRequest): Record<string, unknown> {
  const inst = findInstance(call, required(req.InstanceId, "InstanceId"));
  const size = required(req.DiskSize, "DiskSize");
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
  call.world.begin(inst, HAI_LIFECYCLE.processes.resize);
  return {};
}

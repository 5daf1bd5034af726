/**
 * StartInstances (213/15735) and StopInstances (213/33235): "只有状态为STOPPED的实例才可以进行此操作"
 * and "只有状态为RUNNING的实例才可以进行此操作"; at most 100 instances a call.
 */
import type {
  StartInstancesRequest,
  StopInstancesRequest,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import type { Call } from "../../call";
import type { Instance } from "../../instance";
import { ApiError } from "../../errors";
import { invalidParameterValue } from "../errors";
import { CVM_LIFECYCLE, findInstances } from "./models";
import { TRANSITIONAL, operate, refusing } from "./operate";

export function startInstances(call: Call, req: StartInstancesRequest): Record<string, unknown> {
  const instances = findInstances(call, req.InstanceIds);
  return operate(call, "StartInstances", instances, refusing(...TRANSITIONAL, "RUNNING"), (inst) => {
    delete inst.attrs.StopChargingMode;
    return CVM_LIFECYCLE.processes.start;
  });
}

const STOP_TYPES = ["SOFT", "HARD", "SOFT_FIRST"];
const STOPPED_MODES = ["KEEP_CHARGING", "STOP_CHARGING"];

/**
 * StopType SOFT (default), HARD or SOFT_FIRST, not with the deprecated ForceStop
 * (InvalidParameterCombination); StoppedMode KEEP_CHARGING (default) or STOP_CHARGING, "该参数只针对部分
 * 按量计费实例生效" - pay-as-you-go instances on cloud disks (UnsupportedOperation.StoppedModeStopCharging).
 */
export function stopInstances(call: Call, req: StopInstancesRequest): Record<string, unknown> {
  const instances = findInstances(call, req.InstanceIds);
  if (req.ForceStop !== undefined && req.StopType !== undefined) {
    throw new ApiError("InvalidParameterCombination", "ForceStop and StopType cannot be specified together.");
  }
  if (req.StopType !== undefined && !STOP_TYPES.includes(req.StopType)) {
    throw invalidParameterValue("StopType", `\`${req.StopType}\` is not one of ${STOP_TYPES.join(", ")}`);
  }
  const mode = req.StoppedMode ?? "KEEP_CHARGING";
  if (!STOPPED_MODES.includes(mode)) {
    throw invalidParameterValue("StoppedMode", `\`${mode}\` is not one of ${STOPPED_MODES.join(", ")}`);
  }
  const unfit = mode === "STOP_CHARGING" ? instances.find((i) => !stopsCharging(i)) : undefined;
  if (unfit) {
    throw new ApiError(
      "UnsupportedOperation.StoppedModeStopCharging",
      `The instance \`${unfit.id}\` does not support stopping without charging (pay-as-you-go instances on cloud disks only).`,
    );
  }
  return operate(call, "StopInstances", instances, refusing(...TRANSITIONAL, "STOPPED"), (inst) => {
    inst.attrs.StopChargingMode = mode;
    return CVM_LIFECYCLE.processes.stop;
  });
}

/** Pay-as-you-go, the system disk and every data disk a cloud disk (213/33235 StoppedMode). */
export function stopsCharging(inst: Instance): boolean {
  const disks = [inst.attrs.SystemDisk, ...(inst.attrs.DataDisks as unknown[])] as Array<{
    DiskType: string;
  }>;
  return (
    inst.attrs.InstanceChargeType === "POSTPAID_BY_HOUR" &&
    disks.every((d) => d.DiskType.startsWith("CLOUD_"))
  );
}

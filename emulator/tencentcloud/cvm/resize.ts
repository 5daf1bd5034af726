/** ResizeInstanceDisks (213/15731) and ResetInstancesInternetMaxBandwidth (213/33241). */
import type {
  ResetInstancesInternetMaxBandwidthRequest,
  ResizeInstanceDisksRequest,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import type { Call } from "../../call";
import { ApiError } from "../../errors";
import { invalidParameterValue, missingParameter } from "../errors";
import { required } from "../common";
import { CVM_LIFECYCLE, attr, findInstances } from "./models";
import { TRANSITIONAL, operate, refusing } from "./operate";

/**
 * "您必须指定参数DataDisks与SystemDisk的其中一个，但不能同时指定"; "如果是运行中的实例，必须指定ForceStop或
 * ResizeOnline任意一个参数为true"; the system disk only grows. Only non-elastic data disks: the
 * emulator's data disks are elastic (CBS ResizeDisk) or local, so DataDisks is refused
 * (UnsupportedOperation.InvalidDataDisk).
 */
export function resizeInstanceDisks(call: Call, req: ResizeInstanceDisksRequest): Record<string, unknown> {
  const instances = findInstances(call, [required(req.InstanceId, "InstanceId")]);
  const data = req.DataDisks ?? [];
  if (data.length === 0 && !req.SystemDisk)
    throw new ApiError("MissingParameter.AtLeastOne", "DataDisks or SystemDisk is required.");
  if (data.length > 0 && req.SystemDisk) {
    throw new ApiError(
      "InvalidParameterCombination",
      "DataDisks and SystemDisk cannot be specified together.",
    );
  }
  if (data.length > 0) {
    throw new ApiError(
      "UnsupportedOperation.InvalidDataDisk",
      "Only non-elastic data disks are resized here; resize elastic disks with CBS ResizeDisk.",
    );
  }
  const [inst] = instances;
  const disk = attr<{ DiskType: string; DiskSize: number }>(inst, "SystemDisk");
  const size = required(req.SystemDisk?.DiskSize, "SystemDisk.DiskSize");
  if (size <= disk.DiskSize) {
    throw invalidParameterValue(
      "SystemDisk.DiskSize",
      `the system disk only grows: ${size} GB is not above ${disk.DiskSize} GB`,
    );
  }
  const online = req.ForceStop === true || req.ResizeOnline === true;
  return operate(
    call,
    "ResizeInstanceDisks",
    instances,
    refusing(...TRANSITIONAL, ...(online ? [] : ["RUNNING"])),
    (i) => {
      i.attrs.SystemDisk = { ...disk, DiskSize: size };
      const forced = req.ForceStop === true && req.ResizeOnline !== true && i.state === "RUNNING";
      return forced ? CVM_LIFECYCLE.processes.forceStop : CVM_LIFECYCLE.processes.modify;
    },
  );
}

/** "暂时只支持 InternetMaxBandwidthOut 参数"; StartTime/EndTime YYYY-MM-DD, only for BANDWIDTH_PREPAID. */
const SINGLE = ["BANDWIDTH_PREPAID", "BANDWIDTH_POSTPAID_BY_HOUR"];
const IMMEDIATE = ["TRAFFIC_POSTPAID_BY_HOUR", "BANDWIDTH_POSTPAID_BY_HOUR", "BANDWIDTH_PACKAGE"];

/**
 * By the instances' InternetChargeType (SDK ResetInstancesInternetMaxBandwidth): BANDWIDTH_PREPAID
 * needs StartTime and EndTime and only grows; the postpaid types and BANDWIDTH_PACKAGE take effect
 * at once and take no StartTime/EndTime; BANDWIDTH_PREPAID and BANDWIDTH_POSTPAID_BY_HOUR one
 * instance a call; no mixed types in a batch.
 */
export function resetInstancesInternetMaxBandwidth(
  call: Call,
  req: ResetInstancesInternetMaxBandwidthRequest,
): Record<string, unknown> {
  const instances = findInstances(call, req.InstanceIds);
  const want = req.InternetAccessible?.InternetMaxBandwidthOut;
  if (want === undefined) throw missingParameter("InternetAccessible.InternetMaxBandwidthOut");
  if (!Number.isInteger(want) || want < 0) {
    throw invalidParameterValue(
      "InternetAccessible.InternetMaxBandwidthOut",
      "not a bandwidth",
      "InvalidParameterValue.Range",
    );
  }
  const internet = (i: (typeof instances)[number]) =>
    attr<{ InternetChargeType: string; InternetMaxBandwidthOut: number }>(i, "InternetAccessible");
  const types = new Set(instances.map((i) => internet(i).InternetChargeType));
  if (types.size > 1)
    throw new ApiError("InvalidParameter", "Instances of different internet charge types cannot be mixed.");
  const [type] = types;
  if (SINGLE.includes(type) && instances.length > 1) {
    throw new ApiError("InvalidParameterValue.LimitExceeded", `${type} instances are changed one a call.`);
  }
  const dated = req.StartTime !== undefined || req.EndTime !== undefined;
  if (IMMEDIATE.includes(type) && dated) {
    throw new ApiError("InvalidParameter", `StartTime and EndTime do not apply to ${type}.`);
  }
  if (type === "BANDWIDTH_PREPAID") {
    required(req.StartTime, "StartTime");
    required(req.EndTime, "EndTime");
    if ([req.StartTime, req.EndTime].some((d) => !/^\d{4}-\d{2}-\d{2}$/.test(String(d)))) {
      throw invalidParameterValue("StartTime", "dates are YYYY-MM-DD");
    }
    if (instances.some((i) => want < internet(i).InternetMaxBandwidthOut)) {
      throw invalidParameterValue(
        "InternetAccessible.InternetMaxBandwidthOut",
        "prepaid bandwidth cannot decrease",
        "InvalidParameterValue.Range",
      );
    }
  } else if (!IMMEDIATE.includes(type)) {
    throw new ApiError(
      "UnsupportedOperation.InstanceChargeType",
      `The internet charge type ${type} is not supported.`,
    );
  }
  return operate(call, "ResetInstancesInternetMaxBandwidth", instances, refusing(...TRANSITIONAL), (i) => {
    i.attrs.InternetAccessible = { ...internet(i), InternetMaxBandwidthOut: want };
    return CVM_LIFECYCLE.processes.modify;
  });
}

/**
 * The actions that stop a running instance unless it is stopped already (ForceStop):
 * ResetInstancesType (213/15744), ResetInstancesPassword (213/15736),
 * Associate/DisassociateInstancesKeyPairs (213/15698, 213/15697); and ResetInstance (213/15724),
 * the reinstall, in either state.
 */
import type {
  AssociateInstancesKeyPairsRequest,
  DisassociateInstancesKeyPairsRequest,
  ResetInstanceRequest,
  ResetInstancesPasswordRequest,
  ResetInstancesTypeRequest,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import type { Call } from "../../call";
import type { Instance } from "../../instance";
import { ApiError } from "../../errors";
import { invalidParameterValue, missingParameter } from "../errors";
import { required } from "../common";
import { CVM_LIFECYCLE, attr, findInstances } from "./models";
import { TRANSITIONAL, operate, refusing } from "./operate";
import { checkHostName, checkLoginSettings, passwordProblem } from "./run-login";
import { checkUserData } from "./run-options";
import { checkImage, checkInstanceType } from "./run-placement";

/** Without ForceStop a running instance is refused (UnsupportedOperation.InstanceStateRunning). */
const unlessForced = (force: boolean | undefined) => refusing(...TRANSITIONAL, ...(force ? [] : ["RUNNING"]));

/** A forced stop of a running instance starts it again when the change is made. */
const forcedOr = (inst: Instance, force: boolean | undefined, otherwise = CVM_LIFECYCLE.processes.modify) =>
  force && inst.state === "RUNNING" ? CVM_LIFECYCLE.processes.forceStop : otherwise;

/** ResetInstancesType: "仅支持每次操作1个实例"; system disks CLOUD_BASIC, CLOUD_PREMIUM, CLOUD_SSD, CLOUD_BSSD only. */
export function resetInstancesType(call: Call, req: ResetInstancesTypeRequest): Record<string, unknown> {
  const instances = findInstances(call, req.InstanceIds);
  if (instances.length > 1) {
    throw new ApiError(
      "InvalidParameterValue.LimitExceeded",
      "ResetInstancesType takes one instance a call.",
    );
  }
  const [inst] = instances;
  const name = required(req.InstanceType, "InstanceType");
  const type = checkInstanceType(call, name, String(inst.attrs.InstanceChargeType), inst.zone);
  const disk = attr<{ DiskType: string }>(inst, "SystemDisk").DiskType;
  if (!["CLOUD_BASIC", "CLOUD_PREMIUM", "CLOUD_SSD", "CLOUD_BSSD"].includes(disk)) {
    throw new ApiError(
      "UnsupportedOperation.SystemDiskType",
      `The system disk type \`${disk}\` is not supported.`,
    );
  }
  const family = String(inst.attrs.InstanceType).split(".")[0];
  if (inst.state === "STOPPED" && inst.attrs.StopChargingMode === "STOP_CHARGING" && family === type.family) {
    throw new ApiError(
      "UnsupportedOperation.StoppedModeStopChargingSameFamily",
      "An instance stopped without charging cannot change to a type of the same family.",
    );
  }
  return operate(call, "ResetInstancesType", instances, unlessForced(req.ForceStop), (i) => {
    Object.assign(i.attrs, {
      InstanceType: type.instanceType,
      CPU: type.cpu,
      Memory: type.memory,
      GPU: type.gpu,
    });
    return forcedOr(i, req.ForceStop, CVM_LIFECYCLE.processes.resize);
  });
}

/**
 * ResetInstancesPassword: "如果没有显式指定强制关机参数，则只有处于关机状态的实例才允许执行重置密码操作";
 * the Linux and Windows rules of RunInstances (InvalidParameterValue.InvalidPassword); UserName at
 * most 64 characters. The password is recorded (attrs.Password), never described.
 */
export function resetInstancesPassword(
  call: Call,
  req: ResetInstancesPasswordRequest,
): Record<string, unknown> {
  const instances = findInstances(call, req.InstanceIds);
  const password = required(req.Password, "Password");
  // "混合批量时以Windows规则为准".
  const problem = passwordProblem(
    password,
    instances.some((i) => Boolean(i.attrs.Windows)),
  );
  if (problem) throw new ApiError("InvalidParameterValue.InvalidPassword", `Invalid password: ${problem}.`);
  if ((req.UserName ?? "").length > 64) {
    throw invalidParameterValue("UserName", "at most 64 characters", "InvalidParameterValue.TooLong");
  }
  return operate(call, "ResetInstancesPassword", instances, unlessForced(req.ForceStop), (inst) => {
    inst.attrs.Password = password;
    return forcedOr(inst, req.ForceStop);
  });
}

type KeyPairsRequest = AssociateInstancesKeyPairsRequest | DisassociateInstancesKeyPairsRequest;

/** KeyIds: at most 100, shaped skey-xxxxxxxx; Linux instances only (UnsupportedOperation.InstanceOsWindows). */
function keyPairs(
  call: Call,
  action: string,
  req: KeyPairsRequest,
  change: (have: string[], keys: string[]) => string[],
) {
  const instances = findInstances(call, req.InstanceIds);
  const keys = req.KeyIds ?? [];
  if (keys.length === 0) throw missingParameter("KeyIds");
  if (keys.length > 100) throw new ApiError("InvalidParameterValue.LimitExceeded", "At most 100 KeyIds.");
  const bad = keys.find((k) => !/^skey-[a-z0-9]{8}$/.test(k));
  if (bad !== undefined)
    throw new ApiError("InvalidKeyPairId.Malformed", `The key pair id \`${bad}\` is malformed.`);
  const windows = instances.find((i) => i.attrs.Windows);
  if (windows) {
    throw new ApiError(
      "UnsupportedOperation.InstanceOsWindows",
      `The instance \`${windows.id}\` runs Windows.`,
    );
  }
  return operate(call, action, instances, unlessForced(req.ForceStop), (inst) => {
    inst.attrs.KeyIds = change(attr<string[]>(inst, "KeyIds"), keys);
    return forcedOr(inst, req.ForceStop);
  });
}

export const associateInstancesKeyPairs = (call: Call, req: AssociateInstancesKeyPairsRequest) =>
  keyPairs(call, "AssociateInstancesKeyPairs", req, (have, keys) => [...new Set([...have, ...keys])]);

export const disassociateInstancesKeyPairs = (call: Call, req: DisassociateInstancesKeyPairsRequest) =>
  keyPairs(call, "DisassociateInstancesKeyPairs", req, (have, keys) => have.filter((k) => !keys.includes(k)));

/**
 * ResetInstance, the reinstall: ImageId (default the current one), SystemDisk ("系统盘大小只支持扩容不支持缩容；
 * 重装只支持修改系统盘的大小，不能修改系统盘的类型"), LoginSettings, HostName, UserData as in RunInstances.
 */
export function resetInstance(call: Call, req: ResetInstanceRequest): Record<string, unknown> {
  const instances = findInstances(call, [required(req.InstanceId, "InstanceId")]);
  const [inst] = instances;
  const image = checkImage(call, req.ImageId ?? String(inst.attrs.ImageId));
  const windows = image.platform === "WINDOWS";
  const keyIds = checkLoginSettings(req.LoginSettings, windows);
  const disk = attr<{ DiskType: string; DiskSize: number }>(inst, "SystemDisk");
  const size = req.SystemDisk?.DiskSize ?? disk.DiskSize;
  if (size < disk.DiskSize)
    throw invalidParameterValue("SystemDisk.DiskSize", "the system disk cannot shrink");
  if (req.SystemDisk?.DiskType !== undefined && req.SystemDisk.DiskType !== disk.DiskType) {
    throw invalidParameterValue("SystemDisk.DiskType", "a reinstall cannot change the system disk type");
  }
  checkHostName(req.HostName, windows, 1, "InvalidParameter.HostNameIllegal");
  checkUserData(req.UserData);
  return operate(call, "ResetInstance", instances, refusing(...TRANSITIONAL), (i) => {
    Object.assign(i.attrs, {
      ImageId: image.imageId,
      OsName: image.osName,
      Windows: windows,
      KeyIds: keyIds,
      Password: req.LoginSettings?.Password,
      SystemDisk: { ...disk, DiskSize: size },
      ...(req.HostName !== undefined ? { HostName: req.HostName } : {}),
    });
    return CVM_LIFECYCLE.processes.modify;
  });
}

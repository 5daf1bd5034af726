/**
 * RunInstances (doc): the machine (module, image, type, disks, bandwidth) and the other
 * parameters - login, names, user data, charge type, security groups, tags, enhanced services.
 * ModifyInstancesAttribute shares the security group rule.
 */
import type {
  DataDisk,
  RunInstancesRequest,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/ecm/v20190719/ecm_models";
import type { World } from "../../world";
import type { EcmModule, Image, InstanceType } from "../../catalogue";
import { ApiError } from "../../errors";
import { invalidParameterValue, missingParameter } from "../errors";
import { checkNameLength, required } from "../common";

const SYSTEM_DISK_TYPES = ["LOCAL_BASIC", "CLOUD_PREMIUM", "CLOUD_BASIC"];
const DATA_DISK_TYPES = ["LOCAL_BASIC", "CLOUD_PREMIUM"];
const PASSWORD_SPECIALS = "()~!@#$%^&-+=|{}[]:;',.?/";

export interface MachineConfig {
  module?: EcmModule;
  image: Image;
  type: InstanceType;
  systemDisk: { DiskType: string; DiskSize: number };
  dataDisks: Array<{ DiskType: string; DiskSize: number }>;
  bandwidthOut: number;
  bandwidthIn: number;
}

/**
 * ModuleId, ImageId, InstanceType, disks and bandwidth: "If you don't specify [ModuleId], you must
 * specify the ImageId, InstanceType, DataDiskSize, and InternetMaxBandwidthOut parameters" (doc);
 * with a module, what is not given (or 0) comes from the module.
 */
export function readMachineConfig(world: World, req: RunInstancesRequest): MachineConfig {
  const ecm = world.catalogue.tencent.ecm;
  const moduleId = req.ModuleId;
  const module = moduleId ? ecm.modules.find((m) => m.moduleId === moduleId) : undefined;
  if (moduleId && !module) {
    throw new ApiError("InvalidParameterValue.InvalidModuleID", `The module \`${moduleId}\` does not exist.`);
  }
  const imageId = req.ImageId || module?.imageId;
  const typeName = req.InstanceType || module?.instanceType;
  if (!typeName) {
    throw new ApiError(
      "InvalidParameterValue.InvalidModuleIDAndInstanceTypeID",
      "The ModuleId and InstanceType parameters cannot be both empty.",
    );
  }
  if (!imageId) throw missingParameter("ImageId");
  const image = ecm.images.find((i) => i.imageId === imageId);
  if (!image) {
    throw new ApiError("InvalidParameterValue.InvalidImageID", `The image \`${imageId}\` is invalid.`);
  }
  const type = ecm.instanceTypes.find((t) => t.instanceType === typeName);
  if (!type) {
    throw new ApiError(
      "InvalidParameterValue.InvalidInstanceTypeConfigID",
      `The instance type \`${typeName}\` is invalid.`,
    );
  }
  return { module, image, type, ...readDisks(req, module), ...readBandwidth(req, module) };
}

/**
 * SystemDiskSize / SystemDisk, DataDiskSize / DataDisks (doc; disk types from SDK SystemDisk.DiskType,
 * DataDisk.DiskType). SystemDisk.DiskId: "This parameter is currently unavailable" (SDK): accepted, ignored.
 */
function readDisks(
  req: RunInstancesRequest,
  module?: EcmModule,
): Pick<MachineConfig, "systemDisk" | "dataDisks"> {
  const systemType = req.SystemDisk?.DiskType ?? "CLOUD_BASIC";
  if (!SYSTEM_DISK_TYPES.includes(systemType)) {
    throw new ApiError(
      "InvalidParameterValue.InvalidSystemDiskType",
      `The system disk type \`${systemType}\` is invalid.`,
    );
  }
  const systemSize = nonNegative(req.SystemDiskSize, "SystemDiskSize", "InvalidSystemDiskSize");
  const systemSizeInStruct = req.SystemDisk?.DiskSize;
  if (systemSizeInStruct !== undefined && systemSizeInStruct < 0) {
    throw new ApiError(
      "InvalidParameterValue.InvalidSystemDiskSize",
      "`SystemDisk.DiskSize` must not be negative.",
    );
  }
  // "If you don't specify this parameter or specify it as 0, the default value under the module will be used"
  // (doc).
  const systemDiskSize = systemSizeInStruct || systemSize || module?.systemDiskSize || 50;

  const dataDisks = (req.DataDisks ?? []).map((d, i) => readDataDisk(d, `DataDisks.${i}`));
  const dataSize = nonNegative(req.DataDiskSize, "DataDiskSize", "InvalidDataDiskSize");
  if (!module && !dataSize && dataDisks.length === 0) throw missingParameter("DataDiskSize");
  const dataDiskSize = dataSize || module?.dataDiskSize || 0;
  if (dataDisks.length === 0 && dataDiskSize > 0) {
    dataDisks.push({ DiskType: "LOCAL_BASIC", DiskSize: dataDiskSize });
  }
  return { systemDisk: { DiskType: systemType, DiskSize: systemDiskSize }, dataDisks };
}

function readDataDisk(d: DataDisk, path: string): { DiskType: string; DiskSize: number } {
  const size = required(d.DiskSize, `${path}.DiskSize`);
  if (size <= 0) {
    throw new ApiError("InvalidParameterValue.InvalidDataDiskSize", `\`${path}.DiskSize\` must be positive.`);
  }
  const type = d.DiskType ?? "LOCAL_BASIC";
  if (!DATA_DISK_TYPES.includes(type)) {
    throw new ApiError(
      "InvalidParameterValue.InvalidDataDiskType",
      `The data disk type \`${type}\` is invalid.`,
    );
  }
  return { DiskType: type, DiskSize: size };
}

/**
 * InternetMaxBandwidthOut / In: 0 or absent means the module's default; without a module, the
 * other direction's value (doc). Without a module at least one must be given (doc: ModuleId).
 */
function readBandwidth(
  req: RunInstancesRequest,
  module?: EcmModule,
): Pick<MachineConfig, "bandwidthOut" | "bandwidthIn"> {
  const out = nonNegative(req.InternetMaxBandwidthOut, "InternetMaxBandwidthOut", "InvalidBandwidth");
  const inn = nonNegative(req.InternetMaxBandwidthIn, "InternetMaxBandwidthIn", "InvalidBandwidthIn");
  const bandwidthOut = out || module?.bandwidth || inn;
  const bandwidthIn = inn || module?.bandwidth || out;
  if (!bandwidthOut) throw missingParameter("InternetMaxBandwidthOut");
  return { bandwidthOut, bandwidthIn: bandwidthIn || bandwidthOut };
}

/** Password, KeyIds and KeepImageLogin: one at a time (doc, InvalidParameter.ParameterConflict). */
export function readLogin(req: RunInstancesRequest, image: Image): Record<string, unknown> {
  const { Password: password, KeyIds: keyIds, KeepImageLogin: keep } = req;
  const given = [password !== undefined, keyIds !== undefined && keyIds.length > 0, keep !== undefined];
  if (given.filter(Boolean).length > 1) {
    throw new ApiError(
      "InvalidParameter.ParameterConflict",
      "Only KeepImageLogin, Password, or KeyIds can be used at a time.",
    );
  }
  // KeepImageLogin: TRUE or FALSE (doc).
  if (keep !== undefined && keep !== "TRUE" && keep !== "FALSE") {
    throw invalidParameterValue("KeepImageLogin", "TRUE or FALSE");
  }
  if (password !== undefined) checkPassword(password, image.platform);
  const badKey = keyIds?.find((k) => !/^skey-[a-z0-9]{8}$/.test(k));
  if (badKey !== undefined) throw invalidParameterValue("KeyIds", `\`${badKey}\` is not a key pair id`);
  return { KeyIds: keyIds ?? [], KeepImageLogin: keep ?? "FALSE" };
}

/**
 * "Linux: 8–30 characters in at least two of: letters, digits, and special symbols
 * [( ) ~ ! @ # $ % ^ & - + = | { } [ ] : ; ' , . ? /]. Windows: 12–30 characters in at least three" (doc).
 */
function checkPassword(password: string, platform: Image["platform"]): void {
  const [min, classes] = platform === "WINDOWS" ? [12, 3] : [8, 2];
  const allowed = [...password].every((c) => /[A-Za-z0-9]/.test(c) || PASSWORD_SPECIALS.includes(c));
  const found = [/[A-Za-z]/, /[0-9]/, /[()~!@#$%^&\-+=|{}[\]:;',.?/]/].filter((r) => r.test(password)).length;
  if (password.length < min || password.length > 30 || !allowed || found < classes) {
    throw new ApiError(
      "InvalidParameterValue.InvaildPassword",
      `The password is invalid: a ${platform === "WINDOWS" ? "Windows" : "Linux"} password has ${min} to 30 characters ` +
        `of at least ${classes} kinds among letters, digits and ${PASSWORD_SPECIALS}.`,
    );
  }
}

/** InstanceName: "up to 60 characters (including pattern string)" (doc). */
export function readInstanceName(req: { InstanceName?: string }): string | undefined {
  return checkNameLength(req.InstanceName, 60);
}

/**
 * HostName: no dot or hyphen first, last or twice in a row; Windows 2-15 letters, digits and
 * hyphens, not only digits; others 2-60, dot-separated segments of letters, digits, hyphens (doc).
 */
export function readHostName(req: RunInstancesRequest, image: Image): string | undefined {
  const host = req.HostName;
  if (host === undefined) return undefined;
  const edges = /^[.-]|[.-]$|[.-]{2}/.test(host);
  const valid =
    image.platform === "WINDOWS"
      ? /^[A-Za-z0-9-]{2,15}$/.test(host) && !/^[0-9]+$/.test(host)
      : /^[A-Za-z0-9.-]{2,60}$/.test(host);
  if (edges || !valid) {
    throw new ApiError("InvalidParameterValue.InvaildHostName", `HostName \`${host}\` is invalid.`);
  }
  return host;
}

/** UserData: "Base64-encoded with a maximum size of 16 KB" (doc). */
export function readUserData(req: RunInstancesRequest): string | undefined {
  const data = req.UserData;
  if (data === undefined) return undefined;
  const base64 = data.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(data);
  if (!base64 || data.length > 16 * 1024) {
    throw new ApiError(
      "InvalidParameter.InvalidDataFormat",
      "UserData must be Base64-encoded and at most 16 KB.",
    );
  }
  return data;
}

/**
 * InstanceChargeType: 0 (non-GNR models only), 1 and 2 (GNR models only); default 0 for non-GNR,
 * 2 for GNR (doc).
 */
export function readChargeType(req: RunInstancesRequest, type: InstanceType): number {
  const gnr = type.family.toUpperCase().startsWith("GNR");
  const chargeType = req.InstanceChargeType ?? (gnr ? 2 : 0);
  if (![0, 1, 2].includes(chargeType)) {
    throw new ApiError(
      "InvalidParameterValue.InvalidInstanceChargeType",
      `The instance charge type \`${chargeType}\` is invalid: 0, 1 or 2.`,
    );
  }
  if ((chargeType === 0) === gnr) {
    throw new ApiError(
      "InvalidParameterValue.UnmatchedBillingType",
      `The model \`${type.instanceType}\` does not support the charge type ${chargeType}.`,
    );
  }
  return chargeType;
}

/** Security group ids of the catalogue (doc: InvalidParameterValue.InvalidSecurityGroupID). */
export function readSecurityGroups(world: World, ids: string[] | undefined): string[] | undefined {
  const unknown = ids?.find((id) => !world.catalogue.tencent.securityGroups.includes(id));
  if (unknown !== undefined) {
    throw new ApiError(
      "InvalidParameterValue.InvalidSecurityGroupID",
      `The security group \`${unknown}\` is invalid.`,
    );
  }
  return ids;
}

/** TagSpecification.N: ResourceType "instance" or "module", Tags [{Key, Value}] (SDK TagSpecification). */
export function readTagSpecification(req: RunInstancesRequest): Record<string, string> {
  const tags: Record<string, string> = {};
  (req.TagSpecification ?? []).forEach((spec, i) => {
    const path = `TagSpecification.${i}`;
    const resourceType = required(spec.ResourceType, `${path}.ResourceType`);
    if (resourceType !== "instance" && resourceType !== "module") {
      throw invalidParameterValue(`${path}.ResourceType`, 'only "instance" and "module" are supported');
    }
    required(spec.Tags, `${path}.Tags`).forEach((tag, j) => {
      const tagPath = `${path}.Tags.${j}`;
      const key = required(tag.Key, `${tagPath}.Key`);
      const value = required(tag.Value, `${tagPath}.Value`);
      if (!key) throw invalidParameterValue(`${tagPath}.Key`, "empty tag key");
      if (resourceType === "instance") tags[key] = value;
    });
  });
  return tags;
}

/**
 * EnhancedService: SecurityService {Enabled, Version (only 0, the basic edition)}, MonitorService
 * {Enabled}, EIPDirectService {Enabled; Windows images do not support it} (SDK EnhancedService).
 */
export function readEnhancedService(req: RunInstancesRequest, image: Image): Record<string, unknown> {
  const {
    SecurityService: security,
    MonitorService: monitor,
    EIPDirectService: eip,
  } = req.EnhancedService ?? {};
  if ((security?.Version ?? 0) !== 0) {
    throw invalidParameterValue("EnhancedService.SecurityService.Version", "only 0 (basic) is supported");
  }
  const eipEnabled = eip?.Enabled ?? image.platform !== "WINDOWS";
  if (eipEnabled && image.platform === "WINDOWS") {
    throw new ApiError(
      "InvalidParameterValue.InvalidEIPDirectService",
      "Windows images do not support IP direct access.",
    );
  }
  return {
    SecurityService: security?.Enabled ?? true,
    MonitorService: monitor?.Enabled ?? true,
    EIPDirectService: eipEnabled,
  };
}

/** A size or bandwidth: an integer >= 0, else the given InvalidParameterValue.* code. */
function nonNegative(value: number | undefined, name: string, code: string): number {
  const v = value ?? 0;
  if (v < 0) throw new ApiError(`InvalidParameterValue.${code}`, `\`${name}\` must not be negative.`);
  return v;
}

export function isIpv4(ip: string): boolean {
  const parts = ip.split(".");
  return parts.length === 4 && parts.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255);
}

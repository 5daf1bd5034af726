/**
 * Tencent Cloud ECM (edge computing machine), API 2019-07-19: RunInstances, DescribeInstances,
 * TerminateInstances, ModifyInstancesAttribute.
 *
 * Sources, cited at each rule:
 * - "doc": ECM RunInstances 2019-07-19, https://www.tencentcloud.com/document/product/1119/45708 (with its error codes).
 * - "SDK <Model>.<Field>": the request models of tencentcloud-sdk-nodejs
 *   (tencentcloud/services/ecm/v20190719/ecm_models.d.ts), for what the document does not state.
 * - "SDK errors <Action>": the per-action error lists of tencentcloud-sdk-go ecm/v20190719/client.go.
 *
 * ECM calls may carry no X-TC-Region ("Region: not required", doc): an instance's region is its
 * zone's ECM region, and an account sees all of its ECM instances whatever the call's region.
 */
import { randomUUID } from "node:crypto";
import type { Call, Handlers } from "../call";
import { Lifecycle, SAME } from "../lifecycle";
import type { EcmModule, EcmZone, Image, InstanceType } from "../catalogue";
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

export const ecmHandlers: Handlers = {
  RunInstances: runInstances,
  DescribeInstances: describeInstances,
  TerminateInstances: terminateInstances,
  ModifyInstancesAttribute: modifyInstancesAttribute,
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
const INSTANCE_ID = /^ein-[a-z0-9]{8}$/;
const UNNAMED = "未命名";

// ---- RunInstances -----------------------------------------------------------------------------

const RUN_PARAMS = [
  "ZoneInstanceCountISPSet",
  "Password",
  "InternetMaxBandwidthOut",
  "ModuleId",
  "ImageId",
  "InstanceName",
  "HostName",
  "ClientToken",
  "EnhancedService",
  "TagSpecification",
  "UserData",
  "InstanceType",
  "DataDiskSize",
  "SecurityGroupIds",
  "SystemDiskSize",
  "InternetMaxBandwidthIn",
  "InstanceChargeType",
  "KeyIds",
  "KeepImageLogin",
  "SystemDisk",
  "DataDisks",
];

interface Placement {
  zone: EcmZone;
  count: number;
  isp: string;
  vpcId?: string;
  subnetId?: string;
  privateIps?: string[];
  ipv6AddressCount?: number;
}

interface MachineConfig {
  module?: EcmModule;
  image: Image;
  type: InstanceType;
  systemDisk: { DiskType: string; DiskSize: number };
  dataDisks: Array<{ DiskType: string; DiskSize: number }>;
  bandwidthOut: number;
  bandwidthIn: number;
}

function runInstances(call: Call): Record<string, unknown> {
  const { world, params: p } = call;
  allowOnly(p, RUN_PARAMS);
  const placements = readPlacements(world, p);
  const config = readMachineConfig(world, p);
  const login = readLogin(p, config.image);
  const baseName = readInstanceName(p);
  const hostName = readHostName(p, config.image);
  const userData = readUserData(p);
  const chargeType = readChargeType(p, config.type);
  // "If this parameter is not specified, the default security group will be bound" (doc).
  const defaultGroups = world.catalogue.tencent.securityGroups.slice(0, 1);
  const securityGroupIds = readSecurityGroups(world, p, "SecurityGroupIds") ?? defaultGroups;
  const tags = readTagSpecification(p);
  const enhancedService = readEnhancedService(p, config.image);
  // ClientToken: "Currently, it is a reserved parameter; therefore, do not use it" (doc): accepted, ignored.
  optStr(p, "ClientToken");
  world.checkStock(
    config.type.instanceType,
    "ResourcesSoldOut.SpecifiedInstanceType",
    `The instance type \`${config.type.instanceType}\` is sold out.`,
  );

  const names = instanceNames(baseName, placements);
  const ids: string[] = [];
  placements.forEach((placement, i) => {
    for (let n = 0; n < placement.count; n++) {
      const attrs = {
        ...login,
        ModuleId: config.module?.moduleId,
        ImageId: config.image.imageId,
        InstanceType: config.type.instanceType,
        SystemDisk: config.systemDisk,
        DataDisks: config.dataDisks,
        InternetMaxBandwidthOut: config.bandwidthOut,
        InternetMaxBandwidthIn: config.bandwidthIn,
        ISP: placement.isp,
        VpcId: placement.vpcId,
        SubnetId: placement.subnetId,
        Ipv6AddressCount: placement.ipv6AddressCount ?? 0,
        SecurityGroupIds: securityGroupIds,
        InstanceChargeType: chargeType,
        HostName: hostName,
        UserData: userData,
        EnhancedService: enhancedService,
        UUID: randomUUID(),
      };
      const inst = world.launch(
        {
          id: world.newId("ein-"),
          service: "ecm",
          account: call.account,
          region: placement.zone.region,
          zone: placement.zone.zone,
          name: names[i][n],
          privateIps: [placement.privateIps?.[n] ?? world.nextPrivateIp()],
          publicIps: placement.isp.split(";").map(() => world.nextPublicIp()),
          tags: { ...tags },
          attrs,
          latestOperation: { name: "RunInstances", state: "OPERATING", requestId: call.requestId },
        },
        LIFECYCLE,
      );
      ids.push(inst.id);
    }
  });
  return { InstanceIdSet: ids };
}

const PLACEMENT_PARAMS = [
  "Zone",
  "InstanceCount",
  "ISP",
  "VpcId",
  "SubnetId",
  "PrivateIpAddresses",
  "Ipv6AddressCount",
  "Ipv6SubnetIds",
];

/** ZoneInstanceCountISPSet.N (required): zones from the catalogue, ISPs of the zone, <= 100 per region. */
function readPlacements(world: World, p: Obj): Placement[] {
  const items = optObjList(p, "ZoneInstanceCountISPSet");
  if (!items || items.length === 0) throw missingParameter("ZoneInstanceCountISPSet");
  const placements = items.map((item, i) => readPlacement(world, item, `ZoneInstanceCountISPSet.${i}`));
  // "You can create up to 100 instances in a region at a time" (doc).
  const perRegion = new Map<string, number>();
  for (const pl of placements) perRegion.set(pl.zone.region, (perRegion.get(pl.zone.region) ?? 0) + pl.count);
  for (const [region, count] of perRegion) {
    if (count > 100) {
      throw new ApiError(
        "InvalidParameterValue.InvalidZoneInstanceCount",
        `At most 100 instances can be created in a region at a time; ${count} were requested in \`${region}\`.`,
      );
    }
  }
  return placements;
}

function readPlacement(world: World, item: Obj, path: string): Placement {
  allowOnly(item, PLACEMENT_PARAMS, path);
  const zoneName = required(optStr(item, "Zone", path), `${path}.Zone`);
  const count = required(optInt(item, "InstanceCount", path), `${path}.InstanceCount`);
  const isp = required(optStr(item, "ISP", path), `${path}.ISP`);
  const zone = world.catalogue.tencent.ecm.zones.find((z) => z.zone === zoneName);
  if (!zone) throw new ApiError("InvalidParameterValue.InvalidZone", `The zone \`${zoneName}\` is invalid.`);
  if (count < 1) {
    throw new ApiError(
      "InvalidParameterValue.InvalidZoneInstanceCount",
      `\`${path}.InstanceCount\` must be at least 1.`,
    );
  }
  checkIsp(zone, isp, path);
  const vpcId = optStr(item, "VpcId", path);
  const subnetId = optStr(item, "SubnetId", path);
  const privateIps = optStrList(item, "PrivateIpAddresses", path);
  // "SubnetId and VpcId must both be specified or both be omitted" (SDK ZoneInstanceCountISP.VpcId).
  if ((vpcId === undefined) !== (subnetId === undefined)) {
    throw invalidValue(`${path}.SubnetId`, "SubnetId and VpcId must both be specified or both be omitted");
  }
  if (vpcId !== undefined && !/^vpc-[a-z0-9]{8}$/.test(vpcId))
    throw invalidValue(`${path}.VpcId`, "malformed VPC id");
  if (subnetId !== undefined && !/^subnet-[a-z0-9]{8}$/.test(subnetId)) {
    throw new ApiError("InvalidParameterValue.SubnetNotExist", `The subnet \`${subnetId}\` does not exist.`);
  }
  if (privateIps) checkPrivateIps(privateIps, count, vpcId, path);
  const ipv6AddressCount = readIpv6(item, isp, path);
  return { zone, count, isp, vpcId, subnetId, privateIps, ipv6AddressCount };
}

/**
 * ISP: CTCC, CUCC, CMCC, or "CMCC;CUCC;CTCC" for three networks (SDK ZoneInstanceCountISP.ISP), offered by
 * the zone.
 */
function checkIsp(zone: EcmZone, isp: string, path: string): void {
  const parts = isp.split(";");
  const threeNetworks = parts.length === 3 && new Set(parts).size === 3;
  const ok = (parts.length === 1 || threeNetworks) && parts.every((x) => zone.isps.includes(x));
  if (!ok) {
    throw new ApiError(
      "InvalidParameterValue.InvalidISPInNode",
      `The ISP \`${isp}\` of \`${path}.ISP\` is not offered in zone \`${zone.zone}\` (${zone.isps.join(", ")}).`,
    );
  }
}

/**
 * PrivateIpAddresses: only with VpcId and SubnetId, one IP per instance (SDK
 * ZoneInstanceCountISP.PrivateIpAddresses).
 */
function checkPrivateIps(ips: string[], count: number, vpcId: string | undefined, path: string): void {
  const name = `${path}.PrivateIpAddresses`;
  if (vpcId === undefined) throw invalidValue(name, "private IPs need VpcId and SubnetId");
  if (ips.length !== count) throw invalidValue(name, `${ips.length} IPs given for ${count} instances`);
  const bad = ips.find((ip) => !isIpv4(ip));
  if (bad) throw invalidValue(name, `\`${bad}\` is not an IPv4 address`);
  if (new Set(ips).size !== ips.length) {
    throw new ApiError("InvalidParameterValue.Duplicate", `\`${name}\` holds the same IP twice.`);
  }
}

/**
 * Ipv6AddressCount: 1 with a single ISP, 3 with three networks; Ipv6SubnetIds: three distinct subnets (SDK
 * ZoneInstanceCountISP).
 */
function readIpv6(item: Obj, isp: string, path: string): number | undefined {
  const count = optInt(item, "Ipv6AddressCount", path);
  const expected = isp.includes(";") ? 3 : 1;
  if (count !== undefined && count !== 0 && count !== expected) {
    throw invalidValue(`${path}.Ipv6AddressCount`, `must be ${expected} with ISP ${isp}`);
  }
  const subnets = optStrList(item, "Ipv6SubnetIds", path);
  if (subnets !== undefined && (subnets.length !== 3 || new Set(subnets).size !== 3)) {
    throw invalidValue(`${path}.Ipv6SubnetIds`, "exactly three different subnets are required");
  }
  return count;
}

/**
 * ModuleId, ImageId, InstanceType, disks and bandwidth: "If you don't specify [ModuleId], you must
 * specify the ImageId, InstanceType, DataDiskSize, and InternetMaxBandwidthOut parameters" (doc);
 * with a module, what is not given (or 0) comes from the module.
 */
function readMachineConfig(world: World, p: Obj): MachineConfig {
  const ecm = world.catalogue.tencent.ecm;
  const moduleId = optStr(p, "ModuleId");
  const module = moduleId ? ecm.modules.find((m) => m.moduleId === moduleId) : undefined;
  if (moduleId && !module) {
    throw new ApiError("InvalidParameterValue.InvalidModuleID", `The module \`${moduleId}\` does not exist.`);
  }
  const imageId = optStr(p, "ImageId") || module?.imageId;
  const typeName = optStr(p, "InstanceType") || module?.instanceType;
  if (!typeName) {
    throw new ApiError(
      "InvalidParameterValue.InvalidModuleIDAndInstanceTypeID",
      "The ModuleId and InstanceType parameters cannot be both empty.",
    );
  }
  if (!imageId) throw missingParameter("ImageId");
  const image = ecm.images.find((i) => i.imageId === imageId);
  if (!image)
    throw new ApiError("InvalidParameterValue.InvalidImageID", `The image \`${imageId}\` is invalid.`);
  const type = ecm.instanceTypes.find((t) => t.instanceType === typeName);
  if (!type) {
    throw new ApiError(
      "InvalidParameterValue.InvalidInstanceTypeConfigID",
      `The instance type \`${typeName}\` is invalid.`,
    );
  }
  return { module, image, type, ...readDisks(p, module), ...readBandwidth(p, module) };
}

const SYSTEM_DISK_TYPES = ["LOCAL_BASIC", "CLOUD_PREMIUM", "CLOUD_BASIC"];
const DATA_DISK_TYPES = ["LOCAL_BASIC", "CLOUD_PREMIUM"];

/**
 * SystemDiskSize / SystemDisk, DataDiskSize / DataDisks (doc; disk types from SDK SystemDisk.DiskType,
 * DataDisk.DiskType).
 */
function readDisks(p: Obj, module?: EcmModule): Pick<MachineConfig, "systemDisk" | "dataDisks"> {
  const systemDisk = optObj(p, "SystemDisk");
  if (systemDisk) allowOnly(systemDisk, ["DiskType", "DiskId", "DiskSize"], "SystemDisk");
  const systemType = (systemDisk && optStr(systemDisk, "DiskType", "SystemDisk")) ?? "CLOUD_BASIC";
  if (!SYSTEM_DISK_TYPES.includes(systemType)) {
    throw new ApiError(
      "InvalidParameterValue.InvalidSystemDiskType",
      `The system disk type \`${systemType}\` is invalid.`,
    );
  }
  // DiskId: "This parameter is currently unavailable" (SDK SystemDisk.DiskId): accepted, ignored.
  optStr(systemDisk ?? {}, "DiskId", "SystemDisk");
  const systemSize = nonNegative(p, "SystemDiskSize", "InvalidSystemDiskSize");
  const systemSizeInStruct = systemDisk ? optInt(systemDisk, "DiskSize", "SystemDisk") : undefined;
  if (systemSizeInStruct !== undefined && systemSizeInStruct < 0) {
    throw new ApiError(
      "InvalidParameterValue.InvalidSystemDiskSize",
      "`SystemDisk.DiskSize` must not be negative.",
    );
  }
  // "If you don't specify this parameter or specify it as 0, the default value under the module will be used"
  // (doc).
  const systemDiskSize = systemSizeInStruct || systemSize || module?.systemDiskSize || 50;

  const dataDisks = (optObjList(p, "DataDisks") ?? []).map((d, i) => readDataDisk(d, `DataDisks.${i}`));
  const dataSize = nonNegative(p, "DataDiskSize", "InvalidDataDiskSize");
  if (!module && !dataSize && dataDisks.length === 0) throw missingParameter("DataDiskSize");
  const dataDiskSize = dataSize || module?.dataDiskSize || 0;
  if (dataDisks.length === 0 && dataDiskSize > 0)
    dataDisks.push({ DiskType: "LOCAL_BASIC", DiskSize: dataDiskSize });
  return { systemDisk: { DiskType: systemType, DiskSize: systemDiskSize }, dataDisks };
}

function readDataDisk(d: Obj, path: string): { DiskType: string; DiskSize: number } {
  allowOnly(d, ["DiskSize", "DiskType"], path);
  const size = required(optInt(d, "DiskSize", path), `${path}.DiskSize`);
  if (size <= 0)
    throw new ApiError("InvalidParameterValue.InvalidDataDiskSize", `\`${path}.DiskSize\` must be positive.`);
  const type = optStr(d, "DiskType", path) ?? "LOCAL_BASIC";
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
function readBandwidth(p: Obj, module?: EcmModule): Pick<MachineConfig, "bandwidthOut" | "bandwidthIn"> {
  const out = nonNegative(p, "InternetMaxBandwidthOut", "InvalidBandwidth");
  const inn = nonNegative(p, "InternetMaxBandwidthIn", "InvalidBandwidthIn");
  const bandwidthOut = out || module?.bandwidth || inn;
  const bandwidthIn = inn || module?.bandwidth || out;
  if (!bandwidthOut) throw missingParameter("InternetMaxBandwidthOut");
  return { bandwidthOut, bandwidthIn: bandwidthIn || bandwidthOut };
}

/** Password, KeyIds and KeepImageLogin: one at a time (doc, InvalidParameter.ParameterConflict). */
function readLogin(p: Obj, image: Image): Record<string, unknown> {
  const password = optStr(p, "Password");
  const keyIds = optStrList(p, "KeyIds");
  const keep = optStr(p, "KeepImageLogin");
  const given = [password !== undefined, keyIds !== undefined && keyIds.length > 0, keep !== undefined];
  if (given.filter(Boolean).length > 1) {
    throw new ApiError(
      "InvalidParameter.ParameterConflict",
      "Only KeepImageLogin, Password, or KeyIds can be used at a time.",
    );
  }
  // KeepImageLogin: TRUE or FALSE (doc).
  if (keep !== undefined && keep !== "TRUE" && keep !== "FALSE")
    throw invalidValue("KeepImageLogin", "TRUE or FALSE");
  if (password !== undefined) checkPassword(password, image.platform);
  const badKey = keyIds?.find((k) => !/^skey-[a-z0-9]{8}$/.test(k));
  if (badKey !== undefined) throw invalidValue("KeyIds", `\`${badKey}\` is not a key pair id`);
  return { KeyIds: keyIds ?? [], KeepImageLogin: keep ?? "FALSE" };
}

const PASSWORD_SPECIALS = "()~!@#$%^&-+=|{}[]:;',.?/";

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
function readInstanceName(p: Obj): string | undefined {
  const name = optStr(p, "InstanceName");
  if (name !== undefined && name.length > 60) {
    throw new ApiError(
      "InvalidParameterValue.InstanceNameTooLong",
      `The instance name has ${name.length} characters; at most 60 are allowed.`,
    );
  }
  return name;
}

const NAME_PATTERN = /\{R:(\d+)\}/;

/**
 * Display names: {R:x} patterns count from x; without a pattern several instances get the
 * suffixes 1..n; "if the purchased instances belong to different regions or ISPs, the above rules
 * apply to each region and ISP independently"; no name shows "Not named" (doc; 未命名 in the SDK doc).
 */
function instanceNames(base: string | undefined, placements: Placement[]): string[][] {
  const key = (pl: Placement) => `${pl.zone.region}|${pl.isp}`;
  const groupSize = new Map<string, number>();
  for (const pl of placements) groupSize.set(key(pl), (groupSize.get(key(pl)) ?? 0) + pl.count);
  const used = new Map<string, number>();
  return placements.map((pl) =>
    Array.from({ length: pl.count }, () => {
      const i = used.get(key(pl)) ?? 0;
      used.set(key(pl), i + 1);
      return nameAt(base, i, groupSize.get(key(pl)) ?? 1);
    }),
  );
}

function nameAt(base: string | undefined, i: number, groupSize: number): string {
  if (!base) return UNNAMED;
  if (NAME_PATTERN.test(base)) return base.replace(/\{R:(\d+)\}/g, (_, x: string) => String(Number(x) + i));
  return groupSize > 1 ? `${base}${i + 1}` : base;
}

/**
 * HostName: no dot or hyphen first, last or twice in a row; Windows 2-15 letters, digits and
 * hyphens, not only digits; others 2-60, dot-separated segments of letters, digits, hyphens (doc).
 */
function readHostName(p: Obj, image: Image): string | undefined {
  const host = optStr(p, "HostName");
  if (host === undefined) return undefined;
  const edges = /^[.-]|[.-]$|[.-]{2}/.test(host);
  const valid =
    image.platform === "WINDOWS"
      ? /^[A-Za-z0-9-]{2,15}$/.test(host) && !/^[0-9]+$/.test(host)
      : /^[A-Za-z0-9.-]{2,60}$/.test(host);
  if (edges || !valid)
    throw new ApiError("InvalidParameterValue.InvaildHostName", `HostName \`${host}\` is invalid.`);
  return host;
}

/** UserData: "Base64-encoded with a maximum size of 16 KB" (doc). */
function readUserData(p: Obj): string | undefined {
  const data = optStr(p, "UserData");
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
function readChargeType(p: Obj, type: InstanceType): number {
  const gnr = type.family.toUpperCase().startsWith("GNR");
  const chargeType = optInt(p, "InstanceChargeType") ?? (gnr ? 2 : 0);
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
function readSecurityGroups(world: World, p: Obj, name: string): string[] | undefined {
  const ids = optStrList(p, name);
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
function readTagSpecification(p: Obj): Record<string, string> {
  const tags: Record<string, string> = {};
  (optObjList(p, "TagSpecification") ?? []).forEach((spec, i) => {
    const path = `TagSpecification.${i}`;
    allowOnly(spec, ["ResourceType", "Tags"], path);
    const resourceType = required(optStr(spec, "ResourceType", path), `${path}.ResourceType`);
    if (resourceType !== "instance" && resourceType !== "module") {
      throw invalidValue(`${path}.ResourceType`, 'only "instance" and "module" are supported');
    }
    const list = required(optObjList(spec, "Tags", path), `${path}.Tags`);
    list.forEach((tag, j) => {
      const tagPath = `${path}.Tags.${j}`;
      allowOnly(tag, ["Key", "Value"], tagPath);
      const key = required(optStr(tag, "Key", tagPath), `${tagPath}.Key`);
      const value = required(optStr(tag, "Value", tagPath), `${tagPath}.Value`);
      if (!key) throw invalidValue(`${tagPath}.Key`, "empty tag key");
      if (resourceType === "instance") tags[key] = value;
    });
  });
  return tags;
}

/**
 * EnhancedService: SecurityService {Enabled, Version (only 0, the basic edition)}, MonitorService
 * {Enabled}, EIPDirectService {Enabled; Windows images do not support it} (SDK EnhancedService).
 */
function readEnhancedService(p: Obj, image: Image): Record<string, unknown> {
  const es = optObj(p, "EnhancedService") ?? {};
  allowOnly(es, ["SecurityService", "MonitorService", "EIPDirectService"], "EnhancedService");
  const security = optObj(es, "SecurityService", "EnhancedService") ?? {};
  allowOnly(security, ["Enabled", "Version"], "EnhancedService.SecurityService");
  const version = optInt(security, "Version", "EnhancedService.SecurityService") ?? 0;
  if (version !== 0)
    throw invalidValue("EnhancedService.SecurityService.Version", "only 0 (basic) is supported");
  const monitor = optObj(es, "MonitorService", "EnhancedService") ?? {};
  allowOnly(monitor, ["Enabled"], "EnhancedService.MonitorService");
  const eip = optObj(es, "EIPDirectService", "EnhancedService") ?? {};
  allowOnly(eip, ["Enabled"], "EnhancedService.EIPDirectService");
  const eipEnabled =
    optBool(eip, "Enabled", "EnhancedService.EIPDirectService") ?? image.platform !== "WINDOWS";
  if (eipEnabled && image.platform === "WINDOWS") {
    throw new ApiError(
      "InvalidParameterValue.InvalidEIPDirectService",
      "Windows images do not support IP direct access.",
    );
  }
  return {
    SecurityService: optBool(security, "Enabled", "EnhancedService.SecurityService") ?? true,
    MonitorService: optBool(monitor, "Enabled", "EnhancedService.MonitorService") ?? true,
    EIPDirectService: eipEnabled,
  };
}

// ---- DescribeInstances ------------------------------------------------------------------------

/** Filter names of SDK DescribeInstancesRequest.Filters; `tag:<key>` besides. */
const FILTERS = [
  "zone",
  "zone-name",
  "module-id",
  "instance-id",
  "instance-name",
  "ip-address",
  "instance-uuid",
  "instance-state",
  "internet-service-provider",
  "tag-key",
  "instance-family",
  "module-name",
  "image-id",
  "vpc-id",
  "subnet-id",
];

function describeInstances(call: Call): Record<string, unknown> {
  const { world, params: p } = call;
  allowOnly(p, ["Filters", "Offset", "Limit", "OrderByField", "OrderDirection"]);
  const filters = readFilters(p);
  const offset = optInt(p, "Offset") ?? 0;
  // "Limit: default 20, maximum 100" (SDK DescribeInstancesRequest.Limit).
  const limit = optInt(p, "Limit") ?? 20;
  if (offset < 0 || limit < 0 || limit > 100) {
    throw new ApiError(
      "InvalidParameterValue.InvaildPageParam",
      "Offset must be >= 0 and Limit between 0 and 100.",
    );
  }
  // OrderByField: only "timestamp"; OrderDirection: 0 descending (default), 1 ascending (SDK).
  const orderBy = optStr(p, "OrderByField") ?? "timestamp";
  if (orderBy !== "timestamp") {
    throw new ApiError(
      "InvalidParameterValue.InvalidOrderByField",
      `The order field \`${orderBy}\` is invalid.`,
    );
  }
  const direction = optInt(p, "OrderDirection") ?? 0;
  if (direction !== 0 && direction !== 1)
    throw invalidValue("OrderDirection", "0 (descending) or 1 (ascending)");

  const matching = world
    .list("ecm", call.account)
    .filter((inst) => filters.every((f) => matches(world, inst, f)));
  const visible = world.visible(matching).sort((a, b) => a.createdAt - b.createdAt);
  // SDK errors: ResourceNotFound.InstanceNotExist, when no instance an instance-id filter names exists.
  const ids = filters.find((f) => f.name === "instance-id");
  if (ids && visible.length === 0) {
    throw new ApiError(
      "ResourceNotFound.InstanceNotExist",
      `The instances \`${ids.values.join(", ")}\` do not exist.`,
    );
  }
  if (direction === 0) visible.reverse();
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
    if (!FILTERS.includes(name) && !/^tag:.+/.test(name)) {
      throw new ApiError("InvalidParameterValue.InvalidFilter", `The filter \`${name}\` is not supported.`);
    }
    // "Filter.Values: at most 5 per request" (SDK DescribeInstancesRequest.Filters).
    if (values.length > 5) {
      throw new ApiError(
        "InvalidParameterValue.FilterLimitExceeded",
        `The filter \`${name}\` has ${values.length} values; at most 5 are allowed.`,
      );
    }
    const badId = name === "instance-id" ? values.find((v) => !INSTANCE_ID.test(v)) : undefined;
    if (badId !== undefined) {
      throw new ApiError(
        "InvalidParameterValue.InvalidInstanceID",
        `The instance id \`${badId}\` is invalid.`,
      );
    }
    return { name, values };
  });
}

function matches(world: World, inst: Instance, f: Filter): boolean {
  const a = inst.attrs;
  const type = ecmType(world, a);
  const module = world.catalogue.tencent.ecm.modules.find((m) => m.moduleId === a.ModuleId);
  const fuzzy = (s: string | undefined) => f.values.some((v) => (s ?? "").includes(v));
  const exact = (s: unknown) => f.values.includes(String(s ?? ""));
  if (f.name.startsWith("tag:")) {
    const key = f.name.slice(4);
    return key in inst.tags && exact(inst.tags[key]);
  }
  switch (f.name) {
    case "zone":
      return exact(inst.zone);
    case "zone-name":
      return fuzzy(position(world, inst).ZoneInfo.ZoneName);
    case "module-id":
      return exact(a.ModuleId);
    case "instance-id":
      return exact(inst.id);
    case "instance-name":
      return fuzzy(inst.name);
    case "ip-address":
      return [...inst.privateIps, ...inst.publicIps].some((ip) => f.values.includes(ip));
    case "instance-uuid":
      return exact(a.UUID);
    case "instance-state":
      return exact(inst.state);
    case "internet-service-provider":
      return String(a.ISP)
        .split(";")
        .some((isp) => f.values.includes(isp));
    case "tag-key":
      return Object.keys(inst.tags).some((k) => f.values.includes(k));
    case "instance-family":
      return exact(type?.family);
    case "module-name":
      return fuzzy(module ? moduleName(module) : undefined);
    case "image-id":
      return exact(a.ImageId);
    case "vpc-id":
      return exact(a.VpcId);
    case "subnet-id":
      return exact(a.SubnetId);
  }
  return false;
}

// ---- TerminateInstances -----------------------------------------------------------------------

function terminateInstances(call: Call): Record<string, unknown> {
  const { world, params: p } = call;
  allowOnly(p, ["InstanceIdSet", "TerminateDelay", "TerminateTime", "AssociatedResourceDestroy"]);
  const instances = findInstances(call, "InstanceIdSet", "ResourceNotFound.InstanceNotExist");
  const delay = optBool(p, "TerminateDelay") ?? false;
  const at = readTerminateTime(world, p, delay);
  optBool(p, "AssociatedResourceDestroy"); // default true; ENIs and EIPs are not emulated
  // An instance already being destroyed cannot be destroyed again (SDK errors:
  // FailedOperation.OperationNotAllow).
  const busy = instances.find((inst) => inst.state === "TERMINATING");
  if (busy) {
    throw new ApiError(
      "FailedOperation.OperationNotAllow",
      `The instance \`${busy.id}\` is already TERMINATING.`,
    );
  }
  for (const inst of instances) {
    inst.latestOperation = { name: "TerminateInstances", state: "OPERATING", requestId: call.requestId };
    if (at === undefined) {
      world.transition(inst, "TERMINATING", "GONE", world.settings.terminateMs);
    } else {
      world.begin(inst, [
        { state: SAME, lasts: at - world.now() },
        { state: "TERMINATING", lasts: "terminateMs" },
        { state: "GONE" },
      ]);
    }
  }
  return {};
}

/**
 * TerminateTime "2019-08-05 12:01:30" (Beijing time), used only with TerminateDelay, not in the past (SDK).
 */
function readTerminateTime(world: World, p: Obj, delay: boolean): number | undefined {
  const text = optStr(p, "TerminateTime");
  if (!delay) return undefined;
  if (text === undefined) throw missingParameter("TerminateTime");
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  const at = m ? Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`) : NaN;
  if (Number.isNaN(at)) {
    throw new ApiError(
      "InvalidParameterValue.InvalidTime",
      `TerminateTime \`${text}\` is not "YYYY-MM-DD hh:mm:ss".`,
    );
  }
  if (at < world.now()) {
    throw new ApiError(
      "InvalidParameterValue.TerminateTimeSmaller",
      `TerminateTime \`${text}\` is in the past.`,
    );
  }
  return at;
}

// ---- ModifyInstancesAttribute -----------------------------------------------------------------

function modifyInstancesAttribute(call: Call): Record<string, unknown> {
  const { world, params: p } = call;
  allowOnly(p, ["InstanceIdSet", "InstanceName", "SecurityGroups"]);
  const instances = findInstances(call, "InstanceIdSet", "InvalidParameterValue.InvalidInstanceID");
  // "Not more than 60 characters; if not passed, the name is shown empty" (SDK
  // ModifyInstancesAttributeRequest.InstanceName).
  const name = optStr(p, "InstanceName");
  if (name !== undefined && name.length > 60) {
    throw new ApiError(
      "InvalidParameterValue.InstanceNameTooLong",
      `The instance name has ${name.length} characters; at most 60 are allowed.`,
    );
  }
  // "At most 5 security groups; they replace the ones bound before" (SDK
  // ModifyInstancesAttributeRequest.SecurityGroups).
  const groups = readSecurityGroups(world, p, "SecurityGroups");
  if (groups && groups.length > 5) {
    throw new ApiError(
      "InvalidParameterValue.LimitExceeded",
      `${groups.length} security groups given; at most 5 are allowed.`,
    );
  }
  const busy = instances.find((inst) => inst.state === "TERMINATING");
  if (busy)
    throw new ApiError("FailedOperation.OperationNotAllow", `The instance \`${busy.id}\` is TERMINATING.`);
  for (const inst of instances) {
    inst.name = name ?? "";
    if (groups) inst.attrs.SecurityGroupIds = [...groups];
  }
  return {};
}

// ---- shared by the instance actions ------------------------------------------------------------

/**
 * The instances named by an id list (required, at most 100: SDK ModifyInstancesAttributeRequest;
 * SDK errors: InvalidParameterValue.ParameterValueTooLarge); malformed ids are
 * InvalidParameterValue.InvalidInstanceID, ids not found `notFoundCode`.
 */
function findInstances(call: Call, name: string, notFoundCode: string): Instance[] {
  const ids = required(optStrList(call.params, name), name);
  if (ids.length === 0) throw missingParameter(name);
  if (ids.length > 100) {
    throw new ApiError(
      "InvalidParameterValue.ParameterValueTooLarge",
      `${ids.length} instance ids; at most 100.`,
    );
  }
  const bad = ids.find((id) => !INSTANCE_ID.test(id));
  if (bad !== undefined)
    throw new ApiError("InvalidParameterValue.InvalidInstanceID", `The instance id \`${bad}\` is invalid.`);
  return [...new Set(ids)].map((id) => {
    const inst = call.world.get(id);
    if (!inst || inst.service !== "ecm" || inst.account !== call.account) {
      throw new ApiError(notFoundCode, `The instance \`${id}\` does not exist.`);
    }
    return inst;
  });
}

// ---- the Instance model of DescribeInstances ---------------------------------------------------

const ISP_NAMES: Record<string, string> = { CMCC: "中国移动", CTCC: "中国电信", CUCC: "中国联通" };

/** Places of the default catalogue's ECM regions; other regions are described by their name. */
const PLACES: Record<string, { area: string; province: string; city: string; name: string }> = {
  xian: { area: "西北", province: "陕西", city: "西安", name: "西安" },
  chengdu: { area: "西南", province: "四川", city: "成都", name: "成都" },
};

function ecmType(world: World, attrs: Record<string, unknown>): InstanceType | undefined {
  return world.catalogue.tencent.ecm.instanceTypes.find((t) => t.instanceType === attrs.InstanceType);
}

function moduleName(module: EcmModule): string {
  return `module-${module.moduleId.slice(4)}`;
}

function position(world: World, inst: Instance) {
  const zones = world.catalogue.tencent.ecm.zones;
  const zoneIndex = Math.max(
    0,
    zones.findIndex((z) => z.zone === inst.zone),
  );
  const regions = [...new Set(zones.map((z) => z.region))];
  const key = Object.keys(PLACES).find((k) => inst.region.includes(k));
  const place = key
    ? PLACES[key]
    : { area: inst.region, province: inst.region, city: inst.region, name: inst.region };
  return {
    ZoneInfo: {
      ZoneId: 1_000_001 + zoneIndex,
      ZoneName: `${place.name}${inst.zone.replace(/^.*-/, "")}区`,
      Zone: inst.zone,
    },
    Country: { CountryId: "CN", CountryName: "中国" },
    Area: { AreaId: place.area, AreaName: place.area },
    Province: { ProvinceId: place.province, ProvinceName: place.province },
    City: { CityId: place.city, CityName: place.city },
    RegionInfo: { Region: inst.region, RegionName: place.name, RegionId: 1 + regions.indexOf(inst.region) },
    Ipv6Supported: true,
  };
}

function instanceView(world: World, inst: Instance): Record<string, unknown> {
  const a = inst.attrs;
  const image = world.catalogue.tencent.ecm.images.find((i) => i.imageId === a.ImageId);
  const type = ecmType(world, a);
  const module = world.catalogue.tencent.ecm.modules.find((m) => m.moduleId === a.ModuleId);
  const systemDisk = a.SystemDisk as { DiskType: string; DiskSize: number };
  const dataDisks = a.DataDisks as Array<{ DiskType: string; DiskSize: number }>;
  return {
    InstanceId: inst.id,
    InstanceName: inst.name,
    InstanceState: inst.state,
    Image: image ? imageView(image) : null,
    SimpleModule: module ? { ModuleId: module.moduleId, ModuleName: moduleName(module) } : null,
    Position: position(world, inst),
    Internet: internetView(inst),
    InstanceTypeConfig: type ? typeView(type) : null,
    CreateTime: beijingTime(inst.createdAt),
    TagSet: Object.entries(inst.tags).map(([Key, Value]) => ({ Key, Value })),
    LatestOperation: inst.latestOperation?.name ?? null,
    LatestOperationState: inst.latestOperation?.state ?? null,
    RestrictState: "NORMAL",
    SystemDiskSize: systemDisk.DiskSize,
    DataDiskSize: dataDisks.reduce((n, d) => n + d.DiskSize, 0),
    UUID: a.UUID,
    PayMode: 0,
    ExpireTime: null,
    IsolatedTime: null,
    RenewFlag: null,
    ExpireState: "NORMAL",
    SystemDisk: diskView(inst, "system", systemDisk),
    DataDisks: dataDisks.map((d, i) => diskView(inst, `data${i}`, d)),
    NewFlag: 0,
    SecurityGroupIds: a.SecurityGroupIds,
    VirtualPrivateCloud: a.VpcId
      ? {
          VpcId: a.VpcId,
          SubnetId: a.SubnetId,
          AsVpcGateway: false,
          PrivateIpAddresses: inst.privateIps,
          Ipv6AddressCount: a.Ipv6AddressCount,
        }
      : null,
    ISP: a.ISP,
    PhysicalPosition: { PosId: null, RackId: null, SwitchId: null },
  };
}

function imageView(image: Image): Record<string, unknown> {
  return {
    ImageId: image.imageId,
    ImageName: image.osName,
    ImageState: "NORMAL",
    ImageType: "PUBLIC_IMAGE",
    ImageOsName: image.osName,
    ImageDescription: image.osName,
    ImageCreateTime: "2020-01-01 00:00:00",
    Architecture: "x86_64",
    OsType: image.platform === "WINDOWS" ? "Windows" : "Linux",
    OsVersion: image.osName.replace(/^\D*/, "").split(" ")[0] ?? "",
    Platform: image.osName.split(" ")[0],
    ImageOwner: 0,
    ImageSize: 50,
    ImageSource: "OFFICIAL",
    IsSupportCloudInit: image.platform !== "WINDOWS",
  };
}

function typeView(type: InstanceType): Record<string, unknown> {
  return {
    InstanceFamilyConfig: { InstanceFamilyName: `标准型${type.family}`, InstanceFamily: type.family },
    InstanceType: type.instanceType,
    Vcpu: type.cpu,
    Memory: type.memory,
    Frequency: "2.5GHz",
    CpuModelName: "Intel Xeon Cascade Lake",
    InstanceFamilyTypeConfig: { InstanceFamilyType: "STANDARD", InstanceFamilyTypeName: "标准型" },
    ExtInfo: null,
    Vgpu: type.gpu ?? null,
    GpuModelName: null,
  };
}

function internetView(inst: Instance): Record<string, unknown> {
  const a = inst.attrs;
  const isps = String(a.ISP).split(";");
  const publicInfo = inst.publicIps.map((ip, i) => ({
    ChargeMode: "BANDWIDTH",
    PublicIPAddress: ip,
    ISP: { ISPId: isps[i] ?? isps[0], ISPName: ISP_NAMES[isps[i] ?? isps[0]] ?? isps[0] },
    MaxBandwidthOut: a.InternetMaxBandwidthOut,
    MaxBandwidthIn: a.InternetMaxBandwidthIn,
  }));
  const privateInfo = inst.privateIps.map((ip) => ({ PrivateIPAddress: ip }));
  return {
    PrivateIPAddressSet: privateInfo,
    PublicIPAddressSet: publicInfo,
    InstanceNetworkInfoSet: [
      {
        AddressInfoSet: publicInfo.map((pub, i) => ({
          PublicIPAddressInfo: pub,
          PrivateIPAddressInfo: privateInfo[i] ?? privateInfo[0] ?? null,
          PublicIPv6AddressInfo: null,
        })),
        NetworkInterfaceId: `eni-${inst.id.slice(4)}`,
        NetworkInterfaceName: "主网卡",
        Primary: true,
      },
    ],
  };
}

function diskView(inst: Instance, which: string, disk: { DiskType: string; DiskSize: number }) {
  return {
    DiskType: disk.DiskType,
    DiskId: `disk-${inst.id.slice(4)}-${which}`,
    DiskSize: disk.DiskSize,
    DeleteWithInstance: true,
    SnapshotId: null,
  };
}

/** A size or bandwidth: an integer >= 0, else the given InvalidParameterValue.* code. */
function nonNegative(p: Obj, name: string, code: string): number {
  const v = optInt(p, name) ?? 0;
  if (v < 0) throw new ApiError(`InvalidParameterValue.${code}`, `\`${name}\` must not be negative.`);
  return v;
}

function isIpv4(ip: string): boolean {
  const parts = ip.split(".");
  return parts.length === 4 && parts.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255);
}

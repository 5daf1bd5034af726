/**
 * The legacy RunInstancesHour parameter set → CvmInstance arguments (API 3.0 RunInstances,
 * camelCase). Two things need the cloud: the zone name of `zoneId` (DescribeZones) and the API 3.0
 * instance type of `cpu` + `mem` + the legacy family (DescribeInstanceTypeConfigs); `resolve` asks
 * for them, `toCvmArgs` is the rest of the mapping and pure. MAPPING.md is this file as a table.
 */
import type * as cvm from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import { Operation } from "../../core/context";
import { TencentTarget } from "../client";
import * as api from "../cvm/api";
import type { CvmArgs } from "../cvm/schema";
import type { CvmHourlyArgs, LegacyInstanceType } from "./schema";

/** What the translation learns from the cloud. */
export interface Resolved {
  /** The zone name of zoneId, e.g. ap-guangzhou-1. */
  zone: string;
  /** The API 3.0 instance type of cpu + mem + family, e.g. S1.SMALL2. */
  instanceType: string;
}

/** storageType → the API 3.0 disk type of the system disk and the data disk. */
export const DISK_TYPES = { 1: "LOCAL_BASIC", 2: "CLOUD_BASIC", 3: "LOCAL_SSD" } as const;

/** bandwidthType → InternetAccessible.InternetChargeType (pay-as-you-go instances). */
export const INTERNET_CHARGE_TYPES = {
  PayByHour: "BANDWIDTH_POSTPAID_BY_HOUR",
  PayByTraffic: "TRAFFIC_POSTPAID_BY_HOUR",
} as const;

/** The RunInstances request as the resource shows it: the password is never part of it. */
export type TranslatedRequest = Omit<cvm.RunInstancesRequest, "LoginSettings"> & {
  LoginSettings?: Omit<cvm.LoginSettings, "Password">;
};

/** A translation the cloud's answers make impossible, naming the legacy argument at fault. */
export class TranslationError extends Error {
  constructor(
    readonly property: string,
    readonly reason: string,
  ) {
    super(`${property}: ${reason}`);
    this.name = "TranslationError";
  }
}

/** "CVM.S1" → "S1": the legacy type names an API 3.0 instance family. */
export function familyOf(instanceType: LegacyInstanceType): string {
  return instanceType.replace(/^CVM\./, "");
}

/** Asks the cloud for the zone name and the instance type (DescribeZones, DescribeInstanceTypeConfigs). */
export async function resolve(op: Operation, t: TencentTarget, args: CvmHourlyArgs): Promise<Resolved> {
  const zone = zoneOf(await api.describeZones(op, t), args.zoneId, t.region);
  const family = familyOf(args.instanceType);
  const configs = await api.describeInstanceTypeConfigs(op, t, [
    { Name: "zone", Values: [zone] },
    { Name: "instance-family", Values: [family] },
  ]);
  return { zone, instanceType: instanceTypeOf(configs, args, zone) };
}

/** The zone whose ZoneId is zoneId (DescribeZones answers the ids as strings). */
export function zoneOf(zones: cvm.ZoneInfo[], zoneId: number, region: string): string {
  const hit = zones.find((z) => z.ZoneId === String(zoneId));
  if (!hit?.Zone) {
    const known = zones.map((z) => `${z.ZoneId} (${z.Zone})`).join(", ") || "none";
    throw new TranslationError(
      "zoneId",
      `${zoneId} is not an availability zone of region ${region}; DescribeZones lists ${known} ` +
        `(RunInstancesHour: InvalidParameter.InvaildZoneId)`,
    );
  }
  if (hit.ZoneState !== undefined && hit.ZoneState !== "AVAILABLE") {
    throw new TranslationError("zoneId", `${zoneId} (${hit.Zone}) is ${hit.ZoneState}, not AVAILABLE`);
  }
  return hit.Zone;
}

/**
 * The instance type of the family with exactly cpu cores and mem GB in the zone; without a GPU
 * first, then by name, so the choice is stable.
 */
export function instanceTypeOf(configs: cvm.InstanceTypeConfig[], args: CvmHourlyArgs, zone: string): string {
  const family = familyOf(args.instanceType);
  const offered = configs.filter((c) => c.InstanceFamily === family && (c.Zone ?? zone) === zone);
  const matches = offered
    .filter((c) => c.CPU === args.cpu && c.Memory === args.mem && c.InstanceType)
    .sort((a, b) => (a.GPU ?? 0) - (b.GPU ?? 0) || a.InstanceType!.localeCompare(b.InstanceType!));
  if (matches.length) return matches[0].InstanceType!;
  const sizes =
    offered
      .sort((a, b) => (a.CPU ?? 0) - (b.CPU ?? 0) || (a.Memory ?? 0) - (b.Memory ?? 0))
      .map((c) => `${c.InstanceType} (cpu ${c.CPU}, mem ${c.Memory})`)
      .join(", ") || "none";
  throw new TranslationError(
    "cpu",
    `cpu ${args.cpu} and mem ${args.mem} GB match no instance type of family ${family} ` +
      `(instanceType ${args.instanceType}) in ${zone}; DescribeInstanceTypeConfigs lists ${sizes} ` +
      `(RunInstancesHour: cpu and mem must be a configuration the family offers)`,
  );
}

/** The whole mapping: legacy arguments + what the cloud said → CvmInstance arguments. */
export function toCvmArgs(a: CvmHourlyArgs, r: Resolved): CvmArgs {
  const diskType = DISK_TYPES[a.storageType as keyof typeof DISK_TYPES];
  return {
    region: a.region,
    placement: { zone: r.zone, projectId: a.projectId },
    imageId: a.imageId,
    // RunInstancesHour buys pay-as-you-go instances only.
    instanceChargeType: "POSTPAID_BY_HOUR",
    instanceType: r.instanceType,
    // Without rootSize, no size: API 3.0 takes its default (50 GB; see MAPPING.md).
    systemDisk: { diskType, diskSize: a.rootSize },
    dataDisks: a.storageSize > 0 ? [{ diskType, diskSize: a.storageSize }] : undefined,
    virtualPrivateCloud:
      a.vpcId !== undefined && a.subnetId !== undefined
        ? {
            vpcId: a.vpcId,
            subnetId: a.subnetId,
            asVpcGateway: a.isVpcGateway === 1,
            privateIpAddresses: a.privateIpAddresses?.length ? a.privateIpAddresses : undefined,
          }
        : undefined,
    internetAccessible: {
      internetChargeType: INTERNET_CHARGE_TYPES[a.bandwidthType],
      internetMaxBandwidthOut: a.bandwidth,
      // "bandwidth大于0，可自由选择开通与否，默认开通公网 IP；bandwidth为0，则不分配公网IP".
      publicIpAssigned: a.bandwidth > 0 && a.wanIp !== 0,
    },
    instanceCount: a.goodsNum,
    instanceName: a.instanceName,
    loginSettings:
      a.password !== undefined
        ? { password: a.password }
        : a.keyId !== undefined
          ? { keyIds: [a.keyId] }
          : undefined,
    // Written out: API 3.0 turns them off by default for private and marketplace images.
    enhancedService: {
      securityService: { enabled: a.needSecurityAgent === 1 },
      monitorService: { enabled: a.needMonitorAgent === 1 },
    },
    clientToken: a.clientToken,
    adoptInstanceIds: a.adoptInstanceIds,
    timeouts: a.timeouts,
  };
}

/** The API 3.0 RunInstances request (PascalCase) of the arguments, without the password. */
export function translatedRequest(args: CvmArgs, clientToken: string): TranslatedRequest {
  const req = api.runInstancesRequest(args, clientToken);
  const { LoginSettings, ...rest } = req;
  const { Password: _p, ...login } = LoginSettings ?? {};
  return Object.keys(login).length ? { ...rest, LoginSettings: login } : rest;
}

/** The zone and instance type an earlier translation put in its request (kept in the outputs). */
export function resolvedOf(request: unknown): Resolved | undefined {
  const r = request as TranslatedRequest | undefined;
  const zone = r?.Placement?.Zone;
  const instanceType = r?.InstanceType;
  return typeof zone === "string" && typeof instanceType === "string" ? { zone, instanceType } : undefined;
}

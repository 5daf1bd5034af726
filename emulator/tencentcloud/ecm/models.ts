/**
 * The ECM instance: its lifecycle as data, the caller's instances by id, and the Instance model
 * DescribeInstances answers with.
 */
import type { Call } from "../../call";
import type { World } from "../../world";
import type { Instance } from "../../instance";
import type { EcmModule, Image, InstanceType } from "../../catalogue";
import { ApiError } from "../../errors";
import { missingParameter } from "../errors";
import { GONE, Lifecycle, SAME } from "../../lifecycle";
import { beijingTime, tagList } from "../../format";
import { LAUNCH, required } from "../common";
import { instanceNotFound, invalidInstanceId } from "./errors";

/** SDK Instance.InstanceState. */
export const ECM_LIFECYCLE = {
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
  ...LAUNCH,
  processes: {
    terminate: [{ state: "TERMINATING", lasts: "terminateMs" }, { state: GONE }],
    /** SDK StartInstances: STOPPED, then STARTING, then RUNNING. */
    start: [{ state: "STARTING", lasts: "transitionMs" }, { state: "RUNNING" }],
    /** SDK StopInstances: RUNNING, then STOPPING, then STOPPED. */
    stop: [{ state: "STOPPING", lasts: "transitionMs" }, { state: "STOPPED" }],
    /**
     * ResetInstancesPassword, ResetInstancesMaxBandwidth, ResetInstances: the SDK names no state
     * they pass through; the operation runs (LatestOperationState OPERATING) in the state it began in.
     */
    reset: [{ state: SAME, lasts: "transitionMs" }, { state: SAME }],
  },
} satisfies Lifecycle;

export const INSTANCE_ID = /^ein-[a-z0-9]{8}$/;

/**
 * The instances named by an id list (required, at most 100: SDK ModifyInstancesAttributeRequest;
 * SDK errors: InvalidParameterValue.ParameterValueTooLarge); malformed ids are
 * InvalidParameterValue.InvalidInstanceID, ids not found `notFoundCode`.
 */
export function findInstances(
  call: Call,
  name: string,
  list: string[] | undefined,
  notFoundCode: string,
): Instance[] {
  const ids = required(list, name);
  if (ids.length === 0) throw missingParameter(name);
  if (ids.length > 100) {
    throw new ApiError(
      "InvalidParameterValue.ParameterValueTooLarge",
      `${ids.length} instance ids; at most 100.`,
    );
  }
  const bad = ids.find((id) => !INSTANCE_ID.test(id));
  if (bad !== undefined) throw invalidInstanceId(bad);
  return [...new Set(ids)].map((id) => {
    const inst = call.world.get(id);
    if (!inst || inst.service !== "ecm" || inst.account !== call.account) {
      throw instanceNotFound(notFoundCode, id);
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

export function ecmType(world: World, attrs: Record<string, unknown>): InstanceType | undefined {
  return world.catalogue.tencent.ecm.instanceTypes.find((t) => t.instanceType === attrs.InstanceType);
}

export function moduleName(module: EcmModule): string {
  return `module-${module.moduleId.slice(4)}`;
}

export function position(world: World, inst: Instance) {
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

export function instanceView(world: World, inst: Instance): Record<string, unknown> {
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
    TagSet: tagList(inst.tags),
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

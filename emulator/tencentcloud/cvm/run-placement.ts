/**
 * RunInstances (001): where and on what the instances run - launch template, placement, image,
 * charge type, instance type, dedicated hosts and clusters, disks, count, CPU topology.
 */
import type {
  CpuTopology,
  DataDisk,
  LaunchTemplate,
  RunInstancesRequest,
  SystemDisk,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import type { Call } from "../../call";
import { Image, TencentRegion, tencentZone } from "../../catalogue";
import { ApiError } from "../../errors";
import { invalidParameterValue, missingParameter } from "../errors";
import { noSuch } from "./errors";

const CHARGE_TYPES = ["PREPAID", "POSTPAID_BY_HOUR", "CDHPAID", "SPOTPAID", "CDCPAID"];

const PERIODS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36];

export const RENEW_FLAGS = [
  "NOTIFY_AND_AUTO_RENEW",
  "NOTIFY_AND_MANUAL_RENEW",
  "DISABLE_NOTIFY_AND_MANUAL_RENEW",
];

const CLOUD_DISKS = ["CLOUD_BASIC", "CLOUD_SSD", "CLOUD_PREMIUM", "CLOUD_BSSD", "CLOUD_HSSD", "CLOUD_TSSD"];

const LOCAL_DISKS = ["LOCAL_BASIC", "LOCAL_SSD"];

/** "LOCAL_NVME / LOCAL_PRO：与InstanceType强相关，不支持指定" (SDK DataDisk). */
const UNSPECIFIABLE_DISKS = ["LOCAL_NVME", "LOCAL_PRO"];

export interface TypeInfo {
  instanceType: string;
  family: string;
  cpu: number;
  memory: number;
  gpu: number;
}

/** LaunchTemplate (SDK): the emulator holds no launch template, so any id is unknown. */
export function checkLaunchTemplate(template: LaunchTemplate | undefined): void {
  if (!template) return;
  const id = template.LaunchTemplateId;
  if (id === undefined) throw missingParameter("LaunchTemplate.LaunchTemplateId");
  throw noSuch(
    id,
    /^lt-[a-z0-9]{8}$/,
    ["InvalidParameterValue.LaunchTemplateIdMalformed", `The launch template id \`${id}\` is malformed.`],
    ["InvalidParameterValue.LaunchTemplateNotFound", `The launch template \`${id}\` does not exist.`],
  );
}

/** 001: Placement is required; its Zone must be a zone of the request's region. */
export function checkPlacement(call: Call, req: RunInstancesRequest, region: TencentRegion) {
  if (!req.Placement) throw missingParameter("Placement");
  const zone = req.Placement.Zone;
  if (zone === undefined) throw missingParameter("Placement.Zone");
  if (tencentZone(call.world.catalogue, zone)?.region !== region.region) {
    throw new ApiError(
      "InvalidZone.MismatchRegion",
      `The zone \`${zone}\` does not exist in region \`${region.region}\`.`,
    );
  }
  const projectId = req.Placement.ProjectId ?? 0;
  if (projectId < 0) {
    throw new ApiError("InvalidProjectId.NotFound", `The project \`${projectId}\` does not exist.`);
  }
  return { zone, projectId };
}

/** 001: ImageId is required, "in the format of img-xxx", and must exist. */
export function checkImage(call: Call, imageId: string | undefined): Image {
  if (imageId === undefined) throw missingParameter("ImageId");
  if (!/^img-[a-z0-9]{8}$/.test(imageId)) {
    throw new ApiError(
      "InvalidImageId.Malformed",
      `The image id \`${imageId}\` is malformed: expected img-xxxxxxxx.`,
    );
  }
  const image = call.world.catalogue.tencent.images.find((i) => i.imageId === imageId);
  if (!image) throw new ApiError("InvalidImageId.NotFound", `The image \`${imageId}\` cannot be found.`);
  return image;
}

/** 001: InstanceChargeType values (SDK adds SPOTPAID, CDCPAID); prepaid needs InstanceChargePrepaid. */
export function checkChargeType(
  req: RunInstancesRequest,
  chargeType: string,
): { period?: number; renewFlag?: string } {
  if (!CHARGE_TYPES.includes(chargeType)) {
    throw invalidParameterValue(
      "InstanceChargeType",
      `\`${chargeType}\` is not one of ${CHARGE_TYPES.join(", ")}`,
    );
  }
  if (chargeType !== "PREPAID") return {};
  const prepaid = req.InstanceChargePrepaid;
  if (!prepaid) throw missingParameter("InstanceChargePrepaid");
  if (prepaid.Period === undefined) throw missingParameter("InstanceChargePrepaid.Period");
  // 001 InvalidPeriod: "Valid values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36]; unit: month."
  if (!PERIODS.includes(prepaid.Period)) {
    throw new ApiError(
      "InvalidPeriod",
      `Invalid period \`${prepaid.Period}\`. Valid values: [${PERIODS.join(", ")}]; unit: month.`,
    );
  }
  const renewFlag = prepaid.RenewFlag ?? "NOTIFY_AND_MANUAL_RENEW";
  if (!RENEW_FLAGS.includes(renewFlag)) {
    throw invalidParameterValue(
      "InstanceChargePrepaid.RenewFlag",
      `\`${renewFlag}\` is not one of ${RENEW_FLAGS.join(", ")}`,
    );
  }
  return { period: prepaid.Period, renewFlag };
}

/** 001: InstanceType defaults to S1.SMALL1; CDHPAID takes CDH_XCXG; other types must be sold in the zone. */
export function checkInstanceType(
  call: Call,
  name: string | undefined,
  chargeType: string,
  zone: string,
): TypeInfo {
  if (chargeType === "CDHPAID") {
    if (name === undefined) throw missingParameter("InstanceType");
    const cdh = /^CDH_(\d+)C(\d+)G$/.exec(name);
    if (!cdh) {
      throw new ApiError(
        "InvalidInstanceType.Malformed",
        `CDHPAID instance types look like CDH_1C1G; \`${name}\` does not.`,
      );
    }
    return { instanceType: name, family: "CDH", cpu: Number(cdh[1]), memory: Number(cdh[2]), gpu: 0 };
  }
  const instanceType = name ?? "S1.SMALL1";
  if (!/^[A-Z][A-Z0-9]*\.[A-Z0-9]+$/.test(instanceType)) {
    throw new ApiError(
      "InvalidInstanceType.Malformed",
      `The instance type \`${instanceType}\` is malformed${instanceType.startsWith("CDH_") ? " (CDH_ types need InstanceChargeType CDHPAID)" : ""}.`,
    );
  }
  const known = call.world.catalogue.tencent.instanceTypes.find(
    (t) => t.instanceType === instanceType && t.family !== "CDH",
  );
  if (!known) {
    throw new ApiError(
      "ResourceUnavailable.InstanceType",
      `The instance type \`${instanceType}\` is unavailable in the availability zone \`${zone}\`.`,
    );
  }
  return { ...known, gpu: known.gpu ?? 0 };
}

/** Placement.HostIds: host-xxxxxxxx CDHs of the account in the zone; required by (and only for) CDHPAID. */
export function checkHosts(
  call: Call,
  hostIds: string[] | undefined,
  chargeType: string,
  zone: string,
): string | undefined {
  const ids = hostIds ?? [];
  const malformed = ids.find((id) => !/^host-[a-z0-9]{8}$/.test(id));
  if (malformed !== undefined) {
    throw new ApiError("InvalidHostId.Malformed", `Invalid CDH ID \`${malformed}\`: expected host-xxxxxxxx.`);
  }
  const hosts = call.world.catalogue.tencent.cdhHosts;
  const unknown = ids.find((id) => !hosts.some((h) => h.hostId === id && h.zone === zone));
  if (unknown !== undefined) {
    throw new ApiError(
      "InvalidHostId.NotFound",
      `The CDH \`${unknown}\` does not exist in zone \`${zone}\`.`,
    );
  }
  if (chargeType === "CDHPAID" && ids.length === 0) throw missingParameter("Placement.HostIds");
  if (chargeType !== "CDHPAID" && ids.length > 0) {
    throw new ApiError(
      "InvalidParameterCombination",
      "Placement.HostIds requires InstanceChargeType CDHPAID.",
    );
  }
  return ids[0];
}

/** CDCPAID needs DedicatedClusterId; the emulator has no CDC or CHC, so any id given is unknown. */
export function checkDedicatedResources(req: RunInstancesRequest, chargeType: string): void {
  if (chargeType === "CDCPAID" && req.DedicatedClusterId === undefined) {
    throw missingParameter("DedicatedClusterId");
  }
  if (req.DedicatedClusterId !== undefined) {
    throw invalidParameterValue(
      "DedicatedClusterId",
      `the dedicated cluster \`${req.DedicatedClusterId}\` does not exist`,
    );
  }
  if (req.ChcIds && req.ChcIds.length > 0) {
    throw new ApiError(
      "InvalidParameterValue.ChcHostsNotFound",
      `The CHC hosts ${req.ChcIds.join(", ")} do not exist.`,
    );
  }
}

/** SystemDisk (SDK): DiskType values, DiskSize default 50 GiB. */
export function checkSystemDisk(disk: SystemDisk | undefined): { DiskType: string; DiskSize: number } {
  const diskType = disk?.DiskType ?? "CLOUD_PREMIUM";
  if (![...LOCAL_DISKS, ...CLOUD_DISKS].includes(diskType)) {
    throw invalidParameterValue("SystemDisk.DiskType", `\`${diskType}\` is not a system disk type`);
  }
  const diskSize = disk?.DiskSize ?? 50;
  if (diskSize <= 0) {
    throw invalidParameterValue(
      "SystemDisk.DiskSize",
      "the size must be positive",
      "InvalidParameterValue.Range",
    );
  }
  return { DiskType: diskType, DiskSize: diskSize };
}

/**
 * 001 DataDisks: "you can specify 21 data disks, which can contain at most 1 LOCAL_BASIC data disk or
 * LOCAL_SSD data disk, and at most 20 CLOUD_BASIC ... CLOUD_SSD data disks"; CLOUD_SSD at least 100 GB;
 * SDK DataDisk: sizes step by 10 GiB, 0 means no disk, DiskType defaults to LOCAL_BASIC.
 */
export function checkDataDisks(disks: DataDisk[] | undefined): DataDisk[] {
  const all = disks ?? [];
  all.forEach((disk, i) => checkDataDisk(disk, i));
  const wanted = all.filter((d) => d.DiskSize > 0);
  const local = wanted.filter((d) => LOCAL_DISKS.includes(d.DiskType ?? "LOCAL_BASIC")).length;
  const cloud = wanted.length - local;
  if (all.length > 21 || local > 1 || cloud > 20) {
    throw new ApiError(
      "InvalidParameterValue.LimitExceeded",
      `At most 21 data disks (1 local, 20 cloud) can be bought; ${all.length} (${local} local, ${cloud} cloud) were given.`,
    );
  }
  return wanted;
}

function checkDataDisk(disk: DataDisk, i: number): void {
  const name = `DataDisks.${i}`;
  if (disk.DiskSize === undefined) throw missingParameter(`${name}.DiskSize`);
  const diskType = disk.DiskType ?? "LOCAL_BASIC";
  if (UNSPECIFIABLE_DISKS.includes(diskType)) {
    throw new ApiError(
      "UnsupportedOperation.InvalidDisk",
      `The data disk type \`${diskType}\` cannot be specified.`,
    );
  }
  if (![...LOCAL_DISKS, ...CLOUD_DISKS].includes(diskType)) {
    throw invalidParameterValue(`${name}.DiskType`, `\`${diskType}\` is not a data disk type`);
  }
  if (disk.DiskSize < 0 || disk.DiskSize % 10 !== 0) {
    throw invalidParameterValue(`${name}.DiskSize`, `${disk.DiskSize} GB is not a multiple of 10 GB`);
  }
  if (diskType === "CLOUD_SSD" && disk.DiskSize > 0 && disk.DiskSize < 100) {
    throw new ApiError(
      "InvalidParameterValue.CloudSsdDataDiskSizeTooSmall",
      `The minimum capacity of a SSD data disk is 100 GB; ${name}.DiskSize is ${disk.DiskSize}.`,
    );
  }
  const snapshot = disk.SnapshotId;
  if (snapshot === undefined) return;
  throw noSuch(
    snapshot,
    /^snap-[a-z0-9]{8}$/,
    [
      "InvalidParameterValue.SnapshotIdMalformed",
      `Invalid snapshot ID \`${snapshot}\`. Provide a snapshot ID in the format of snap-xxxxxxxx.`,
    ],
    ["InvalidParameter.SnapshotNotFound", `The snapshot \`${snapshot}\` does not exist.`],
  );
}

/** 001 InstanceCount: "Value range: [1, 100]; default value: 1"; MinCount (SDK) in [1, InstanceCount]. */
export function checkCount(req: RunInstancesRequest): number {
  const count = req.InstanceCount ?? 1;
  if (count < 1 || count > 100) {
    throw new ApiError(
      "InvalidParameterValue.Range",
      `InstanceCount must be in [1, 100]; ${count} was given.`,
    );
  }
  if (req.MinCount !== undefined && (req.MinCount < 1 || req.MinCount > count)) {
    throw new ApiError(
      "InvalidParameterValue.Range",
      `MinCount must be in [1, InstanceCount]; ${req.MinCount} was given.`,
    );
  }
  return count;
}

/** 001 HpcClusterId: only for high-performance computing instances, of which the catalogue has none. */
export function checkHpcCluster(id: string | undefined): void {
  if (id === undefined) return;
  throw new ApiError(
    "InvalidParameterValue.InstanceTypeNotSupportHpcCluster",
    "This type of instances cannot be added to the HPC cluster.",
  );
}

/** 001: "CoreCount and ThreadPerCore must be specified at the same time"; 1 or 2 threads per core. */
export function checkCpuTopology(topology: CpuTopology | undefined, type: TypeInfo): void {
  if (!topology) return;
  const { CoreCount: cores, ThreadPerCore: threads } = topology;
  if (cores === undefined || threads === undefined) {
    throw new ApiError(
      "InvalidParameter.LackCoreCountOrThreadPerCore",
      "CoreCount and ThreadPerCore must be specified at the same time.",
    );
  }
  if (threads !== 1 && threads !== 2) {
    throw new ApiError(
      "InvalidParameterValue.ThreadPerCoreValue",
      `Invalid thread count per core: ${threads}.`,
    );
  }
  if (cores < 1 || cores * threads > type.cpu) {
    throw new ApiError(
      "InvalidParameterValue.CoreCountValue",
      `Illegal core count ${cores} for ${type.instanceType}.`,
    );
  }
}

/**
 * ResizeDisk (364/2527) and DescribeDisks (362/16315) over the disks of the caller's CVM instances:
 * each system disk (not elastic) and data disk (cloud disks elastic, local ones not).
 */
import type {
  DescribeDisksRequest,
  ResizeDiskRequest,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/cbs/v20170312/cbs_models";
import type { Call } from "../../call";
import type { Instance } from "../../instance";
import { ApiError } from "../../errors";
import { invalidParameterValue } from "../errors";
import { filterAt, required } from "../common";
import { instancesOf } from "../cvm/models";
import { expansionsOf, settleExpansions } from "./expansion";

interface DiskRecord {
  DiskId: string;
  DiskSize: number;
  DiskType: string;
  DeleteWithInstance?: boolean;
  Encrypt?: boolean;
}

interface Found {
  inst: Instance;
  disk: DiskRecord;
  usage: "SYSTEM_DISK" | "DATA_DISK";
}

function disksOf(call: Call): Found[] {
  const now = call.world.now();
  return instancesOf(call).flatMap((inst) => {
    settleExpansions(inst, now);
    const data = (inst.attrs.DataDisks ?? []) as DiskRecord[];
    return [
      { inst, disk: inst.attrs.SystemDisk as DiskRecord, usage: "SYSTEM_DISK" as const },
      ...data.map((disk) => ({ inst, disk, usage: "DATA_DISK" as const })),
    ];
  });
}

/** "false表示非弹性云盘，true表示弹性云盘": data cloud disks are elastic here. */
const portable = (f: Found) => f.usage === "DATA_DISK" && f.disk.DiskType.startsWith("CLOUD_");

const stateOf = (f: Found) => (expansionsOf(f.inst)[f.disk.DiskId] ? "EXPANDING" : "ATTACHED");

/**
 * "只支持扩容弹性云盘" (else InvalidDisk.NotSupported); DiskSize "必须大于当前云硬盘大小"; a disk being
 * expanded is busy (InvalidDisk.Busy); asynchronous: EXPANDING for transitionMs.
 */
export function resizeDisk(call: Call, req: ResizeDiskRequest): Record<string, unknown> {
  const id = required(req.DiskId, "DiskId");
  const size = required(req.DiskSize, "DiskSize");
  const found = disksOf(call).find((f) => f.disk.DiskId === id);
  if (!found) throw new ApiError("InvalidDiskId.NotFound", `The disk \`${id}\` does not exist.`);
  if (!portable(found)) {
    throw new ApiError(
      "InvalidDisk.NotSupported",
      `The disk \`${id}\` is not elastic: resize it with CVM ResizeInstanceDisks.`,
    );
  }
  if (stateOf(found) === "EXPANDING") throw new ApiError("InvalidDisk.Busy", `The disk \`${id}\` is busy.`);
  if (!Number.isInteger(size) || size <= found.disk.DiskSize) {
    throw invalidParameterValue("DiskSize", `must be larger than the current ${found.disk.DiskSize} GB`);
  }
  expansionsOf(found.inst)[id] = { size, until: call.world.now() + call.world.settings.transitionMs };
  return {};
}

const DISK_FILTERS: Record<string, (f: Found, values: string[]) => boolean> = {
  "disk-id": (f, v) => v.includes(f.disk.DiskId),
  "instance-id": (f, v) => v.includes(f.inst.id),
  "disk-usage": (f, v) => v.includes(f.usage),
  "disk-type": (f, v) => v.includes(f.disk.DiskType),
  "disk-state": (f, v) => v.includes(stateOf(f)),
  portable: (f, v) => v.includes(portable(f) ? "TRUE" : "FALSE"),
  zone: (f, v) => v.includes(f.inst.zone),
};

/** DiskIds or Filters, not both; "Limit 默认为20，最大值为100"; filters are AND-combined. */
export function describeDisks(call: Call, req: DescribeDisksRequest): Record<string, unknown> {
  const ids = req.DiskIds ?? [];
  const filters = req.Filters ?? [];
  if (ids.length > 0 && filters.length > 0) {
    throw invalidParameterValue("DiskIds", "DiskIds and Filters cannot be given together");
  }
  const limit = req.Limit ?? 20;
  const offset = req.Offset ?? 0;
  if (limit < 1 || limit > 100) throw invalidParameterValue("Limit", "Limit is 1 to 100");
  const predicates = filters.map((filter, i) => {
    const { name, values } = filterAt(filter, i);
    const p = DISK_FILTERS[name];
    if (!p) throw new ApiError("InvalidFilter", `The filter \`${name}\` is not supported.`);
    return (f: Found) => p(f, values);
  });
  const matching = disksOf(call).filter(
    (f) => (ids.length === 0 || ids.includes(f.disk.DiskId)) && predicates.every((p) => p(f)),
  );
  return { TotalCount: matching.length, DiskSet: matching.slice(offset, offset + limit).map(diskModel) };
}

/** The Disk model (SDK): the fields the emulator knows. */
function diskModel(f: Found): Record<string, unknown> {
  const placement = f.inst.attrs.Placement as { Zone: string; ProjectId: number };
  return {
    DiskId: f.disk.DiskId,
    DiskUsage: f.usage,
    DiskSize: f.disk.DiskSize,
    DiskType: f.disk.DiskType,
    DiskState: stateOf(f),
    InstanceId: f.inst.id,
    Attached: true,
    Portable: portable(f),
    DiskChargeType: f.inst.attrs.InstanceChargeType === "PREPAID" ? "PREPAID" : "POSTPAID_BY_HOUR",
    DeleteWithInstance: f.usage === "SYSTEM_DISK" || f.disk.DeleteWithInstance !== false,
    Encrypt: f.disk.Encrypt ?? false,
    Placement: { Zone: placement.Zone, ProjectId: placement.ProjectId },
  };
}

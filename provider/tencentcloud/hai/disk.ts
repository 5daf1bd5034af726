/**
 * HaiInstance's system disk: ResizeInstanceDisk only grows a disk (SDK ResizeInstanceDiskRequest.DiskSize:
 * "must be larger than the current size"), so a larger size is made in place and a smaller one is
 * refused at check unless the change replaces the instances anyway.
 */
import type { CheckFailure } from "../../core/check";
import type { Operation } from "../../core/context";
import type { Props } from "../../core/props";
import { isUnknown } from "../../core/unknown";
import type { TencentTarget } from "../client";
import * as api from "./api";
import { diffHai, knownSizes } from "./diff";
import type { HaiArgs } from "./schema";
import { answerLost, waitFor } from "./wait";

/** A larger systemDisk.diskSize: one ResizeInstanceDisk per smaller disk, then wait until done. */
export async function resize(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  live: Map<string, api.HaiInstanceModel>,
  args: HaiArgs,
): Promise<void> {
  const want = args.systemDisk?.diskSize;
  if (want === undefined) return;
  const smaller = ids.filter((i) => (live.get(i)?.SystemDisk?.DiskSize ?? want) < want);
  if (smaller.length === 0) return;
  op.rt.log(`${op.what}: ResizeInstanceDisk to ${want} GB on ${smaller.join(", ")}`);
  const grown = (inst: api.HaiInstanceModel) => (inst.SystemDisk?.DiskSize ?? 0) >= want;
  for (const i of smaller) {
    await api.resizeInstanceDisk(op, t, i, want).catch((e: unknown) => answerLost(op, t, i, e, grown));
  }
  await waitFor(op, t, smaller, "ResizeInstanceDisk", `system disk(s) to grow to ${want} GB`, grown);
}

/** systemDisk.diskSize smaller than what the instances have: refused unless the change replaces anyway. */
export function shrinkFailures(olds: Props, news: Props): CheckFailure[] {
  const size = (news.systemDisk as Props | undefined)?.diskSize;
  if (typeof size !== "number" || isUnknown(olds.systemDisk)) return [];
  const current = Math.max(0, ...knownSizes(olds));
  if (size >= current) return [];
  // A replacement gets new instances: any size is fine then.
  const other = diffHai(olds, news).replaces.filter((k) => k !== "systemDisk");
  const oldType = (olds.systemDisk as Props | undefined)?.diskType;
  const newType = (news.systemDisk as Props | undefined)?.diskType;
  if (other.length || (newType !== undefined && oldType !== undefined && newType !== oldType)) return [];
  return [
    {
      property: "systemDisk.diskSize",
      reason:
        `cannot shrink the system disk from ${current} GB to ${size} GB: ResizeInstanceDisk only grows a disk` +
        ` (SDK ResizeInstanceDiskRequest.DiskSize: must be larger than the current size);` +
        ` keep at least ${current} GB, or create a new resource (another resource name) for a smaller disk`,
    },
  ];
}

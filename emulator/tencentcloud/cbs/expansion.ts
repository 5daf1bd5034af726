/**
 * A CBS ResizeDisk in progress: "接口成功返回时，云盘并未立即扩容到指定大小 ... 如果云盘的状态为“EXPANDING”，
 * 表示正在扩容中". The disk keeps its size until the expansion is due; DescribeDisks and CVM's
 * DescribeInstances both apply due expansions first.
 */
import type { Instance } from "../../instance";

interface Expansion {
  size: number;
  until: number;
}

/** The expansions under way on the instance's disks, by disk id (an attribute never described). */
export function expansionsOf(inst: Instance): Record<string, Expansion> {
  return ((inst.attrs.DiskExpansions as Record<string, Expansion> | undefined) ??= {});
}

/** Applies the expansions whose time has come to the instance's data disks. */
export function settleExpansions(inst: Instance, now: number): void {
  const expansions = expansionsOf(inst);
  for (const disk of (inst.attrs.DataDisks ?? []) as Array<{ DiskId: string; DiskSize: number }>) {
    const e = expansions[disk.DiskId];
    if (e && e.until <= now) {
      disk.DiskSize = e.size;
      delete expansions[disk.DiskId];
    }
  }
}

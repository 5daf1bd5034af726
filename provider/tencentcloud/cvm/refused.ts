/**
 * The changes the APIs refuse to make in place, refused at check with the document's reason
 * (a dynamic diff carries no message): disks only grow, a local system disk keeps its type of
 * instance, prepaid bandwidth only grows. A change that replaces the instances anyway is not refused.
 */
import type { CheckFailure } from "../../core/check";
import type { Props } from "../../core/props";
import { hasUnknown } from "../../core/unknown";
import { diffCvm } from "./diff";

type Disk = { diskSize?: unknown; diskType?: unknown } | undefined;

export function refusedChanges(olds: Props, news: Props): CheckFailure[] {
  if (!olds || Object.keys(olds).length === 0 || hasUnknown(news)) return [];
  if (diffCvm(olds, news).replaces.length > 0) return [];
  const failures: CheckFailure[] = [];
  const shrink = (property: string, was: Disk, now: Disk, doc: string) => {
    const [a, b] = [was?.diskSize, now?.diskSize];
    if (typeof a === "number" && typeof b === "number" && b < a) {
      failures.push({ property, reason: `cannot shrink from ${a} to ${b} GB: a disk only grows (${doc})` });
    }
  };
  shrink(
    "systemDisk.diskSize",
    olds.systemDisk as Disk,
    news.systemDisk as Disk,
    "CVM ResizeInstanceDisks 2017-03-12: 目前只支持扩容; replace the instance for a smaller disk",
  );
  const oldData = (olds.dataDisks ?? []) as Disk[];
  ((news.dataDisks ?? []) as Disk[]).forEach((d, i) =>
    shrink(
      `dataDisks[${i}].diskSize`,
      oldData[i],
      d,
      "CBS ResizeDisk 2017-03-12: DiskSize 必须大于当前云硬盘大小",
    ),
  );
  const systemType = String((news.systemDisk as Disk)?.diskType ?? "");
  if (news.instanceType !== olds.instanceType && systemType.startsWith("LOCAL_")) {
    failures.push({
      property: "instanceType",
      reason:
        `cannot change on an instance whose system disk is ${systemType}: ResetInstancesType only takes ` +
        "CLOUD_BASIC, CLOUD_PREMIUM, CLOUD_SSD and CLOUD_BSSD system disks " +
        "(CVM ResetInstancesType 2017-03-12; UnsupportedOperation.SystemDiskType)",
    });
  }
  const net = (p: Props) => (p.internetAccessible ?? {}) as Props;
  const prepaidNet =
    (net(news).internetChargeType ?? (news.instanceChargeType === "PREPAID" ? "BANDWIDTH_PREPAID" : "")) ===
    "BANDWIDTH_PREPAID";
  const [was, now] = [net(olds).internetMaxBandwidthOut, net(news).internetMaxBandwidthOut];
  if (prepaidNet && typeof was === "number" && typeof now === "number" && now < was) {
    failures.push({
      property: "internetAccessible.internetMaxBandwidthOut",
      reason:
        `cannot lower BANDWIDTH_PREPAID bandwidth from ${was} to ${now} Mbps: prepaid bandwidth only grows ` +
        "(CVM ResetInstancesInternetMaxBandwidth 2017-03-12)",
    });
  }
  return failures;
}

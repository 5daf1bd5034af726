/**
 * The changes of CvmHourlyInstance the APIs refuse to make in place, refused at check with the
 * reason (a change that replaces anyway is not refused): a smaller system disk, a new cpu or mem
 * on local disks.
 */
import type { CheckFailure } from "../../core/check";
import type { Props } from "../../core/props";
import { hasUnknown } from "../../core/unknown";
import { diffCvmHourly } from "./diff";

/** API 3.0's system disk without rootSize (translate.ts). */
const DEFAULT_ROOT_SIZE = 50;

export function refusedChanges(olds: Props, news: Props): CheckFailure[] {
  if (!olds || Object.keys(olds).length === 0 || hasUnknown(news)) return [];
  if (diffCvmHourly(olds, news).replaces.length > 0) return [];
  const failures: CheckFailure[] = [];
  const [was, now] = [olds.rootSize ?? DEFAULT_ROOT_SIZE, news.rootSize ?? DEFAULT_ROOT_SIZE];
  if (typeof was === "number" && typeof now === "number" && now < was) {
    failures.push({
      property: "rootSize",
      reason: `cannot shrink from ${was} to ${now} GB: the system disk only grows (CVM ResizeInstanceDisks 2017-03-12)`,
    });
  }
  const storage = news.storageType ?? 1;
  for (const k of ["cpu", "mem"]) {
    if (olds[k] !== news[k] && storage !== 2) {
      failures.push({
        property: k,
        reason:
          `cannot change with storageType ${String(storage)} (a local system disk): ResetInstancesType only ` +
          "takes cloud system disks, storageType 2 (CVM ResetInstancesType 2017-03-12; UnsupportedOperation.SystemDiskType)",
      });
    }
  }
  return failures;
}

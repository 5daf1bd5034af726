/**
 * HaiInstance diff: old outputs against new inputs. `running` and a larger systemDisk.diskSize are
 * made in place; another disk type or a smaller size replaces; so does every other argument (HAI
 * has no rename API).
 */
import { tencentRegion } from "../../core/config";
import { DiffResult, diffArgs, guardClientToken, regionsOf } from "../../core/diff";
import type { Props } from "../../core/props";
import { isUnknown, unknownPaths } from "../../core/unknown";
import type { InstanceOutput } from "./outputs";
import { ARG_KEYS, IN_PLACE } from "./schema";

export function diffHai(olds: Props, news: Props): DiffResult {
  const normalize = (p: Props, region: unknown) => ({
    ...p,
    region,
    instanceCount: p.instanceCount ?? 1,
    running: p.running ?? true,
  });
  const [oldRegion, newRegion] = regionsOf(olds, news, "region", tencentRegion);
  const keys = (ARG_KEYS as readonly string[]).filter((k) => k !== "systemDisk");
  const d = diffArgs(normalize(olds, oldRegion), normalize(news, newRegion), keys, IN_PLACE);
  const disk = diffSystemDisk(olds, news);
  if (disk === "none") return guardClientToken(d, olds, news);
  return guardClientToken(
    {
      changes: true,
      replaces: disk === "replace" ? [...d.replaces, "systemDisk"] : d.replaces,
      updates: disk === "update" ? [...d.updates, "systemDisk"] : d.updates,
      deleteBeforeReplace: d.deleteBeforeReplace,
    },
    olds,
    news,
  );
}

/**
 * systemDisk: another diskType replaces; a larger diskSize is an in-place resize, a smaller one
 * replaces (check refuses it unless something else replaces). An argument left out keeps what the
 * instances have; the old value is the old argument, else what the instances report.
 */
function diffSystemDisk(olds: Props, news: Props): "none" | "update" | "replace" {
  const n = news.systemDisk;
  const o = olds.systemDisk as Props | undefined;
  if (isUnknown(n)) return "replace";
  if (isUnknown(o)) return "replace";
  const next = (n ?? {}) as Props;
  const live = liveDisk(olds);
  let verdict: "none" | "update" | "replace" = "none";
  const raise = (v: "update" | "replace") => {
    if (v === "replace" || verdict === "none") verdict = v;
  };
  for (const k of Object.keys(o ?? {})) if (next[k] === undefined) raise("update");
  if (next.diskType !== undefined) {
    const was = o?.diskType ?? live?.diskType;
    if (isUnknown(next.diskType) || was === undefined || next.diskType !== was) raise("replace");
    else if (o?.diskType === undefined) raise("update");
  }
  if (next.diskSize !== undefined) {
    const was = (o?.diskSize ?? live?.diskSize) as number | undefined;
    if (isUnknown(next.diskSize) || was === undefined) raise("update");
    else if ((next.diskSize as number) < was) raise("replace");
    else if ((next.diskSize as number) > was || o?.diskSize === undefined) raise("update");
  }
  if (unknownPaths(next).length && verdict === "none") raise("update");
  return verdict;
}

/** The system disk the instances report in the old outputs (the first instance's). */
function liveDisk(olds: Props): { diskType?: string; diskSize?: number } | undefined {
  const instances = olds.instances;
  if (!Array.isArray(instances) || instances.length === 0) return undefined;
  const disk = (instances[0] as Partial<InstanceOutput>).systemDisk;
  if (!disk) return undefined;
  return { diskType: disk.diskType || undefined, diskSize: disk.diskSize || undefined };
}

/** Every system disk size the old properties know: the argument and each instance's. */
export function knownSizes(olds: Props): number[] {
  const sizes: number[] = [];
  const arg = (olds.systemDisk as Props | undefined)?.diskSize;
  if (typeof arg === "number") sizes.push(arg);
  if (Array.isArray(olds.instances)) {
    for (const i of olds.instances as Array<Partial<InstanceOutput>>) {
      if (typeof i?.systemDisk?.diskSize === "number") sizes.push(i.systemDisk.diskSize);
    }
  }
  return sizes;
}

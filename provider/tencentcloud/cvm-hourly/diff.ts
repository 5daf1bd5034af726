/**
 * CvmHourlyInstance diff: the legacy arguments compared with their defaults (schema.ts DEFAULTS),
 * by the table of argument classes (classes.ts).
 */
import { tencentRegion } from "../../core/config";
import { DiffResult, diffResource } from "../../core/diff";
import type { Props } from "../../core/props";
import { isUnknown } from "../../core/unknown";
import { ARGUMENT_CLASSES } from "./classes";
import { ARG_KEYS, DEFAULTS } from "./schema";

export function diffCvmHourly(olds: Props, news: Props): DiffResult {
  const normalize = (p: Props, region: unknown): Props => {
    const out: Props = { ...p, region };
    for (const [k, d] of Object.entries(DEFAULTS)) out[k] = p[k] ?? d;
    // wanIp only matters with bandwidth: compare whether a public IP is assigned.
    const bandwidth = out.bandwidth;
    if (!isUnknown(p.wanIp) && typeof bandwidth === "number") {
      out.wanIp = bandwidth > 0 && p.wanIp !== 0 ? 1 : 0;
    }
    return out;
  };
  return diffResource(olds, news, ARG_KEYS, ARGUMENT_CLASSES, tencentRegion, normalize);
}

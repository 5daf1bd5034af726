/**
 * CvmHourlyInstance diff: the legacy arguments compared with their defaults (schema.ts DEFAULTS).
 * Only instanceName, goodsNum, timeouts and clientToken change in place.
 */
import { tencentRegion } from "../../core/config";
import { DiffResult, diffArgs, guardClientToken, regionsOf } from "../../core/diff";
import type { Props } from "../../core/props";
import { isUnknown } from "../../core/unknown";
import { ARG_KEYS, DEFAULTS, IN_PLACE } from "./schema";

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
  const [oldRegion, newRegion] = regionsOf(olds, news, "region", tencentRegion);
  const d = guardClientToken(
    diffArgs(normalize(olds, oldRegion), normalize(news, newRegion), ARG_KEYS as readonly string[], IN_PLACE),
    olds,
    news,
  );
  // The derived ClientToken leaves the password out: a new password alone would get the old
  // instances back from the cloud, so the old ones go first.
  return d.replaces.length === 1 && d.replaces[0] === "password" ? { ...d, deleteBeforeReplace: true } : d;
}

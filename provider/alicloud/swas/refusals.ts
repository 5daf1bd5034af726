/**
 * SWAS's refusals. A server is a subscription paid up front and the API cannot release one, so a
 * change that cannot be made in place is never planned as a replacement unless the user opts in
 * (`allowReplacement`): it is refused at preview, with the reason (REFUSED_BECAUSE, schema.ts).
 */
import type { CheckFailure } from "../../core/check";
import { alicloudRegion } from "../../core/config";
import { regionsOf, sameValue } from "../../core/diff";
import type { Props } from "../../core/props";
import { isUnknown, unknownPaths } from "../../core/unknown";
import { SwasHost, isDowngrade } from "./plans";
import { REFUSED_BECAUSE, refusal } from "./schema";

/** Old and new arguments with defaults, the region resolved: what diff and the refusals compare. */
function normalize(p: Props, regionId: unknown): Props {
  return {
    ...p,
    regionId,
    autoRenew: p.autoRenew ?? false,
    dataDiskSize: p.dataDiskSize ?? 0,
    amount: p.amount ?? 1,
    chargeType: p.chargeType ?? "PrePaid",
    running: p.running ?? true,
    onDelete: p.onDelete ?? "stop",
    allowReplacement: p.allowReplacement ?? false,
  };
}

export function normalized(olds: Props, news: Props): { a: Props; b: Props } {
  const [oldRegion, newRegion] = regionsOf(olds, news, "regionId", alicloudRegion);
  return { a: normalize(olds, oldRegion), b: normalize(news, newRegion) };
}

/**
 * The known changes that cannot be made in place, with the reason: the arguments of
 * REFUSED_BECAUSE, amount downwards (no release API), and planId to a plan that is not larger.
 */
export function knownRefusals(
  olds: Props,
  news: Props,
  downgrade: boolean,
): Array<{ key: string; reason: string }> {
  const { a, b } = normalized(olds, news);
  const out: Array<{ key: string; reason: string }> = [];
  for (const [key, why] of Object.entries(REFUSED_BECAUSE)) {
    if (unknownPaths(b[key]).length) continue;
    if (!sameValue(a[key], b[key])) out.push({ key, reason: refusal(key, why) });
  }
  if (typeof a.amount === "number" && typeof b.amount === "number" && b.amount < a.amount) {
    out.push({
      key: "amount",
      reason: refusal(
        "amount",
        `the servers cannot be released, so the amount cannot go down from ${a.amount} to ${b.amount}`,
      ),
    });
  }
  if (downgrade) {
    out.push({
      key: "planId",
      reason: refusal(
        "planId",
        `UpgradeInstance only moves to a plan at least as large in every respect, and ${a.planId} → ${b.planId} is not one`,
      ),
    });
  }
  return out;
}

/** check on an existing resource: every change that cannot be made in place, unless opted in. */
export async function refusedChanges(h: SwasHost, olds: Props, news: Props): Promise<CheckFailure[]> {
  if (news.allowReplacement === true || isUnknown(news.allowReplacement)) return [];
  const refused = knownRefusals(olds, news, await isDowngrade(h, olds, news));
  return refused.map((r) => ({ property: r.key, reason: r.reason }));
}

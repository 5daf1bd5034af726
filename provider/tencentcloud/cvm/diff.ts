/**
 * CvmInstance diff: old outputs against new inputs. What changes in place is IN_PLACE (schema.ts);
 * a replacement whose new create would meet the old instances' ClientToken deletes them first.
 */
import { DiffResult, diffArgs, guardClientToken, regionsOf, sameIdSet, sameValue } from "../../core/diff";
import { tencentRegion } from "../../core/config";
import type { Props } from "../../core/props";
import { hasUnknown } from "../../core/unknown";
import { ARG_KEYS, IN_PLACE } from "./schema";
import { tagMapOf } from "./tags";

export function diffCvm(olds: Props, news: Props): DiffResult {
  const normalize = (p: Props, region: unknown) => ({
    ...p,
    region,
    instanceChargeType: p.instanceChargeType ?? "POSTPAID_BY_HOUR",
    instanceCount: p.instanceCount ?? 1,
    // An unknown anywhere in the list: compared as it is (diffArgs counts it as a change).
    tagSpecification: hasUnknown(p.tagSpecification) ? p.tagSpecification : tagMapOf(p.tagSpecification),
  });
  const [oldRegion, newRegion] = regionsOf(olds, news, "region", tencentRegion);
  const d = guardClientToken(
    diffArgs(
      normalize(olds, oldRegion),
      normalize(news, newRegion),
      ARG_KEYS as readonly string[],
      IN_PLACE,
      {
        securityGroupIds: sameIdSet,
      },
    ),
    olds,
    news,
  );
  // The derived ClientToken leaves the password out: a new password alone would get the old
  // instances back from the cloud, so the old ones go first.
  const withoutPassword = (l: unknown) => (l && typeof l === "object" ? { ...l, password: undefined } : l);
  const passwordOnly =
    d.replaces.length === 1 &&
    d.replaces[0] === "loginSettings" &&
    sameValue(withoutPassword(olds.loginSettings), withoutPassword(news.loginSettings));
  return passwordOnly ? { ...d, deleteBeforeReplace: true } : d;
}

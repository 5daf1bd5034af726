/**
 * EcmInstance diff: old outputs against new inputs. The arguments of IN_PLACE change in place
 * (classes.ts: by which action); everything else replaces.
 */
import { tencentRegion } from "../../core/config";
import { DiffResult, diffArgs, regionsOf, sameIdSet } from "../../core/diff";
import type { Props } from "../../core/props";
import { hasUnknown } from "../../core/unknown";
import { ARG_KEYS, IN_PLACE } from "./schema";
import { tagSpecMap } from "./tags";

export function diffEcm(olds: Props, news: Props): DiffResult {
  const normalize = (p: Props, region: unknown) => ({
    ...p,
    region,
    running: p.running ?? true,
    // An unknown anywhere in the list: compared as it is (diffArgs counts it as a change).
    tagSpecification: hasUnknown(p.tagSpecification) ? p.tagSpecification : tagSpecMap(p.tagSpecification),
  });
  const [oldRegion, newRegion] = regionsOf(olds, news, "region", tencentRegion);
  return diffArgs(
    normalize(olds, oldRegion),
    normalize(news, newRegion),
    ARG_KEYS as readonly string[],
    IN_PLACE,
    {
      securityGroupIds: sameIdSet,
      keyIds: sameIdSet,
    },
  );
}

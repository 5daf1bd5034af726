/**
 * EcmInstance diff: old outputs against new inputs. Names and security groups change in place;
 * everything else replaces, and a new password alone replaces the old set first.
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
    // An unknown anywhere in the list: compared as it is (diffArgs counts it as a change).
    tagSpecification: hasUnknown(p.tagSpecification) ? p.tagSpecification : tagSpecMap(p.tagSpecification),
  });
  const [oldRegion, newRegion] = regionsOf(olds, news, "region", tencentRegion);
  const d = diffArgs(
    normalize(olds, oldRegion),
    normalize(news, newRegion),
    ARG_KEYS as readonly string[],
    IN_PLACE,
    {
      securityGroupIds: sameIdSet,
      keyIds: sameIdSet,
    },
  );
  // A new password alone leaves the request marks unchanged: the new set could not be told apart
  // from the old one, so the old one goes first.
  d.deleteBeforeReplace = d.replaces.length > 0 && d.replaces.every((k) => k === "password");
  return d;
}

/**
 * CvmInstance diff: old outputs against new inputs, by the table of argument classes
 * (classes.ts); a replacement whose new create would meet the old instances' ClientToken deletes
 * them first. The security groups' order is their priority: a new order is a change.
 */
import { DiffResult, diffResource } from "../../core/diff";
import { tencentRegion } from "../../core/config";
import type { Props } from "../../core/props";
import { hasUnknown } from "../../core/unknown";
import { ARGUMENT_CLASSES } from "./classes";
import { ARG_KEYS } from "./schema";
import { tagMapOf } from "./tags";

export function diffCvm(olds: Props, news: Props): DiffResult {
  const normalize = (p: Props, region: unknown) => ({
    ...p,
    region,
    instanceChargeType: p.instanceChargeType ?? "POSTPAID_BY_HOUR",
    instanceCount: p.instanceCount ?? 1,
    running: p.running ?? true,
    // An unknown anywhere in the list: compared as it is (diffArgs counts it as a change).
    tagSpecification: hasUnknown(p.tagSpecification) ? p.tagSpecification : tagMapOf(p.tagSpecification),
  });
  return diffResource(olds, news, ARG_KEYS, ARGUMENT_CLASSES, tencentRegion, normalize);
}

/** CVM tags: as the instances have them (DescribeInstances Tags) and as tagSpecification asks for them. */
import type { CvmArgs } from "./schema";

/** The live tags of an instance as {key: value}. */
export function tagMap(tags: Array<{ Key?: string; Value?: string }> | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""]));
}

/** The tags tagSpecification asks for as {key: value}. */
export function tagMapOf(spec: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of (spec as CvmArgs["tagSpecification"]) ?? []) for (const t of s.tags) out[t.key] = t.value;
  return out;
}

/** Live tags as a tagSpecification argument (for drift), undefined when there are none. */
export function tagSpecificationOf(live: Record<string, string>): CvmArgs["tagSpecification"] {
  if (Object.keys(live).length === 0) return undefined;
  return [{ resourceType: "instance", tags: Object.entries(live).map(([key, value]) => ({ key, value })) }];
}

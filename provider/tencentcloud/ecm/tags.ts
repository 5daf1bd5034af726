/** ECM tags: the user's (tagSpecification) and the instances' own, which also carry the marks. */
import { withoutMarks } from "../../core/adopt";
import type { EcmArgs } from "./schema";

/** The instance's tags without the marks (core/adopt.ts withoutMarks). */
export function userTags(tags: Array<{ Key?: string; Value?: string }> | undefined): Record<string, string> {
  return withoutMarks(Object.fromEntries((tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""])));
}

export function instanceTags(spec: EcmArgs["tagSpecification"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of spec ?? []) if (s.resourceType === "instance") for (const t of s.tags) out[t.key] = t.value;
  return out;
}

/** tagSpecification as {resourceType: {key: value}}: order-insensitive for the diff. */
export function tagSpecMap(spec: unknown): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const s of (spec as EcmArgs["tagSpecification"]) ?? []) {
    out[s.resourceType] = {
      ...out[s.resourceType],
      ...Object.fromEntries(s.tags.map((t) => [t.key, t.value])),
    };
  }
  return Object.fromEntries(Object.entries(out).filter(([, tags]) => Object.keys(tags).length));
}

/** The arguments' tagSpecification with the instance tags seen live (module tags kept). */
export function withInstanceTags(
  args: Partial<EcmArgs>,
  live: Record<string, string>,
): EcmArgs["tagSpecification"] {
  const others = (args.tagSpecification ?? []).filter((s) => s.resourceType !== "instance");
  const tags = Object.entries(live).map(([key, value]) => ({ key, value }));
  const spec = [...others, ...(tags.length ? [{ resourceType: "instance" as const, tags }] : [])];
  return spec.length ? spec : undefined;
}

/**
 * The argument-classification tables of the resources (<resource>/classes.ts): how a change of each
 * argument is made, in place (by which action, and whether the instances are stopped for it), by
 * replacing the instances (why), or refused at check (why); and the comparison of such a table
 * with what a resource's diff and check really do, for the tests that hold them together.
 */
import type { ArgumentClass, DiffResult } from "./diff";
import type { Props } from "./props";

export type { ArgumentClass };

/** What a resource does with one changed argument. */
export interface Probe {
  /** The old outputs (olds) and new inputs (news) that differ in this argument only. */
  olds: Props;
  news: Props;
}

/**
 * Where the table and the resource disagree: arguments with no class or no class in the schema,
 * in-place ones the diff replaces, replace ones it does not, refused ones check lets through,
 * create-only ones the diff sees.
 * `probe(key)` gives a change of that argument alone; `refusedAt(olds, news)` whether check refuses it;
 * `inPlace`, the diff's list of in-place arguments, must be the top-level in-place classes.
 */
export async function disagreements(
  keys: readonly string[],
  classes: Record<string, ArgumentClass>,
  diff: (olds: Props, news: Props) => DiffResult,
  probe: (key: string) => Probe,
  refusedAt: (olds: Props, news: Props) => Promise<boolean>,
  inPlace: readonly string[] = [],
): Promise<string[]> {
  const out: string[] = [];
  for (const k of inPlace)
    if (classes[k]?.kind !== "in-place") out.push(`${k}: in place in the diff, not in the table`);
  const top = new Set(Object.keys(classes).map((k) => k.split(".")[0]));
  for (const k of keys) if (!top.has(k)) out.push(`${k}: no class`);
  for (const k of top) if (!keys.includes(k)) out.push(`${k}: classed but not an argument`);
  for (const [key, c] of Object.entries(classes)) {
    const { olds, news } = probe(key);
    if (c.kind === "refused") {
      if (!(await refusedAt(olds, news))) out.push(`${key}: check does not refuse it`);
      continue;
    }
    const d = diff(olds, news);
    if (c.kind === "create-only") {
      if (d.changes) out.push(`${key}: create-only, but the diff sees a change`);
      continue;
    }
    const replaced = d.replaces.includes(key.split(".")[0]);
    if (!d.changes) out.push(`${key}: the probe is no change`);
    else if (c.kind === "in-place" && replaced)
      out.push(`${key}: in place (${c.action}), but the diff replaces`);
    else if (c.kind === "replace" && !replaced) out.push(`${key}: replaces, but the diff does not`);
  }
  return out;
}

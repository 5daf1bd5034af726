/**
 * CVM instance names: the name the cloud gives each instance of a RunInstances (SDK
 * RunInstancesRequest.InstanceName: {R:x} and {R:x,F:y} patterns, else suffixes 1..n), and the
 * number a live name carries, so that a rename keeps each instance's number.
 */
import { keepNumbers } from "../../core/names";

/**
 * The patterns of SDK RunInstancesRequest.InstanceName: {R:x} counts from x; {R:x,F:y} (y from 0
 * to 8) pads to y digits, with more digits where the number needs them. Anything else is text.
 */
const NAME_PATTERN = /\{R:(\d+)(?:,F:([0-8]))?\}/g;

/** The name the cloud gives the i-th of n instances launched together (RunInstances InstanceName rules). */
export function nameAt(name: string, i: number, n: number): string {
  if (!new RegExp(NAME_PATTERN.source).test(name)) return n > 1 ? `${name}${i + 1}` : name;
  return name.replace(NAME_PATTERN, (_m, x: string, y?: string) =>
    String(Number(x) + i).padStart(Number(y ?? 0), "0"),
  );
}

/**
 * The number (0-based) a live name carries under an instanceName: what its {R:x} patterns count
 * from x (every pattern agreeing), else the suffix 1..n; undefined when the name is not of it.
 */
export function numberIn(name: string, live: string): number | undefined {
  const parts = name.split(new RegExp(NAME_PATTERN.source));
  // split() puts each pattern's captures (x, y) between the literal parts.
  const literals = parts.filter((_, i) => i % 3 === 0);
  const starts = parts.filter((_, i) => i % 3 === 1).map(Number);
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  if (starts.length === 0) {
    if (live === name) return 0;
    const m = new RegExp(`^${escape(name)}(\\d+)$`).exec(live);
    return m ? Number(m[1]) - 1 : undefined;
  }
  const m = new RegExp(`^${literals.map(escape).join("(\\d+)")}$`).exec(live);
  if (!m) return undefined;
  const numbers = starts.map((x, k) => Number(m[k + 1]) - x);
  return numbers.every((n) => n === numbers[0]) ? numbers[0] : undefined;
}

/**
 * The name each instance (in launch order) of a set of `count` should have under `name`: the number
 * its live name carries under one of `from` (the names it may have been given, oldest first) is
 * kept; the others take the free numbers.
 */
export function numberedNames(
  live: string[],
  from: Array<string | undefined>,
  name: string,
  count = live.length,
): string[] {
  const numbers = keepNumbers(live, count, (l) =>
    from.map((f) => (f === undefined ? undefined : numberIn(f, l))).find((n) => n !== undefined),
  );
  return numbers.map((i) => nameAt(name, i, count));
}

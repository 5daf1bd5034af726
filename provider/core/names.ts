/**
 * Renaming a set of instances without moving their numbers: each instance keeps the number its
 * live name carries, and instances without one (added later, renamed by hand) take the free
 * numbers. How a number is read from a name and written into one is the resource's.
 */

/**
 * The number (0-based) of each item: its own, as `numberOf` reads it, when it is below `count` and
 * no earlier item holds it; otherwise the lowest free number, in the items' order.
 */
export function keepNumbers<T>(
  items: T[],
  count: number,
  numberOf: (item: T) => number | undefined,
): number[] {
  const taken = new Set<number>();
  const own = items.map((item) => {
    const n = numberOf(item);
    if (n === undefined || !Number.isInteger(n) || n < 0 || n >= count || taken.has(n)) return undefined;
    taken.add(n);
    return n;
  });
  const free = Array.from({ length: Math.max(count, items.length) }, (_, i) => i).filter(
    (i) => !taken.has(i),
  );
  return own.map((n) => n ?? free.shift()!);
}

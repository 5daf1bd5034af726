/** Pulumi's unknown value during preview: passed through, never validated or transformed. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(v: unknown): boolean {
  return v === UNKNOWN;
}

/** The dotted paths of every unknown value in a structure. */
export function unknownPaths(v: unknown, prefix = ""): string[] {
  if (isUnknown(v)) return [prefix];
  if (Array.isArray(v)) return v.flatMap((x, i) => unknownPaths(x, `${prefix}[${i}]`));
  if (v && typeof v === "object") {
    return Object.entries(v).flatMap(([k, x]) => unknownPaths(x, prefix ? `${prefix}.${k}` : k));
  }
  return [];
}

/** A copy without the unknown values (so a schema checks only what is known). */
export function withoutUnknowns<T>(v: T): T {
  if (Array.isArray(v)) return v.filter((x) => !isUnknown(x)).map(withoutUnknowns) as T;
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => !isUnknown(x))
        .map(([k, x]) => [k, withoutUnknowns(x)]),
    ) as T;
  }
  return v;
}

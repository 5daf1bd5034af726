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

/** Whether an unknown value is anywhere in a structure. */
export function hasUnknown(v: unknown): boolean {
  return unknownPaths(v).length > 0;
}

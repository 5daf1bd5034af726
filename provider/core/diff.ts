/**
 * Diff of old outputs against new inputs, over the resource's arguments only: which changed
 * arguments are made in place and which replace. Unknown values count as changed.
 */
import { stableJson } from "./stable-json";
import { UNKNOWN, isUnknown, unknownPaths } from "./unknown";

export interface DiffResult {
  changes: boolean;
  replaces: string[];
  /** Changed arguments made in place. */
  updates: string[];
  deleteBeforeReplace: boolean;
}

/** Deep equality over JSON values; undefined, null and missing are the same. */
export function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(withoutNullish(a)) === stableJson(withoutNullish(b));
}

/** Object members that are undefined or null left out, at every depth. */
function withoutNullish(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNullish);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined && x !== null)
        .map(([k, x]) => [k, withoutNullish(x)]),
    );
  }
  return v;
}

/**
 * The region of each side as the diff compares them: the argument, else the one stack config or
 * the environment gives (`configured`); an unknown new one stays unknown.
 */
export function regionsOf(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  key: string,
  configured: () => string | undefined,
): [unknown, unknown] {
  return [olds[key] ?? configured(), isUnknown(news[key]) ? news[key] : (news[key] ?? configured())];
}

/** Equality of two lists of ids as sets (security groups, key pairs): the order does not matter. */
export function sameIdSet(a: unknown, b: unknown): boolean {
  const x = (a as string[] | undefined) ?? [];
  const y = (b as string[] | undefined) ?? [];
  return x.length === y.length && [...x].sort().join(",") === [...y].sort().join(",");
}

export function diffArgs(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  keys: readonly string[],
  inPlace: readonly string[],
  /** Per-argument equality where "the same" is not deep equality (e.g. order-insensitive lists). */
  equal: Record<string, (a: unknown, b: unknown) => boolean> = {},
): DiffResult {
  const changed: string[] = [];
  for (const k of keys) {
    const a = olds[k];
    const b = news[k];
    if (b === UNKNOWN || unknownPaths(b).length) {
      changed.push(k);
      continue;
    }
    if (!(equal[k] ?? sameValue)(a, b)) changed.push(k);
  }
  const replaces = changed.filter((k) => !inPlace.includes(k));
  return {
    changes: changed.length > 0,
    replaces,
    updates: changed.filter((k) => inPlace.includes(k)),
    deleteBeforeReplace: false,
  };
}

/**
 * A replacement creates the new instances before it deletes the old ones. When the new create
 * would send the cloud the ClientToken the old one sent (the user's own token, unchanged), the
 * cloud would answer with the old instances, which the replacement then deletes: delete first.
 */
export function guardClientToken(
  d: DiffResult,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): DiffResult {
  const same = typeof news.clientToken === "string" && news.clientToken === olds.clientToken;
  return d.replaces.length > 0 && same ? { ...d, deleteBeforeReplace: true } : d;
}

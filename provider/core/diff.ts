/**
 * Diff of old outputs against new inputs, over the resource's arguments only: which changed
 * arguments are made in place and which replace. Unknown values count as changed.
 */
import { UNKNOWN, unknownPaths } from "./unknown";

export interface DiffResult {
  changes: boolean;
  replaces: string[];
  /** Changed arguments made in place. */
  updates: string[];
  deleteBeforeReplace: boolean;
}

/** Deep equality over JSON values; undefined, null and missing are the same. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  return (
    JSON.stringify(v, (_k, x: unknown) => {
      if (x && typeof x === "object" && !Array.isArray(x)) {
        return Object.fromEntries(
          Object.entries(x as Record<string, unknown>)
            .filter(([, y]) => y !== undefined && y !== null)
            .sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)),
        );
      }
      return x;
    }) ?? "null"
  );
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

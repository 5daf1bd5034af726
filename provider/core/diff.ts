/**
 * Diff of old outputs against new inputs, over the resource's arguments only: which changed
 * arguments are made in place and which replace. Unknown values count as changed.
 */
import type { z } from "zod";
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

/** Equality of two lists of ids as sets (key pairs): the order does not matter. */
export function sameIdSet(a: unknown, b: unknown): boolean {
  const x = (a as string[] | undefined) ?? [];
  const y = (b as string[] | undefined) ?? [];
  return x.length === y.length && [...x].sort().join(",") === [...y].sort().join(",");
}

/**
 * How a change of one argument is made, for the table of every argument (classes.ts of each
 * resource): in place by an API action (`stops`: the instance is stopped for it and started
 * again), by a replacement (why), or refused at check (why).
 */
export type ArgumentClass =
  | { kind: "in-place"; action: string; stops: boolean; note?: string }
  | { kind: "replace"; why: string }
  | { kind: "refused"; why: string }
  | { kind: "create-only"; why: string };

/**
 * The ids a resource adopts at its first create (core/adopt.ts): a later change of them alone is
 * no change, so the diff never compares them.
 */
export const ADOPT_KEY = "adoptInstanceIds";

/** The class of `adoptInstanceIds` in every table. */
export const ADOPT_CLASS: ArgumentClass = {
  kind: "create-only",
  why: "read by the first create only: a later change alone is no change",
};

/** By top-level argument name, or by dotted path for the parts of one (`loginSettings.password`, `dataDisks[].diskSize`). */
export type ArgumentClasses = Record<string, ArgumentClass>;

/**
 * The table against the schema's arguments: `missing` the argument paths without a class (each
 * top-level argument, or each part of one whose parts are classed; a list of parts also needs its
 * own entry, for adding and removing), `stale` the entries for no argument.
 */
export function unclassified(
  shape: Record<string, z.ZodType>,
  classes: ArgumentClasses,
): { missing: string[]; stale: string[] } {
  const paths: string[] = [];
  for (const [key, field] of Object.entries(shape)) {
    if (partsOf(classes, key).size === 0) {
      paths.push(key);
      continue;
    }
    let s = field as unknown as { def: { type: string }; unwrap?: () => unknown; shape?: object };
    let list = false;
    while (typeof s.unwrap === "function" && !s.shape) {
      list ||= s.def.type === "array";
      s = s.unwrap() as typeof s;
    }
    if (list) paths.push(key);
    for (const part of Object.keys(s.shape ?? {})) paths.push(`${key}${list ? "[]" : ""}.${part}`);
  }
  return {
    missing: paths.filter((p) => !(p in classes)),
    stale: Object.keys(classes).filter((p) => !paths.includes(p)),
  };
}

/** The entries of a table for the parts of `key`, by the part's name. */
function partsOf(classes: ArgumentClasses, key: string): Map<string, ArgumentClass> {
  const parts = new Map<string, ArgumentClass>();
  for (const [path, c] of Object.entries(classes)) {
    const m =
      path.startsWith(`${key}.`) || path.startsWith(`${key}[].`) ? path.slice(path.indexOf(".") + 1) : "";
    if (m) parts.set(m, c);
  }
  return parts;
}

/**
 * Whether a changed argument is made in place: by its own class, or, for one whose parts are
 * classed, when every part that changed is in place (an array of parts: the same length too).
 * An unknown value counts as changed; an unknown part as that part changed.
 */
function inPlaceChange(classes: ArgumentClasses, key: string, a: unknown, b: unknown): boolean {
  const parts = partsOf(classes, key);
  if (parts.size === 0 || isUnknown(b)) {
    const all = parts.size ? [...parts.values()] : [classes[key]];
    return all.every((c) => c?.kind === "in-place");
  }
  const inPlace = (part: string) => parts.get(part)?.kind === "in-place";
  const changedParts = (x: unknown, y: unknown) => {
    const o = (x ?? {}) as Record<string, unknown>;
    const n = (y ?? {}) as Record<string, unknown>;
    return [...new Set([...Object.keys(o), ...Object.keys(n)])].filter(
      (p) => isUnknown(n[p]) || unknownPaths(n[p]).length > 0 || !sameValue(o[p], n[p]),
    );
  };
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = (a ?? []) as unknown[];
    const y = (b ?? []) as unknown[];
    return x.length === y.length && x.every((el, i) => changedParts(el, y[i]).every(inPlace));
  }
  return changedParts(a, b).every(inPlace);
}

/** The diff of a resource whose arguments are classed (ArgumentClasses): what changed, in place or not. */
export function diffClassified(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  keys: readonly string[],
  classes: ArgumentClasses,
  equal: Record<string, (a: unknown, b: unknown) => boolean> = {},
): DiffResult {
  const changed = changedKeys(olds, news, keys, equal);
  const updates = changed.filter((k) => inPlaceChange(classes, k, olds[k], news[k]));
  return withReplaceOnChanges(
    {
      changes: changed.length > 0,
      replaces: changed.filter((k) => !updates.includes(k)),
      updates,
      deleteBeforeReplace: false,
    },
    olds,
    news,
  );
}

function changedKeys(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  keys: readonly string[],
  equal: Record<string, (a: unknown, b: unknown) => boolean>,
): string[] {
  return keys.filter((k) => {
    if (k === ADOPT_KEY) return false;
    const b = news[k];
    return b === UNKNOWN || unknownPaths(b).length > 0 || !(equal[k] ?? sameValue)(olds[k], b);
  });
}

/** The value at a property path such as `loginSettings.password` or `dataDisks[0].diskSize` (`[*]`: the list). */
function valueAt(v: unknown, path: string): unknown {
  const steps = path.split(/\.|\[(\d+|\*)\]/).filter((s) => s !== undefined && s !== "");
  let at = v;
  for (const s of steps) {
    if (s === "*" || at === undefined || at === null) return at;
    at = (at as Record<string, unknown>)[s];
  }
  return at;
}

/**
 * Pulumi's `replaceOnChanges`, which the engine does not apply to dynamic resources: the resource
 * classes pass it as the hidden input `__replaceOnChanges` (resource.ts). A change in place of a
 * path it names (`*`: any) replaces instead.
 */
export function withReplaceOnChanges(
  d: DiffResult,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): DiffResult {
  const paths = Array.isArray(news.__replaceOnChanges) ? (news.__replaceOnChanges as string[]) : [];
  if (paths.length === 0) return d;
  const replaced = d.updates.filter((k) =>
    paths.some(
      (p) =>
        p === "*" ||
        ((p === k || p.startsWith(`${k}.`) || p.startsWith(`${k}[`)) &&
          (unknownPaths(valueAt(news, p)).length > 0 || !sameValue(valueAt(olds, p), valueAt(news, p)))),
    ),
  );
  if (replaced.length === 0) return d;
  return {
    ...d,
    replaces: [...d.replaces, ...replaced],
    updates: d.updates.filter((k) => !replaced.includes(k)),
  };
}

export function diffArgs(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  keys: readonly string[],
  inPlace: readonly string[],
  /** Per-argument equality where "the same" is not deep equality (e.g. order-insensitive lists). */
  equal: Record<string, (a: unknown, b: unknown) => boolean> = {},
): DiffResult {
  const changed = changedKeys(olds, news, keys, equal);
  return withReplaceOnChanges(
    {
      changes: changed.length > 0,
      replaces: changed.filter((k) => !inPlace.includes(k)),
      updates: changed.filter((k) => inPlace.includes(k)),
      deleteBeforeReplace: false,
    },
    olds,
    news,
  );
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

/**
 * A classed resource's diff: both sides normalized (`normalize`: defaults written out, with the
 * region of each side as regionsOf resolves it), compared by the table, and a replacement that
 * would meet the old ClientToken made delete-first.
 */
export function diffResource(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  keys: readonly string[],
  classes: ArgumentClasses,
  configuredRegion: () => string | undefined,
  normalize: (p: Record<string, unknown>, region: unknown) => Record<string, unknown>,
): DiffResult {
  const [oldRegion, newRegion] = regionsOf(olds, news, "region", configuredRegion);
  const d = diffClassified(normalize(olds, oldRegion), normalize(news, newRegion), keys, classes);
  return guardClientToken(d, olds, news);
}

// Property values as the engine handles them: JSON values in which a secret is the object
// `{[SIG_KEY]: SECRET_SIG, value}` and, in preview, an unknown value is the string UNKNOWN.

/** The engine's "unknown" value (preview), at any depth of a property value. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Key and value that mark a secret: `{[SIG_KEY]: SECRET_SIG, value}` (or `ciphertext` in the state file). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export type Props = Record<string, unknown>;
export interface Secret {
  [SIG_KEY]: typeof SECRET_SIG;
  value?: unknown;
  ciphertext?: string;
}

function isObject(v: unknown): v is Props {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function isSecret(v: unknown): v is Secret {
  return isObject(v) && v[SIG_KEY] === SECRET_SIG;
}

export function secret(value: unknown): Secret {
  return { [SIG_KEY]: SECRET_SIG, value: reveal(value) };
}

/** Applies `fn` to every secret in `v` (deep), rebuilding the containers around it. */
export function mapSecrets(v: unknown, fn: (s: Secret) => unknown): unknown {
  if (isSecret(v)) return fn(v);
  if (Array.isArray(v)) return v.map((item) => mapSecrets(item, fn));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, mapSecrets(item, fn)]));
  return v;
}

/** The plain value: secret wrappers removed (what a provider that does not accept secrets gets). */
export function reveal<T>(v: T): T {
  return mapSecrets(v, (s) => reveal(s.value)) as T;
}

export function containsSecret(v: unknown): boolean {
  if (isSecret(v)) return true;
  if (Array.isArray(v)) return v.some(containsSecret);
  if (isObject(v)) return Object.values(v).some(containsSecret);
  return false;
}

export function containsUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isObject(v)) return Object.values(v).some(containsUnknown);
  return false;
}

/**
 * Marks as secret every part of `outs` whose counterpart in `ins` is secret (the engine does this
 * for providers that do not accept secrets: an output stays secret when its input was).
 */
export function annotateSecrets(outs: unknown, ins: unknown): unknown {
  if (isSecret(ins)) return secret(outs);
  if (Array.isArray(outs) && Array.isArray(ins)) return outs.map((o, i) => annotateSecrets(o, ins[i]));
  if (isObject(outs) && isObject(ins)) {
    return Object.fromEntries(
      Object.entries(outs).map(([k, o]) => [k, k in ins ? annotateSecrets(o, ins[k]) : o]),
    );
  }
  return outs;
}

/** Wraps the named top-level properties as secrets (additionalSecretOutputs). */
export function markSecret(props: Props, names: string[]): Props {
  const result = { ...props };
  for (const name of names) {
    if (name in result && !isSecret(result[name])) result[name] = secret(result[name]);
  }
  return result;
}

/**
 * The ignoreChanges option: each path ("size", "placement.zone") of `news` takes its value in
 * `olds`, or is removed when `olds` has none (as the engine does before Check; not on create).
 */
export function ignoreChanges(news: Props, olds: Props, paths: string[]): Props {
  const result = structuredClone(news);
  for (const path of paths) {
    const keys = path.split(".");
    const last = keys.pop() as string;
    let from: unknown = olds;
    let to: unknown = result;
    for (const key of keys) {
      from = isObject(from) ? from[key] : undefined;
      to = isObject(to) ? to[key] : undefined;
    }
    if (!isObject(to)) continue;
    if (isObject(from) && last in from) to[last] = structuredClone(from[last]);
    else delete to[last];
  }
  return result;
}

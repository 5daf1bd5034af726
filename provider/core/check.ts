/**
 * zod issues → Pulumi CheckFailure[]: the property path and the rule with its source.
 * Unknown values (preview) are not validated: issues at or under an unknown path are dropped,
 * and a rule that reads several fields is dropped when a field it reads is unknown.
 */
import type { z } from "zod";
import { isUnknown, unknownPaths } from "./unknown";

export interface CheckFailure {
  property: string;
  reason: string;
}

interface RuleParams {
  /** The fields the rule reads, relative to the object it is on. */
  reads: readonly string[];
  /** How many segments of the issue's path lie below that object. */
  depth: number;
}

/**
 * Reports the failure of a rule that reads several fields (`reads`, paths relative to the object
 * the rule is on, e.g. ["instanceChargeType", "instanceChargePrepaid"]). At preview the failure
 * is dropped when one of them is unknown, and only then.
 */
export function ruleIssue(
  ctx: z.core.$RefinementCtx,
  reads: readonly string[],
  path: PropertyKey[],
  message: string,
): void {
  const params: RuleParams = { reads, depth: path.length };
  ctx.addIssue({ code: "custom", path, message, params: { ...params } });
}

function ruleOf(issue: z.core.$ZodIssue): RuleParams | undefined {
  const params = (issue as { params?: Partial<RuleParams> }).params;
  return params?.reads && typeof params.depth === "number" ? (params as RuleParams) : undefined;
}

/** a is b, or lies inside b, or holds b. */
function overlaps(a: string, b: string): boolean {
  const inside = (x: string, y: string) => x === y || x.startsWith(`${y}.`) || x.startsWith(`${y}[`);
  return inside(a, b) || inside(b, a);
}

/** The parts of a zod schema's definition that say what values it takes. */
export interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
}
export const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = ["optional", "default", "prefault", "nullable", "readonly", "catch", "nonoptional"];

/** The schema inside optional, default, nullable, ... wrappers and pipes: the one that takes the values. */
export function unwrap(s: z.ZodType): z.ZodType {
  for (;;) {
    const d = defOf(s);
    if (WRAPPERS.includes(d.type) && d.innerType) s = d.innerType;
    else if (d.type === "pipe" && d.in) s = d.in;
    else return s;
  }
}

/**
 * A value of the schema's type, for an unknown one: its checks may fail (those failures are at an
 * unknown path and dropped), but its type holds, so zod still runs the rules of the objects around
 * it. undefined where no such value can be made (the unknown then stays as it is).
 */
function placeholder(schema: z.ZodType): unknown {
  const d = defOf(unwrap(schema));
  switch (d.type) {
    case "string":
      return "";
    case "number":
      return 0;
    case "boolean":
      return false;
    case "enum":
      return Object.values(d.entries ?? {})[0];
    case "literal":
      return d.values?.[0];
    case "array":
      return [];
    case "union":
      return d.options?.length ? placeholder(d.options[0]) : undefined;
    case "object":
      return Object.fromEntries(
        Object.entries(d.shape ?? {})
          .filter(([, f]) => !["optional", "default", "prefault"].includes(defOf(f).type))
          .map(([k, f]) => [k, placeholder(f)]),
      );
    default:
      return undefined;
  }
}

/** The input with every unknown value (at any depth, list elements too) in place replaced by a placeholder. */
function withPlaceholders(schema: z.ZodType, value: unknown): unknown {
  if (isUnknown(value)) return placeholder(schema) ?? value;
  const d = defOf(unwrap(schema));
  if (Array.isArray(value) && d.type === "array" && d.element) {
    return value.map((x) => withPlaceholders(d.element!, x));
  }
  if (value && typeof value === "object" && !Array.isArray(value) && d.type === "object" && d.shape) {
    return Object.fromEntries(
      Object.entries(value).map(([k, x]) => [k, d.shape![k] ? withPlaceholders(d.shape![k], x) : x]),
    );
  }
  return value;
}

export function propertyPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/** zod's own messages, which never reach the user: the rule is reworded from the issue. */
const LIBRARY_MESSAGE = /^(Invalid|Too (big|small)|Unrecognized)/;

const TYPE_WORDS: Record<string, string> = {
  int: "a whole number",
  number: "a number",
  string: "a string",
  boolean: "a boolean",
  array: "a list",
  object: "an object",
};

/** The rule an issue reports, in this package's words (its own message when the schema gave one). */
function reasonOf(issue: z.core.$ZodIssue, value: unknown): string {
  if (!LIBRARY_MESSAGE.test(issue.message)) return issue.message;
  const limit = (n: number | bigint) =>
    n === Number.MAX_SAFE_INTEGER ? "9007199254740991 (2^53 - 1)" : String(n);
  switch (issue.code) {
    case "invalid_type":
      if (value === undefined) return "is required";
      if (issue.expected === "never") return "must not be set";
      return `must be ${TYPE_WORDS[issue.expected] ?? `a ${issue.expected}`}`;
    case "too_big": {
      const max = limit(issue.maximum);
      if (issue.origin === "string") return `must be at most ${max} characters`;
      if (issue.origin === "array" || issue.origin === "set") return `must hold at most ${max} items`;
      return issue.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
    }
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string")
        return min === 1 ? "must not be empty" : `must be at least ${min} characters`;
      if (issue.origin === "array" || issue.origin === "set")
        return min === 1 ? "must not be empty" : `must hold at least ${min} items`;
      if (min === 0) return issue.inclusive === false ? "must be greater than 0" : "must not be negative";
      return issue.inclusive === false ? `must be greater than ${min}` : `must be at least ${min}`;
    }
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "not_multiple_of":
      return `must be a multiple of ${String(issue.divisor)}`;
    case "invalid_format":
      return "is not in the documented format";
    case "invalid_union":
      return "is none of the documented forms";
    default:
      return "is not a valid value";
  }
}

function valueAt(v: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let at = v;
  for (const k of path) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<PropertyKey, unknown>)[k];
  }
  return at;
}

/**
 * The keys Pulumi and this package add to a resource's properties: the provider text, the
 * resource's identity and its replaceOnChanges (resource.ts). Any other key, `__foo` or `__proto__` too, is the user's (and refused).
 */
export const OWN_KEYS: readonly string[] = ["__provider", "__identity", "__replaceOnChanges"];

/** Removes the keys Pulumi and this package add. */
export function userArgs(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([k]) => !OWN_KEYS.includes(k)));
}

export interface Checked<T> {
  /** The parsed arguments, when every value is known and valid. */
  args?: T;
  failures: CheckFailure[];
  /** True when some value is unknown (preview): `args` is then absent even if nothing failed. */
  hasUnknowns: boolean;
}

/** The API document a resource's rules come from, cited by every check failure. */
export interface Source {
  /** e.g. "CVM RunInstances 2017-03-12" */
  doc: string;
  /** Whether the document names parameters in PascalCase (API 3.0, swas-open) or as the arguments are. */
  pascal?: boolean;
  /** Arguments of this package, not of the document (timeouts, running, ...). */
  own?: readonly string[];
}

const OWN_ARGS = ["timeouts", "releasePrepaid", "running", "onDelete", "allowReplacement"];

/** "(CVM RunInstances 2017-03-12: Placement.Zone)" for a path, or "(CvmInstance argument)". */
function citation(path: string, resource: string, source: Source): string {
  const segments = path.split(/[.[\]]/).filter((x) => x && !/^\d+$/.test(x));
  if ((source.own ?? OWN_ARGS).includes(segments[0] ?? "")) return `(${resource} argument)`;
  const param = segments
    .map((x) => (source.pascal === false ? x : x.charAt(0).toUpperCase() + x.slice(1)))
    .join(".");
  return `(${source.doc}${param ? `: ${param}` : ""})`;
}

export function checkArgs<T>(
  schema: z.ZodType<T>,
  news: Record<string, unknown>,
  resource: string,
  /** Output names that may come back in `news` (e.g. after a refresh set inputs): ignored. */
  outputs: readonly string[] = [],
  /** The document cited by failures whose rule does not cite one itself. */
  source?: Source,
): Checked<T> {
  const input = userArgs(news);
  for (const o of outputs) delete input[o];
  const unknown = unknownPaths(input);
  const r = schema.safeParse(unknown.length ? withPlaceholders(schema, input) : input);
  if (r.success)
    return { args: unknown.length ? undefined : r.data, failures: [], hasUnknowns: unknown.length > 0 };
  const issues = r.error.issues;
  // A value of the wrong type is reported as such, not also by the checks of the right type.
  const mistyped = new Set(issues.filter((i) => i.code === "invalid_type").map((i) => propertyPath(i.path)));
  const failures: CheckFailure[] = [];
  for (const issue of issues) {
    if (issue.code !== "invalid_type" && !ruleOf(issue) && mistyped.has(propertyPath(issue.path))) continue;
    const rule = ruleOf(issue);
    if (rule) {
      const at = issue.path.slice(0, issue.path.length - rule.depth);
      const reads = rule.reads.map((f) => propertyPath([...at, ...f.split(".")]));
      if (reads.some((f) => unknown.some((u) => overlaps(f, u)))) continue;
    }
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const property = propertyPath([...issue.path, key]);
        const doc = source ? `${source.doc} has` : "the API document has";
        failures.push({
          property,
          reason: `is not an argument of ${resource} (${doc} no such parameter)`,
        });
      }
      continue;
    }
    const property = propertyPath(issue.path);
    if (unknown.some((u) => property === u || property.startsWith(u + ".") || property.startsWith(u + "[")))
      continue;
    const reason = reasonOf(issue, valueAt(input, issue.path));
    const cited =
      source === undefined ||
      reason.includes(source.doc) ||
      /\([^()]*(SDK|document|argument)[^()]*\)/.test(reason);
    failures.push({ property, reason: cited ? reason : `${reason} ${citation(property, resource, source)}` });
  }
  const seen = new Set<string>();
  return {
    failures: failures.filter((f) => {
      const key = `${f.property}\n${f.reason}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
    hasUnknowns: unknown.length > 0,
  };
}

/** A resource about to be created: check got no old properties (an update's check gets the outputs). */
export function isNew(olds: Record<string, unknown> | undefined): boolean {
  return Object.keys(userArgs(olds ?? {})).length === 0;
}

/**
 * The region of a resource: its argument (`key`), else what `resolve` finds in stack config or the
 * environment; a failure with `reason` when there is none. Unknown at preview: no failure.
 */
export function regionFailures(
  news: Record<string, unknown>,
  key: string,
  resolve: (arg?: string) => string | undefined,
  reason: string,
): CheckFailure[] {
  if (isUnknown(news[key]) || resolve(news[key] as string | undefined)) return [];
  return [{ property: key, reason }];
}

/**
 * zod issues → Pulumi CheckFailure[]: the property path and the rule with its source.
 * Unknown values (preview) are not validated: issues at or under an unknown path are dropped,
 * and so are cross-field rules while anything is unknown.
 */
import type { z } from "zod";
import { CloudError, errorMessage } from "./errors";
import { unknownPaths, withoutUnknowns } from "./unknown";

export interface CheckFailure {
  property: string;
  reason: string;
}

/** Marks a refinement that reads more than one field (dropped while any value is unknown). */
export const CROSS_FIELD = { crossField: true } as const;

export function propertyPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

function describeType(issue: z.core.$ZodIssue): string {
  // Our own messages cite their document; zod's defaults ("Invalid input: ...") are reworded.
  if (!/^Invalid|^Too (big|small)/.test(issue.message)) return issue.message;
  if (issue.code === "invalid_type") {
    return `must be ${issue.expected === "array" ? "a list" : issue.expected === "object" ? "an object" : `a ${issue.expected}`}`;
  }
  if (issue.code === "unrecognized_keys") return "";
  if (issue.code === "invalid_value") {
    return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return issue.message;
}

/** Removes the keys Pulumi and this package add (`__provider`, `__identity`, ...). */
export function userArgs(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([k]) => !k.startsWith("__")));
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
  const r = schema.safeParse(withoutUnknowns(input));
  if (r.success)
    return { args: unknown.length ? undefined : r.data, failures: [], hasUnknowns: unknown.length > 0 };
  const failures: CheckFailure[] = [];
  for (const issue of r.error.issues) {
    const params = (issue as { params?: { crossField?: boolean } }).params;
    if (unknown.length && params?.crossField) continue;
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
    const reason = describeType(issue);
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

/**
 * A preflight dry run's answer as check failures: the cloud's refusal (code, message, RequestId)
 * on the argument it is about, or why the preflight could not run.
 */
export function preflightFailures(
  e: unknown,
  propertyOf: (code: string) => string,
  fallback = "region",
): CheckFailure[] {
  if (e instanceof CloudError) {
    const rid = e.requestId ? ` (RequestId ${e.requestId})` : "";
    return [
      {
        property: propertyOf(e.code),
        reason: `refused by the cloud's DryRun: ${e.code}: ${e.cloudMessage}${rid}`,
      },
    ];
  }
  return [{ property: fallback, reason: `preflight could not run: ${errorMessage(e)}` }];
}

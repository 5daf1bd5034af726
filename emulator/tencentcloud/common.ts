/** What the Tencent Cloud services share beyond the request shapes: the handler of an action, and filters. */
import type { Call, Handler } from "../call";
import type { Instance } from "../instance";
import type { Lifecycle } from "../lifecycle";
import { ApiError } from "../errors";
import { missingParameter } from "./errors";
import { readRequest, Spec } from "./shapes";

/**
 * The handler of an action: the common parameters first (`region`, where the service checks the
 * Region), then the request against its shape, then the action.
 */
export function action<T, R = undefined>(
  spec: Spec,
  run: (call: Call, req: T, region: R) => Record<string, unknown>,
  region?: (call: Call) => R,
): Handler {
  return (call) => {
    const r = region ? region(call) : (undefined as R);
    return run(call, readRequest<T>(call.params, spec), r);
  };
}

export interface Filter {
  name: string;
  values: string[];
}

/** Filters.N of a describe: Name and Values are required (MissingParameter). */
export function filterAt(filter: { Name?: string; Values?: string[] }, i: number): Filter {
  if (filter.Name === undefined) throw missingParameter(`Filters.${i}.Name`);
  if (filter.Values === undefined) throw missingParameter(`Filters.${i}.Values`);
  return { name: filter.Name, values: filter.Values };
}

/** A parameter the action needs: MissingParameter when it is absent. */
export function required<T>(value: T | undefined, path: string): T {
  if (value === undefined) throw missingParameter(path);
  return value;
}

/** A describe's answer: the total, and the page Offset and Limit select, each instance in its model. */
export function instancePage(
  instances: Instance[],
  offset: number,
  limit: number,
  view: (inst: Instance) => Record<string, unknown>,
): { TotalCount: number; InstanceSet: Array<Record<string, unknown>> } {
  return { TotalCount: instances.length, InstanceSet: instances.slice(offset, offset + limit).map(view) };
}

/** InstanceName of ECM and HAI: at most `max` characters (InstanceNameTooLong). */
export function checkNameLength(name: string | undefined, max: number): string | undefined {
  if (name !== undefined && name.length > max) {
    throw new ApiError(
      "InvalidParameterValue.InstanceNameTooLong",
      `The instance name has ${name.length} characters; at most ${max} are allowed.`,
    );
  }
  return name;
}

/** How ECM and HAI instances launch: PENDING for bootMs, then RUNNING, or LAUNCH_FAILED for good. */
export const LAUNCH = {
  launch: [{ state: "PENDING", lasts: "bootMs" }, { state: "RUNNING" }],
  launchFailed: [{ state: "PENDING", lasts: "bootMs" }, { state: "LAUNCH_FAILED" }],
} satisfies Pick<Lifecycle, "launch" | "launchFailed">;

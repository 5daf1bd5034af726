/** What the Tencent Cloud services share beyond the request shapes: the handler of an action, and filters. */
import type { Call, Handler } from "../call";
import { missingParameter } from "../errors";
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

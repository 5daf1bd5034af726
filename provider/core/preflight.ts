/**
 * check's preflight (`runinstances:preflight true`): for a resource about to be created, whose
 * arguments are all known and valid, check also asks the cloud (a DryRun, or the plans and images
 * it sells), so that preview reports what only the cloud knows. A refusal becomes a check failure
 * on the argument it is about, with the cloud's code, message and RequestId.
 */
import { CheckFailure, isNew } from "./check";
import { preflightEnabled } from "./config";
import { Operation, Runtime, operation } from "./context";
import { CloudError, errorMessage } from "./errors";
import type { Props } from "./props";

/** Whether check asks the cloud too: turned on, the resource new, and nothing failed already. */
export function wantsPreflight<T>(
  args: T | undefined,
  failures: CheckFailure[],
  olds: Props | undefined,
): args is T {
  return args !== undefined && failures.length === 0 && isNew(olds) && preflightEnabled();
}

/**
 * Runs `ask` (the cloud calls, which may find failures of their own); whatever it throws becomes
 * failures through `refused`.
 */
export async function preflight(
  rt: Runtime,
  what: string,
  timeoutMs: number,
  ask: (op: Operation) => Promise<CheckFailure[]>,
  refused: (e: unknown) => CheckFailure[],
): Promise<CheckFailure[]> {
  try {
    return await ask(operation(rt, what, timeoutMs));
  } catch (e) {
    return refused(e);
  }
}

/**
 * A refusal of the cloud (code, message, RequestId) as a failure on the argument it is about,
 * or why the preflight could not run. `by` names what refused: "the cloud's DryRun".
 */
export function preflightFailures(
  e: unknown,
  propertyOf: (code: string) => string,
  fallback = "region",
  by = "the cloud's DryRun",
): CheckFailure[] {
  if (e instanceof CloudError) {
    const rid = e.requestId ? ` (RequestId ${e.requestId})` : "";
    return [{ property: propertyOf(e.code), reason: `refused by ${by}: ${e.code}: ${e.cloudMessage}${rid}` }];
  }
  return [{ property: fallback, reason: `preflight could not run: ${errorMessage(e)}` }];
}

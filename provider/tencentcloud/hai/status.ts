/**
 * Find HAI instances by id and map their states to what a wait needs.
 * Documented states (SDK Instance.InstanceState): PENDING, LAUNCH_FAILED, RUNNING, ARREARS,
 * STOPPED_NO_CHARGE, TERMINATING, TERMINATED. A start or stop also passes through STARTING /
 * STOPPING, with LatestOperationState OPERATING while it runs.
 */
import type { HaiInstanceModel } from "./api";

export const PENDING_STATES = ["PENDING", "STARTING", "STOPPING"];
export const GONE_STATES = ["TERMINATING", "TERMINATED"];

/** Rounds an id may stay unknown to DescribeInstances right after RunInstances before it counts as gone. */
export const NOT_FOUND_GRACE_ROUNDS = 8;

/**
 * pending: on its way somewhere; running; stopped (STOPPED_NO_CHARGE); failed (LAUNCH_FAILED);
 * arrears (ARREARS: the account owes, the instance waits to be recycled); gone.
 */
export type Phase = "pending" | "running" | "stopped" | "failed" | "arrears" | "gone";

export function phaseOf(inst: HaiInstanceModel | undefined, notFoundRounds = Infinity): Phase {
  if (!inst) return notFoundRounds <= NOT_FOUND_GRACE_ROUNDS ? "pending" : "gone";
  const s = inst.InstanceState ?? "";
  if (GONE_STATES.includes(s)) return "gone";
  if (s === "LAUNCH_FAILED") return "failed";
  if (s === "ARREARS") return "arrears";
  if (PENDING_STATES.includes(s) || inst.LatestOperationState === "OPERATING") return "pending";
  if (s === "RUNNING") return "running";
  if (s === "STOPPED_NO_CHARGE") return "stopped";
  // A state the document does not list: wait for it to become one it does.
  return "pending";
}

/** The cloud's own words for a launch failure. */
export function launchError(inst: HaiInstanceModel | undefined): string {
  const msg = (inst as { LatestOperationErrorMsg?: string } | undefined)?.LatestOperationErrorMsg;
  return `${inst?.InstanceId ?? "instance"} LAUNCH_FAILED${msg ? `: ${msg}` : ""}`;
}

/** A short census for progress lines: "2 RUNNING, 1 PENDING". */
export function census(
  states: Map<string, HaiInstanceModel | undefined>,
  missing = "NOT YET VISIBLE",
): string {
  const counts = new Map<string, number>();
  for (const inst of states.values()) {
    const s = inst?.InstanceState ?? missing;
    const label =
      inst?.LatestOperationState === "OPERATING" && !PENDING_STATES.includes(s)
        ? `${s} (${inst.LatestOperation ?? "operating"})`
        : s;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([s, n]) => `${n} ${s}`).join(", ");
}

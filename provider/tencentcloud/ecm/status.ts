/**
 * Find ECM instances by id and map their states (SDK Instance.InstanceState: PENDING LAUNCH_FAILED
 * RUNNING STOPPED STARTING STOPPING REBOOTING SHUTDOWN TERMINATING) to what a wait needs: pending,
 * running, failed or gone.
 */
import type { EcmInstanceModel } from "./api";

export const PENDING_STATES = ["PENDING", "STARTING", "REBOOTING", "STOPPING"];
/** SHUTDOWN: "stopped, to be destroyed"; TERMINATING: being destroyed. */
export const GONE_STATES = ["TERMINATING", "SHUTDOWN"];

/** Rounds an id may stay unknown to DescribeInstances right after RunInstances before it counts as gone. */
export const NOT_FOUND_GRACE_ROUNDS = 8;

export type Phase = "pending" | "running" | "failed" | "gone";

export function phaseOf(inst: EcmInstanceModel | undefined, notFoundRounds = Infinity): Phase {
  if (!inst) return notFoundRounds <= NOT_FOUND_GRACE_ROUNDS ? "pending" : "gone";
  const s = inst.InstanceState ?? "";
  if (s === "RUNNING") return "running";
  if (s === "LAUNCH_FAILED") return "failed";
  if (GONE_STATES.includes(s)) return "gone";
  // PENDING, STARTING, REBOOTING, STOPPING; STOPPED is up but not running: pending until the wait ends.
  return "pending";
}

/** ECM reports no launch error message (SDK Instance has no LatestOperationErrorMsg). */
export function launchError(inst: EcmInstanceModel | undefined): string {
  const op = [inst?.LatestOperation, inst?.LatestOperationState].filter(Boolean).join(" ");
  return `${inst?.InstanceId ?? "instance"} LAUNCH_FAILED${op ? ` (${op})` : ""}`;
}

/** A short census for progress lines: "2 RUNNING, 1 PENDING". */
export function census(
  states: Map<string, EcmInstanceModel | undefined>,
  missing = "NOT YET VISIBLE",
): string {
  const counts = new Map<string, number>();
  for (const inst of states.values()) {
    const s = inst?.InstanceState ?? missing;
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return [...counts].map(([s, n]) => `${n} ${s}`).join(", ");
}

/**
 * Find CVM instances by id and map their states to what a wait needs: pending, done, failed
 * or gone.
 */
import type { CvmInstanceModel } from "./api";

export const PENDING_STATES = ["PENDING", "STARTING", "REBOOTING", "STOPPING"];
export const GONE_STATES = ["TERMINATING", "SHUTDOWN"];

/** Rounds an id may stay unknown to DescribeInstances right after RunInstances before it counts as gone. */
export const NOT_FOUND_GRACE_ROUNDS = 8;

export type Phase = "pending" | "running" | "failed" | "gone";

export function phaseOf(inst: CvmInstanceModel | undefined, notFoundRounds = Infinity): Phase {
  if (!inst) return notFoundRounds <= NOT_FOUND_GRACE_ROUNDS ? "pending" : "gone";
  const s = inst.InstanceState ?? "";
  if (s === "RUNNING") return "running";
  if (s === "LAUNCH_FAILED") return "failed";
  if (GONE_STATES.includes(s)) return "gone";
  if (PENDING_STATES.includes(s)) return "pending";
  // STOPPED and the rescue / migrate states: up but not running; treated as pending until the wait ends.
  return "pending";
}

/** The cloud's own words for a launch failure. */
export function launchError(inst: CvmInstanceModel | undefined): string {
  const msg = (inst as { LatestOperationErrorMsg?: string } | undefined)?.LatestOperationErrorMsg;
  return `${inst?.InstanceId ?? "instance"} LAUNCH_FAILED${msg ? `: ${msg}` : ""}`;
}

/** A short census for progress lines: "2 RUNNING, 1 PENDING". */
export function census(
  states: Map<string, CvmInstanceModel | undefined>,
  missing = "NOT YET VISIBLE",
): string {
  const counts = new Map<string, number>();
  for (const inst of states.values()) {
    const s = inst?.InstanceState ?? missing;
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return [...counts].map(([s, n]) => `${n} ${s}`).join(", ");
}

/**
 * Find SWAS servers by id and map their states to what a wait needs.
 * SDK ListInstances Status: Pending, Starting, Running, Stopping, Stopped, Resetting, Upgrading,
 * Disabled. SWAS has no LAUNCH_FAILED: a server that failed to launch, or whose subscription
 * ended, is Disabled; it cannot be started, and the API cannot release it.
 */
import type { SwasServerModel } from "./api";

export const PENDING_STATES = ["Pending", "Starting", "Stopping", "Resetting", "Upgrading"];

/** Rounds an id may stay unknown to ListInstanceStatus right after CreateInstances before it counts as gone. */
export const NOT_FOUND_GRACE_ROUNDS = 8;

export type Phase = "pending" | "running" | "stopped" | "disabled" | "gone";

export function phaseOf(status: string | undefined, notFoundRounds = Infinity): Phase {
  if (status === undefined) return notFoundRounds <= NOT_FOUND_GRACE_ROUNDS ? "pending" : "gone";
  if (status === "Running") return "running";
  if (status === "Stopped") return "stopped";
  if (status === "Disabled") return "disabled";
  // Pending states, and any state this code does not know yet: wait for it to settle.
  return "pending";
}

/** The cloud's own words for a Disabled server. */
export function disabledReason(id: string, server: SwasServerModel | undefined): string {
  const why = [server?.businessStatus, server?.disableReason].filter(Boolean).join(", ");
  return `${id} is Disabled${why ? ` (${why})` : ""}`;
}

/** A short census for progress lines: "2 Running, 1 Pending". */
export function census(states: Map<string, string | undefined>): string {
  const counts = new Map<string, number>();
  for (const s of states.values()) {
    const key = s ?? "not yet visible";
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([s, n]) => `${n} ${s}`).join(", ");
}

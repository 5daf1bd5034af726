/**
 * Find SWAS servers by id and map their states to what a wait needs.
 * SDK ListInstances Status: Pending, Starting, Running, Stopping, Stopped, Resetting, Upgrading,
 * Disabled. SWAS has no LAUNCH_FAILED: a server that failed to launch, or whose subscription
 * ended, is Disabled; it cannot be started, and the API cannot release it.
 */
import type { Explain, StatusOf } from "../../core/settle";
import { census as countStates, phaseIn, unseenPhase } from "../../core/status";
import type { SwasServerModel } from "./api";

export const PENDING_STATES = ["Pending", "Starting", "Stopping", "Resetting", "Upgrading"];

export type Phase = "pending" | "running" | "stopped" | "disabled" | "gone";

/** The statuses of servers by id (ListInstanceStatus); undefined: not found. */
export type Statuses = Map<string, string | undefined>;

const PHASES: Partial<Record<Phase, readonly string[]>> = {
  running: ["Running"],
  stopped: ["Stopped"],
  disabled: ["Disabled"],
};

export function phaseOf(status: string | undefined, notFoundRounds = Infinity): Phase {
  if (status === undefined) return unseenPhase(notFoundRounds);
  // Pending states, and any state this code does not know yet: wait for it to settle.
  return phaseIn<Phase>(status, PHASES, "pending");
}

/** The cloud's own words for a Disabled server. */
export function disabledReason(id: string, server: SwasServerModel | undefined): string {
  const why = [server?.businessStatus, server?.disableReason].filter(Boolean).join(", ");
  return `${id} is Disabled${why ? ` (${why})` : ""}`;
}

/** A short census for progress lines: "2 Running, 1 Pending". */
export function census(states: Statuses): string {
  return countStates(states, (s) => s ?? "not yet visible");
}

/**
 * How a wait for servers reads their statuses; after a launch a server is up when Running or
 * Stopped (one adopted by its ClientToken may be stopped), and a Disabled one failed.
 */
export const STATUS: StatusOf<string, Phase> & Explain<string, Phase> = {
  phaseOf,
  census,
  noun: "server",
  launchError: (s) => `${s} after the launch`,
  stateOf: (s) => (s === undefined ? undefined : `${s} after the launch`),
  isUp: (p) => p === "running" || p === "stopped",
};

/**
 * Find HAI instances by id and map their states to what a wait needs.
 * Documented states (SDK Instance.InstanceState): PENDING, LAUNCH_FAILED, RUNNING, ARREARS,
 * STOPPED_NO_CHARGE, TERMINATING, TERMINATED. A start or stop also passes through STARTING /
 * STOPPING, with LatestOperationState OPERATING while it runs.
 */
import { instanceStatus, phaseIn, unseenPhase } from "../../core/status";
import { launchError, stateOf } from "../status";
import type { HaiInstanceModel } from "./api";

export const PENDING_STATES = ["PENDING", "STARTING", "STOPPING"];
export const GONE_STATES = ["TERMINATING", "TERMINATED"];

/**
 * pending: on its way somewhere; running; stopped (STOPPED_NO_CHARGE); failed (LAUNCH_FAILED);
 * arrears (ARREARS: the account owes, the instance waits to be recycled); gone.
 */
export type Phase = "pending" | "running" | "stopped" | "failed" | "arrears" | "gone";

const PHASES: Partial<Record<Phase, readonly string[]>> = {
  gone: GONE_STATES,
  failed: ["LAUNCH_FAILED"],
  arrears: ["ARREARS"],
  pending: PENDING_STATES,
  running: ["RUNNING"],
  stopped: ["STOPPED_NO_CHARGE"],
};

function phase(inst: HaiInstanceModel | undefined, notFoundRounds: number): Phase {
  if (!inst) return unseenPhase(notFoundRounds);
  const p = phaseIn<Phase>(inst.InstanceState ?? "", PHASES, "pending");
  // An operation under way, or a state the document does not list: wait for it to become one it does.
  return (p === "running" || p === "stopped") && inst.LatestOperationState === "OPERATING" ? "pending" : p;
}

export const STATUS = instanceStatus<HaiInstanceModel, Phase>({
  phaseOf: phase,
  stateOf,
  launchError,
  // "1 RUNNING (StopInstance)": the operation under way.
  label: (inst, s) =>
    inst.LatestOperationState === "OPERATING" && !PENDING_STATES.includes(s)
      ? `${s} (${inst.LatestOperation ?? "operating"})`
      : s,
});
export const { phaseOf, census } = STATUS;

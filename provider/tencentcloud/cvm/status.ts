/**
 * Find CVM instances by id and map their states to what a wait needs: pending, done, failed
 * or gone.
 */
import { instanceStatus, phaseIn, unseenPhase } from "../../core/status";
import { launchError, stateOf } from "../status";
import type { CvmInstanceModel } from "./api";

export const PENDING_STATES = ["PENDING", "STARTING", "REBOOTING", "STOPPING"];
export const GONE_STATES = ["TERMINATING", "SHUTDOWN"];

export type Phase = "pending" | "running" | "failed" | "gone";

/** "running": up, RUNNING or STOPPED (`running: false` keeps instances STOPPED). */
const PHASES: Partial<Record<Phase, readonly string[]>> = {
  running: ["RUNNING", "STOPPED"],
  failed: ["LAUNCH_FAILED"],
  gone: GONE_STATES,
  pending: PENDING_STATES,
};

export const STATUS = instanceStatus<CvmInstanceModel, Phase>({
  phaseOf: (inst, notFoundRounds) =>
    inst
      ? // The rescue / migrate states: up but not running; pending until the wait ends.
        phaseIn<Phase>(inst.InstanceState ?? "", PHASES, "pending")
      : unseenPhase(notFoundRounds),
  stateOf,
  launchError,
});
export const { phaseOf, census } = STATUS;

/** When an instance was created (instances launched together share it). */
export function createdOf(inst: CvmInstanceModel | undefined): string {
  return inst?.CreatedTime ?? "";
}

/**
 * Find ECM instances by id and map their states (SDK Instance.InstanceState: PENDING LAUNCH_FAILED
 * RUNNING STOPPED STARTING STOPPING REBOOTING SHUTDOWN TERMINATING) to what a wait needs: pending,
 * running, stopped, failed or gone. An operation under way (LatestOperationState OPERATING) on a
 * RUNNING or STOPPED instance is pending until it ends.
 */
import { instanceStatus, phaseIn, unseenPhase } from "../../core/status";
import { stateOf } from "../status";
import type { EcmInstanceModel } from "./api";

export const PENDING_STATES = ["PENDING", "STARTING", "REBOOTING", "STOPPING"];
/** SHUTDOWN: "stopped, to be destroyed"; TERMINATING: being destroyed. */
export const GONE_STATES = ["TERMINATING", "SHUTDOWN"];

export type Phase = "pending" | "running" | "stopped" | "failed" | "gone";

const PHASES: Partial<Record<Phase, readonly string[]>> = {
  running: ["RUNNING"],
  stopped: ["STOPPED"],
  failed: ["LAUNCH_FAILED"],
  gone: GONE_STATES,
};

export const STATUS = instanceStatus<EcmInstanceModel, Phase>({
  phaseOf: (inst, notFoundRounds) => {
    if (!inst) return unseenPhase(notFoundRounds);
    // PENDING, STARTING, REBOOTING, STOPPING: pending.
    const p = phaseIn<Phase>(inst.InstanceState ?? "", PHASES, "pending");
    return (p === "running" || p === "stopped") && inst.LatestOperationState === "OPERATING" ? "pending" : p;
  },
  stateOf,
  // A STOPPED instance is up (running: false keeps instances so); a launch ends RUNNING.
  isUp: (p) => p === "running" || p === "stopped",
  // ECM reports no launch error message (SDK Instance has no LatestOperationErrorMsg).
  launchError: (inst) => {
    const op = [inst?.LatestOperation, inst?.LatestOperationState].filter(Boolean).join(" ");
    return `${inst?.InstanceId ?? "instance"} LAUNCH_FAILED${op ? ` (${op})` : ""}`;
  },
});
export const { phaseOf, census } = STATUS;

/** Where an instance is: its zone. */
export function zoneOf(inst: EcmInstanceModel | undefined): string {
  return inst?.Position?.ZoneInfo?.Zone ?? "";
}

/** Ids by creation time (then launch order). */
export function ordered(ids: string[], found: Map<string, EcmInstanceModel | undefined>): string[] {
  return [...ids].sort(
    (a, b) =>
      (found.get(a)?.CreateTime ?? "").localeCompare(found.get(b)?.CreateTime ?? "") ||
      ids.indexOf(a) - ids.indexOf(b),
  );
}

/** The private IPs of an instance. */
export function privateIps(inst: EcmInstanceModel | undefined): string[] {
  return (inst?.Internet?.PrivateIPAddressSet ?? []).map((p) => p.PrivateIPAddress).filter(Boolean);
}

/** Faults injected through the control API: per call (an error, latency, a dropped connection) and per instance. */
import type { InstanceService, Service } from "./instance";

export interface Fault {
  id: number;
  /** Which calls: service and action ("*" for any). */
  service: Service | "*";
  action: string;
  /** Answer with this error code (and message / HTTP status). */
  code?: string;
  message?: string;
  httpStatus?: number;
  /** Drop the connection without an answer: before the action runs, or after it ran (a lost response). */
  drop?: "before" | "after";
  /** Delay the answer by this many ms. */
  latencyMs?: number;
  /** Applies to the next `count` matching calls (default: every call while the fault exists). */
  count?: number;
  /** Applies with this probability (deterministic generator, seeded by `seed`). */
  probability?: number;
}

export interface InstanceFaults {
  /** The next N launches of a service end in LAUNCH_FAILED. */
  launchFailures: Partial<Record<InstanceService, number>>;
  /** The next N launches of a service stay PENDING until changed. */
  stuckPending: Partial<Record<InstanceService, number>>;
  /** New instances of a service are unknown to the next N describes. */
  describeLag: Partial<Record<InstanceService, number>>;
  /** Instance types / bundles / plans out of stock. */
  outOfStock: string[];
  /** The next N operations on instances of a service (e.g. CVM ModifyInstancesAttribute) end FAILED. */
  operationFailures: Partial<Record<InstanceService, number>>;
}

/** The instance faults that count down, one per launch or operation. */
export type CountedInstanceFault = "launchFailures" | "stuckPending" | "operationFailures";

export function noInstanceFaults(): InstanceFaults {
  return { launchFailures: {}, stuckPending: {}, describeLag: {}, outOfStock: [], operationFailures: {} };
}

/** Takes one of the next-N faults of a service; false when none is left. */
export function takeOne(counter: Partial<Record<InstanceService, number>>, svc: InstanceService): boolean {
  const n = counter[svc] ?? 0;
  if (n <= 0) return false;
  counter[svc] = n - 1;
  return true;
}

/** Whether a fault applies to a call of (service, action). */
export function faultMatches(f: Fault, service: Service, action: string): boolean {
  return (f.service === "*" || f.service === service) && (f.action === "*" || f.action === action);
}

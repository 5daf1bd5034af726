/**
 * How a CVM action on instances runs: every instance checked first (the state the action
 * refuses, an operation in progress), then on each the change, its LatestOperation (the action's
 * name, our RequestId; instance fault operationFailures makes it end FAILED and change nothing)
 * and the lifecycle process it starts.
 */
import type { Call } from "../../call";
import type { Instance } from "../../instance";
import type { Process } from "../../lifecycle";
import { refuseBusy, refuseState } from "./errors";
import { CVM_LIFECYCLE } from "./models";

/** UnsupportedOperation.InstanceState<State> for each state: RUNNING → ...InstanceStateRunning. */
export function refusing(...states: string[]): Record<string, string> {
  const pascal = (s: string) =>
    s
      .toLowerCase()
      .split("_")
      .map((w) => w[0].toUpperCase() + w.slice(1))
      .join("");
  return Object.fromEntries(states.map((s) => [s, `UnsupportedOperation.InstanceState${pascal(s)}`]));
}

/** The states no change is made in (SDK codes of every action here): launching, moving, going. */
export const TRANSITIONAL = [
  "PENDING",
  "LAUNCH_FAILED",
  "TERMINATING",
  "SHUTDOWN",
  "REBOOTING",
  "STARTING",
  "STOPPING",
];

export function operate(
  call: Call,
  action: string,
  instances: Instance[],
  refused: Record<string, string>,
  /** Makes the change on one instance; the process it starts. */
  change: (inst: Instance) => Process,
): Record<string, unknown> {
  for (const inst of instances) {
    refuseState(inst, refused);
    refuseBusy(inst, action);
  }
  const { world } = call;
  for (const inst of instances) {
    const fails = world.takeInstanceFault("operationFailures", "cvm")
      ? `InternalError: ${action} failed on the host (injected fault)`
      : undefined;
    const process = fails ? CVM_LIFECYCLE.processes.modify : change(inst);
    world.startOperation(inst, action, call.requestId, fails);
    world.begin(inst, process);
  }
  return {};
}

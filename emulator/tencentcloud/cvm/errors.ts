/**
 * CVM's refusals of an instance, with the codes the SDK lists for each action
 * (tencentcloud-sdk-go cvm/v20170312 client.go): the states an action refuses, an operation in
 * progress, an instance that is not the caller's.
 */
import type { Instance } from "../../instance";
import { ApiError } from "../../errors";

/** States TerminateInstances refuses. */
export const TERMINATE_REFUSED: Record<string, string> = {
  PENDING: "UnsupportedOperation.InstanceStatePending",
  // A failed launch is not terminated: the cloud clears it (CVM_LIFECYCLE.launchFailed).
  LAUNCH_FAILED: "UnsupportedOperation.InstanceStateLaunchFailed",
  TERMINATING: "UnsupportedOperation.InstanceStateTerminating",
  REBOOTING: "UnsupportedOperation.InstanceStateRebooting",
  STARTING: "UnsupportedOperation.InstanceStateStarting",
  STOPPING: "UnsupportedOperation.InstanceStateStopping",
};

/** States ModifyInstancesAttribute refuses. */
export const MODIFY_REFUSED: Record<string, string> = {
  PENDING: "UnsupportedOperation.InstanceStatePending",
  LAUNCH_FAILED: "UnsupportedOperation.InstanceStateLaunchFailed",
  TERMINATING: "UnsupportedOperation.InstanceStateTerminating",
  SHUTDOWN: "UnsupportedOperation.InstanceStateShutdown",
  REBOOTING: "UnsupportedOperation.InstanceStateRebooting",
  STARTING: "UnsupportedOperation.InstanceStateStarting",
  STOPPING: "UnsupportedOperation.InstanceStateStopping",
};

/** The action's code for the state the instance is in, if the action refuses it. */
export function refuseState(inst: Instance, refused: Record<string, string>): void {
  const code = refused[inst.state];
  if (code) {
    throw new ApiError(
      code,
      `The instance \`${inst.id}\` is ${inst.state}: this operation is not supported.`,
    );
  }
}

/**
 * An operation in progress: the same task (SDK codes of TerminateInstances and
 * ModifyInstancesAttribute: MutexOperation.TaskRunning), or another one.
 */
export function refuseBusy(inst: Instance, action: string): void {
  const running = inst.latestOperation;
  if (running?.state !== "OPERATING") return;
  if (running.name === action) {
    throw new ApiError(
      "MutexOperation.TaskRunning",
      `The same task is running on \`${inst.id}\` (${action}).`,
    );
  }
  throw new ApiError(
    "OperationDenied.InstanceOperationInProgress",
    `The instance \`${inst.id}\` has an operation in progress (${running.name}).`,
  );
}

export function instanceNotFound(id: string): ApiError {
  return new ApiError("InvalidInstanceId.NotFound", `The instance \`${id}\` does not exist.`);
}

/**
 * An id of a resource the emulator holds none of (launch templates, bandwidth packages,
 * snapshots): the malformed error unless it has the id's shape, else the not-found one.
 */
export function noSuch(
  id: string,
  shape: RegExp,
  malformed: [code: string, message: string],
  notFound: [code: string, message: string],
): ApiError {
  return shape.test(id) ? new ApiError(...notFound) : new ApiError(...malformed);
}

/** HAI's refusals of an operation (SDK errors of the actions, tencentcloud-sdk-go hai/v20230812 client.go). */
import type { Instance } from "../../instance";
import { ApiError } from "../../errors";

/**
 * UnsupportedOperation.InstanceState<State> for the state the instance is in (SDK errors
 * Start/StopInstance).
 */
export function stateError(inst: Instance): ApiError {
  const camel = inst.state
    .toLowerCase()
    .split("_")
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
  return new ApiError(
    `UnsupportedOperation.InstanceState${camel}`,
    `The operation is not supported for the instance \`${inst.id}\` in state \`${inst.state}\`.`,
  );
}

/** The same operation is under way (SDK errors of StartInstance / StopInstance). */
export function repeated(inst: Instance, verb: string): ApiError {
  return new ApiError(
    "FailedOperation.OperateInstanceRepeatedly",
    `The instance \`${inst.id}\` is being ${verb} already.`,
  );
}

export function inProgress(inst: Instance): ApiError {
  return new ApiError(
    "OperationDenied.InstanceOperationInProgress",
    `The instance \`${inst.id}\` has an operation in progress (${inst.state}).`,
  );
}

/** Prepaid instances can be neither stopped nor started (SDK StartInstance / StopInstance notes). */
export function prepaidError(inst: Instance, verb: string): ApiError {
  return new ApiError("UnsupportedOperation", `The prepaid instance \`${inst.id}\` cannot be ${verb}.`);
}

export function instanceNotFound(id: string): ApiError {
  return new ApiError("InvalidParameterValue.InstanceIdNotFound", `The instance \`${id}\` does not exist.`);
}

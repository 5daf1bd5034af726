/** ECM's errors about instances (the SDK's error lists, tencentcloud-sdk-go ecm/v20190719 client.go). */
import { ApiError } from "../../errors";

export function invalidInstanceId(id: string): ApiError {
  return new ApiError("InvalidParameterValue.InvalidInstanceID", `The instance id \`${id}\` is invalid.`);
}

/** An id of no instance of the caller's: each action has its own code for it. */
export function instanceNotFound(code: string, id: string): ApiError {
  return new ApiError(code, `The instance \`${id}\` does not exist.`);
}

/** An instance being destroyed takes no other operation (FailedOperation.OperationNotAllow). */
export function operationNotAllowed(id: string, what: string): ApiError {
  return new ApiError("FailedOperation.OperationNotAllow", `The instance \`${id}\` is ${what}.`);
}

/**
 * SWAS's errors: the codes and HTTP statuses of the swas-open API metadata ("metadata") and of
 * document 003.
 */
import { ApiError } from "../../errors";

/** Alibaba's answer to a missing required parameter: Missing<Name>, HTTP 400. */
export function missing(name: string): ApiError {
  return new ApiError(`Missing${name}`, `${name} is mandatory for this action.`, 400);
}

export function valueNotSupported(name: string): ApiError {
  return new ApiError(`Invalid${name}.ValueNotSupported`, `The specified parameter ${name} is invalid.`, 400);
}

/** 003 / metadata: InvalidParam (403) for a malformed value without a code of its own. */
export function invalidParam(): ApiError {
  return new ApiError("InvalidParam", "The specified parameter value is invalid.", 403);
}

export function notFound(name: "ImageId" | "PlanId" | "InstanceId"): ApiError {
  return new ApiError(`Invalid${name}.NotFound`, `The specified ${name} does not exist.`, 404);
}

export function incorrectStatus(): ApiError {
  return new ApiError(
    "IncorrectInstanceStatus",
    "The state of the current instance does not support this operation.",
    403,
  );
}

export function platformNotMatch(): ApiError {
  return new ApiError(
    "PlatformNotMatch",
    "The platform of specified ImageId and PlanId does not match.",
    400,
  );
}

export function parameterMismatch(): never {
  throw new ApiError(
    "IdempotentParameterMismatch",
    "The request uses the same client token as a previous, but non-identical request.",
    400,
  );
}

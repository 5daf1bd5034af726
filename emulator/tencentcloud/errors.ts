/** Tencent Cloud's common errors of request parameters (API 3.0 common error codes). */
import { ApiError } from "../errors";

/** Tencent Cloud's answer to a parameter it does not know. */
export function unknownParameter(name: string): ApiError {
  return new ApiError("UnknownParameter", `The parameter \`${name}\` is not recognized.`);
}

export function missingParameter(name: string): ApiError {
  return new ApiError("MissingParameter", `The request is missing a required parameter \`${name}\`.`);
}

export function invalidParameterValue(name: string, why: string, code = "InvalidParameterValue"): ApiError {
  return new ApiError(code, `The value of parameter \`${name}\` is invalid: ${why}.`);
}

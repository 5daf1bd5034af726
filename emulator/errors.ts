/** An error the emulated cloud answers with: the cloud's own code, message and HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status for Alibaba Cloud answers; Tencent Cloud always answers 200. */
    readonly httpStatus = 400,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

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

/** Any error as the cloud's answer: an ApiError as it is, anything else an InternalError (HTTP 500). */
export function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError(
    "InternalError",
    `An internal error occurred: ${e instanceof Error ? e.message : String(e)}`,
    500,
  );
}

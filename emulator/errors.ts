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

/** Any error as the cloud's answer: an ApiError as it is, anything else an InternalError (HTTP 500). */
export function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError(
    "InternalError",
    `An internal error occurred: ${e instanceof Error ? e.message : String(e)}`,
    500,
  );
}

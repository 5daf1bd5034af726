/**
 * Errors as the provider reports them: the cloud's code, message and RequestId kept, the
 * original error in `cause`; init failures carry what Pulumi needs to record the resource.
 */

export type Vendor = "tencentcloud" | "alicloud";

/** An error answered by a cloud API (or the network on the way to it). */
export class CloudError extends Error {
  constructor(
    readonly vendor: Vendor,
    readonly action: string,
    /** The cloud's error code, e.g. "RequestLimitExceeded"; "NetworkError" when no answer came. */
    readonly code: string,
    readonly cloudMessage: string,
    readonly requestId?: string,
    readonly httpStatus?: number,
    options?: { cause?: unknown },
  ) {
    super(`${action}: ${code}: ${cloudMessage}${requestId ? ` (RequestId ${requestId})` : ""}`, options);
    this.name = "CloudError";
  }
}

const NETWORK_CODES = [
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "ECONNABORTED",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
];
const NETWORK_TEXT =
  /socket hang up|ECONNRESET|ECONNREFUSED|network|timeout|timed out|aborted|EPIPE|other side closed/i;

/** Turns whatever an SDK threw into a CloudError. */
export function toCloudError(vendor: Vendor, action: string, e: unknown): CloudError {
  if (e instanceof CloudError) return e;
  const err = (e ?? {}) as {
    code?: unknown;
    message?: unknown;
    requestId?: unknown;
    httpCode?: unknown;
    statusCode?: unknown;
    data?: { RequestId?: unknown; Message?: unknown; Code?: unknown };
  };
  const message = String(err.data?.Message ?? err.message ?? e);
  let code = typeof err.code === "string" && err.code ? err.code : "";
  const status = Number(err.httpCode ?? err.statusCode) || undefined;
  if (!code || NETWORK_CODES.includes(code)) {
    code =
      status && status >= 500
        ? "InternalError"
        : NETWORK_TEXT.test(message) || NETWORK_CODES.includes(code)
          ? "NetworkError"
          : code || "UnknownError";
  }
  const requestId = String(err.requestId ?? err.data?.RequestId ?? "") || undefined;
  return new CloudError(vendor, action, code, cleanMessage(vendor, message), requestId, status, { cause: e });
}

/** The Alibaba SDK prefixes its messages with "code: 400, ... request id: ..."; keep the cloud's words. */
function cleanMessage(vendor: Vendor, message: string): string {
  if (vendor !== "alicloud") return message;
  const m = /code: \d+, (.*?)(?: request id: [\w-]+)?$/s.exec(message);
  return (m ? m[1] : message).replace(/^[\w.]+: /, "").trim();
}

export function isThrottling(e: CloudError): boolean {
  return /^RequestLimitExceeded|Throttling/.test(e.code);
}

/**
 * Another operation on the same instance is still running (MutexOperation.TaskRunning: the same
 * task, from CVM TerminateInstances and ModifyInstancesAttribute): try again shortly.
 */
const CONFLICT =
  /^OperationDenied\.InstanceOperationInProgress|^FailedOperation\.OperationConflict|^MutexOperation\.TaskRunning/;

/**
 * Errors worth trying again: throttling, internal errors / 5xx, the network, and conflicts with
 * an operation in progress. Parameter errors never are.
 */
export function isRetryable(e: CloudError): boolean {
  return (
    isThrottling(e) ||
    CONFLICT.test(e.code) ||
    e.code === "NetworkError" ||
    /^InternalError|^InternalServerError|ServiceUnavailable|^OperationFail\.SystemBusy|^FailedOperation\.InternalOperationFailure/.test(
      e.code,
    ) ||
    (e.httpStatus !== undefined && e.httpStatus >= 500)
  );
}

/**
 * A create or update that got as far as buying instances but could not bring them all up.
 * Thrown with `id` and `properties`, it becomes ErrorResourceInitFailed: Pulumi records the
 * resource (partial failure) instead of orphaning its instances, and the next `up` updates it.
 * Built by partial.ts.
 */
export class InitFailedError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    readonly reasons: string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "InitFailedError";
  }
}

export class TimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TimeoutError";
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

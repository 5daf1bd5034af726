/**
 * Alibaba Cloud SDK clients (per region, credentials and endpoint, cached in memory, never
 * serialized) and the one way every call goes out: through the shared rate limiter, with retries
 * for throttling, internal and network errors, bounded by the operation's deadline.
 */
import Swas from "@alicloud/swas-open20200601";
import * as $OpenApi from "@alicloud/openapi-core";
import { Credentials, alicloudCredentials, alicloudRegion, endpointOverride } from "../core/config";
import { CloudError, isRetryable, isThrottling, toCloudError } from "../core/errors";
import { Operation } from "../core/context";
import { withRetry } from "../core/retry";

/** The SDK's defaults are 3 s for both: too short for CreateInstances on a busy day. */
export const CONNECT_TIMEOUT_MS = 10_000;
export const READ_TIMEOUT_MS = 30_000;

/**
 * Answered with HTTP 500 but not transient (SWAS CreateInstances 2020-06-01 error codes:
 * NotEnoughUpgradeStock is a 500): retrying would only wait out the deadline.
 */
const NOT_TRANSIENT = /^NotEnough(Upgrade)?Stock/;

/** Where and as whom a resource's calls go. */
export interface AlicloudTarget {
  regionId: string;
  credentials: Credentials;
  /** http://127.0.0.1:PORT (the emulator) or undefined for the cloud's own endpoint. */
  endpoint?: string;
}

export function alicloudTarget(regionId: string): AlicloudTarget {
  return { regionId, credentials: alicloudCredentials(), endpoint: endpointOverride() };
}

export const REGION_HELP =
  "set the regionId argument, `pulumi config set alicloud:region cn-hangzhou`, or ALIBABA_CLOUD_REGION_ID";

/** The region of a resource's calls: its `regionId` argument, else stack config or the environment. */
export function regionOf(kind: string, arg: string | undefined): string {
  const region = alicloudRegion(arg);
  if (!region) throw new Error(`${kind}: regionId is required: ${REGION_HELP}`);
  return region;
}

const clients = new Map<string, Swas>();

/**
 * The swas-open client of a target. The SDK has no endpoint table for swas-open (its own default
 * host is wrong), so the endpoint is always set: swas.<regionId>.aliyuncs.com, or the override.
 */
export function swasClient(t: AlicloudTarget): Swas {
  const key = [t.regionId, t.credentials.id, t.credentials.token ?? "", t.endpoint ?? ""].join("|");
  let client = clients.get(key);
  if (!client) {
    let endpoint = `swas.${t.regionId}.aliyuncs.com`;
    let protocol = "https";
    if (t.endpoint) {
      const url = new URL(t.endpoint);
      endpoint = url.host;
      protocol = url.protocol === "http:" ? "http" : "https";
    }
    client = new Swas(
      new $OpenApi.$OpenApiUtil.Config({
        accessKeyId: t.credentials.id,
        accessKeySecret: t.credentials.secret,
        securityToken: t.credentials.token,
        endpoint,
        protocol,
        regionId: t.regionId,
        readTimeout: READ_TIMEOUT_MS,
        connectTimeout: CONNECT_TIMEOUT_MS,
      }),
    );
    clients.set(key, client);
  }
  return client;
}

/** For tests: forget cached clients (after credentials or endpoint change). */
export function resetAlicloudClients(): void {
  clients.clear();
}

export interface CallOptions {
  /**
   * Whether the call may be repeated after a network error (the request may have been carried
   * out): true for reads and for calls made idempotent by a ClientToken.
   */
  idempotent: boolean;
}

/**
 * Calls one swas-open action: limiter, retries, errors as CloudError. The documented limit
 * (10 calls a minute) is per account, so the limiter key has no region in it.
 */
export async function callAlicloud<T>(
  op: Operation,
  action: string,
  t: AlicloudTarget,
  fn: (client: Swas) => Promise<T>,
  opts: CallOptions,
): Promise<T> {
  const client = swasClient(t);
  const key = `alicloud|${t.credentials.id}`;
  return withRetry(
    async () => {
      await op.rt.limiter.acquire(key, "swas", action);
      try {
        return await fn(client);
      } catch (e) {
        const err = toCloudError("alicloud", action, e);
        if (isThrottling(err)) op.rt.limiter.throttled(key, "swas", action);
        throw err;
      }
    },
    {
      deadline: op.deadline,
      clock: op.rt.clock,
      // A token comes every 6 s at 10 calls a minute: back off on that scale.
      baseMs: 1000,
      capMs: 30_000,
      retryable: (e: CloudError) =>
        op.rt.retries !== false &&
        isRetryable(e) &&
        !NOT_TRANSIENT.test(e.code) &&
        (opts.idempotent || e.code !== "NetworkError"),
    },
  );
}

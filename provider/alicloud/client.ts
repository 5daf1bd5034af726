/**
 * Alibaba Cloud SDK clients (per region, credentials and endpoint, cached in memory, never
 * serialized) and the one way every call goes out: through the shared rate limiter, with retries
 * for throttling, internal and network errors, bounded by the operation's deadline.
 */
import Swas from "@alicloud/swas-open20200601";
import * as $OpenApi from "@alicloud/openapi-core";
import { alicloudRegion, endpointOverride } from "../core/config";
import { AlicloudAuth, alicloudAuth } from "../core/credentials/alicloud";
import { alicloudEndpoint } from "../core/credentials/endpoints";
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
  /** Its `id` keys the shared limiters and pollers: the account or role, not the rotating secret. */
  credentials: AlicloudAuth;
  /** http://127.0.0.1:PORT (the emulator) or undefined for the cloud's own endpoint. */
  endpoint?: string;
}

export function alicloudTarget(regionId: string): AlicloudTarget {
  return { regionId, credentials: alicloudAuth(), endpoint: endpointOverride() };
}

export const REGION_HELP =
  "set the regionId argument, `pulumi config set alicloud:region cn-hangzhou`, ALIBABA_CLOUD_REGION_ID or ALICLOUD_REGION, or a region_id in the CLI profile";

/** The region of a resource's calls: its `regionId` argument, else stack config or the environment. */
export function regionOf(kind: string, arg: string | undefined): string {
  const region = alicloudRegion(arg);
  if (!region) throw new Error(`${kind}: regionId is required: ${REGION_HELP}`);
  return region;
}

let clients = new WeakMap<AlicloudAuth, Map<string, Swas>>();

/**
 * The swas-open client of a target. The SDK has no endpoint table for swas-open (its own default
 * host is wrong), so the endpoint is always set: swas.<regionId>.aliyuncs.com, alicloud:endpoints
 * or the override.
 */
export function swasClient(t: AlicloudTarget): Swas {
  let ofAuth = clients.get(t.credentials);
  if (!ofAuth) clients.set(t.credentials, (ofAuth = new Map()));
  const key = `${t.regionId}|${t.endpoint ?? ""}`;
  let client = ofAuth.get(key);
  if (!client) {
    const { protocol, host } = alicloudEndpoint("swas", `swas.${t.regionId}.aliyuncs.com`);
    client = new Swas(
      new $OpenApi.$OpenApiUtil.Config({
        // Asked before every request: temporary credentials are refreshed as they expire.
        credential: t.credentials.credential,
        endpoint: host,
        protocol,
        regionId: t.regionId,
        readTimeout: READ_TIMEOUT_MS,
        connectTimeout: CONNECT_TIMEOUT_MS,
      }),
    );
    ofAuth.set(key, client);
  }
  return client;
}

/** For tests: forget cached clients (after credentials or endpoint change). */
export function resetAlicloudClients(): void {
  clients = new WeakMap();
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

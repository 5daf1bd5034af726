/**
 * Tencent Cloud SDK clients (per service, region, credentials and endpoint, cached in memory,
 * never serialized) and the one way every call goes out: through the shared rate limiter, with
 * retries for throttling, internal and network errors, bounded by the operation's deadline.
 */
import type { Client as CbsClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/cbs/v20170312/cbs_client";
import type { Client as CvmClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_client";
import type { Client as EcmClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/ecm/v20190719/ecm_client";
import type { Client as HaiClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/hai/v20230812/hai_client";
import type { Client as TagClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/tag/v20180813/tag_client";
import { REGION_HELP, endpointOverride, tencentRegion } from "../core/config";
import { TencentAuth, tencentAuth } from "../core/credentials/tencent";
import { tencentHttpProfile } from "../core/credentials/endpoints";
import { CloudError, isRetryable, isThrottling, toCloudError } from "../core/errors";
import { Operation } from "../core/context";
import { withRetry } from "../core/retry";

export interface TencentClients {
  cvm: CvmClient;
  cbs: CbsClient;
  ecm: EcmClient;
  hai: HaiClient;
  tag: TagClient;
}
export type TencentService = keyof TencentClients;

const MODULES: Record<TencentService, string> = {
  cvm: "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_client",
  cbs: "tencentcloud-sdk-nodejs/tencentcloud/services/cbs/v20170312/cbs_client",
  ecm: "tencentcloud-sdk-nodejs/tencentcloud/services/ecm/v20190719/ecm_client",
  hai: "tencentcloud-sdk-nodejs/tencentcloud/services/hai/v20230812/hai_client",
  tag: "tencentcloud-sdk-nodejs/tencentcloud/services/tag/v20180813/tag_client",
};

/** Per credentials object (rebuilt when the config changes), the clients of each service and region. */
let clients = new WeakMap<TencentAuth, Map<string, unknown>>();

/** Where and as whom a resource's calls go. */
export interface TencentTarget {
  region: string;
  /** Its `id` keys the shared limiters and pollers: the account or role, not the rotating secret. */
  credentials: TencentAuth;
  /** http://127.0.0.1:PORT (the emulator) or undefined for the cloud's own endpoint. */
  endpoint?: string;
}

export function tencentTarget(region: string): TencentTarget {
  return { region, credentials: tencentAuth(), endpoint: endpointOverride() };
}

/**
 * The region of a resource's calls: its `region` argument, else stack config or the environment;
 * without one, an error naming the resource's kind (and the product that requires it).
 */
export function regionOf(kind: string, arg: string | undefined, requiredBy?: string): string {
  const region = tencentRegion(arg);
  if (!region)
    throw new Error(`${kind}: region is required${requiredBy ? ` by ${requiredBy}` : ""}: ${REGION_HELP}`);
  return region;
}

export function tencentClient<S extends TencentService>(service: S, t: TencentTarget): TencentClients[S] {
  let ofAuth = clients.get(t.credentials);
  if (!ofAuth) clients.set(t.credentials, (ofAuth = new Map()));
  const key = [service, t.region, t.endpoint ?? ""].join("|");
  let client = ofAuth.get(key) as TencentClients[S] | undefined;
  if (!client) {
    const { Client } = require(MODULES[service]) as { Client: new (cfg: unknown) => TencentClients[S] };
    client = new Client({
      // The SDK asks it before every request: temporary credentials are refreshed as they expire.
      credential: t.credentials.credential,
      region: service === "tag" || service === "ecm" ? t.region || undefined : t.region,
      profile: { httpProfile: tencentHttpProfile(service) },
    });
    ofAuth.set(key, client);
  }
  return client;
}

/** For tests: forget cached clients (after credentials or endpoint change). */
export function resetTencentClients(): void {
  clients = new WeakMap();
}

export interface CallOptions {
  /**
   * Whether the call may be repeated after a network error (the request may have been carried
   * out): true for reads and for calls made idempotent by a ClientToken.
   */
  idempotent: boolean;
}

/** Calls one action: limiter, retries, errors as CloudError. */
export async function callTencent<S extends TencentService, T>(
  op: Operation,
  service: S,
  action: string,
  t: TencentTarget,
  fn: (client: TencentClients[S]) => Promise<T>,
  opts: CallOptions,
): Promise<T> {
  const client = tencentClient(service, t);
  const key = `tencentcloud|${t.region}|${t.credentials.id}`;
  // tencentcloud:allowedAccountIds: refused before any call of the resource, once per credentials.
  await t.credentials.verified();
  return withRetry(
    async () => {
      await op.rt.limiter.acquire(key, service, action);
      try {
        return await fn(client);
      } catch (e) {
        const err = toCloudError("tencentcloud", action, e);
        if (isThrottling(err)) op.rt.limiter.throttled(key, service, action);
        throw err;
      }
    },
    {
      deadline: op.deadline,
      clock: op.rt.clock,
      retryable: (e: CloudError) =>
        op.rt.retries !== false && isRetryable(e) && (opts.idempotent || e.code !== "NetworkError"),
    },
  );
}

/**
 * The calls of one service: `call(op, t, action, fn)`, idempotent (a read, or made so by a
 * ClientToken) unless `opts` says otherwise.
 */
export function serviceCalls<S extends TencentService>(service: S) {
  return <T>(
    op: Operation,
    t: TencentTarget,
    action: string,
    fn: (client: TencentClients[S]) => Promise<T>,
    opts: CallOptions = { idempotent: true },
  ): Promise<T> => callTencent(op, service, action, t, fn, opts);
}

/** Adds the instances of a describe's answer to `out` by their ids. */
export function addById<M extends { InstanceId?: string }>(
  out: Map<string, M>,
  found: M[] | undefined,
): void {
  for (const inst of found ?? []) if (inst.InstanceId) out.set(inst.InstanceId, inst);
}

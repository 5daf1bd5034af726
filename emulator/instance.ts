/**
 * What the emulated clouds keep: the services, and their instances with the operation in
 * progress. Plain data: World and the services change it, the control API shows it.
 */

/** The emulated services; Service is also the first part of every call count ("cvm.RunInstances"). */
export type Service = "cvm" | "cbs" | "ecm" | "hai" | "tag" | "swas" | "sts" | "aliyunsts";
/** The services that keep instances. */
export type InstanceService = "cvm" | "ecm" | "hai" | "swas";

export interface Instance {
  id: string;
  service: InstanceService;
  account: string;
  region: string;
  zone: string;
  state: string;
  /**
   * The next step of the process the instance is in (lifecycle.ts): the state it goes to and
   * when ("GONE" removes the instance), then the steps after it.
   */
  next?: { state: string; at: number; then?: Array<{ state: string; afterMs: number }> };
  createdAt: number;
  expiresAt?: number;
  name: string;
  privateIps: string[];
  publicIps: string[];
  tags: Record<string, string>;
  /** Service-specific attributes, in the API's own PascalCase names. */
  attrs: Record<string, unknown>;
  /** Describes that still answer "not found" for this instance (eventual consistency). */
  invisibleDescribes: number;
  /** The operation in progress or last finished (CVM LatestOperation*). */
  latestOperation?: Operation;
  /** What LatestOperation* show until `until` (settings.latestOperationLagMs after the call). */
  shownOperation?: { before?: Operation; until: number };
}

export interface Operation {
  name: string;
  state: "OPERATING" | "SUCCESS" | "FAILED";
  requestId: string;
  errorMsg?: string;
  /** The operation ends FAILED with this message (a failed launch, instance fault operationFailures). */
  fails?: string;
}

/** What a handler gets and gives, and what a service declares: the contract between the pipeline and the services. */
import type { World } from "./world";
import type { Service } from "./instance";
import type { RateLimits } from "./ratelimit";

export interface Call {
  world: World;
  service: Service;
  action: string;
  region: string;
  /** The caller's credential id: accounts are keyed by it. */
  account: string;
  /** The key id that signed the call (a temporary one's account is its session's); "" when unsigned. */
  principal: string;
  /** The request parameters: JSON body for Tencent Cloud, query string values for Alibaba Cloud. */
  params: Record<string, unknown>;
  requestId: string;
}

export type Handler = (call: Call) => Record<string, unknown>;
export type Handlers = Record<string, Handler>;

/** One emulated service: what routes to it (service and version), its actions and documented limits. */
export interface ServiceDefinition {
  service: Service;
  /** The API version (X-TC-Version, x-acs-version); services of one cloud may share one. */
  version: string;
  handlers: Handlers;
  rateLimits: RateLimits;
}

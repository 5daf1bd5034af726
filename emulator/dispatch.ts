/**
 * The one pipeline every signed call goes through, whichever cloud: authenticate and route,
 * count, log, rate limit, inject the fault, run the action's handler, answer. What differs
 * between the clouds (where the action and parameters travel, the signature, the envelope of
 * answers and errors) is a Protocol.
 */
import type http from "node:http";
import type { World } from "./world";
import type { Fault } from "./faults";
import type { ServiceDefinition } from "./call";
import { ApiError, asApiError } from "./errors";
import { LogEntry, redact } from "./log";
import { limitOf, RateLimit } from "./ratelimit";
import { sleep } from "./http";

/** A request as a protocol reads it, before it is verified. */
export interface Incoming {
  action: string;
  version: string;
  region: string;
  /** The parameters, or the cloud's error for a body it cannot read (answered after the rate limit). */
  params: Record<string, unknown> | ApiError;
}

export interface Protocol {
  /** Whether the request is for this cloud (by its action header). */
  accepts(req: http.IncomingMessage): boolean;
  newRequestId(world: World): string;
  read(req: http.IncomingMessage, url: URL, body: Buffer): Incoming;
  /** Verifies the method and signature; the caller's account and, when it names one, the service. */
  authenticate(
    world: World,
    req: http.IncomingMessage,
    url: URL,
    body: Buffer,
  ): { account: string; service?: string; principal?: string };
  /** The service the call is for; throws the cloud's error for a version it does not have. */
  route(incoming: Incoming, named?: string): ServiceDefinition;
  unknownAction(incoming: Incoming, service: ServiceDefinition): ApiError;
  throttled(incoming: Incoming, limit: RateLimit): ApiError;
  /** Codes that count as throttling, not as failures. */
  isThrottling(code: string): boolean;
  reply(res: http.ServerResponse, requestId: string, result: Record<string, unknown>): void;
  fail(res: http.ServerResponse, requestId: string, error: ApiError, incoming: Incoming): void;
}

export async function dispatch(
  world: World,
  protocol: Protocol,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  body: Buffer,
): Promise<void> {
  const requestId = protocol.newRequestId(world);
  const incoming = protocol.read(req, url, body);
  const { action, region, params } = incoming;
  let account: string;
  let principal: string;
  let definition: ServiceDefinition;
  try {
    const auth = protocol.authenticate(world, req, url, body);
    account = auth.account;
    principal = auth.principal ?? auth.account;
    definition = protocol.route(incoming, auth.service);
  } catch (e) {
    // Refused before the service: neither counted nor logged.
    return protocol.fail(res, requestId, asApiError(e), incoming);
  }
  const { service } = definition;
  const count = world.count(service, action);
  count.calls++;
  const entry: LogEntry = {
    time: new Date().toISOString(),
    service,
    action,
    region,
    account,
    requestId,
    params: params instanceof ApiError ? {} : redact(params),
  };
  world.log.push(entry);
  try {
    if (!Object.hasOwn(definition.handlers, action)) throw protocol.unknownAction(incoming, definition);
    const limit = limitOf(definition.rateLimits, action);
    if (!world.takeRateToken(service, action, account, region, limit)) {
      count.throttled++;
      throw protocol.throttled(incoming, limit);
    }
    if (params instanceof ApiError) throw params;
    const fault = world.takeFault(service, action);
    if (fault?.latencyMs) await sleep(fault.latencyMs);
    if (fault?.drop === "before") return void req.socket.destroy();
    if (fault?.code) throw injected(fault, fault.code);
    const result = definition.handlers[action]({
      world,
      service,
      action,
      region,
      account,
      principal,
      params,
      requestId,
    });
    if (fault?.drop === "after") return void req.socket.destroy();
    protocol.reply(res, requestId, result);
  } catch (e) {
    const err = asApiError(e);
    if (!protocol.isThrottling(err.code)) count.failed++;
    entry.error = err.code;
    protocol.fail(res, requestId, err, incoming);
  }
}

/** An injected error: its code and message; its HTTP status where the cloud answers with one (default 500). */
function injected(fault: Fault, code: string): ApiError {
  return new ApiError(code, fault.message ?? `${code} (injected fault)`, fault.httpStatus ?? 500);
}

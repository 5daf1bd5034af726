/**
 * One HTTP server on 127.0.0.1 serving Tencent Cloud API 3.0 (cvm, ecm, hai, tag) and
 * Alibaba Cloud swas-open 2020-06-01 on the same port, plus the control API under /_emulator/.
 * Each call: signature verified, counted, rate-limited, fault-injected, dispatched to the
 * action's handler, logged with secrets redacted.
 */
import http from "node:http";
import { AddressInfo } from "node:net";
import { ApiError } from "./errors";
import { verifyTc3 } from "./signing/tc3";
import { verifyAcs3 } from "./signing/acs3";
import { World, Service, redact, rateLimitOf } from "./world";
import { handleControl } from "./control";
import { cvmHandlers } from "./tencentcloud/cvm";
import { ecmHandlers } from "./tencentcloud/ecm";
import { haiHandlers } from "./tencentcloud/hai";
import { tagHandlers } from "./tencentcloud/tag";
import { swasHandlers } from "./alicloud/swas";

export interface Call {
  world: World;
  service: Service;
  action: string;
  region: string;
  /** The caller's credential id: accounts are keyed by it. */
  account: string;
  /** The request parameters: JSON body for Tencent Cloud, query string values for Alibaba Cloud. */
  params: Record<string, unknown>;
  requestId: string;
}

export type Handler = (call: Call) => Record<string, unknown>;
export type Handlers = Record<string, Handler>;

/** Tencent Cloud routes by X-TC-Version: one version per service. */
const TENCENT_VERSIONS: Record<string, { service: Service; handlers: Handlers }> = {
  "2017-03-12": { service: "cvm", handlers: cvmHandlers },
  "2019-07-19": { service: "ecm", handlers: ecmHandlers },
  "2023-08-12": { service: "hai", handlers: haiHandlers },
  "2018-08-13": { service: "tag", handlers: tagHandlers },
};
const SWAS_VERSION = "2020-06-01";

export interface EmulatorServer {
  url: string;
  port: number;
  world: World;
  close(): Promise<void>;
}

export async function listen(world: World, port = 0): Promise<EmulatorServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      route(world, req, res, body).catch((e: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: String(e) }));
        }
      });
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Never 0.0.0.0: the emulator accepts any request signed with its well-known key.
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    world,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function route(world: World, req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  if (url.pathname.startsWith("/_emulator/") || url.pathname === "/_emulator") {
    return handleControl(world, req, res, url, body);
  }
  if (req.headers["x-tc-action"]) return tencent(world, req, res, body);
  if (req.headers["x-acs-action"]) return alibaba(world, req, res, url, body);
  sendJson(res, 404, {
    Code: "NotFound",
    Message: "Send a signed Tencent Cloud or Alibaba Cloud API request, or use /_emulator/.",
  });
}

// ---- Tencent Cloud API 3.0 ---------------------------------------------------------------------

async function tencent(world: World, req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) {
  const requestId = world.newRequestId();
  const action = String(req.headers["x-tc-action"]);
  const version = String(req.headers["x-tc-version"] ?? "");
  const region = String(req.headers["x-tc-region"] ?? "");
  const route = TENCENT_VERSIONS[version];
  const reply = (payload: Record<string, unknown>) =>
    sendJson(res, 200, { Response: { ...payload, RequestId: requestId } });
  const fail = (e: ApiError) => reply({ Error: { Code: e.code, Message: e.message } });

  let account: string;
  try {
    if (req.method !== "POST") throw new ApiError("InvalidParameter", "Only POST requests are supported.");
    account = verifyTc3({
      headers: req.headers,
      body,
      lookupKey: (id) => world.credentials.get(id),
      nowSeconds: Math.floor(Date.now() / 1000),
    }).secretId;
    if (!route) throw new ApiError("NoSuchVersion", `The API version \`${version}\` does not exist.`);
  } catch (e) {
    return fail(asApiError(e));
  }
  const { service, handlers } = route;
  const count = world.count(service, action);
  count.calls++;
  let params: Record<string, unknown> = {};
  const entry = {
    time: new Date().toISOString(),
    service,
    action,
    region,
    account,
    requestId,
    params: {} as unknown,
  };
  world.log.push(entry);
  try {
    const handler = handlers[action];
    if (!handler)
      throw new ApiError(
        "InvalidAction",
        `The action \`${action}\` does not exist for ${service} ${version}.`,
      );
    if (!world.takeRateToken(service, action, account, region)) {
      count.throttled++;
      const { calls, windowMs } = rateLimitOf(service, action);
      throw new ApiError(
        "RequestLimitExceeded",
        `Your current request times exceeds the frequency limit \`${calls}\` per ${windowMs / 1000}s for ${action}. Please reduce the frequency of calls.`,
      );
    }
    try {
      params = body.length ? (JSON.parse(body.toString("utf8")) as Record<string, unknown>) : {};
    } catch {
      throw new ApiError("InvalidParameter.InvalidDataFormat", "The request body is not valid JSON.");
    }
    entry.params = redact(params);
    const fault = world.takeFault(service, action);
    if (fault?.latencyMs) await sleep(fault.latencyMs);
    if (fault?.drop === "before") return req.socket.destroy();
    if (fault?.code) throw new ApiError(fault.code, fault.message ?? `${fault.code} (injected fault)`);
    const result = handler({ world, service, action, region, account, params, requestId });
    if (fault?.drop === "after") return req.socket.destroy();
    reply(result);
  } catch (e) {
    const err = asApiError(e);
    if (err.code !== "RequestLimitExceeded") count.failed++;
    (entry as { error?: string }).error = err.code;
    fail(err);
  }
}

// ---- Alibaba Cloud swas-open 2020-06-01 --------------------------------------------------------

async function alibaba(
  world: World,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  body: Buffer,
) {
  const requestId = world.newRequestId().toUpperCase();
  const action = String(req.headers["x-acs-action"]);
  const version = String(req.headers["x-acs-version"] ?? "");
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if (body.length && String(req.headers["content-type"] ?? "").includes("x-www-form-urlencoded")) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
  }
  const region = String(params.RegionId ?? "");
  const fail = (e: ApiError) =>
    sendJson(res, e.httpStatus, {
      RequestId: requestId,
      HostId: `swas.${region || "aliyuncs"}.aliyuncs.com`,
      Code: e.code,
      Message: e.message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(e.code)}`,
    });

  let account: string;
  try {
    if (req.method !== "POST" && req.method !== "GET")
      throw new ApiError("UnsupportedHTTPMethod", "Use POST.", 400);
    account = verifyAcs3({
      method: req.method ?? "POST",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      lookupKey: (id) => world.credentials.get(id),
      nowMs: Date.now(),
    }).accessKeyId;
    if (version !== SWAS_VERSION) {
      throw new ApiError("InvalidVersion", `Specified parameter Version \`${version}\` is not valid.`, 400);
    }
  } catch (e) {
    return fail(asApiError(e));
  }
  const service: Service = "swas";
  const count = world.count(service, action);
  count.calls++;
  const entry = {
    time: new Date().toISOString(),
    service,
    action,
    region,
    account,
    requestId,
    params: redact(params),
  };
  world.log.push(entry);
  try {
    const handler = swasHandlers[action];
    if (!handler)
      throw new ApiError("InvalidAction.NotFound", `Specified api \`${action}\` is not found.`, 404);
    if (!world.takeRateToken(service, action, account, region)) {
      count.throttled++;
      throw new ApiError("Throttling.User", "Request was denied due to user flow control.", 400);
    }
    const fault = world.takeFault(service, action);
    if (fault?.latencyMs) await sleep(fault.latencyMs);
    if (fault?.drop === "before") return req.socket.destroy();
    if (fault?.code) {
      throw new ApiError(
        fault.code,
        fault.message ?? `${fault.code} (injected fault)`,
        fault.httpStatus ?? 500,
      );
    }
    const result = handler({ world, service, action, region, account, params, requestId });
    if (fault?.drop === "after") return req.socket.destroy();
    sendJson(res, 200, { RequestId: requestId, ...result });
  } catch (e) {
    const err = asApiError(e);
    if (!err.code.startsWith("Throttling")) count.failed++;
    (entry as { error?: string }).error = err.code;
    fail(err);
  }
}

// ---- helpers -------------------------------------------------------------------------------

function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError(
    "InternalError",
    `An internal error occurred: ${e instanceof Error ? e.message : String(e)}`,
    500,
  );
}

export function sendJson(res: http.ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

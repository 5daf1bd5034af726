/**
 * Where each service's calls go. `runinstances:endpoint` (the emulator) wins over every other
 * setting; then the anchors' finer controls: Tencent Cloud `tencentcloud:domain` (the root domain
 * instead of tencentcloudapi.com: `<service>.<domain>`) and `tencentcloud:protocol` (HTTP or
 * HTTPS); Alibaba Cloud `alicloud:endpoints` (per product: swas, sts).
 */
import http from "node:http";
import https from "node:https";
import { HttpsProxyAgent } from "https-proxy-agent";
import { getProxyForUrl } from "proxy-from-env";
import { configJson, endpointOverride, first } from "../config";

let localAgent: http.Agent | undefined;
let directAgent: https.Agent | undefined;
const proxyAgents = new Map<string, http.Agent>();

/**
 * The agent of calls to `url`: through the proxy HTTPS_PROXY / HTTP_PROXY name for it (and their
 * lower-case forms), unless NO_PROXY excludes its host (proxy-from-env's rules); the emulator
 * (runinstances:endpoint) never goes through a proxy.
 */
export function agentFor(url: string): http.Agent {
  const local = endpointOverride();
  if (local && url.startsWith(local.replace(/\/+$/, "")))
    return (localAgent ??= new http.Agent({ keepAlive: true, maxSockets: 64 }));
  const proxy = getProxyForUrl(url);
  if (!proxy) {
    if (url.startsWith("http:")) return (localAgent ??= new http.Agent({ keepAlive: true, maxSockets: 64 }));
    return (directAgent ??= new https.Agent({ keepAlive: true }));
  }
  let agent = proxyAgents.get(proxy);
  if (!agent) proxyAgents.set(proxy, (agent = new HttpsProxyAgent(proxy, { keepAlive: true })));
  return agent;
}

export interface Endpoint {
  /** "http" or "https". */
  protocol: "http" | "https";
  /** host[:port] */
  host: string;
}

function parse(url: string, defaultProtocol: Endpoint["protocol"]): Endpoint {
  if (!/^[a-z]+:\/\//i.test(url)) return { protocol: defaultProtocol, host: url };
  const u = new URL(url);
  return { protocol: u.protocol === "http:" ? "http" : "https", host: u.host };
}

/** The endpoint of a Tencent Cloud service; undefined for the SDK's own (<service>.tencentcloudapi.com). */
export function tencentEndpoint(service: string): Endpoint | undefined {
  const override = endpointOverride();
  if (override) return parse(override, "http");
  const domain = first("tencentcloud:domain", "TENCENTCLOUD_DOMAIN");
  const protocol = first("tencentcloud:protocol", "TENCENTCLOUD_PROTOCOL");
  if (!domain && !protocol) return undefined;
  return {
    protocol: /^http$/i.test(protocol ?? "") ? "http" : "https",
    host: `${service}.${domain ?? "tencentcloudapi.com"}`,
  };
}

/**
 * The SDK's HttpProfile for a Tencent Cloud service: endpoint, protocol, and always an agent (the
 * SDK on its own would read only a lower-case http_proxy).
 */
export function tencentHttpProfile(service: string): Record<string, unknown> {
  const e = tencentEndpoint(service) ?? { protocol: "https", host: `${service}.tencentcloudapi.com` };
  const profile: Record<string, unknown> = { reqTimeout: 30, agent: agentFor(`${e.protocol}://${e.host}/`) };
  if (tencentEndpoint(service)) {
    profile.endpoint = e.host;
    profile.protocol = `${e.protocol}://`;
  }
  return profile;
}

/**
 * `alicloud:endpoints`, as pulumi-alicloud has it: a list of objects (or one object) whose keys
 * are products (`swas`, `swasOpen`, `sts`), values hosts or URLs.
 */
function alicloudEndpoints(): Record<string, string> {
  const raw = configJson("alicloud:endpoints");
  const out: Record<string, string> = {};
  for (const item of Array.isArray(raw) ? raw : [raw]) {
    if (item && typeof item === "object")
      for (const [k, v] of Object.entries(item)) if (typeof v === "string" && v) out[k] = v;
  }
  return out;
}

/** The endpoint of an Alibaba Cloud product (swas, sts), or `fallback` (its regional host). */
export function alicloudEndpoint(product: "swas" | "sts", fallback: string): Endpoint {
  const override = endpointOverride();
  if (override) return parse(override, "http");
  const endpoints = alicloudEndpoints();
  const set = product === "swas" ? (endpoints.swasOpen ?? endpoints.swas) : endpoints.sts;
  return parse(set ?? fallback, "https");
}

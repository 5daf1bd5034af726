/**
 * Alibaba Cloud's RPC style (swas-open) as the pipeline sees it: the action and version in
 * x-acs-* headers, the parameters in the query string (or a form body), ACS3-HMAC-SHA256
 * signatures, errors with their own HTTP status and {RequestId, HostId, Code, Message}.
 */
import type { ServiceDefinition } from "../call";
import type { Protocol } from "../dispatch";
import { ApiError } from "../errors";
import { header, sendJson } from "../http";
import { route } from "../routing";
import { verifyAcs3 } from "../signing/acs3";
import { accountOfCall, TokenErrors } from "../sessions";
import type { Incoming } from "../dispatch";

/** Temporary credentials' SecurityToken: the codes Alibaba Cloud answers (an expired one: InvalidSecurityToken.Expired). */
export const ALIBABA_TOKEN_ERRORS: TokenErrors = {
  missing: () => new ApiError("MissingSecurityToken", "SecurityToken is mandatory for this action.", 400),
  mismatch: () =>
    new ApiError(
      "InvalidSecurityToken.MismatchWithAccessKey",
      "Specified SecurityToken mismatch with the AccessKey.",
      400,
    ),
  expired: () => new ApiError("InvalidSecurityToken.Expired", "Specified SecurityToken is expired.", 400),
};

/** What Alibaba Cloud's RPC APIs answer alike: routing, request ids, throttling, the envelopes. */
export function alibabaAnswers(
  services: readonly ServiceDefinition[],
  hostId: (incoming: Incoming) => string,
): Pick<
  Protocol,
  "newRequestId" | "route" | "unknownAction" | "throttled" | "isThrottling" | "reply" | "fail"
> {
  return {
    newRequestId: (world) => world.newRequestId().toUpperCase(),
    route(incoming, named) {
      const found = route(services, { ...incoming, named });
      if ("found" in found) return found.found;
      throw new ApiError(
        "InvalidVersion",
        `Specified parameter Version \`${incoming.version}\` is not valid.`,
        400,
      );
    },
    unknownAction: ({ action }) =>
      new ApiError("InvalidAction.NotFound", `Specified api \`${action}\` is not found.`, 404),
    throttled: () => new ApiError("Throttling.User", "Request was denied due to user flow control.", 400),
    isThrottling: (code) => code.startsWith("Throttling"),
    reply: (res, requestId, result) => sendJson(res, 200, { RequestId: requestId, ...result }),
    fail: (res, requestId, e, incoming) =>
      sendJson(res, e.httpStatus, {
        RequestId: requestId,
        HostId: hostId(incoming),
        Code: e.code,
        Message: e.message,
        Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(e.code)}`,
      }),
  };
}

export function alibabaProtocol(services: readonly ServiceDefinition[]): Protocol {
  return {
    accepts: (req) => header(req, "x-acs-action") !== "",
    read(req, url, body) {
      const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
      if (body.length && header(req, "content-type").includes("x-www-form-urlencoded")) {
        Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
      }
      return {
        action: header(req, "x-acs-action"),
        version: header(req, "x-acs-version"),
        region: String(params.RegionId ?? ""),
        params,
      };
    },
    authenticate(world, req, url, body) {
      if (req.method !== "POST" && req.method !== "GET") {
        throw new ApiError("UnsupportedHTTPMethod", "Use POST.", 400);
      }
      const { accessKeyId } = verifyAcs3({
        method: req.method ?? "POST",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        lookupKey: (id) => world.credentials.get(id),
        nowMs: Date.now(),
      });
      // The signature names no service; the endpoint's first label does (swas.cn-hangzhou.aliyuncs.com).
      const token = header(req, "x-acs-security-token");
      const account = accountOfCall(world, accessKeyId, token, ALIBABA_TOKEN_ERRORS);
      return { account, principal: accessKeyId, service: header(req, "host").split(".")[0] };
    },
    ...alibabaAnswers(services, ({ region }) => `swas.${region || "aliyuncs"}.aliyuncs.com`),
  };
}

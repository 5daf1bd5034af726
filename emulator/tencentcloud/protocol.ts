/**
 * Tencent Cloud API 3.0 as the pipeline sees it: POST / with the action, version and region in
 * X-TC-* headers, a JSON body, TC3-HMAC-SHA256 signatures, and every answer HTTP 200 in a
 * `Response` envelope (errors as Response.Error).
 */
import type http from "node:http";
import type { ServiceDefinition } from "../call";
import type { Incoming, Protocol } from "../dispatch";
import { ApiError } from "../errors";
import { header, jsonObject, sendJson } from "../http";
import { route } from "../routing";
import { verifyTc3 } from "../signing/tc3";
import { accountOfCall } from "../sessions";
import { UNSIGNED } from "./sts/service";

/** Temporary credentials' token (X-TC-Token): AuthFailure.TokenFailure, the code an expired one gets. */
const TOKEN_ERRORS = {
  missing: () => new ApiError("AuthFailure.TokenFailure", "The token is missing for temporary credentials."),
  mismatch: () =>
    new ApiError(
      "AuthFailure.TokenFailure",
      "Token verification failed. Please check your Token is correct.",
    ),
  expired: () =>
    new ApiError("AuthFailure.TokenFailure", "Token verification failed: the token has expired."),
};

export function tencentProtocol(services: readonly ServiceDefinition[]): Protocol {
  const reply = (res: http.ServerResponse, requestId: string, payload: Record<string, unknown>) =>
    sendJson(res, 200, { Response: { ...payload, RequestId: requestId } });
  return {
    accepts: (req) => header(req, "x-tc-action") !== "",
    newRequestId: (world) => world.newRequestId(),
    read(req, _url, body) {
      const params = jsonObject(body);
      return {
        action: header(req, "x-tc-action"),
        version: header(req, "x-tc-version"),
        region: header(req, "x-tc-region"),
        params:
          params ?? new ApiError("InvalidParameter.InvalidDataFormat", "The request body is not valid JSON."),
      };
    },
    authenticate(world, req, _url, body) {
      if (req.method !== "POST") throw new ApiError("InvalidParameter", "Only POST requests are supported.");
      if (header(req, "authorization") === "SKIP" && UNSIGNED.has(header(req, "x-tc-action")))
        return { account: "", principal: "" };
      const auth = verifyTc3({
        headers: req.headers,
        body,
        lookupKey: (id) => world.credentials.get(id),
        nowSeconds: Math.floor(Date.now() / 1000),
      });
      // The scope's service: "cvm" through cvm.tencentcloudapi.com, "127" through 127.0.0.1 (routing.ts).
      const account = accountOfCall(world, auth.secretId, header(req, "x-tc-token"), TOKEN_ERRORS);
      return { account, principal: auth.secretId, service: auth.service };
    },
    route(incoming, named) {
      const found = route(services, { ...incoming, named });
      if ("found" in found) return found.found;
      throw new ApiError("NoSuchVersion", `The API version \`${incoming.version}\` does not exist.`);
    },
    unknownAction: ({ action, version }: Incoming, { service }) =>
      new ApiError("InvalidAction", `The action \`${action}\` does not exist for ${service} ${version}.`),
    throttled: ({ action }, { calls, windowMs }) =>
      new ApiError(
        "RequestLimitExceeded",
        `Your current request times exceeds the frequency limit \`${calls}\` per ${windowMs / 1000}s for ${action}. Please reduce the frequency of calls.`,
      ),
    isThrottling: (code) => code === "RequestLimitExceeded",
    reply,
    fail: (res, requestId, e) => reply(res, requestId, { Error: { Code: e.code, Message: e.message } }),
  };
}

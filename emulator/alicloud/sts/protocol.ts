/**
 * Alibaba Cloud STS as @alicloud/credentials calls it: POST https://<host>/?<query> with Action,
 * Version 2015-04-01, Format, Timestamp, the signature fields and SecurityToken in the query, the
 * action's parameters in a form body, no x-acs-action header; answers JSON, errors with their
 * HTTP status and {RequestId, HostId, Code, Message, Recommend}.
 */
import type { ServiceDefinition } from "../../call";
import type { Protocol } from "../../dispatch";
import { ApiError } from "../../errors";
import { header } from "../../http";
import { accountOfCall } from "../../sessions";
import { ALIBABA_TOKEN_ERRORS, alibabaAnswers } from "../protocol";
import { UNSIGNED } from "./service";
import { verifyRpc } from "./signature";

export const STS_VERSION = "2015-04-01";

function paramsOf(url: URL, body: Buffer, contentType: string): Record<string, string> {
  const params: Record<string, string> = Object.fromEntries(url.searchParams);
  if (body.length && contentType.includes("x-www-form-urlencoded"))
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
  return params;
}

export function alibabaStsProtocol(services: readonly ServiceDefinition[]): Protocol {
  return {
    accepts: (req) =>
      header(req, "x-acs-action") === "" &&
      new URL(req.url ?? "/", "http://127.0.0.1").searchParams.get("Version") === STS_VERSION,
    read(req, url, body) {
      const params = paramsOf(url, body, header(req, "content-type"));
      return { action: params.Action ?? "", version: params.Version ?? "", region: "", params };
    },
    authenticate(world, req, url, body) {
      if (req.method !== "POST" && req.method !== "GET")
        throw new ApiError("UnsupportedHTTPMethod", "Use POST.", 400);
      if (!req.socket || !("encrypted" in req.socket))
        throw new ApiError("InvalidProtocol.NeedSsl", "Your request is denied as lack of ssl protect.", 400);
      const params = paramsOf(url, body, header(req, "content-type"));
      if (UNSIGNED.has(params.Action ?? "")) return { account: "", principal: "" };
      const id = verifyRpc({
        method: req.method ?? "POST",
        params,
        lookupKey: (k) => world.credentials.get(k),
        // The clients' time, as the other signatures are checked (the emulator's clock may be ahead).
        nowMs: Date.now(),
      });
      return {
        account: accountOfCall(world, id, params.SecurityToken ?? "", ALIBABA_TOKEN_ERRORS),
        principal: id,
      };
    },
    ...alibabaAnswers(services, () => "sts.aliyuncs.com"),
  };
}

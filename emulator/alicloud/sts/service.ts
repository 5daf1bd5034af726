/**
 * Alibaba Cloud STS 2015-04-01 (sts.aliyuncs.com): the temporary credentials of RAM roles, over
 * HTTPS, RPC style with HMAC-SHA1 signatures (protocol.ts). AssumeRoleWithOIDC is unsigned.
 * Rate limits: not documented per action; 100 calls a second per account here.
 */
import type { ServiceDefinition } from "../../call";
import { assumeRole, assumeRoleWithOidc, getCallerIdentity } from "./actions";

export const UNSIGNED = new Set(["AssumeRoleWithOIDC", "AssumeRoleWithSAML"]);

export const aliyunSts: ServiceDefinition = {
  service: "aliyunsts",
  version: "2015-04-01",
  handlers: {
    AssumeRole: assumeRole,
    AssumeRoleWithOIDC: assumeRoleWithOidc,
    GetCallerIdentity: getCallerIdentity,
  },
  rateLimits: { default: { calls: 100, windowMs: 1000 } },
};

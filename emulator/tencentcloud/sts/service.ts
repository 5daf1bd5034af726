/**
 * Tencent Cloud STS 2018-08-13 (sts.tencentcloudapi.com): the temporary credentials of roles.
 * It shares its version with Tag: through an IP endpoint the action decides (routing.ts).
 * AssumeRoleWithWebIdentity is the one unsigned action (UNSIGNED, protocol.ts). Rate limit:
 * GetCallerIdentity 20 calls a second (its API page); the others are given the same.
 */
import type { ServiceDefinition } from "../../call";
import { action } from "../common";
import { NO_PARAMETERS } from "../shapes";
import { ASSUME_ROLE, ASSUME_ROLE_WITH_WEB_IDENTITY } from "./shapes";
import { assumeRole, assumeRoleWithWebIdentity, getCallerIdentity } from "./actions";

/** Actions called with `Authorization: SKIP` (the SDK's skipSign): their own parameters prove the caller. */
export const UNSIGNED = new Set(["AssumeRoleWithWebIdentity", "AssumeRoleWithSAML"]);

export const sts: ServiceDefinition = {
  service: "sts",
  version: "2018-08-13",
  handlers: {
    AssumeRole: action(ASSUME_ROLE, assumeRole),
    AssumeRoleWithWebIdentity: action(ASSUME_ROLE_WITH_WEB_IDENTITY, assumeRoleWithWebIdentity),
    GetCallerIdentity: action(NO_PARAMETERS, getCallerIdentity),
  },
  rateLimits: { default: { calls: 20, windowMs: 1000 } },
};

/**
 * STS 2018-08-13 AssumeRole, AssumeRoleWithWebIdentity and GetCallerIdentity.
 *
 * AssumeRole (https://cloud.tencent.com/document/api/1312/48197): RoleArn
 * `qcs::cam::uin/<uin>:roleName/<name>` or `:role/<id>`, RoleSessionName 2-128 characters of
 * [\w+=,.@-], DurationSeconds default 7200, at most 43200, Policy URL-encoded JSON. Answers
 * Credentials {Token, TmpSecretId, TmpSecretKey}, ExpiredTime (Unix s) and Expiration (ISO 8601).
 * AssumeRoleWithWebIdentity is unsigned (Authorization: SKIP): any non-empty WebIdentityToken of a
 * ProviderId is accepted here (the emulator has no identity provider to ask). GetCallerIdentity
 * (https://cloud.tencent.com/document/api/1312/66098): AccountId, Arn, UserId, PrincipalId, Type.
 * Error codes: tencentcloud-sdk-go sts/v20180813 errors.go.
 */
import type {
  AssumeRoleRequest,
  AssumeRoleWithWebIdentityRequest,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/sts/v20180813/sts_models";
import type { Call } from "../../call";
import { ApiError } from "../../errors";
import { Session, accountIdOf, accountOfRole, issueSession, sessionOf } from "../../sessions";
import { required } from "../common";

const ROLE_ARN = /^qcs::cam::uin\/(\d+):role(?:Name)?\/([\w+=,.@-]+)$/;
const SESSION_NAME = /^[\w+=,.@-]{2,128}$/;

function paramError(message: string): ApiError {
  return new ApiError("InvalidParameter.ParamError", message);
}

function checkRole(req: { RoleArn?: string; RoleSessionName?: string; DurationSeconds?: number }) {
  const arn = required(req.RoleArn, "RoleArn");
  const name = required(req.RoleSessionName, "RoleSessionName");
  const m = ROLE_ARN.exec(arn);
  if (!m) throw new ApiError("ResourceNotFound.RoleNotFound", `The role \`${arn}\` does not exist.`);
  if (!SESSION_NAME.test(name)) throw paramError("RoleSessionName must be 2-128 characters of [\\w+=,.@-].");
  const duration = req.DurationSeconds ?? 7200;
  if (duration <= 0 || duration > 43200)
    throw new ApiError("InvalidParameter.OverTimeError", "DurationSeconds must be at most 43200.");
  return { arn, name, accountId: m[1], duration };
}

function answer(s: Session): Record<string, unknown> {
  return {
    Credentials: { Token: s.token, TmpSecretId: s.secretId, TmpSecretKey: s.secretKey },
    ExpiredTime: s.expiresAt / 1000,
    Expiration: new Date(s.expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}

export function assumeRole(call: Call, req: AssumeRoleRequest): Record<string, unknown> {
  const role = checkRole(req);
  if (req.Policy !== undefined) {
    try {
      JSON.parse(decodeURIComponent(req.Policy));
    } catch {
      throw new ApiError("InvalidParameter.StrategyFormatError", "Policy must be URL-encoded JSON.");
    }
  }
  const account = accountOfRole(call.account, role.accountId);
  return answer(
    issueSession(call.world, "AKID", { account, roleArn: role.arn, sessionName: role.name }, role.duration),
  );
}

export function assumeRoleWithWebIdentity(
  call: Call,
  req: AssumeRoleWithWebIdentityRequest,
): Record<string, unknown> {
  required(req.ProviderId, "ProviderId");
  if (!required(req.WebIdentityToken, "WebIdentityToken").trim())
    throw paramError("WebIdentityToken must not be empty.");
  const role = checkRole(req);
  return answer(
    issueSession(
      call.world,
      "AKID",
      { account: `uin:${role.accountId}`, roleArn: role.arn, sessionName: role.name },
      role.duration,
    ),
  );
}

/** Reached only with a verified key pair (the protocol checks the signature and a session's token). */
export function getCallerIdentity(call: Call): Record<string, unknown> {
  const accountId = accountIdOf(call.account);
  const s = sessionOf(call.world, call.principal);
  const role = s && `${ROLE_ARN.exec(s.roleArn)?.[2] ?? s.roleArn}`;
  // A key pair's: the documented examples' CAMUser; a session's: CAMRole, roleId:roleSessionName.
  return {
    AccountId: accountId,
    PrincipalId: accountId,
    ...(s
      ? {
          Arn: `qcs::sts:${accountId}:assumed-role/${role}`,
          UserId: `${role}:${s.sessionName}`,
          Type: "CAMRole",
        }
      : { Arn: `qcs::cam::uin/${accountId}:uin/${accountId}`, UserId: accountId, Type: "CAMUser" }),
  };
}

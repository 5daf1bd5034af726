/**
 * Alibaba Cloud STS 2015-04-01 AssumeRole, AssumeRoleWithOIDC and GetCallerIdentity.
 *
 * AssumeRole (https://www.alibabacloud.com/help/doc-detail/28763.htm): RoleArn
 * `acs:ram::<accountId>:role/<name>`, RoleSessionName 2-64 characters of [\w.@-],
 * DurationSeconds 900 to 43200 (default 3600), Policy JSON. Answers AssumedRoleUser {Arn,
 * AssumedRoleId} and Credentials {AccessKeyId, AccessKeySecret, SecurityToken, Expiration}
 * (YYYY-MM-DDThh:mm:ssZ). AssumeRoleWithOIDC is unsigned: OIDCProviderArn
 * `acs:ram::<accountId>:oidc-provider/<name>` and any non-empty OIDCToken are accepted here (the
 * emulator has no identity provider to ask). GetCallerIdentity: AccountId, Arn, UserId,
 * PrincipalId, IdentityType (Account or AssumedRoleUser), RoleId.
 */
import type { Call } from "../../call";
import { ApiError } from "../../errors";
import { Session, accountIdOf, accountOfRole, issueSession, sessionOf } from "../../sessions";

const ROLE_ARN = /^acs:ram::(\d+):role\/([\w.@-]+)$/i;
const OIDC_PROVIDER = /^acs:ram::\d+:oidc-provider\/[\w.@-]+$/;
const SESSION_NAME = /^[\w.@-]{2,64}$/;

const missing = (name: string) =>
  new ApiError(
    "MissingParameter",
    `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
    400,
  );
const invalid = (code: string, message: string) => new ApiError(code, message, 400);

function param(call: Call, name: string): string | undefined {
  const v = call.params[name];
  return v === undefined || v === "" ? undefined : String(v);
}

function checkRole(call: Call) {
  const arn =
    param(call, "RoleArn") ??
    (() => {
      throw missing("RoleArn");
    })();
  const m = ROLE_ARN.exec(arn);
  if (!m) throw invalid("InvalidParameter.RoleArn", `The parameter RoleArn \`${arn}\` is invalid.`);
  const name =
    param(call, "RoleSessionName") ??
    (() => {
      throw missing("RoleSessionName");
    })();
  if (!SESSION_NAME.test(name))
    throw invalid("InvalidParameter.RoleSessionName", "RoleSessionName must be 2-64 characters of [\\w.@-].");
  const duration = Number(param(call, "DurationSeconds") ?? 3600);
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200)
    throw invalid("InvalidParameter.DurationSeconds", "DurationSeconds must be 900 to 43200.");
  const policy = param(call, "Policy");
  if (policy !== undefined) {
    try {
      JSON.parse(policy);
    } catch {
      throw invalid("InvalidParameter.PolicyGrammar", "The policy is not valid JSON.");
    }
  }
  return { arn, roleName: m[2], accountId: m[1], name, duration };
}

function answer(s: Session, roleName: string, accountId: string): Record<string, unknown> {
  return {
    AssumedRoleUser: {
      Arn: `acs:ram::${accountId}:role/${roleName}/${s.sessionName}`,
      AssumedRoleId: `${roleIdOf(s.roleArn)}:${s.sessionName}`,
    },
    Credentials: {
      AccessKeyId: s.secretId,
      AccessKeySecret: s.secretKey,
      SecurityToken: s.token,
      Expiration: new Date(s.expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
    },
  };
}

/** A role's id: 19 digits derived from its ARN, stable. */
function roleIdOf(arn: string): string {
  return accountIdOf(arn).padEnd(19, "0");
}

export function assumeRole(call: Call): Record<string, unknown> {
  const r = checkRole(call);
  const account = accountOfRole(call.account, r.accountId);
  const s = issueSession(call.world, "STS.", { account, roleArn: r.arn, sessionName: r.name }, r.duration);
  return answer(s, r.roleName, r.accountId);
}

export function assumeRoleWithOidc(call: Call): Record<string, unknown> {
  const provider = param(call, "OIDCProviderArn");
  if (!provider) throw missing("OIDCProviderArn");
  if (!OIDC_PROVIDER.test(provider))
    throw invalid(
      "InvalidParameter.OIDCProviderArn",
      `The parameter OIDCProviderArn \`${provider}\` is invalid.`,
    );
  if (!param(call, "OIDCToken")?.trim()) throw missing("OIDCToken");
  const r = checkRole(call);
  const s = issueSession(
    call.world,
    "STS.",
    { account: `uin:${r.accountId}`, roleArn: r.arn, sessionName: r.name },
    r.duration,
  );
  return answer(s, r.roleName, r.accountId);
}

export function getCallerIdentity(call: Call): Record<string, unknown> {
  const accountId = accountIdOf(call.account);
  const s = sessionOf(call.world, call.principal);
  if (!s)
    return {
      AccountId: accountId,
      Arn: `acs:ram::${accountId}:root`,
      UserId: accountId,
      IdentityType: "Account",
    };
  const roleName = ROLE_ARN.exec(s.roleArn)?.[2] ?? s.roleArn;
  const user = `${roleIdOf(s.roleArn)}:${s.sessionName}`;
  return {
    AccountId: accountId,
    Arn: `acs:ram::${accountId}:assumed-role/${roleName}/${s.sessionName}`,
    UserId: user,
    PrincipalId: user,
    IdentityType: "AssumedRoleUser",
    RoleId: roleIdOf(s.roleArn),
  };
}

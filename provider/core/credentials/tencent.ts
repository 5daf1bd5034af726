/**
 * Tencent Cloud credentials through the SDK's own providers (tencentcloud-sdk-nodejs
 * common/credential), in the anchors' order (terraform-provider-tencentcloud providerConfigure):
 *
 *   1. stack config tencentcloud:secretId / secretKey / securityToken (BasicCredential);
 *   2. the environment: TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and
 *      TENCENTCLOUD_SESSION_TOKEN (EnvironmentVariableCredential), or the anchors'
 *      TENCENTCLOUD_SECURITY_TOKEN;
 *   3. the tccli profile (tencentcloud:profile, tencentcloud:sharedCredentialsDir): its keys, its
 *      role-arn (AssumeRole) or its use-cvm-role;
 *   4. the SDK's profile file ~/.tencentcloud/credentials (ProfileCredential);
 *   5. the CVM instance's CAM role, tencentcloud:camRoleName (CvmRoleCredential), never against the
 *      emulator unless its metadata fetch is injected;
 *   6. TKE's OIDC: TKE_REGION, TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE, TKE_ROLE_ARN
 *      (OIDCRoleArnCredential).
 *
 * tencentcloud:assumeRoleWithWebIdentity replaces the chain (it needs no key); then
 * tencentcloud:assumeRole (or TENCENTCLOUD_ASSUME_ROLE_ARN) assumes a role with what the chain
 * found (STSCredential). The SDK refreshes temporary credentials 30 s before they expire.
 */
import * as fs from "node:fs";
import {
  BasicCredential,
  CvmRoleCredential,
  EnvironmentVariableCredential,
  OIDCRoleArnCredential,
  ProfileCredential,
  STSCredential,
} from "tencentcloud-sdk-nodejs/tencentcloud/common/credential";
import type { Credential, DynamicCredential } from "tencentcloud-sdk-nodejs/tencentcloud/common/interface";
import {
  ConfigError,
  configList,
  configObject,
  endpointOverride,
  first,
  firstEnv,
  tencentProfileLocation,
} from "../config";
import { Step, builtOnChange, chain, fingerprint, rebuiltOnFailure } from "./chain";
import { tencentHttpProfile } from "./endpoints";
import { tccliProfile } from "./tccli";

/** As whom a target's calls go. */
export interface TencentAuth {
  /** A non-secret key of the identity: stable while temporary credentials rotate. */
  id: string;
  /** What the SDK's client signs with: asked before every request. */
  credential: DynamicCredential;
  /** Refuses, once, the credentials of an account not in tencentcloud:allowedAccountIds. */
  verified(): Promise<void>;
}

/**
 * The CVM metadata service (http://metadata.tencentyun.com/latest/meta-data/<path>), which the SDK
 * hard-codes: injected by tests (served by the emulator), so that no test leaves 127.0.0.1.
 */
export type MetadataFetch = (
  path: string,
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;
let metadataFetch: MetadataFetch | undefined;

/** For tests: serve the CVM metadata from here (undefined: the SDK's own fetch). */
export function setTencentMetadataFetch(f: MetadataFetch | undefined): void {
  metadataFetch = f;
  auth.reset();
}

interface CvmRoleAnswer {
  Code: string;
  TmpSecretId: string;
  TmpSecretKey: string;
  Token: string;
  ExpiredTime: number;
  Expiration: string;
}

/** The SDK's CvmRoleCredential, with the role named by tencentcloud:camRoleName and the fetch injectable. */
class CamRoleCredential extends CvmRoleCredential {
  constructor(
    private readonly name: string | undefined,
    private readonly fetchMeta: MetadataFetch | undefined,
  ) {
    super();
  }
  protected override async getRoleName(): Promise<string> {
    if (this.name) return this.name;
    if (!this.fetchMeta) return (await super.getRoleName()).trim();
    const r = await this.fetchMeta("cam/security-credentials/");
    if (!r.ok) throw new Error("Get cvm role name failed, Please confirm whether the role is bound");
    return (await r.text()).trim();
  }
  protected override async getRoleCredential(roleName: string): Promise<CvmRoleAnswer> {
    if (!this.fetchMeta) return (await super.getRoleCredential(roleName)) as CvmRoleAnswer;
    const r = await this.fetchMeta(`cam/security-credentials/${roleName}`);
    if (!r.ok)
      throw new Error(
        `Get credential from metadata server by role name ${roleName} failed, http code: ${r.status}`,
      );
    const json = JSON.parse(await r.text()) as CvmRoleAnswer;
    if (json.Code !== "Success")
      throw new Error(
        `Get credential from metadata server by role name ${roleName} failed, Code: ${json.Code}`,
      );
    return json;
  }
}

const has = (c: Credential | undefined) => (c?.secretId && c.secretKey ? c : undefined);

/** A provider of the SDK as a step: asked on every call (its own cache applies), rebuilt after a failure. */
function sdkStep(name: string, make: () => DynamicCredential): Step<Credential> {
  const get = rebuiltOnFailure(make, (p) => p.getCredential());
  return { name, get: async () => has((await get()) as Credential) };
}

/** The STS client config of the SDK's STS providers: sts.<domain> or the emulator. */
function stsConfig(credential: DynamicCredential | Credential) {
  return { credential, region: "ap-guangzhou", profile: { httpProfile: tencentHttpProfile("sts") } };
}

function str(o: Record<string, unknown> | undefined, key: string): string | undefined {
  const v = o?.[key];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  throw new ConfigError(`stack config ${key} must be a string`);
}

/** The session duration of an assumed role: 0..43200 s (STS AssumeRole DurationSeconds), default 7200. */
function duration(key: string, v: string | undefined): number {
  const n = v === undefined ? 7200 : Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 43200)
    throw new ConfigError(
      `${key}.sessionDuration must be 0..43200 seconds (STS 2018-08-13 AssumeRole DurationSeconds)`,
    );
  return n;
}

/** A web identity token file: the anchors' JSON `{"web_identity_token": ...}` or the raw token (TKE). */
function tokenFromFile(file: string): string {
  const text = fs.readFileSync(file, "utf8").trim();
  try {
    const v = JSON.parse(text) as { web_identity_token?: string };
    if (v && typeof v.web_identity_token === "string") return v.web_identity_token;
  } catch {
    // the raw token
  }
  return text;
}

function baseChain(): Step<Credential>[] {
  const metadata = metadataFetch || !endpointOverride();
  const camRole = first("tencentcloud:camRoleName", "TENCENTCLOUD_CAM_ROLE_NAME");
  const at = tencentProfileLocation();
  const steps: Step<Credential>[] = [
    {
      name: "stack config tencentcloud:secretId and tencentcloud:secretKey",
      get: async () => {
        const id = first("tencentcloud:secretId");
        const key = first("tencentcloud:secretKey");
        return id && key ? new BasicCredential(id, key, first("tencentcloud:securityToken")) : undefined;
      },
    },
    {
      name: "environment TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (TENCENTCLOUD_SESSION_TOKEN, TENCENTCLOUD_SECURITY_TOKEN)",
      get: async () => {
        const c = has(await new EnvironmentVariableCredential().getCredential());
        // The SDK reads TENCENTCLOUD_SESSION_TOKEN; the anchors name it TENCENTCLOUD_SECURITY_TOKEN.
        return c && { ...c, token: c.token || process.env.TENCENTCLOUD_SECURITY_TOKEN || undefined };
      },
    },
  ];
  const profile = tccliProfile(at);
  if (profile) {
    const keys = has({ secretId: profile.secretId, secretKey: profile.secretKey, token: profile.token });
    const name = `tccli profile ${profile.file}`;
    if (keys && profile.roleArn) {
      const params = {
        RoleArn: profile.roleArn,
        RoleSessionName: profile.roleSessionName ?? "runinstances",
        DurationSeconds: 7200,
      };
      steps.push(sdkStep(`${name} (role-arn)`, () => new STSCredential(stsConfig(keys), params)));
    } else if (keys) steps.push({ name, get: async () => keys });
    else if (profile.cvmRole && metadata)
      steps.push(sdkStep(`${name} (use-cvm-role)`, () => new CamRoleCredential(camRole, metadataFetch)));
    else steps.push({ name, get: async () => Promise.reject(new Error("has no secretId and secretKey")) });
  } else {
    steps.push({ name: `tccli profile ${at.profile} (tencentcloud:profile)`, get: async () => undefined });
  }
  if (at.profile === "default")
    steps.push(sdkStep("SDK profile ~/.tencentcloud/credentials [default]", () => new ProfileCredential()));
  if (metadata || camRole)
    steps.push(
      metadata
        ? sdkStep(
            `CVM instance role${camRole ? ` ${camRole} (tencentcloud:camRoleName)` : ""} from the metadata service`,
            () => new CamRoleCredential(camRole, metadataFetch),
          )
        : {
            name: "CVM instance role (tencentcloud:camRoleName)",
            get: () => Promise.reject(new Error("no metadata service behind runinstances:endpoint")),
          },
    );
  if (process.env.TKE_ROLE_ARN || process.env.TKE_WEB_IDENTITY_TOKEN_FILE)
    steps.push(
      sdkStep(
        "TKE OIDC (TKE_REGION, TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE, TKE_ROLE_ARN)",
        // The one-argument form is TKE mode with our STS endpoint; the .d.ts lists 0 or 2 arguments.
        () =>
          new (OIDCRoleArnCredential as unknown as new (c: unknown) => DynamicCredential)(
            stsConfig(new BasicCredential("", "")),
          ),
      ),
    );
  return steps;
}

function build(): DynamicCredential {
  const web = configObject("tencentcloud:assumeRoleWithWebIdentity");
  let source: () => Promise<Credential>;
  if (web) {
    const key = "tencentcloud:assumeRoleWithWebIdentity";
    const roleArn = str(web, "roleArn");
    const file = str(web, "webIdentityTokenFile");
    const token = str(web, "webIdentityToken") ?? (file ? tokenFromFile(file) : undefined);
    if (!roleArn || !token)
      throw new ConfigError(
        `${key} needs roleArn and webIdentityToken or webIdentityTokenFile (STS AssumeRoleWithWebIdentity)`,
      );
    const params = {
      ProviderId: str(web, "providerId") ?? "OIDC",
      WebIdentityToken: token,
      RoleArn: roleArn,
      RoleSessionName: str(web, "sessionName") ?? "runinstances",
      DurationSeconds: duration(key, str(web, "sessionDuration")),
    };
    const step = sdkStep(
      key,
      () => new OIDCRoleArnCredential(stsConfig(new BasicCredential("", "")), params),
    );
    source = chain("Tencent Cloud", [step]);
  } else source = chain("Tencent Cloud", baseChain());
  const role = configObject("tencentcloud:assumeRole");
  const roleArn = str(role, "roleArn") ?? firstEnv("TENCENTCLOUD_ASSUME_ROLE_ARN");
  if (!roleArn) return { getCredential: source };
  const key = "tencentcloud:assumeRole";
  const policy = str(role, "policy");
  const params: Record<string, unknown> = {
    RoleArn: roleArn,
    RoleSessionName:
      str(role, "sessionName") ?? firstEnv("TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME") ?? "runinstances",
    DurationSeconds: duration(
      key,
      str(role, "sessionDuration") ?? firstEnv("TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION"),
    ),
  };
  // Documented: the policy is URL-encoded (STS AssumeRole Policy).
  if (policy) params.Policy = encodeURIComponent(policy);
  const externalId = str(role, "externalId") ?? firstEnv("TENCENTCLOUD_ASSUME_ROLE_EXTERNAL_ID");
  if (externalId) params.ExternalId = externalId;
  const assumed = rebuiltOnFailure(
    () => new STSCredential(stsConfig({ getCredential: source }), params as never),
    (p) => p.getCredential(),
  );
  return { getCredential: async () => (await assumed()) as Credential };
}

/** What decides the identity, secrets left out: the key of the limiters and pollers. */
function identityParts(): Array<string | undefined> {
  const at = tencentProfileLocation();
  return [
    first("tencentcloud:secretId", "TENCENTCLOUD_SECRET_ID"),
    at.dir,
    at.profile,
    first("tencentcloud:camRoleName", "TENCENTCLOUD_CAM_ROLE_NAME"),
    process.env.TKE_ROLE_ARN,
    JSON.stringify(
      configObject("tencentcloud:assumeRole")?.roleArn ?? firstEnv("TENCENTCLOUD_ASSUME_ROLE_ARN"),
    ),
    JSON.stringify(configObject("tencentcloud:assumeRoleWithWebIdentity")?.roleArn),
    endpointOverride(),
  ];
}

const auth = builtOnChange(/^(TENCENTCLOUD_|TKE_|HOME$)/, (): TencentAuth => {
  const credential = build();
  const allowed = configList("tencentcloud:allowedAccountIds");
  let check: Promise<void> | undefined;
  return {
    id: fingerprint(identityParts()),
    credential,
    verified: () => {
      if (!allowed) return Promise.resolve();
      check ??= verifyAccount(credential, allowed).catch((e: unknown) => {
        check = undefined;
        throw e;
      });
      return check;
    },
  };
});

/** The credentials of the stack config and environment, built once while neither changes. */
export const tencentAuth = (): TencentAuth => auth.get();

/** tencentcloud:allowedAccountIds, as the anchor checks it: STS GetCallerIdentity's AccountId. */
async function verifyAccount(credential: DynamicCredential, allowed: string[]): Promise<void> {
  const { Client } = require("tencentcloud-sdk-nodejs/tencentcloud/services/sts/v20180813/sts_client") as {
    Client: new (cfg: unknown) => { GetCallerIdentity(req: object): Promise<{ AccountId?: string }> };
  };
  const { AccountId } = await new Client(stsConfig(credential)).GetCallerIdentity({});
  if (!allowed.includes(String(AccountId)))
    throw new ConfigError(
      `TencentCloud account ID not allowed: ${AccountId} (stack config tencentcloud:allowedAccountIds: ${allowed.join(", ")})`,
    );
}

/**
 * Alibaba Cloud credentials through @alicloud/credentials' own providers, explicit stack config
 * first, then the SDK's default chain in its order (providers/default.ts), walked by our chain so
 * that the error lists every source and a failed source does not stick:
 *
 *   1. stack config alicloud:accessKey / secretKey / securityToken (StaticAK, StaticSTS);
 *   2. the environment: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET,
 *      ALIBABA_CLOUD_SECURITY_TOKEN (EnvironmentVariableCredentialsProvider), or the anchors'
 *      ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY, ALICLOUD_SECURITY_TOKEN;
 *   3. OIDC: alicloud:assumeRoleWithOidc, or ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN
 *      and ALIBABA_CLOUD_OIDC_TOKEN_FILE (OIDCRoleArnCredentialsProvider);
 *   4. the CLI profile ~/.aliyun/config.json, alicloud:profile (CLIProfileCredentialsProvider);
 *   5. the INI profile ALIBABA_CLOUD_CREDENTIALS_FILE or ~/.alibabacloud/credentials
 *      (ProfileCredentialsProvider);
 *   6. the ECS instance's RAM role, alicloud:ecsRoleName (ECSRAMRoleCredentialsProvider): not with
 *      ALIBABA_CLOUD_ECS_METADATA_DISABLED=true nor against the emulator;
 *   7. ALIBABA_CLOUD_CREDENTIALS_URI (URICredentialsProvider).
 *
 * Then alicloud:assumeRole assumes a role with what the chain found (RAMRoleARNCredentialsProvider).
 * STS is reached over HTTPS only (the library forces it): alicloud:endpoints sts, or the emulator.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Credential, {
  CLIProfileCredentialsProvider,
  ECSRAMRoleCredentialsProvider,
  EnvironmentVariableCredentialsProvider,
  OIDCRoleArnCredentialsProvider,
  ProfileCredentialsProvider,
  RAMRoleARNCredentialsProvider,
  StaticAKCredentialsProvider,
  StaticSTSCredentialsProvider,
  URICredentialsProvider,
} from "@alicloud/credentials";
import type CredentialsProvider from "@alicloud/credentials/dist/src/credentials_provider";
import type Credentials from "@alicloud/credentials/dist/src/credentials";
import { ConfigError, alicloudProfileName, configObject, endpointOverride, first, firstEnv } from "../config";
import { Step, builtOnChange, chain, fingerprint } from "./chain";
import { alicloudEndpoint } from "./endpoints";
import { aliyunConfigFile } from "./aliyun-profile";

/** As whom a target's calls go. */
export interface AlicloudAuth {
  /** A non-secret key of the identity: stable while temporary credentials rotate. */
  id: string;
  /** What openapi-core signs with: asked before every request. */
  credential: Credential;
}

function staticProvider(id: string, secret: string, token: string | undefined): CredentialsProvider {
  return token
    ? StaticSTSCredentialsProvider.builder()
        .withAccessKeyId(id)
        .withAccessKeySecret(secret)
        .withSecurityToken(token)
        .build()
    : StaticAKCredentialsProvider.builder().withAccessKeyId(id).withAccessKeySecret(secret).build();
}

/** A provider of the SDK as a step; `build` throws (or gives undefined) when it is not configured. */
function sdkStep(name: string, build: () => CredentialsProvider | undefined): Step<Credentials> {
  let p: CredentialsProvider | undefined;
  return {
    name,
    get: async () => {
      p ??= build();
      return p?.getCredentials();
    },
  };
}

const stsHost = () => alicloudEndpoint("sts", "sts.aliyuncs.com").host;

function str(o: Record<string, unknown> | undefined, key: string): string | undefined {
  const v = o?.[key];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v === "string" || typeof v === "number") return String(v);
  throw new ConfigError(`stack config ${key} must be a string`);
}

/** sessionExpiration: 900..43200 s (STS 2015-04-01 DurationSeconds), default 3600. */
function seconds(key: string, v: string | undefined): number {
  const n = v === undefined ? 3600 : Number(v);
  if (!Number.isInteger(n) || n < 900 || n > 43200)
    throw new ConfigError(
      `${key}.sessionExpiration must be 900..43200 seconds (STS 2015-04-01 DurationSeconds)`,
    );
  return n;
}

function oidcStep(): Step<Credentials> | undefined {
  const key = "alicloud:assumeRoleWithOidc";
  const o = configObject(key);
  const roleArn = str(o, "roleArn") ?? process.env.ALIBABA_CLOUD_ROLE_ARN;
  const providerArn = str(o, "oidcProviderArn") ?? process.env.ALIBABA_CLOUD_OIDC_PROVIDER_ARN;
  const tokenFile = str(o, "oidcTokenFile") ?? process.env.ALIBABA_CLOUD_OIDC_TOKEN_FILE;
  if (!o && !(roleArn && providerArn && tokenFile)) return undefined;
  if (str(o, "oidcToken") && !tokenFile)
    throw new ConfigError(
      `${key}.oidcToken is not supported: the SDK reads the token from oidcTokenFile only`,
    );
  if (!roleArn || !providerArn || !tokenFile)
    throw new ConfigError(`${key} needs roleArn, oidcProviderArn and oidcTokenFile (STS AssumeRoleWithOIDC)`);
  return sdkStep(
    `OIDC ${o ? key : "ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE"}`,
    () => {
      const b = OIDCRoleArnCredentialsProvider.builder()
        .withRoleArn(roleArn)
        .withOIDCProviderArn(providerArn)
        .withOIDCTokenFilePath(tokenFile)
        .withRoleSessionName(
          str(o, "roleSessionName") ?? process.env.ALIBABA_CLOUD_ROLE_SESSION_NAME ?? "runinstances",
        )
        .withDurationSeconds(seconds(key, str(o, "sessionExpiration")))
        .withStsEndpoint(stsHost());
      const policy = str(o, "policy");
      return (policy ? b.withPolicy(policy) : b).build();
    },
  );
}

function baseChain(): Step<Credentials>[] {
  const metadata =
    !endpointOverride() && !/^true$/i.test(process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED ?? "");
  const iniFile =
    process.env.ALIBABA_CLOUD_CREDENTIALS_FILE ?? path.join(os.homedir(), ".alibabacloud", "credentials");
  const profile = alicloudProfileName();
  const ecsRole = first("alicloud:ecsRoleName", "ALICLOUD_ECS_ROLE_NAME", "ALIBABA_CLOUD_ECS_METADATA");
  const uri = firstEnv("ALIBABA_CLOUD_CREDENTIALS_URI", "ALICLOUD_CREDENTIALS_URI");
  const steps: Array<Step<Credentials> | undefined> = [
    sdkStep("stack config alicloud:accessKey and alicloud:secretKey", () => {
      const id = first("alicloud:accessKey");
      const secret = first("alicloud:secretKey");
      return id && secret ? staticProvider(id, secret, first("alicloud:securityToken")) : undefined;
    }),
    sdkStep(
      "environment ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (ALIBABA_CLOUD_SECURITY_TOKEN)",
      () =>
        process.env.ALIBABA_CLOUD_ACCESS_KEY_ID
          ? EnvironmentVariableCredentialsProvider.builder().build()
          : undefined,
    ),
    sdkStep("environment ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY (ALICLOUD_SECURITY_TOKEN)", () => {
      // The anchors' names, which the SDK does not read.
      const { ALICLOUD_ACCESS_KEY: id, ALICLOUD_SECRET_KEY: secret } = process.env;
      return id && secret ? staticProvider(id, secret, process.env.ALICLOUD_SECURITY_TOKEN) : undefined;
    }),
    oidcStep(),
    sdkStep(`CLI profile ${aliyunConfigFile()}${profile ? ` [${profile}]` : ""}`, () =>
      fs.existsSync(aliyunConfigFile())
        ? CLIProfileCredentialsProvider.builder()
            .withProfileName(profile ?? "")
            .build()
        : undefined,
    ),
    sdkStep(`INI profile ${iniFile}`, () =>
      fs.existsSync(iniFile)
        ? ProfileCredentialsProvider.builder()
            .withProfileName(profile ?? process.env.ALIBABA_CLOUD_PROFILE ?? "default")
            .build()
        : undefined,
    ),
    metadata
      ? sdkStep(`ECS instance RAM role${ecsRole ? ` ${ecsRole}` : ""} from the metadata service`, () =>
          ECSRAMRoleCredentialsProvider.builder()
            .withRoleName(ecsRole ?? "")
            .build(),
        )
      : undefined,
    uri
      ? sdkStep("ALIBABA_CLOUD_CREDENTIALS_URI", () =>
          URICredentialsProvider.builder().withCredentialsURI(uri).build(),
        )
      : undefined,
  ];
  return steps.filter((s): s is Step<Credentials> => s !== undefined);
}

function build(): CredentialsProvider {
  if (first("alicloud:sharedCredentialsFile", "ALICLOUD_SHARED_CREDENTIALS_FILE"))
    throw new ConfigError(
      "alicloud:sharedCredentialsFile is not supported: @alicloud/credentials reads the CLI profile only from " +
        "~/.aliyun/config.json (choose one with alicloud:profile), or an INI file named by ALIBABA_CLOUD_CREDENTIALS_FILE",
    );
  const walk = chain("Alibaba Cloud", baseChain());
  const found: CredentialsProvider = { getCredentials: walk, getProviderName: () => "runinstances" };
  const key = "alicloud:assumeRole";
  const role = configObject(key);
  const roleArn = str(role, "roleArn");
  if (!roleArn) return found;
  const b = RAMRoleARNCredentialsProvider.builder()
    .withCredentialsProvider(found)
    .withRoleArn(roleArn)
    .withRoleSessionName(str(role, "sessionName") ?? "runinstances")
    .withDurationSeconds(seconds(key, str(role, "sessionExpiration")))
    .withStsEndpoint(stsHost());
  const policy = str(role, "policy");
  const externalId = str(role, "externalId");
  if (policy) b.withPolicy(policy);
  if (externalId) b.withExternalId(externalId);
  return b.build();
}

/** What decides the identity, secrets left out: the key of the limiters and pollers. */
function identityParts(): Array<string | undefined> {
  return [
    first("alicloud:accessKey", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY"),
    alicloudProfileName(),
    process.env.ALIBABA_CLOUD_CREDENTIALS_FILE,
    first("alicloud:ecsRoleName", "ALICLOUD_ECS_ROLE_NAME", "ALIBABA_CLOUD_ECS_METADATA"),
    str(configObject("alicloud:assumeRoleWithOidc"), "roleArn") ?? process.env.ALIBABA_CLOUD_ROLE_ARN,
    str(configObject("alicloud:assumeRole"), "roleArn"),
    endpointOverride(),
  ];
}

const auth = builtOnChange(/^(ALIBABA_CLOUD_|ALICLOUD_|HOME$)/, () => ({
  id: fingerprint(identityParts()),
  credential: new Credential(null, build()),
}));

/** The credentials of the stack config and environment, built once while neither changes. */
export const alicloudAuth = (): AlicloudAuth => auth.get();

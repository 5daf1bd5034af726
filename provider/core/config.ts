/**
 * The stack config keys (through the dynamic provider's configure()) and environment variables
 * this package reads: region and endpoint here; credentials through the SDKs' own providers
 * (credentials/). Explicit stack config wins over the environment.
 * None of this is ever written to the state: the provider object in the state is a shim that
 * requires this module at call time. The knobs of the provider process itself (poll interval,
 * quiet, rate scale) are environment variables only, and all of them are read here.
 */

import { TccliLocation, tccliProfile } from "./credentials/tccli";
import { aliyunProfileRegion } from "./credentials/aliyun-profile";

/** What configure() receives from the dynamic-provider host. */
export interface ConfigureRequest {
  config: { get(key: string): string | undefined };
}

const KEYS = [
  "tencentcloud:secretId",
  "tencentcloud:secretKey",
  "tencentcloud:securityToken",
  "tencentcloud:region",
  "tencentcloud:profile",
  "tencentcloud:sharedCredentialsDir",
  "tencentcloud:assumeRole",
  "tencentcloud:assumeRoleWithWebIdentity",
  "tencentcloud:camRoleName",
  "tencentcloud:allowedAccountIds",
  "tencentcloud:domain",
  "tencentcloud:protocol",
  "alicloud:accessKey",
  "alicloud:secretKey",
  "alicloud:securityToken",
  "alicloud:region",
  "alicloud:profile",
  "alicloud:sharedCredentialsFile",
  "alicloud:assumeRole",
  "alicloud:assumeRoleWithOidc",
  "alicloud:ecsRoleName",
  "alicloud:endpoints",
  "runinstances:endpoint",
  "runinstances:preflight",
] as const;
export type ConfigKey = (typeof KEYS)[number];

let stackConfig: Partial<Record<ConfigKey, string>> = {};
let generation = 0;

/** Stores the stack config keys this package reads. */
export function configure(req: ConfigureRequest): void {
  const next: Partial<Record<ConfigKey, string>> = {};
  for (const key of KEYS) {
    const v = req.config.get(key);
    if (v !== undefined && v !== "") next[key] = v;
  }
  stackConfig = next;
  generation++;
}

/** For tests: forget the stack config. */
export function resetConfig(): void {
  stackConfig = {};
  generation++;
}

/** Changes whenever the stack config is set again: what caches built from it are keyed by. */
export function configGeneration(): number {
  return generation;
}

/** The stack config value of a key, else the first non-empty environment variable of `envs`. */
export function first(key: ConfigKey, ...envs: string[]): string | undefined {
  if (stackConfig[key]) return stackConfig[key];
  return firstEnv(...envs);
}

/** The first non-empty environment variable of `envs`. */
export function firstEnv(...envs: string[]): string | undefined {
  for (const e of envs) {
    const v = process.env[e];
    if (v) return v;
  }
  return undefined;
}

/**
 * An object-valued stack config key (`pulumi config set --path 'tencentcloud:assumeRole.roleArn' ...`
 * stores JSON): undefined when unset, a ConfigError naming the key when it is not a JSON object.
 */
export function configObject(key: ConfigKey): Record<string, unknown> | undefined {
  let v = configJson(key);
  if (v === undefined) return undefined;
  // The anchors' blocks are lists of at most one item in some versions: take the one item.
  if (Array.isArray(v) && v.length <= 1) v = v[0] ?? {};
  if (!v || typeof v !== "object" || Array.isArray(v)) {
    throw new ConfigError(`stack config ${key} must be an object (JSON), e.g. set with --path`);
  }
  return v as Record<string, unknown>;
}

/** A JSON-valued stack config key: undefined when unset, a ConfigError naming the key when not JSON. */
export function configJson(key: ConfigKey): unknown {
  const raw = stackConfig[key];
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new ConfigError(`stack config ${key} must be JSON (an object or a list), e.g. set with --path`);
  }
}

/** A list-valued stack config key (a JSON array, or one comma-separated string). */
export function configList(key: ConfigKey): string[] | undefined {
  const raw = stackConfig[key];
  if (raw === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(raw);
    if (Array.isArray(v)) return v.map(String);
    return [String(v)];
  } catch {
    return raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  }
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** The resource's region argument, else stack config, else the environment. */
export function tencentRegion(arg?: string): string | undefined {
  return (
    arg ||
    first("tencentcloud:region", "TENCENTCLOUD_REGION") ||
    tccliProfile(tencentProfileLocation())?.region
  );
}

export function alicloudRegion(arg?: string): string | undefined {
  return (
    arg ||
    first("alicloud:region", "ALIBABA_CLOUD_REGION_ID", "ALICLOUD_REGION", "ALIBABA_CLOUD_REGION") ||
    aliyunProfileRegion(alicloudProfileName())
  );
}

/** Where the tccli profile files are (`<dir>/<profile>.credential`, `.configure`), as the anchors look. */
export function tencentProfileLocation(): TccliLocation {
  return {
    dir: first("tencentcloud:sharedCredentialsDir", "TENCENTCLOUD_SHARED_CREDENTIALS_DIR"),
    profile: first("tencentcloud:profile", "TENCENTCLOUD_PROFILE", "TCCLI_PROFILE") ?? "default",
  };
}

/** The Alibaba Cloud CLI profile name (~/.aliyun/config.json), when one is chosen. */
export function alicloudProfileName(): string | undefined {
  return first("alicloud:profile", "ALICLOUD_PROFILE", "ALIBABA_CLOUD_PROFILE");
}

export const REGION_HELP =
  "set the `region` argument, `pulumi config set tencentcloud:region ap-guangzhou`, or TENCENTCLOUD_REGION";

/** An endpoint that replaces every cloud's own (e.g. the emulator, http://127.0.0.1:18080). */
export function endpointOverride(): string | undefined {
  return first("runinstances:endpoint", "RUNINSTANCES_ENDPOINT");
}

/** `runinstances:preflight` true: check sends a dry run to the cloud before a create. */
export function preflightEnabled(): boolean {
  return /^(true|1|yes)$/i.test(first("runinstances:preflight", "RUNINSTANCES_PREFLIGHT") ?? "");
}

// ---- knobs of the provider process: environment variables only ------------------------------

/** RUNINSTANCES_POLL_INTERVAL_MS: the shortest poll interval in ms (default 250), e.g. lower against the emulator. */
export function pollIntervalMs(): number | undefined {
  return Number(process.env.RUNINSTANCES_POLL_INTERVAL_MS) || undefined;
}

/** RUNINSTANCES_QUIET=1: no progress lines on stderr. */
export function quiet(): boolean {
  return process.env.RUNINSTANCES_QUIET === "1";
}

/**
 * RUNINSTANCES_RATE_SCALE: the documented rate limits multiplied by this factor (default 1), as the
 * emulator's `rateLimitScale` does: for scaled-down runs against the emulator only.
 */
export function rateLimitScale(): number {
  return Number(process.env.RUNINSTANCES_RATE_SCALE) || 1;
}

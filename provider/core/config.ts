/**
 * Credentials, region and endpoint, from stack config (through the dynamic provider's
 * configure()) or environment variables. Explicit stack config wins over the environment.
 * None of this is ever written to the state: the provider object in the state is a shim that
 * requires this module at call time. The knobs of the provider process itself (poll interval,
 * quiet, rate scale) are environment variables only, and all of them are read here.
 */

/** What configure() receives from the dynamic-provider host. */
export interface ConfigureRequest {
  config: { get(key: string): string | undefined };
}

const KEYS = [
  "tencentcloud:secretId",
  "tencentcloud:secretKey",
  "tencentcloud:securityToken",
  "tencentcloud:region",
  "alicloud:accessKey",
  "alicloud:secretKey",
  "alicloud:securityToken",
  "alicloud:region",
  "runinstances:endpoint",
  "runinstances:preflight",
] as const;
export type ConfigKey = (typeof KEYS)[number];

let stackConfig: Partial<Record<ConfigKey, string>> = {};

/** Stores the stack config keys this package reads. */
export function configure(req: ConfigureRequest): void {
  const next: Partial<Record<ConfigKey, string>> = {};
  for (const key of KEYS) {
    const v = req.config.get(key);
    if (v !== undefined && v !== "") next[key] = v;
  }
  stackConfig = next;
}

/** For tests: forget the stack config. */
export function resetConfig(): void {
  stackConfig = {};
}

function first(key: ConfigKey, ...envs: string[]): string | undefined {
  if (stackConfig[key]) return stackConfig[key];
  for (const e of envs) {
    const v = process.env[e];
    if (v) return v;
  }
  return undefined;
}

export interface Credentials {
  id: string;
  secret: string;
  token?: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export function tencentCredentials(): Credentials {
  const id = first("tencentcloud:secretId", "TENCENTCLOUD_SECRET_ID");
  const secret = first("tencentcloud:secretKey", "TENCENTCLOUD_SECRET_KEY");
  if (!id || !secret) {
    throw new ConfigError(
      "missing Tencent Cloud credentials: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, " +
        "or `pulumi config set tencentcloud:secretId ...` and `pulumi config set --secret tencentcloud:secretKey ...`",
    );
  }
  return { id, secret, token: first("tencentcloud:securityToken", "TENCENTCLOUD_SECURITY_TOKEN") };
}

export function alicloudCredentials(): Credentials {
  const id = first("alicloud:accessKey", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY");
  const secret = first("alicloud:secretKey", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY");
  if (!id || !secret) {
    throw new ConfigError(
      "missing Alibaba Cloud credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, " +
        "or `pulumi config set alicloud:accessKey ...` and `pulumi config set --secret alicloud:secretKey ...`",
    );
  }
  return {
    id,
    secret,
    token: first("alicloud:securityToken", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN"),
  };
}

/** The resource's region argument, else stack config, else the environment. */
export function tencentRegion(arg?: string): string | undefined {
  return arg || first("tencentcloud:region", "TENCENTCLOUD_REGION");
}

export function alicloudRegion(arg?: string): string | undefined {
  return arg || first("alicloud:region", "ALIBABA_CLOUD_REGION_ID", "ALICLOUD_REGION");
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

/** A short, non-secret fingerprint of a credential id, for keys of shared limiters and pollers. */
export function credentialKey(c: Credentials): string {
  return c.id;
}

// ---- knobs of the provider process: environment variables only ------------------------------

/** RUNINSTANCES_POLL_INTERVAL_MS: the shortest poll interval in ms (default 1000), e.g. lower against the emulator. */
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

/** The emulator's settings (GET/POST /_emulator/settings) and the key pair it accepts from the start. */

export const DEFAULT_SECRET_ID = "AKIDLOCALEMULATOR";
export const DEFAULT_SECRET_KEY = "local-emulator-secret-key";

export interface Settings {
  /** Time from creation to running (ms). */
  bootMs: number;
  /** Time from terminate to gone (ms). */
  terminateMs: number;
  /** Time of a stop, start, resize or upgrade (ms). */
  transitionMs: number;
  /** How long a terminated HAI instance stays visible as TERMINATED (ms). */
  terminatedVisibleMs: number;
  /** Documented rate limits on (true) or off. */
  rateLimits: boolean;
  /** Rate limits multiplied by this factor (2 = twice as many calls allowed); for scaled-down runs. */
  rateLimitScale: number;
  /** How long a ClientToken is remembered (ms). */
  idempotencyWindowMs: number;
  /** CVM instances an account may hold per region. */
  cvmQuota: number;
  /** SWAS servers an account may hold per region (documented: 50). */
  swasQuota: number;
  /**
   * How long after a call DescribeInstances still shows the PREVIOUS operation in
   * LatestOperation* (ms; CVM). The cloud updates them some time after it answers.
   */
  latestOperationLagMs: number;
  /** Prepaid CVM instances an account may return early (to the recycle bin); then LimitExceeded.UserReturnQuota. */
  prepaidReturnQuota: number;
  /** Lifetime of the temporary credentials STS issues (s); 0: the DurationSeconds asked for. */
  temporaryCredentialSeconds: number;
  /** The role bound to "the instance" whose metadata the emulator serves (metadata.ts); "" for none. */
  instanceRole: string;
}

export const defaultSettings = (): Settings => ({
  bootMs: 3000,
  terminateMs: 1000,
  transitionMs: 1000,
  terminatedVisibleMs: 2000,
  rateLimits: true,
  rateLimitScale: 1,
  idempotencyWindowMs: 24 * 3600 * 1000,
  cvmQuota: 1000,
  swasQuota: 50,
  latestOperationLagMs: 0,
  prepaidReturnQuota: 10_000,
  temporaryCredentialSeconds: 0,
  instanceRole: "runinstances-deployer",
});

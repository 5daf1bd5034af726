/** What the emulator records of each call: counts per action and the request log, secrets redacted. */

export interface CallCount {
  calls: number;
  throttled: number;
  failed: number;
}

export interface LogEntry {
  time: string;
  service: string;
  action: string;
  region: string;
  account: string;
  requestId: string;
  params: unknown;
  error?: string;
}

const SECRET_KEYS = /password|secret|token|userdata|key$/i;

/** Replaces the values of secret-looking parameters (passwords, user data) by "***". */
export function redact(value: unknown, key = ""): unknown {
  if (key && SECRET_KEYS.test(key) && !/^(Key|TagKey|KeyIds?|ClientToken|KeepImageLogin)$/.test(key)) {
    return value === undefined ? value : "***";
  }
  if (Array.isArray(value)) return value.map((v) => redact(v));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  }
  return value;
}

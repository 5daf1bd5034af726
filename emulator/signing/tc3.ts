/**
 * TC3-HMAC-SHA256, the signature of Tencent Cloud API 3.0.
 * The SDK signs the host WITHOUT its port and takes the service from the endpoint's
 * first label, so with an IP endpoint the service in the scope is "127".
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { ApiError } from "../errors";

export const TC3_ALGORITHM = "TC3-HMAC-SHA256";
export const MAX_SKEW_SECONDS = 300;

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();

export interface Tc3Authorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export function parseTc3Authorization(header: string | undefined): Tc3Authorization {
  const m =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      header ?? "",
    );
  if (!m) {
    throw new ApiError(
      "AuthFailure.InvalidAuthorization",
      "Authorization header is missing or not of the form TC3-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=....",
    );
  }
  return { secretId: m[1], date: m[2], service: m[3], signedHeaders: m[4].split(";"), signature: m[5] };
}

/** Computes the signature the way the SDK does; `headers` are lower-cased names. */
export function tc3Signature(opts: {
  secretKey: string;
  service: string;
  timestamp: number;
  headers: Record<string, string>;
  signedHeaders: string[];
  body: Buffer | string;
  method?: string;
  path?: string;
  query?: string;
}): string {
  const date = new Date(opts.timestamp * 1000).toISOString().slice(0, 10);
  const canonicalHeaders = opts.signedHeaders
    .map((h) => `${h}:${canonicalValue(h, opts.headers[h] ?? "")}\n`)
    .join("");
  const canonicalRequest = [
    opts.method ?? "POST",
    opts.path ?? "/",
    opts.query ?? "",
    canonicalHeaders,
    opts.signedHeaders.join(";"),
    sha256(opts.body),
  ].join("\n");
  const scope = `${date}/${opts.service}/tc3_request`;
  const stringToSign = `${TC3_ALGORITHM}\n${opts.timestamp}\n${scope}\n${sha256(canonicalRequest)}`;
  const key = hmac(hmac(hmac(`TC3${opts.secretKey}`, date), opts.service), "tc3_request");
  return createHmac("sha256", key).update(stringToSign).digest("hex");
}

function canonicalValue(name: string, value: string): string {
  const v = value.trim();
  // The SDK signs URL.hostname: the host without its port.
  return name === "host" ? v.replace(/:\d+$/, "").toLowerCase() : v.toLowerCase();
}

/** Verifies a request; throws the documented AuthFailure codes. Returns the secret id. */
export function verifyTc3(opts: {
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  lookupKey: (secretId: string) => string | undefined;
  nowSeconds: number;
}): Tc3Authorization {
  const header = (name: string) => {
    const v = opts.headers[name];
    return Array.isArray(v) ? v.join(",") : (v ?? "");
  };
  const auth = parseTc3Authorization(header("authorization"));
  const timestamp = Number(header("x-tc-timestamp"));
  if (!Number.isInteger(timestamp)) {
    throw new ApiError("MissingParameter", "The request is missing a required parameter `X-TC-Timestamp`.");
  }
  if (Math.abs(opts.nowSeconds - timestamp) > MAX_SKEW_SECONDS) {
    throw new ApiError(
      "AuthFailure.SignatureExpire",
      "Signature expired: the request timestamp is more than 5 minutes away from the server time.",
    );
  }
  const secretKey = opts.lookupKey(auth.secretId);
  if (secretKey === undefined) {
    throw new ApiError(
      "AuthFailure.SecretIdNotFound",
      "The SecretId is not found, please ensure that your SecretId is correct.",
    );
  }
  const headers: Record<string, string> = {};
  for (const h of auth.signedHeaders) headers[h] = header(h);
  const expected = tc3Signature({
    secretKey,
    service: auth.service,
    timestamp,
    headers,
    signedHeaders: auth.signedHeaders,
    body: opts.body,
  });
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  if (date !== auth.date || !safeEqualHex(expected, auth.signature)) {
    throw new ApiError(
      "AuthFailure.SignatureFailure",
      "The provided credentials could not be validated. Please check your signature is correct.",
    );
  }
  return auth;
}

export function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

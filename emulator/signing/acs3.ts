/**
 * ACS3-HMAC-SHA256, the signature of Alibaba Cloud's V3 (ROA/RPC) requests.
 * Parameters travel in the query string of a POST; the signed headers are host (WITH port),
 * content-type and every x-acs-* header.
 */
import { createHash, createHmac } from "node:crypto";
import { ApiError } from "../errors";
import { safeEqualHex } from "./tc3";

export const ACS3_ALGORITHM = "ACS3-HMAC-SHA256";
export const MAX_SKEW_MS = 5 * 60 * 1000;

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

export function acs3Encode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

export function canonicalQuery(query: URLSearchParams): string {
  const pairs: Array<[string, string]> = [];
  query.forEach((v, k) => pairs.push([k, v]));
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${acs3Encode(v)}`).join("&");
}

export function acs3Signature(opts: {
  secret: string;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  signedHeaders: string[];
  payloadHash: string;
}): string {
  const canonicalHeaders = opts.signedHeaders.map((h) => `${h}:${(opts.headers[h] ?? "").trim()}\n`).join("");
  const canonicalRequest = [
    opts.method,
    opts.path,
    canonicalQuery(opts.query),
    canonicalHeaders,
    opts.signedHeaders.join(";"),
    opts.payloadHash,
  ].join("\n");
  const stringToSign = `${ACS3_ALGORITHM}\n${sha256(canonicalRequest)}`;
  return createHmac("sha256", opts.secret).update(stringToSign).digest("hex");
}

/** Verifies a request; throws Alibaba Cloud's own codes with their HTTP statuses. */
export function verifyAcs3(opts: {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  lookupKey: (accessKeyId: string) => string | undefined;
  nowMs: number;
}): { accessKeyId: string } {
  const header = (name: string) => {
    const v = opts.headers[name];
    return Array.isArray(v) ? v.join(",") : (v ?? "");
  };
  const m = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(
    header("authorization"),
  );
  if (!m) {
    throw new ApiError("MissingAuthorization", "Authorization is mandatory for this action.", 400);
  }
  const [, accessKeyId, signedHeaderList, signature] = m;
  const date = Date.parse(header("x-acs-date"));
  if (Number.isNaN(date)) {
    throw new ApiError("MissingParameter", "x-acs-date is mandatory for this action.", 400);
  }
  if (Math.abs(opts.nowMs - date) > MAX_SKEW_MS) {
    throw new ApiError("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.", 400);
  }
  const secret = opts.lookupKey(accessKeyId);
  if (secret === undefined) {
    throw new ApiError("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404);
  }
  const payloadHash = header("x-acs-content-sha256");
  const signedHeaders = signedHeaderList.split(";");
  const headers: Record<string, string> = {};
  for (const h of signedHeaders) headers[h] = header(h);
  const expected = acs3Signature({
    secret,
    method: opts.method,
    path: opts.path,
    query: opts.query,
    headers,
    signedHeaders,
    payloadHash,
  });
  const required = ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date"];
  if (
    payloadHash !== sha256(opts.body) ||
    required.some((h) => !signedHeaders.includes(h)) ||
    !safeEqualHex(expected, signature)
  ) {
    throw new ApiError(
      "SignatureDoesNotMatch",
      "Specified signature is not matched with our calculation.",
      400,
    );
  }
  return { accessKeyId };
}

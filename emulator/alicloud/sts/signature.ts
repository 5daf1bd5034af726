/**
 * Alibaba Cloud's RPC signature (SignatureMethod HMAC-SHA1, SignatureVersion 1.0), as
 * @alicloud/credentials signs its STS calls: the query (without Signature) and the form body
 * together, keys sorted, each key and value percent-encoded (encodeURIComponent with ! ' ( ) *
 * escaped too), StringToSign = METHOD & %2F & encode(canonical query), the key AccessKeySecret + "&",
 * the signature base64.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { ApiError } from "../../errors";

/** Calls may be this far from the server's time (the API's Timestamp rule: 15 minutes). */
export const MAX_SKEW_MS = 15 * 60 * 1000;

export const percentEncode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function rpcSignature(method: string, params: Record<string, string>, secret: string): string {
  const canonical = Object.keys(params)
    .filter((k) => k !== "Signature")
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join("&");
  const stringToSign = `${method}&${percentEncode("/")}&${percentEncode(canonical)}`;
  return createHmac("sha1", `${secret}&`).update(stringToSign).digest("base64");
}

/** Verifies a signed call; the documented codes otherwise. Returns the AccessKeyId. */
export function verifyRpc(opts: {
  method: string;
  params: Record<string, string>;
  lookupKey: (id: string) => string | undefined;
  nowMs: number;
}): string {
  const { params } = opts;
  for (const name of ["AccessKeyId", "Signature", "SignatureNonce", "Timestamp"]) {
    if (!params[name])
      throw new ApiError(
        `MissingParameter`,
        `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
        400,
      );
  }
  if (params.SignatureMethod !== "HMAC-SHA1" || params.SignatureVersion !== "1.0")
    throw new ApiError(
      "InvalidParameter",
      "SignatureMethod must be HMAC-SHA1 and SignatureVersion 1.0.",
      400,
    );
  const at = Date.parse(params.Timestamp);
  if (Number.isNaN(at) || Math.abs(opts.nowMs - at) > MAX_SKEW_MS)
    throw new ApiError("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.", 400);
  const secret = opts.lookupKey(params.AccessKeyId);
  if (secret === undefined)
    throw new ApiError("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404);
  const expected = Buffer.from(rpcSignature(opts.method, params, secret));
  const given = Buffer.from(params.Signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new ApiError(
      "SignatureDoesNotMatch",
      "Specified signature is not matched with our calculation.",
      400,
    );
  return params.AccessKeyId;
}

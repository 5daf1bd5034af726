/**
 * What the emulator's tests share: one emulator per test file on port 0, the official SDKs'
 * clients pointed at it, and the error a call fails with.
 */
import {
  startEmulator,
  RunningEmulator,
  StartOptions,
  DEFAULT_SECRET_ID,
  DEFAULT_SECRET_KEY,
} from "pulumi-runinstances/emulator";
import type { ClientConfig } from "tencentcloud-sdk-nodejs/tencentcloud/common/interface";
import Swas from "@alicloud/swas-open20200601";
import * as $OpenApi from "@alicloud/openapi-core";
import { tc3Signature } from "../../emulator/signing/tc3";

export { DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY };

/** The test file's emulator: started before its tests, closed after them, reset before each (unless `reset: false`). */
export function useEmulator(
  opts: StartOptions = {},
  { reset = true } = {},
): { readonly emu: RunningEmulator } {
  const ref: { emu?: RunningEmulator } = {};
  beforeAll(async () => {
    ref.emu = await startEmulator(opts);
  });
  afterAll(() => ref.emu?.close());
  if (reset) beforeEach(() => ref.emu?.control.reset());
  return {
    get emu() {
      if (!ref.emu) throw new Error("the emulator starts in beforeAll");
      return ref.emu;
    },
  };
}

/** Every instance time 0 and no rate limits: what most tests of one action want. */
export const INSTANT = { bootMs: 0, terminateMs: 0, transitionMs: 0, rateLimits: false };

interface Credentials {
  secretId?: string;
  secretKey?: string;
}

/** A Tencent Cloud SDK client of the emulator: plain HTTP to 127.0.0.1:PORT (the SDK then signs "127"). */
export function tencent<C>(
  Client: new (config: ClientConfig) => C,
  emu: RunningEmulator,
  {
    region,
    secretId = DEFAULT_SECRET_ID,
    secretKey = DEFAULT_SECRET_KEY,
  }: Credentials & { region?: string } = {},
): C {
  return new Client({
    credential: { secretId, secretKey },
    region,
    profile: { httpProfile: { protocol: "http://", endpoint: emu.url.replace("http://", "") } },
  });
}

/** An Alibaba Cloud SWAS SDK client of the emulator. */
export function swasClient(
  emu: RunningEmulator,
  regionId = "cn-hangzhou",
  accessKeyId = DEFAULT_SECRET_ID,
  accessKeySecret = DEFAULT_SECRET_KEY,
): Swas {
  const endpoint = emu.url.replace("http://", "");
  return new Swas(
    new $OpenApi.$OpenApiUtil.Config({ accessKeyId, accessKeySecret, endpoint, protocol: "http", regionId }),
  );
}

/** The error code a call fails with, or "OK". */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

export const expectCode = (p: Promise<unknown>, code: string) => expect(p).rejects.toMatchObject({ code });

/** The request fails with this Alibaba code and HTTP status. */
export async function fails(p: Promise<unknown>, code: string, statusCode: number): Promise<void> {
  await expect(p).rejects.toMatchObject({ code, statusCode });
}

/**
 * A Tencent Cloud API 3.0 call signed by hand, for what the SDK does not send: another scope
 * service than "127", a timestamp of the past. Answers the JSON body (always HTTP 200).
 */
export async function signedCall(
  emu: RunningEmulator,
  call: { action: string; version: string; service?: string; timestamp?: number; body?: unknown },
): Promise<{ Response: { Error?: { Code: string; Message: string } } & Record<string, unknown> }> {
  const timestamp = call.timestamp ?? Math.floor(Date.now() / 1000);
  const service = call.service ?? "127";
  const body = JSON.stringify(call.body ?? {});
  const headers = { "content-type": "application/json", host: emu.url.replace("http://", "") };
  const signedHeaders = ["content-type", "host"];
  const signature = tc3Signature({
    secretKey: DEFAULT_SECRET_KEY,
    service,
    timestamp,
    headers,
    signedHeaders,
    body,
  });
  const scope = `${new Date(timestamp * 1000).toISOString().slice(0, 10)}/${service}/tc3_request`;
  const res = await fetch(emu.url, {
    method: "POST",
    body,
    headers: {
      ...headers,
      "x-tc-action": call.action,
      "x-tc-version": call.version,
      "x-tc-region": "ap-guangzhou",
      "x-tc-timestamp": String(timestamp),
      authorization: `TC3-HMAC-SHA256 Credential=${DEFAULT_SECRET_ID}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`,
    },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as never;
}

/** Freezes Date.now (the emulator's clock and the signatures' timestamps) while `run` runs: rate limits without refills. */
export async function frozen<T>(run: () => Promise<T>): Promise<T> {
  const spy = jest.spyOn(Date, "now").mockReturnValue(Date.now());
  try {
    return await run();
  } finally {
    spy.mockRestore();
  }
}

/** The HTTP helpers of the server, the control API and the clouds' protocols. */
import type http from "node:http";

export function sendJson(res: http.ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** A request header as one string ("" when absent; repeated headers joined by ","). */
export function header(req: Pick<http.IncomingMessage, "headers">, name: string): string {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(",") : (v ?? "");
}

/** The body as a JSON object; `undefined` when it is not JSON. An empty body is {}. */
export function jsonObject(body: Buffer): Record<string, unknown> | undefined {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString("utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

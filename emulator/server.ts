/**
 * One HTTP server on 127.0.0.1 serving Tencent Cloud API 3.0 (cvm, ecm, hai, tag) and
 * Alibaba Cloud swas-open 2020-06-01 on the same port, plus the control API under /_emulator/.
 * Signed calls go through the one pipeline (dispatch.ts) in their cloud's protocol.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { World } from "./world";
import { readBody, sendJson } from "./http";
import { dispatch } from "./dispatch";
import { handleControl } from "./control";
import { tencentProtocol } from "./tencentcloud/protocol";
import { alibabaProtocol } from "./alicloud/protocol";
import { ALIBABA_SERVICES, TENCENT_SERVICES } from "./services";

const PROTOCOLS = [tencentProtocol(TENCENT_SERVICES), alibabaProtocol(ALIBABA_SERVICES)];

export interface EmulatorServer {
  url: string;
  port: number;
  world: World;
  close(): Promise<void>;
}

export async function listen(world: World, port = 0): Promise<EmulatorServer> {
  const server = http.createServer((req, res) => {
    readBody(req)
      .then((body) => serve(world, req, res, body))
      .catch((e: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: String(e) });
      });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Never 0.0.0.0: the emulator accepts any request signed with its well-known key.
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    world,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serve(world: World, req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  if (url.pathname.startsWith("/_emulator/") || url.pathname === "/_emulator") {
    return handleControl(world, req, res, url, body);
  }
  const protocol = PROTOCOLS.find((p) => p.accepts(req));
  if (protocol) return dispatch(world, protocol, req, res, url, body);
  sendJson(res, 404, {
    Code: "NotFound",
    Message: "Send a signed Tencent Cloud or Alibaba Cloud API request, or use /_emulator/.",
  });
}

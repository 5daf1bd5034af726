/**
 * One port on 127.0.0.1 serving Tencent Cloud API 3.0 (cvm, ecm, hai, tag, sts) and Alibaba
 * Cloud swas-open 2020-06-01 and STS 2015-04-01, plus the control API under /_emulator/.
 * Signed calls go through the one pipeline (dispatch.ts) in their cloud's protocol. The port
 * speaks HTTP and, for the clients that call over HTTPS only (Alibaba Cloud STS), TLS with the
 * test certificate (tls.ts): a connection's first byte tells which.
 */
import http from "node:http";
import https from "node:https";
import net, { AddressInfo } from "node:net";
import type { World } from "./world";
import { readBody, sendJson } from "./http";
import { dispatch } from "./dispatch";
import { handleControl } from "./control";
import { tencentProtocol } from "./tencentcloud/protocol";
import { alibabaProtocol } from "./alicloud/protocol";
import { alibabaStsProtocol } from "./alicloud/sts/protocol";
import { ALIBABA_SERVICES, ALIBABA_STS, TENCENT_SERVICES } from "./services";
import { TEST_CA_CERT, TEST_TLS_KEY } from "./tls";
import { serveMetadata } from "./metadata";

const PROTOCOLS = [
  tencentProtocol(TENCENT_SERVICES),
  alibabaProtocol(ALIBABA_SERVICES),
  alibabaStsProtocol(ALIBABA_STS),
];

/** A TLS record starts with 0x16 (handshake). */
const TLS_HANDSHAKE = 0x16;

export interface EmulatorServer {
  url: string;
  port: number;
  world: World;
  close(): Promise<void>;
}

export async function listen(world: World, port = 0): Promise<EmulatorServer> {
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    readBody(req)
      .then((body) => serve(world, req, res, body))
      .catch((e: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: String(e) });
      });
  };
  const plain = http.createServer(handler);
  const secure = https.createServer({ cert: TEST_CA_CERT, key: TEST_TLS_KEY }, handler);
  plain.keepAliveTimeout = secure.keepAliveTimeout = 5000;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    socket.once("data", (first) => {
      socket.pause();
      socket.unshift(first);
      (first[0] === TLS_HANDSHAKE ? secure : plain).emit("connection", socket);
      process.nextTick(() => socket.resume());
    });
  });
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
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function serve(world: World, req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  if (url.pathname.startsWith("/_emulator/") || url.pathname === "/_emulator") {
    return handleControl(world, req, res, url, body);
  }
  if (req.method === "GET" && serveMetadata(world, url, res)) return;
  const protocol = PROTOCOLS.find((p) => p.accepts(req));
  if (protocol) return dispatch(world, protocol, req, res, url, body);
  sendJson(res, 404, {
    Code: "NotFound",
    Message: "Send a signed Tencent Cloud or Alibaba Cloud API request, or use /_emulator/.",
  });
}

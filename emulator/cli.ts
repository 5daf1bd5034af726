#!/usr/bin/env node
/**
 * npm run emulator -- --port 18080 [--boot-ms N] [--terminate-ms N] [--no-rate-limits] [--credentials ID:KEY]...
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { TEST_CA_CERT, startEmulator } from "./index";
import type { Settings } from "./settings";

const USAGE =
  "usage: emulator [--port N] [--boot-ms N] [--terminate-ms N] [--no-rate-limits] [--credentials ID:KEY]...";

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string", default: "18080" },
      "boot-ms": { type: "string" },
      "terminate-ms": { type: "string" },
      "no-rate-limits": { type: "boolean", default: false },
      credentials: { type: "string", multiple: true, default: [] },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error("--port takes 0-65535");
  const settings: Partial<Settings> = { rateLimits: !values["no-rate-limits"] };
  if (values["boot-ms"] !== undefined) settings.bootMs = Number(values["boot-ms"]);
  if (values["terminate-ms"] !== undefined) settings.terminateMs = Number(values["terminate-ms"]);
  const credentials = values.credentials.map((v): [string, string] => {
    const at = v.indexOf(":");
    if (at <= 0) throw new Error("--credentials takes ID:KEY");
    return [v.slice(0, at), v.slice(at + 1)];
  });
  return { port, settings, credentials };
}

async function main() {
  const emu = await startEmulator(parse(process.argv.slice(2)));
  console.log(`emulator listening on ${emu.url}`);
  // Alibaba Cloud STS is reached over HTTPS only: clients trust the test certificate through this file.
  const ca = path.join(os.tmpdir(), "runinstances-emulator-ca.pem");
  fs.writeFileSync(ca, TEST_CA_CERT);
  console.log(`TLS (Alibaba Cloud STS) on the same port: NODE_EXTRA_CA_CERTS=${ca}`);
  const stop = () => void emu.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
  console.error(`emulator: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
});

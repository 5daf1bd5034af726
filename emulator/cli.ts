#!/usr/bin/env node
/**
 * npm run emulator -- --port 18080 [--boot-ms N] [--terminate-ms N] [--no-rate-limits] [--credentials ID:KEY]...
 */
import { startEmulator } from "./index";

function parse(argv: string[]) {
  const opts = {
    port: 18080,
    bootMs: undefined as number | undefined,
    terminateMs: undefined as number | undefined,
    rateLimits: true,
    credentials: [] as Array<[string, string]>,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--port") opts.port = Number(value());
    else if (a === "--boot-ms") opts.bootMs = Number(value());
    else if (a === "--terminate-ms") opts.terminateMs = Number(value());
    else if (a === "--no-rate-limits") opts.rateLimits = false;
    else if (a === "--credentials") {
      const v = value();
      const at = v.indexOf(":");
      if (at <= 0) throw new Error("--credentials takes ID:KEY");
      opts.credentials.push([v.slice(0, at), v.slice(at + 1)]);
    } else if (a === "--help" || a === "-h") {
      console.log(
        "usage: emulator [--port N] [--boot-ms N] [--terminate-ms N] [--no-rate-limits] [--credentials ID:KEY]...",
      );
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535)
    throw new Error("--port takes 0-65535");
  return opts;
}

async function main() {
  const o = parse(process.argv.slice(2));
  const settings: Record<string, unknown> = { rateLimits: o.rateLimits };
  if (o.bootMs !== undefined) settings.bootMs = o.bootMs;
  if (o.terminateMs !== undefined) settings.terminateMs = o.terminateMs;
  const emu = await startEmulator({ port: o.port, settings, credentials: o.credentials });
  console.log(`emulator listening on ${emu.url}`);
  const stop = () => void emu.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
  console.error(`emulator: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
});

/**
 * The real-engine suite's support: an in-process emulator, the real `pulumi` CLI (found or built
 * by `npm run pulumi:cli`; the suite fails, never skips, without one), a file backend and
 * PULUMI_HOME in a temporary directory, and helpers to read what the engine and the emulator saw.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  startEmulator,
  RunningEmulator,
  DEFAULT_SECRET_ID,
  DEFAULT_SECRET_KEY,
  Instance,
  Settings,
} from "pulumi-runinstances/emulator";
import { Cli, REPO, locatePulumi } from "../../cli/locate";
import { CliResult, CliStack, CliWorkspace, StackOptions, steps } from "../../cli/stack";

export { REPO };

/** The documented rate limits run this many times faster (SWAS's 10 calls a minute would dominate). */
export const RATE_SCALE = 20;

/** Every string that must never appear in a state file, an export or a log. */
export const CREDENTIALS = [DEFAULT_SECRET_KEY, DEFAULT_SECRET_ID];

export interface CliEnv {
  emu: RunningEmulator;
  cli: Cli;
  workspace: CliWorkspace;
  root: string;
  stack(opts: StackOptions): Promise<CliStack>;
  close(): Promise<void>;
}

let printed = false;

export async function cliEnv(settings: Partial<Settings> = {}): Promise<CliEnv> {
  const cli = await locatePulumi({ build: false });
  if (!printed) {
    printed = true;
    process.stdout.write(`real-engine suite: pulumi v${cli.version} (${cli.path})\n`);
  }
  const emu = await startEmulator({
    settings: { bootMs: 300, terminateMs: 200, transitionMs: 100, rateLimitScale: RATE_SCALE, ...settings },
  });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "runinstances-cli-"));
  const workspace = new CliWorkspace({
    cli,
    root,
    env: {
      RUNINSTANCES_ENDPOINT: emu.url,
      RUNINSTANCES_POLL_INTERVAL_MS: "50",
      RUNINSTANCES_RATE_SCALE: String(RATE_SCALE),
      TENCENTCLOUD_SECRET_ID: DEFAULT_SECRET_ID,
      TENCENTCLOUD_SECRET_KEY: DEFAULT_SECRET_KEY,
      ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_SECRET_ID,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_SECRET_KEY,
    },
  });
  return {
    emu,
    cli,
    workspace,
    root,
    stack: (opts) => workspace.stack(opts),
    async close() {
      await emu.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The op of each resource of the program (the stack and providers left out). */
export function opsOf(r: CliResult): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, op] of steps(r)) {
    if (name === "default" || name.startsWith("default_")) continue;
    (out[name] ??= []).push(op);
  }
  return out;
}

/** A run that must have succeeded: its output in the failure message otherwise. */
export function ok(r: CliResult): CliResult {
  if (!r.ok) throw new Error(`pulumi failed: ${r.error}\n--- output ---\n${r.output.slice(-6000)}`);
  return r;
}

/** The instance ids a resource records in the exported state. */
export async function recordedIds(stack: CliStack, name: string): Promise<string[]> {
  const d = await stack.exportStack();
  const res = (d.deployment.resources ?? []).filter(
    (r: { urn: string; delete?: boolean }) => r.urn.endsWith(`::${name}`) && !r.delete,
  );
  return res.flatMap((r: { outputs?: { instanceIds?: string[] } }) => r.outputs?.instanceIds ?? []);
}

const GONE = /^(TERMINATING|TERMINATED|SHUTDOWN|LAUNCH_FAILED|Disabled)$/;

/** Instances of a service that still exist and can run (not terminated, terminating or failed). */
export async function liveInstances(env: CliEnv, service: string): Promise<Instance[]> {
  return (await env.emu.control.instances(service)).filter((i) => !GONE.test(i.state));
}

export const isRunning = (i: Instance) => /^running$/i.test(i.state);

/** Waits (real time: the CLI runs in other processes) until the condition holds. */
export async function until(what: string, cond: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The position of calls in the emulator's log, e.g. RunInstances before TerminateInstances. */
export async function logIndex(env: CliEnv, service: string, action: string): Promise<number[]> {
  const log = await env.emu.control.log();
  return log.flatMap((e, i) => (e.service === service && e.action === action ? [i] : []));
}

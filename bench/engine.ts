/**
 * The benchmark on the real Pulumi engine: one operation of a stack run by the real CLI through
 * the Automation API (cli/stack.ts), timed from the spawn of its runner to the end, with the
 * peak of the resident memory summed over its process tree (the runner, which hosts the program
 * as the language host would, the `pulumi` CLI, and the dynamic-provider host), sampled from
 * /proc; and one side of a scenario on a fresh emulator, in the figures of run.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { RunningEmulator } from "pulumi-runinstances/emulator";
import { Cli } from "../cli/locate";
import { CliResult, CliStack, CliWorkspace, Op } from "../cli/stack";
import { packageLinkDir } from "../harness";
import { Scenario, PROGRAM } from "./scenarios";
import {
  Side,
  SideRun,
  countInstances,
  errorKinds,
  hostEnv,
  scenarioEmulator,
  sideFigures,
  stackConfig,
  SAMPLE_MS,
} from "./run";

const PAGE_KB = 4;

/**
 * Resident memory in MB (one scan of /proc): summed over `root` and every process below it, and
 * over the processes below it only (under the Automation API's runner, which is the program's
 * host: the CLI and the provider host it starts).
 */
export function treeRssMb(root: number): { all: number; below: number } {
  const parent = new Map<number, number>();
  const rssKb = new Map<number, number>();
  for (const e of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, "utf8");
      // pid (comm) state ppid ... rss is field 24; comm may hold spaces and parentheses
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(e), Number(f[1]));
      rssKb.set(Number(e), Number(f[21]) * PAGE_KB);
    } catch {
      // gone meanwhile
    }
  }
  let kb = 0;
  for (const [pid, kbOf] of rssKb) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) {
        kb += kbOf;
        break;
      }
    }
  }
  return { all: kb / 1024, below: (kb - (rssKb.get(root) ?? 0)) / 1024 };
}

export interface Timed {
  result: CliResult;
  /** Date.now() at the spawn, and the ms from it to the end. */
  startedAt: number;
  wallMs: number;
  /** Peak of treeRssMb over the run, sampled every SAMPLE_MS: the runner, the CLI, the provider host. */
  peakRssMb: number;
  /** Peak of the CLI and the provider host alone (the processes below the runner). */
  hostsRssMb: number;
}

/** One operation, timed and sampled; `each` runs at every sample with the ms since the start. */
export async function timed(
  stack: CliStack,
  op: Op,
  options: Record<string, unknown>,
  each: (ms: number) => void = () => undefined,
): Promise<Timed> {
  const t0 = Date.now();
  const run = stack.start(op, options);
  let peak = 0;
  let hosts = 0;
  const sample = () => {
    each(Date.now() - t0);
    if (!run.child.pid) return;
    const rss = treeRssMb(run.child.pid);
    peak = Math.max(peak, rss.all);
    hosts = Math.max(hosts, rss.below);
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  try {
    const result = await run.result;
    const wallMs = Date.now() - t0;
    each(wallMs);
    return { result, startedAt: t0, wallMs, peakRssMb: Math.round(peak), hostsRssMb: Math.round(hosts) };
  } finally {
    clearInterval(timer);
  }
}

/** The operation's options: the engine's default parallelism is no --parallel at all. */
export function parallelOption(parallel: number | "default"): Record<string, unknown> {
  return parallel === "default" ? {} : { parallel };
}

/** The failed resources and their messages, from the engine's events; the run's error if none. */
export function engineFailures(r: CliResult): { failed: number; messages: string[] } {
  const failed = new Set<string>();
  for (const e of r.events) if (e.resOpFailedEvent) failed.add(e.resOpFailedEvent.metadata.urn);
  const messages = r.events
    .filter(
      (e) =>
        e.diagnosticEvent?.severity === "error" &&
        !e.diagnosticEvent.urn?.includes("::pulumi:pulumi:Stack::"),
    )
    .map((e) => e.diagnosticEvent!.message.trim());
  if (failed.size === 0 && !r.ok) return { failed: 1, messages: [r.error ?? "the operation failed"] };
  return { failed: failed.size, messages };
}

export interface WriteTimes {
  /** Files written (the state and its backup each count). */
  writes: number;
  ms: number;
}

/**
 * Watches `dir` for files written through a temporary file; stop() gives the writes and their
 * time. The file backend (gocloud fileblob) writes every snapshot, and the backup copy before it,
 * into a temporary file beside `<stack>.json` and renames it into place; the watch (inotify) sees
 * each temporary file appear and go, and the sum of those spans is the time spent writing state
 * files. The engine's JSON encoding before each write is not in it.
 */
export function watchWrites(dir: string): { stop(): WriteTimes } {
  const open = new Map<string, bigint>();
  const out = { writes: 0, ns: 0n };
  const watcher = fs.watch(dir, (_event, name) => {
    if (!name || name.endsWith(".json") || name.endsWith(".bak")) return;
    const now = process.hrtime.bigint();
    const there = fs.existsSync(path.join(dir, name));
    const since = open.get(name);
    if (there && since === undefined) open.set(name, now);
    else if (!there && since !== undefined) {
      open.delete(name);
      out.writes++;
      out.ns += now - since;
    }
  });
  return {
    stop() {
      watcher.close();
      return { writes: out.writes, ms: Math.round(Number(out.ns / 1000n) / 100) / 10 };
    },
  };
}

/** The folder of a stack's state file in the file backend. */
export function stateDir(stack: CliStack): string {
  const stacks = path.join(stack.workspace.backend, ".pulumi", "stacks");
  const project = fs
    .readdirSync(stacks)
    .find((p) => fs.existsSync(path.join(stacks, p, `${stack.name}.json`)));
  if (!project) throw new Error(`no state file for ${stack.name} under ${stacks}`);
  return path.join(stacks, project);
}

export interface EngineContext {
  cli: Cli;
  /** Scratch folder of this side: the workspace, the package link. */
  tmp: string;
  log: (line: string) => void;
}

/**
 * One side of a scenario through the real engine at `parallel`. `after` runs with the stack and
 * the emulator still there (the daily no-op of the 200 CvmInstance is measured on it).
 */
export async function runEngineSide(
  s: Scenario,
  side: Side,
  parallel: number | "default",
  ctx: EngineContext,
  after?: (stack: CliStack, emu: RunningEmulator) => Promise<void>,
): Promise<SideRun> {
  const emu = await scenarioEmulator(s);
  try {
    // The stack's environment, read at each run: a destroy's stack is made by ours, unthrottled.
    const env: Record<string, string> = {};
    const setEnv = (e: Record<string, string>) => {
      for (const k of Object.keys(env)) delete env[k];
      Object.assign(env, e, { NODE_PATH: packageLinkDir(ctx.tmp) });
    };
    const ws = new CliWorkspace({ cli: ctx.cli, root: path.join(ctx.tmp, "ws") });
    const stack = await ws.stack({
      program: PROGRAM,
      stack: `${s.name}-${side}`,
      config: stackConfig(s),
      env,
    });
    if (s.op === "destroy") {
      const settings = { ...emu.world.settings };
      Object.assign(emu.world.settings, { rateLimits: false, bootMs: 0 });
      setEnv({ ...hostEnv(emu, s, "ours"), RUNINSTANCES_RATE_SCALE: "100" });
      const made = await stack.up({ parallel: s.resources });
      if (!made.ok) throw new Error(`setting up ${s.name}: ${engineFailures(made).messages.join("; ")}`);
      emu.world.settings = settings;
      ctx.log(`  set up ${s.resources} resources to destroy`);
    }
    setEnv(hostEnv(emu, s, side, ctx.tmp));
    const before = emu.world.log.length;
    const counts = new Map([...emu.world.counts].map(([k, c]) => [k, { ...c }]));
    const timeline: Array<[number, number]> = [];
    const watch = watchWrites(stateDir(stack));
    const run = await timed(stack, s.op, parallelOption(parallel), (ms) =>
      timeline.push([ms, countInstances(emu, s)]),
    );
    const writes = watch.stop();
    const { failed, messages } = engineFailures(run.result);
    const out = sideFigures(s, side, emu, {
      counts,
      logStart: before,
      startedAt: run.startedAt,
      wallMs: run.wallMs,
      peakRssMb: run.peakRssMb,
      hostsRssMb: run.hostsRssMb,
      failures: failed,
      errors: errorKinds({ resources: messages.map((error) => ({ error })) }),
      timeline,
    });
    out.writes = writes;
    if (after) await after(stack, emu);
    return out;
  } finally {
    await emu.close();
  }
}

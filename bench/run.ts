/**
 * One side of one scenario: a fresh in-process emulator with the documented rate limits on and
 * the scenario's boot time, the scenario's program run through the harness (one real
 * dynamic-provider host, resources in parallel as the engine runs them), and the figures: wall
 * time, calls per action and throttling answers from the emulator, failures in the harness
 * result, the host's peak RSS (VmHWM), and the instances Running every 250 ms.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import {
  startEmulator,
  DEFAULT_SECRET_ID,
  DEFAULT_SECRET_KEY,
  RunningEmulator,
} from "pulumi-runinstances/emulator";
import { createStack, OperationResult, packageLinkDir, Stack } from "../harness";
import { DESCRIBES, Scenario, instancesOf, lowerBoundMs, PROGRAM } from "./scenarios";

export type Side = "ours" | "baseline";

/** The figures of one side, in the shape of the issue's JSON. */
export interface SideFigures {
  wallMs: number;
  lowerBoundMs: number;
  calls: Record<string, number>;
  throttled: number;
  failures: number;
  peakRssMb: number;
  /** The CLI and the provider host alone (the real engine); the provider host (the harness). */
  hostsRssMb: number;
}

export interface DescribeFigures {
  /** Describe calls by instance id made (throttled ones included). */
  calls: number;
  /** Sum over polling rounds of ceil(ids described in the round / ids per call). */
  minimum: number;
  rounds: number;
}

export interface SideRun extends SideFigures {
  side: Side;
  /** [ms since the operation began, instances Running (or, for a destroy, not yet gone)]. */
  timeline: Array<[number, number]>;
  describe: DescribeFigures;
  /** Instances Running (or gone, for a destroy) at the end, of instancesOf(scenario). */
  reached: number;
  /** The errors that reached the user, by kind ("create: RunInstances: RequestLimitExceeded"), most frequent first. */
  errors: ErrorKind[];
  /** The state files the file backend wrote in the operation, and the time (the real engine). */
  writes?: { writes: number; ms: number };
  /** Since the operation began (ms): first and last call of the scenario's action, all instances there. */
  phases: { firstCallMs?: number; lastCallMs?: number; allThereMs?: number };
}

export interface ErrorKind {
  /** Step, action and cloud error code, e.g. "create: RunInstances: RequestLimitExceeded". */
  kind: string;
  count: number;
  /** One full message, shortened. */
  example: string;
}

export const PASSWORD = "Bench@Passw0rd";
export const SAMPLE_MS = 250;

export function stackConfig(s: {
  kind: string;
  resources: number;
  instancesPer: number;
}): Record<string, string> {
  return {
    "tencentcloud:region": "ap-guangzhou",
    "alicloud:region": "cn-hangzhou",
    "bench:kind": s.kind,
    "bench:count": String(s.resources),
    "bench:instances": String(s.instancesPer),
    "bench:password": PASSWORD,
  };
}

/**
 * The provider host's environment: the emulator, its credentials, and the side's runtime (the
 * baseline's is preloaded: `tmp` holds the preload module when it has to be transpiled).
 */
export function hostEnv(emu: RunningEmulator, s: Scenario, side: Side, tmp?: string): Record<string, string> {
  return {
    RUNINSTANCES_ENDPOINT: emu.url,
    TENCENTCLOUD_SECRET_ID: DEFAULT_SECRET_ID,
    TENCENTCLOUD_SECRET_KEY: DEFAULT_SECRET_KEY,
    ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_SECRET_ID,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_SECRET_KEY,
    // Ours is the package as it is: no tuning from the caller's environment.
    RUNINSTANCES_POLL_INTERVAL_MS: "",
    RUNINSTANCES_PREFLIGHT: "",
    RUNINSTANCES_RATE_SCALE: String(s.rateScale),
    ...(side === "baseline"
      ? { NODE_OPTIONS: `--require ${JSON.stringify(baselinePreload(tmp ?? os.tmpdir()))}` }
      : {}),
  };
}

/**
 * The module the baseline's provider host preloads (baseline-preload.ts, which puts the baseline
 * runtime in place of the default one): compiled beside this file by `npm run bench`; run from
 * the TypeScript source (jest), it is transpiled into `tmp`, beside the package link it requires.
 */
export function baselinePreload(tmp: string): string {
  const compiled = path.join(__dirname, "baseline-preload.js");
  if (fs.existsSync(compiled)) return compiled;
  const dir = path.join(tmp, "baseline");
  fs.mkdirSync(dir, { recursive: true });
  for (const name of ["baseline", "baseline-preload"]) {
    const source = fs.readFileSync(path.join(__dirname, `${name}.ts`), "utf8");
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    });
    fs.writeFileSync(path.join(dir, `${name}.js`), outputText);
  }
  return path.join(dir, "baseline-preload.js");
}

/** VmHWM (peak resident set) of a process in MB, from /proc; undefined when not readable. */
export function peakRssMb(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const RUNNING = new Set(["RUNNING", "Running"]);

/** Instances of the scenario's service: Running ones (an up), or those not yet gone (a destroy). */
export function countInstances(emu: RunningEmulator, s: Scenario): number {
  let n = 0;
  for (const inst of [...emu.world.instances.values()]) {
    if (inst.service !== s.kind || !emu.world.advance(inst)) continue;
    if (s.op === "destroy" || RUNNING.has(inst.state)) n++;
  }
  return n;
}

export function countsSnapshot(emu: RunningEmulator): Map<string, { calls: number; throttled: number }> {
  return new Map([...emu.world.counts].map(([k, c]) => [k, { calls: c.calls, throttled: c.throttled }]));
}

/** A fresh emulator for one side: the documented rate limits on, the scenario's boot and terminate times. */
export function scenarioEmulator(s: Scenario): Promise<RunningEmulator> {
  return startEmulator({
    settings: {
      bootMs: s.bootMs,
      terminateMs: s.terminateMs,
      rateLimits: true,
      rateLimitScale: s.rateScale,
      cvmQuota: 10_000,
    },
  });
}

/** Runs one side of a scenario. `tmp` is a scratch folder (state files, the package link). */
export async function runSide(
  s: Scenario,
  side: Side,
  tmp: string,
  log: (line: string) => void = () => undefined,
  parallel = s.resources,
): Promise<SideRun> {
  const emu = await scenarioEmulator(s);
  const stateDir = path.join(tmp, "state");
  const nodePath = packageLinkDir(tmp);
  const stackName = `${s.name}-${side}`;
  const stackOf = (env: Record<string, string>): Stack =>
    createStack({
      program: PROGRAM,
      stack: stackName,
      stateDir,
      nodePath,
      config: stackConfig(s),
      env,
      parallel,
    });
  let stack: Stack | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    if (s.op === "destroy") {
      // The stack to destroy is made first, quickly (no limits, no boot), by our provider.
      const settings = { ...emu.world.settings };
      Object.assign(emu.world.settings, { rateLimits: false, bootMs: 0 });
      const setup = stackOf({ ...hostEnv(emu, s, "ours"), RUNINSTANCES_RATE_SCALE: "100" });
      try {
        const made = await setup.up();
        if (made.failed) {
          throw new Error(
            `setting up ${s.name}: ${errorKinds(made)
              .map((e) => e.example)
              .join("; ")}`,
          );
        }
      } finally {
        setup.close();
      }
      emu.world.settings = settings;
      log(`  set up ${s.resources} resources to destroy`);
    }
    stack = stackOf(hostEnv(emu, s, side, tmp));
    const counts = countsSnapshot(emu);
    const logStart = emu.world.log.length;
    const timeline: Array<[number, number]> = [];
    let peak = 0;
    const t0 = Date.now();
    const sample = () => {
      timeline.push([Date.now() - t0, countInstances(emu, s)]);
      peak = Math.max(peak, peakRssMb(stack?.hostPid()) ?? 0);
    };
    sample();
    timer = setInterval(sample, SAMPLE_MS);
    const result = s.op === "destroy" ? await stack.destroy() : await stack.up();
    const wallMs = Date.now() - t0;
    clearInterval(timer);
    timer = undefined;
    sample();
    return sideFigures(s, side, emu, {
      counts,
      logStart,
      startedAt: t0,
      wallMs,
      peakRssMb: Math.round(peak * 10) / 10,
      hostsRssMb: Math.round(peak * 10) / 10,
      failures: result.resources.filter((r) => r.op === "failed").length + (result.error ? 1 : 0),
      errors: errorKinds(result),
      timeline,
    });
  } finally {
    if (timer) clearInterval(timer);
    stack?.close();
    await emu.close();
  }
}

/** What a side's run measured itself; the rest sideFigures reads from the emulator. */
export interface Measured {
  /** countsSnapshot before the operation, and the emulator's log length then. */
  counts: Map<string, { calls: number; throttled: number }>;
  logStart: number;
  /** Date.now() when the operation began, and its wall time. */
  startedAt: number;
  wallMs: number;
  peakRssMb: number;
  hostsRssMb: number;
  failures: number;
  errors: ErrorKind[];
  timeline: Array<[number, number]>;
}

/** The figures of a side: what it measured, and the calls, describes and phases the emulator saw. */
export function sideFigures(s: Scenario, side: Side, emu: RunningEmulator, m: Measured): SideRun {
  const calls: Record<string, number> = {};
  let throttled = 0;
  for (const [key, c] of countsSnapshot(emu)) {
    const b = m.counts.get(key) ?? { calls: 0, throttled: 0 };
    if (c.calls - b.calls > 0) calls[key.slice(key.indexOf(".") + 1)] = c.calls - b.calls;
    throttled += c.throttled - b.throttled;
  }
  const t0 = m.startedAt;
  const final = m.timeline[m.timeline.length - 1][1];
  const entries = emu.world.log.slice(m.logStart);
  const actionTimes = entries
    .filter((e) => e.service === s.kind && e.action === s.action && !e.error)
    .map((e) => Date.parse(e.time) - t0);
  const goal = s.op === "destroy" ? 0 : instancesOf(s);
  const there = m.timeline.find(([, n]) => n === goal);
  return {
    side,
    wallMs: m.wallMs,
    lowerBoundMs: lowerBoundMs(s),
    calls,
    throttled,
    failures: m.failures,
    peakRssMb: m.peakRssMb,
    hostsRssMb: m.hostsRssMb,
    timeline: m.timeline,
    describe: describeFigures(entries, s),
    reached: s.op === "destroy" ? instancesOf(s) - final : final,
    errors: m.errors,
    phases: {
      firstCallMs: actionTimes[0],
      lastCallMs: actionTimes[actionTimes.length - 1],
      allThereMs: there?.[0],
    },
  };
}

/** The errors of the operation by kind, most frequent first. */
export function errorKinds(
  r: Pick<OperationResult, "error"> & { resources: Array<{ error?: string }> },
): ErrorKind[] {
  const all = [...(r.error ? [r.error] : []), ...r.resources.filter((x) => x.error).map((x) => x.error!)];
  const kinds = new Map<string, ErrorKind>();
  for (const e of all) {
    const kind = errorKind(e);
    const k = kinds.get(kind) ?? { kind, count: 0, example: e.length > 300 ? `${e.slice(0, 300)}...` : e };
    k.count++;
    kinds.set(kind, k);
  }
  return [...kinds.values()].sort((a, b) => b.count - a.count);
}

/** "create: creating X (...): RunInstances: RequestLimitExceeded: ..." → "create: RunInstances: RequestLimitExceeded". */
export function errorKind(e: string): string {
  const step = /^(\w+): /.exec(e)?.[1];
  const call = /\b([A-Z][A-Za-z]+): ([A-Z][A-Za-z]+(?:\.[A-Za-z]+)*):/.exec(e);
  if (!call) return e.slice(0, 80);
  return `${step ? `${step}: ` : ""}${call[1]}: ${call[2]}`;
}

interface LogEntryLike {
  time: string;
  service: string;
  action: string;
  params: unknown;
  error?: string;
}

/** The instance ids a describe asked for: InstanceIds (a list, or SWAS's JSON string) or an instance-id filter. */
export function idsOf(params: unknown): string[] {
  const p = (params ?? {}) as Record<string, unknown>;
  let ids: unknown = p.InstanceIds;
  if (typeof ids === "string") {
    try {
      ids = JSON.parse(ids);
    } catch {
      ids = [ids];
    }
  }
  if (Array.isArray(ids)) return ids.map(String);
  const filters = Array.isArray(p.Filters) ? (p.Filters as Array<{ Name?: string; Values?: unknown[] }>) : [];
  return filters.filter((f) => f.Name === "instance-id").flatMap((f) => (f.Values ?? []).map(String));
}

/**
 * Describe calls against the minimum needed: calls of a describe action less than ROUND_GAP_MS
 * apart make one polling round; a round needs ceil(distinct ids / ids per call) calls.
 */
const ROUND_GAP_MS = 100;
export function describeFigures(entries: LogEntryLike[], s: Scenario): DescribeFigures {
  const out: DescribeFigures = { calls: 0, minimum: 0, rounds: 0 };
  for (const [action, perCall] of Object.entries(DESCRIBES[s.kind])) {
    const calls = entries.filter((e) => e.service === s.kind && e.action === action);
    let roundIds = new Set<string>();
    let last = -Infinity;
    const close = () => {
      if (roundIds.size) {
        out.rounds++;
        out.minimum += Math.ceil(roundIds.size / perCall);
      }
      roundIds = new Set();
    };
    for (const e of calls) {
      const ids = idsOf(e.params);
      // Describes by something else than ids (ECM's lookup by tag before a create) are not polling;
      // a throttled describe (its parameters unread) counts against us.
      if (ids.length === 0 && !e.error) continue;
      const t = Date.parse(e.time);
      if (t - last > ROUND_GAP_MS) close();
      last = t;
      out.calls++;
      for (const id of ids) roundIds.add(id);
    }
    close();
  }
  return out;
}

/**
 * The benchmark's scenarios (issue 8) and their lower bounds. A lower bound is what the clouds'
 * documented limits and the boot (or terminate) time allow at best: the calls that must be made
 * one per resource (the engine hands each resource to the provider on its own), paced by the
 * documented token bucket (a burst of `calls`, then `calls` per window), plus the time the last
 * instance needs to reach its target state.
 */
import * as os from "node:os";
import * as path from "node:path";
import { REPO } from "../harness/package";

export type Kind = "cvm" | "ecm" | "hai" | "swas";
export type Service = "cvm" | "ecm" | "hai" | "swas";

/** The documented limits the emulator enforces (GUIDE.md section 6), calls per window. */
export function documentedLimit(service: Service, action: string): { calls: number; windowMs: number } {
  switch (service) {
    case "cvm":
      return action === "DescribeInstances" ? { calls: 40, windowMs: 1000 } : { calls: 10, windowMs: 1000 };
    case "swas":
      return { calls: 10, windowMs: 60_000 };
    default:
      return { calls: 20, windowMs: 1000 };
  }
}

/** Describe actions (whose calls are checked against the minimum) and ids per call. */
export const DESCRIBES: Record<Service, Record<string, number>> = {
  cvm: { DescribeInstances: 100 },
  hai: { DescribeInstances: 100 },
  ecm: { DescribeInstances: 5 },
  swas: { ListInstanceStatus: 100, ListInstances: 100 },
};

export interface Scenario {
  name: string;
  kind: Kind;
  /** Resources in the program, and instances per resource. */
  resources: number;
  instancesPer: number;
  /** What is measured: the up of a new stack, or the destroy of a stack made beforehand. */
  op: "up" | "destroy";
  /** Emulator settings of the run. */
  bootMs: number;
  terminateMs: number;
  /** Rate limits multiplied by this (emulator rateLimitScale and provider RUNINSTANCES_RATE_SCALE). */
  rateScale: number;
  /** The call each resource must make once (RunInstances, TerminateInstances, ...). */
  action: string;
  /** Shown in the table and the report: scaling, caveats. */
  note?: string;
}

/** The one benchmark program: `bench:count` resources of the kind `bench:kind`. */
export const PROGRAM = path.join(REPO, "bench", "programs", "fleet");

export function instancesOf(s: Scenario): number {
  return s.resources * s.instancesPer;
}

/** Lower bound (ms): one `action` per resource through the documented bucket, then boot / terminate. */
export function lowerBoundMs(s: Scenario): number {
  const base = documentedLimit(s.kind, s.action);
  const calls = Math.max(1, Math.round(base.calls * s.rateScale));
  const lastCallAt = (Math.max(0, s.resources - calls) * base.windowMs) / calls;
  return Math.round(lastCallAt + (s.op === "destroy" ? s.terminateMs : s.bootMs));
}

/** The engine's default parallelism: 4 x GOMAXPROCS (GUIDE.md section 8), 8 on 2 cores. */
export const DEFAULT_PARALLEL = 4 * os.availableParallelism();

/**
 * The parallelisms a scenario runs at: the engine's default ("default": no --parallel) and
 * --parallel with at least one slot per resource (one run when the default already has that).
 */
export function parallelisms(s: Scenario): Array<number | "default"> {
  return s.resources > DEFAULT_PARALLEL ? ["default", s.resources] : ["default"];
}

/** The number of resource operations at once that a parallelism means. */
export function slots(parallel: number | "default"): number {
  return parallel === "default" ? DEFAULT_PARALLEL : parallel;
}

/**
 * The cloud's floor (ms) at `parallel` operations at once: each resource takes a slot, waits for a
 * token of the documented bucket (a burst of `calls`, then `calls` per window, first come first
 * served), makes its call, and holds the slot for the boot (terminate) time; the next resource
 * takes the first slot to come free. With a slot per resource this is lowerBoundMs; with the rate
 * limit not binding it is ceil(N / P) rounds of boot.
 */
export function cloudFloorMs(s: Scenario, parallel: number): number {
  const base = documentedLimit(s.kind, s.action);
  const burst = Math.max(1, Math.round(base.calls * s.rateScale));
  const perMs = burst / base.windowMs;
  const hold = s.op === "destroy" ? s.terminateMs : s.bootMs;
  const free = new Array<number>(Math.max(1, Math.min(parallel, s.resources))).fill(0);
  let tokens = burst;
  let at = 0;
  let end = 0;
  for (let i = 0; i < s.resources; i++) {
    const slot = free.indexOf(Math.min(...free));
    if (free[slot] > at) {
      tokens = Math.min(burst, tokens + (free[slot] - at) * perMs);
      at = free[slot];
    }
    if (tokens < 1) {
      at += (1 - tokens) / perMs;
      tokens = 1;
    }
    tokens -= 1;
    free[slot] = at + hold;
    end = Math.max(end, free[slot]);
  }
  return Math.round(end);
}

/**
 * The full set (issue 8) or the quick one. Boot 7.5 s stands in for the clouds' boot times (CVM
 * about 10-30 s, SWAS about a minute): short enough for a run of minutes at the engine's default
 * parallelism (200 resources at 8 at once are 25 boots one after the other), long against our
 * poller's shortest interval (1 s), and not a multiple of the baseline's 5 s poll, whose
 * detection lag is then its average (2.5 s), neither its best (0) nor its worst (5 s). Terminate
 * 2 s. The quick set has the same boot and terminate times (its ratios mean the same), fewer
 * resources and scenarios.
 */
export function scenarios(opts: { quick?: boolean; swasScale?: number } = {}): Scenario[] {
  const q = opts.quick === true;
  const bootMs = 7500;
  const terminateMs = 2000;
  const common = { bootMs, terminateMs, rateScale: 1, instancesPer: 1, op: "up" as const };
  const cvmN = q ? 16 : 200;
  const swasScale = opts.swasScale ?? 1;
  const swasN = q ? 5 : 20;
  const all: Scenario[] = [
    { ...common, name: `cvm-${cvmN}x1`, kind: "cvm", resources: cvmN, action: "RunInstances" },
    {
      ...common,
      name: `cvm-1x${q ? 20 : 100}`,
      kind: "cvm",
      resources: 1,
      instancesPer: q ? 20 : 100,
      action: "RunInstances",
    },
    { ...common, name: `ecm-${q ? 10 : 50}x1`, kind: "ecm", resources: q ? 10 : 50, action: "RunInstances" },
    { ...common, name: `hai-${q ? 5 : 20}x1`, kind: "hai", resources: q ? 5 : 20, action: "RunInstances" },
    {
      ...common,
      name: `swas-${swasN}x1`,
      kind: "swas",
      resources: swasN,
      action: "CreateInstances",
      rateScale: swasScale,
      note:
        (swasScale === 1
          ? "the documented 10 calls a minute per action, not scaled"
          : `limits scaled by ${swasScale} (${10 * swasScale} calls a minute per action, bursts of ${10 * swasScale}) in the emulator and the provider (RUNINSTANCES_RATE_SCALE)`) +
        `; boot ${bootMs / 1000} s (real servers take about a minute); no names or passwords (each costs an` +
        " UpdateInstanceAttribute per server); the baseline polls every 6 s, the SWAS provider's floor",
    },
    {
      ...common,
      name: `cvm-${cvmN}x1-destroy`,
      kind: "cvm",
      resources: cvmN,
      op: "destroy",
      action: "TerminateInstances",
    },
  ];
  // Quick: every run of the real engine costs its start (3-5 s on 2 cores) and its stack's setup,
  // so only CVM N x 1, at both parallelisms (2 boots at the default); the full run has every product.
  return q ? all.filter((s) => s.name === `cvm-${cvmN}x1`) : all;
}

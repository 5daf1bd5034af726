/**
 * The benchmark's scenarios (issue 8) and their lower bounds. A lower bound is what the clouds'
 * documented limits and the boot (or terminate) time allow at best: the calls that must be made
 * one per resource (the engine hands each resource to the provider on its own), paced by the
 * documented token bucket (a burst of `calls`, then `calls` per window), plus the time the last
 * instance needs to reach its target state.
 */
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

export interface ScenarioSet {
  scenarios: Scenario[];
}

/**
 * The full set (issue 8) or the quick one. Boot 12.5 s stands in for the clouds' boot times (CVM
 * about 10-30 s, SWAS about a minute): short enough for a run of minutes, and not a multiple of
 * the baseline's 5 s poll, whose detection lag is then its average (2.5 s), neither its best (0)
 * nor its worst (5 s). Terminate 2 s.
 */
export function scenarios(opts: { quick?: boolean; swasScale?: number } = {}): Scenario[] {
  const q = opts.quick === true;
  const bootMs = q ? 2500 : 12_500;
  const terminateMs = q ? 1000 : 2000;
  const common = { bootMs, terminateMs, rateScale: 1, instancesPer: 1, op: "up" as const };
  const cvmN = q ? 40 : 200;
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
  // Quick: every side takes at least the baseline's 5 s poll (6 s and two waits for SWAS), so only
  // CVM N x 1, its destroy, and ECM (5 ids a describe); the full run has every product.
  return q ? all.filter((s) => s.name.startsWith(`cvm-${cvmN}x1`) || s.kind === "ecm") : all;
}

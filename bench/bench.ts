/**
 * The benchmark: every scenario at each of its parallelisms, ours then the baseline, on the real
 * Pulumi engine (and, with `harness`, through the harness as a second column), the bounds measured
 * in the same run, the daily no-op, the micro figures, and the outputs (a table, the JSON of issue
 * 18, one SVG chart per scenario, the targets met or missed).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Cli } from "../cli/locate";
import type { CliStack } from "../cli/stack";
import { Bound, Bounds } from "./bounds";
import { chartSvg } from "./chart";
import { runEngineSide } from "./engine";
import { MicroFigures, micro } from "./micro";
import { NoopSide, noop } from "./noop";
import { Scenario, instancesOf, parallelisms, slots } from "./scenarios";
import { SideRun, runSide } from "./run";

export type Engine = "pulumi" | "harness";

/** One side's figures in the JSON of issue 18. */
export interface SideJson {
  wallMs: number;
  lowerBoundMs: number;
  failures: number;
  describeCalls: number;
  describeMinimum: number;
  /** The peak of the sum over the CLI, the language host and the provider host. */
  peakRssMb: number;
  /** The peak of the CLI and the provider host alone: the figure the RSS target names. */
  cliAndProviderHostRssMb: number;
}

export interface NoopJson {
  resources: number;
  previewMs: number;
  upMs: number;
  trivialPreviewMs: number;
  trivialUpMs: number;
  stateBytesPerResource: number;
  snapshotWriteMs: number;
  peakRssMb: number;
  cliAndProviderHostRssMb: number;
}

/** The JSON of issue 18, exactly (noop is null when the run did not measure it: --quick). */
export interface BenchJson {
  scenarios: Array<{
    name: string;
    engine: Engine;
    parallel: number;
    /** The provider that only waits (bounds.ts), at the same parallelism: the real engine only. */
    idealProviderMs?: number;
    ours: SideJson;
    baseline: SideJson;
  }>;
  noop: NoopJson | null;
  micro: MicroFigures;
}

export interface ScenarioRun {
  scenario: Scenario;
  engine: Engine;
  /** "default": no --parallel (the engine's 4 x GOMAXPROCS). */
  parallel: number | "default";
  ours: SideRun;
  baseline: SideRun;
  /** The measured bounds (the real engine); the harness's bound is the cloud's alone. */
  bound?: Bound;
}

/** The no-op figures of both stacks, and the state the do-nothing one keeps. */
export interface NoopRun {
  resources: number;
  ours: NoopSide;
  trivial: NoopSide;
}

export interface BenchResult {
  json: BenchJson;
  runs: ScenarioRun[];
  noop?: NoopRun;
}

/** The issue's targets for our side. */
export const TARGETS = {
  wallOverLowerBound: 1.2,
  describeOverMinimum: 1.2,
  peakRssMb: 500,
  noopOverTrivial: 1.5,
  checkDiffMedianUs: 1000,
  providerTextBytes: 4096,
};

/** The scenario whose stack (ours, the engine's default parallelism) the daily no-op runs on. */
const NOOP_SCENARIO = /^cvm-\d+x1$/;

export async function runBench(opts: {
  scenarios: Scenario[];
  tmp: string;
  /** The real engine; without it only the harness runs (npm test). */
  cli?: Cli;
  /** Also through the harness, at a slot per resource. */
  harness?: boolean;
  /** Measure the daily no-op on the stack of the cvm N x 1 scenario. */
  noop?: boolean;
  micro?: { iterations?: number; hostStarts?: number } | false;
  /** Also measure the provider that only waits (bounds.ts), beside the bound. */
  ideal?: boolean;
  log?: (line: string) => void;
}): Promise<BenchResult> {
  const log = opts.log ?? (() => undefined);
  // The micro figures first: their small up also warms this process (the harness, the program's
  // TypeScript) so that the first scenario does not pay for it.
  let microFigures: MicroFigures = { checkDiffMedianUs: NaN, providerTextBytes: NaN, hostStartMs: NaN };
  if (opts.micro !== false) {
    log("micro: check+diff, provider text, host start...");
    const dir = fs.mkdtempSync(path.join(opts.tmp, "micro-"));
    try {
      microFigures = await micro(dir, opts.micro ?? {});
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const runs: ScenarioRun[] = [];
  let noopRun: NoopRun | undefined;
  const bounds = opts.cli ? new Bounds(opts.cli, opts.tmp, log) : undefined;
  for (const s of opts.scenarios) {
    const engines: Engine[] = [
      ...(opts.cli ? ["pulumi" as const] : []),
      ...(opts.harness || !opts.cli ? ["harness" as const] : []),
    ];
    for (const engine of engines) {
      for (const parallel of engine === "pulumi" ? parallelisms(s) : [s.resources]) {
        const bound = engine === "pulumi" ? await bounds!.bound(s, parallel, opts.ideal ?? true) : undefined;
        const sides: Partial<Record<"ours" | "baseline", SideRun>> = {};
        for (const side of ["ours", "baseline"] as const) {
          const label = `${s.name} ${engine} parallel ${parallel}: ${side}`;
          log(`${label}...`);
          const dir = fs.mkdtempSync(path.join(opts.tmp, `${s.name}-${side}-`));
          try {
            const wantNoop =
              opts.noop && side === "ours" && parallel === "default" && NOOP_SCENARIO.test(s.name);
            let oursNoop: NoopSide | undefined;
            const after = wantNoop
              ? async (stack: CliStack) => {
                  log(`  no-op: ${s.resources} CvmInstance, preview and up...`);
                  oursNoop = await noop(stack, s.resources);
                }
              : undefined;
            const r =
              engine === "pulumi"
                ? await runEngineSide(s, side, parallel, { cli: opts.cli!, tmp: dir, log }, after)
                : await runSide(s, side, dir, log, s.resources);
            if (bound) r.lowerBoundMs = bound.lowerBoundMs;
            sides[side] = r;
            log(
              `${label}: ${sec(r.wallMs)} s (lower bound ${sec(r.lowerBoundMs)} s),` +
                ` ${r.failures} failure(s), ${r.throttled} throttled, ${r.reached}/${instancesOf(s)} instances;` +
                ` ${s.action} first ${sec(r.phases.firstCallMs)} s, last ${sec(r.phases.lastCallMs)} s,` +
                ` all there at ${sec(r.phases.allThereMs)} s, peak RSS ${r.peakRssMb} MB` +
                (r.writes ? `, ${r.writes.writes} state files written in ${r.writes.ms} ms` : "") +
                r.errors.map((e) => `; ${e.count} x ${e.kind}`).join(""),
            );
            if (oursNoop) noopRun = await withTrivial(oursNoop, s.resources, bounds!, log);
          } finally {
            fs.rmSync(dir, { recursive: true, force: true });
          }
        }
        runs.push({ scenario: s, engine, parallel, ours: sides.ours!, baseline: sides.baseline!, bound });
      }
    }
  }
  const figures = (r: SideRun): SideJson => ({
    wallMs: r.wallMs,
    lowerBoundMs: r.lowerBoundMs,
    failures: r.failures,
    describeCalls: r.describe.calls,
    describeMinimum: r.describe.minimum,
    peakRssMb: r.peakRssMb,
    cliAndProviderHostRssMb: r.hostsRssMb,
  });
  return {
    json: {
      scenarios: runs.map(({ scenario: s, engine, parallel, ours, baseline, bound }) => ({
        name: s.name,
        engine,
        parallel: slots(parallel),
        ...(bound?.idealMs !== undefined ? { idealProviderMs: bound.idealMs } : {}),
        ours: figures(ours),
        baseline: figures(baseline),
      })),
      noop: noopRun ? noopJson(noopRun) : null,
      micro: microFigures,
    },
    runs,
    noop: noopRun,
  };
}

/** The no-op of the same number of do-nothing resources beside ours. */
async function withTrivial(
  ours: NoopSide,
  resources: number,
  bounds: Bounds,
  log: (line: string) => void,
): Promise<NoopRun> {
  log(`  no-op: ${resources} do-nothing resources, preview and up...`);
  const stack = await bounds.nothing(resources);
  const made = await stack.up({ parallel: resources });
  if (!made.ok) throw new Error(`the do-nothing stack failed: ${made.error ?? ""}`);
  const n: NoopRun = { resources, ours, trivial: await noop(stack, resources) };
  log(
    `  no-op: ${noopRows(n)
      .map((row) => row.join(" "))
      .join("; ")}`,
  );
  return n;
}

/**
 * The daily no-op alone (`--noop-only`): the stack of scenario `s` made by ours with a slot per
 * resource (the fastest way to have it up), then the no-op of it and of the do-nothing stack.
 */
export async function runNoop(
  s: Scenario,
  cli: Cli,
  tmp: string,
  log: (line: string) => void,
): Promise<NoopRun> {
  const bounds = new Bounds(cli, tmp, log);
  let ours: NoopSide | undefined;
  const dir = fs.mkdtempSync(path.join(tmp, `${s.name}-noop-`));
  await runEngineSide(s, "ours", s.resources, { cli, tmp: dir, log }, async (stack) => {
    log(`  no-op: ${s.resources} ${s.kind} resources, preview and up...`);
    ours = await noop(stack, s.resources);
  });
  return withTrivial(ours!, s.resources, bounds, log);
}

export function noopJson(n: NoopRun): NoopJson {
  return {
    resources: n.resources,
    previewMs: n.ours.previewMs,
    upMs: n.ours.upMs,
    trivialPreviewMs: n.trivial.previewMs,
    trivialUpMs: n.trivial.upMs,
    stateBytesPerResource: n.ours.stateBytesPerResource,
    snapshotWriteMs: n.ours.upWrites.ms,
    peakRssMb: n.ours.peakRssMb,
    cliAndProviderHostRssMb: n.ours.hostsRssMb,
  };
}

// ---- outputs -------------------------------------------------------------------------------------

const sec = (ms: number | undefined) => (ms === undefined ? "-" : (ms / 1000).toFixed(1));
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : "-");

function callsText(calls: Record<string, number>): string {
  return Object.entries(calls)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
}

export const COLUMNS = [
  "scenario",
  "engine",
  "parallel",
  "side",
  "wall s",
  "lower bound s (engine / floor)",
  "wall / bound",
  "failures",
  "throttled",
  "describe / minimum",
  "peak RSS MB (do-nothing)",
  "CLI + provider host MB",
  "calls",
];

const parallelText = (p: number | "default") => (p === "default" ? `default (${slots(p)})` : String(p));

/** One row per side of every run: the scenario named on the first (ours), `cells` after the side. */
function perSide(
  result: BenchResult,
  name: (s: Scenario) => string,
  cells: (r: SideRun, run: ScenarioRun) => string[],
): string[][] {
  return result.runs.flatMap((run) =>
    [run.ours, run.baseline].map((r) =>
      r.side === "ours"
        ? [name(run.scenario), run.engine, parallelText(run.parallel), r.side, ...cells(r, run)]
        : ["", "", "", r.side, ...cells(r, run)],
    ),
  );
}

function boundText(r: SideRun, run: ScenarioRun): string {
  if (!run.bound) return sec(r.lowerBoundMs);
  return r.side === "ours"
    ? `${sec(r.lowerBoundMs)} (${sec(run.bound.engineMs)} / ${sec(run.bound.floorMs)})`
    : "";
}

export function rows(result: BenchResult): string[][] {
  return perSide(
    result,
    (s) => s.name,
    (r, run) => [
      sec(r.wallMs),
      boundText(r, run),
      ratio(r.wallMs, r.lowerBoundMs),
      `${r.failures}`,
      `${r.throttled}`,
      `${r.describe.calls} / ${r.describe.minimum}`,
      r.side === "ours" && run.bound
        ? `${r.peakRssMb.toFixed(0)} (${run.bound.engineRssMb})`
        : r.peakRssMb.toFixed(0),
      r.hostsRssMb.toFixed(0),
      callsText(r.calls),
    ],
  );
}

export const PHASE_COLUMNS = [
  "scenario",
  "engine",
  "parallel",
  "side",
  "first call s",
  "last call s",
  "all instances there s",
  "wall s",
  "state writes (files, ms)",
  "errors reaching the user",
];

/** Where the time goes: the first and last create (terminate) call, the last instance there, the end. */
export function phaseRows(result: BenchResult): string[][] {
  return perSide(
    result,
    (s) => `${s.name} (${s.action})`,
    (r) => [
      sec(r.phases.firstCallMs),
      sec(r.phases.lastCallMs),
      sec(r.phases.allThereMs),
      sec(r.wallMs),
      r.writes ? `${r.writes.writes}, ${r.writes.ms}` : "-",
      r.errors.map((e) => `${e.count} x ${e.kind}`).join("; "),
    ],
  );
}

export const NOOP_COLUMNS = ["no-op, nothing to change", "ours", "do-nothing", "ours / do-nothing"];

/** The daily no-op: ours against the same stack of do-nothing dynamic resources. */
export function noopRows(n: NoopRun): string[][] {
  const row = (what: string, a: number, b: number, unit: string, div = 1) => [
    what,
    `${(a / div).toFixed(div > 1 ? 1 : 0)} ${unit}`,
    `${(b / div).toFixed(div > 1 ? 1 : 0)} ${unit}`,
    ratio(a, b),
  ];
  return [
    row(`pulumi preview, ${n.resources} resources`, n.ours.previewMs, n.trivial.previewMs, "s", 1000),
    row(`pulumi up, ${n.resources} resources`, n.ours.upMs, n.trivial.upMs, "s", 1000),
    row("state file per resource", n.ours.stateBytesPerResource, n.trivial.stateBytesPerResource, "bytes"),
    row(
      "provider text (__provider), each copy",
      n.ours.providerTextBytes,
      n.trivial.providerTextBytes,
      "bytes",
    ),
    [
      "state writes in the up (files, ms)",
      `${n.ours.upWrites.writes}, ${n.ours.upWrites.ms} ms`,
      `${n.trivial.upWrites.writes}, ${n.trivial.upWrites.ms} ms`,
      "",
    ],
    row("peak RSS, CLI + program + provider host", n.ours.peakRssMb, n.trivial.peakRssMb, "MB"),
    row("peak RSS, CLI + provider host", n.ours.hostsRssMb, n.trivial.hostsRssMb, "MB"),
  ];
}

export function microRows(m: MicroFigures): string[][] {
  return [
    ["check+diff median per resource (in-process)", `${m.checkDiffMedianUs} µs`],
    [
      "provider text per resource (harness, package linked: written by value)",
      `${m.providerTextBytes} bytes`,
    ],
    ["provider host start to first Check answered", `${m.hostStartMs} ms`],
  ];
}

/** A plain text table for stdout. */
export function textTable(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

export function markdownTable(header: string[], body: string[][]): string {
  const line = (r: string[]) => `| ${r.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...body.map(line)].join("\n");
}

/** Each target for our side (on the real engine when it ran): met or missed, with the figure. */
export function targets(result: BenchResult): Array<{ ok: boolean; text: string }> {
  const out: Array<{ ok: boolean; text: string }> = [];
  const engine = result.runs.some((r) => r.engine === "pulumi") ? "pulumi" : "harness";
  for (const { scenario: s, ours, parallel, bound } of result.runs.filter((r) => r.engine === engine)) {
    const name = `${s.name} at ${parallelText(parallel)}`;
    out.push({ ok: ours.failures === 0, text: `${name}: failures ${ours.failures} (target 0)` });
    const wr = ours.wallMs / ours.lowerBoundMs;
    out.push({
      ok: wr <= TARGETS.wallOverLowerBound,
      text:
        `${name}: wall / lower bound ${wr.toFixed(2)} (target <= ${TARGETS.wallOverLowerBound})` +
        (bound?.idealMs !== undefined
          ? `; a provider that only waits: ${ratio(bound.idealMs, ours.lowerBoundMs)} (${sec(bound.idealMs)} s), ours / it ${ratio(ours.wallMs, bound.idealMs)}`
          : ""),
    });
    if (ours.describe.minimum > 0) {
      const dr = ours.describe.calls / ours.describe.minimum;
      out.push({
        ok: dr <= TARGETS.describeOverMinimum,
        text: `${name}: describe calls / minimum ${ours.describe.calls} / ${ours.describe.minimum} = ${dr.toFixed(2)} (target <= ${TARGETS.describeOverMinimum})`,
      });
    }
    if (s.resources >= 200) {
      out.push({
        ok: ours.hostsRssMb < TARGETS.peakRssMb,
        text: `${name}: peak RSS ${ours.hostsRssMb} MB (${engine === "pulumi" ? `CLI + provider host; ${ours.peakRssMb} MB with the program's host` : "provider host"}; target < ${TARGETS.peakRssMb})`,
      });
    }
  }
  const n = result.noop;
  if (n) {
    for (const [what, a, b] of [
      ["preview", n.ours.previewMs, n.trivial.previewMs],
      ["up", n.ours.upMs, n.trivial.upMs],
    ] as const) {
      out.push({
        ok: a / b <= TARGETS.noopOverTrivial,
        text: `no-op ${what} of ${n.resources}: ${sec(a)} s / do-nothing ${sec(b)} s = ${ratio(a, b)} (target <= ${TARGETS.noopOverTrivial})`,
      });
    }
    out.push({
      ok: n.ours.hostsRssMb < TARGETS.peakRssMb,
      text: `no-op of ${n.resources}: peak RSS ${n.ours.hostsRssMb} MB (CLI + provider host; ${n.ours.peakRssMb} MB with the program's host; target < ${TARGETS.peakRssMb})`,
    });
  }
  const m = result.json.micro;
  if (!Number.isNaN(m.checkDiffMedianUs)) {
    out.push({
      ok: m.checkDiffMedianUs < TARGETS.checkDiffMedianUs,
      text: `check+diff median ${m.checkDiffMedianUs} µs (target < ${TARGETS.checkDiffMedianUs})`,
    });
    out.push({
      ok: m.providerTextBytes < TARGETS.providerTextBytes,
      text: `provider text ${m.providerTextBytes} bytes (target < ${TARGETS.providerTextBytes})`,
    });
  }
  return out;
}

const COLORS = [
  ["#1f77b4", "#ff7f0e"],
  ["#2ca02c", "#d62728"],
  ["#9467bd", "#8c564b"],
];

/** Writes one SVG per scenario into `dir` (every engine and parallelism in it); returns the file names. */
export function writeCharts(result: BenchResult, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const names = [...new Set(result.runs.map((r) => r.scenario.name))];
  return names.map((name) => {
    const runs = result.runs.filter((r) => r.scenario.name === name);
    const s = runs[0].scenario;
    const file = `${s.name}.svg`;
    const destroy = s.op === "destroy";
    const at = (run: ScenarioRun) =>
      `${run.engine === "harness" ? "harness, " : ""}parallel ${parallelText(run.parallel)}`;
    fs.writeFileSync(
      path.join(dir, file),
      chartSvg({
        title: `${s.name}: ${s.resources} resource(s), ${instancesOf(s)} instance(s)${destroy ? ", destroy" : ""}`,
        yLabel: destroy ? "instances not yet gone" : "instances Running",
        total: instancesOf(s),
        bounds: runs.map((run) => ({ label: `bound at ${at(run)}`, ms: run.ours.lowerBoundMs })),
        series: runs.flatMap((run, i) =>
          [run.ours, run.baseline].map((r, j) => ({
            label: `${r.side}, ${at(run)} (${sec(r.wallMs)} s, ${r.failures} failed)`,
            color: COLORS[i % COLORS.length][j],
            points: r.timeline,
            endMs: r.wallMs,
          })),
        ),
      }),
    );
    return file;
  });
}

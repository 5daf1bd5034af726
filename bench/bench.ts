/**
 * The benchmark: every scenario, ours then the baseline, the micro figures, and the outputs (a
 * table, the JSON of issue 8, one SVG chart per scenario, the targets met or missed).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { chartSvg } from "./chart";
import { MicroFigures, micro } from "./micro";
import { Scenario, instancesOf } from "./scenarios";
import { SideFigures, SideRun, runSide } from "./run";

/** The JSON of issue 8, exactly. */
export interface BenchJson {
  scenarios: Array<{
    name: string;
    resources: number;
    instances: number;
    ours: SideFigures;
    baseline: SideFigures;
  }>;
  micro: MicroFigures;
}

export interface ScenarioRun {
  scenario: Scenario;
  ours: SideRun;
  baseline: SideRun;
}

export interface BenchResult {
  json: BenchJson;
  runs: ScenarioRun[];
}

/** The targets for our side. */
export const TARGETS = {
  wallOverLowerBound: 1.25,
  describeOverMinimum: 1.2,
  peakRssMb: 300,
  checkDiffMedianUs: 1000,
  providerTextBytes: 4096,
};

export async function runBench(opts: {
  scenarios: Scenario[];
  tmp: string;
  micro?: { iterations?: number; hostStarts?: number } | false;
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
  for (const s of opts.scenarios) {
    const sides: Partial<Record<"ours" | "baseline", SideRun>> = {};
    for (const side of ["ours", "baseline"] as const) {
      log(`${s.name}: ${side}...`);
      const dir = fs.mkdtempSync(path.join(opts.tmp, `${s.name}-${side}-`));
      try {
        const r = await runSide(s, side, dir, log);
        sides[side] = r;
        log(
          `${s.name}: ${side}: ${(r.wallMs / 1000).toFixed(1)} s (lower bound ${(r.lowerBoundMs / 1000).toFixed(1)} s),` +
            ` ${r.failures} failure(s), ${r.throttled} throttled, ${r.reached}/${instancesOf(s)} instances;` +
            ` ${s.action} first ${sec(r.phases.firstCallMs)} s, last ${sec(r.phases.lastCallMs)} s,` +
            ` all there at ${sec(r.phases.allThereMs)} s` +
            r.errors.map((e) => `; ${e.count} x ${e.kind}`).join(""),
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    runs.push({ scenario: s, ours: sides.ours!, baseline: sides.baseline! });
  }
  const figures = (r: SideRun): SideFigures => ({
    wallMs: r.wallMs,
    lowerBoundMs: r.lowerBoundMs,
    calls: r.calls,
    throttled: r.throttled,
    failures: r.failures,
    peakRssMb: r.peakRssMb,
  });
  return {
    json: {
      scenarios: runs.map(({ scenario: s, ours, baseline }) => ({
        name: s.name,
        resources: s.resources,
        instances: instancesOf(s),
        ours: figures(ours),
        baseline: figures(baseline),
      })),
      micro: microFigures,
    },
    runs,
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
  "side",
  "wall s",
  "lower bound s",
  "wall / bound",
  "failures",
  "throttled",
  "describe / minimum",
  "peak RSS MB",
  "calls",
];

/** One row per side of every scenario: the scenario named on the first (ours), `cells` after the side. */
function perSide(
  result: BenchResult,
  name: (s: Scenario) => string,
  cells: (r: SideRun) => string[],
): string[][] {
  return result.runs.flatMap(({ scenario: s, ours, baseline }) =>
    [ours, baseline].map((r) => [r.side === "ours" ? name(s) : "", r.side, ...cells(r)]),
  );
}

export function rows(result: BenchResult): string[][] {
  return perSide(
    result,
    (s) => s.name,
    (r) => [
      sec(r.wallMs),
      sec(r.lowerBoundMs),
      ratio(r.wallMs, r.lowerBoundMs),
      `${r.failures}`,
      `${r.throttled}`,
      `${r.describe.calls} / ${r.describe.minimum}`,
      r.peakRssMb.toFixed(0),
      callsText(r.calls),
    ],
  );
}

export const PHASE_COLUMNS = [
  "scenario",
  "side",
  "first call s",
  "last call s",
  "all instances there s",
  "wall s",
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
      r.errors.map((e) => `${e.count} x ${e.kind}`).join("; "),
    ],
  );
}

export function microRows(m: MicroFigures): string[][] {
  return [
    ["check+diff median per resource (in-process)", `${m.checkDiffMedianUs} µs`],
    ["provider text per resource", `${m.providerTextBytes} bytes`],
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

/** Each target for our side: met or missed, with the figure. */
export function targets(result: BenchResult): Array<{ ok: boolean; text: string }> {
  const out: Array<{ ok: boolean; text: string }> = [];
  for (const { scenario: s, ours } of result.runs) {
    out.push({ ok: ours.failures === 0, text: `${s.name}: failures ${ours.failures} (target 0)` });
    const wr = ours.wallMs / ours.lowerBoundMs;
    out.push({
      ok: wr <= TARGETS.wallOverLowerBound,
      text: `${s.name}: wall / lower bound ${wr.toFixed(2)} (target <= ${TARGETS.wallOverLowerBound})`,
    });
    if (ours.describe.minimum > 0) {
      const dr = ours.describe.calls / ours.describe.minimum;
      out.push({
        ok: dr <= TARGETS.describeOverMinimum,
        text: `${s.name}: describe calls / minimum ${ours.describe.calls} / ${ours.describe.minimum} = ${dr.toFixed(2)} (target <= ${TARGETS.describeOverMinimum})`,
      });
    }
    if (s.resources >= 200) {
      out.push({
        ok: ours.peakRssMb < TARGETS.peakRssMb,
        text: `${s.name}: provider host peak RSS ${ours.peakRssMb} MB (target < ${TARGETS.peakRssMb})`,
      });
    }
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

/** Writes one SVG per scenario into `dir`; returns the file names. */
export function writeCharts(result: BenchResult, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return result.runs.map(({ scenario: s, ours, baseline }) => {
    const file = `${s.name}.svg`;
    const destroy = s.op === "destroy";
    fs.writeFileSync(
      path.join(dir, file),
      chartSvg({
        title: `${s.name}: ${s.resources} resource(s), ${instancesOf(s)} instance(s)${destroy ? ", destroy" : ""}`,
        yLabel: destroy ? "instances not yet gone" : "instances Running",
        total: instancesOf(s),
        lowerBoundMs: ours.lowerBoundMs,
        series: [
          {
            label: `ours (${sec(ours.wallMs)} s, ${ours.failures} failed)`,
            color: "#1f77b4",
            points: ours.timeline,
            endMs: ours.wallMs,
          },
          {
            label: `baseline (${sec(baseline.wallMs)} s, ${baseline.failures} failed)`,
            color: "#ff7f0e",
            points: baseline.timeline,
            endMs: baseline.wallMs,
          },
        ],
      }),
    );
    return file;
  });
}

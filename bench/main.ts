/**
 * npm run bench [-- --quick] [--out FILE] [--only NAME,...] [--swas-scale K] [--record]
 *
 *   --quick        a reduced set (fewer scenarios, smaller N, 2.5 s boot), under a minute
 *   --out FILE     the JSON of issue 8; the charts go beside it (else into bench-results/)
 *   --only         only the scenarios whose names start with one of these
 *   --swas-scale   SWAS limits multiplied by K in the emulator and the provider (default 1: the
 *                  documented 10 calls a minute)
 *   --record       also write bench/RESULTS.md and bench/charts/*.svg (the committed results)
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO } from "../harness/package";
import {
  BenchResult,
  COLUMNS,
  markdownTable,
  microRows,
  PHASE_COLUMNS,
  phaseRows,
  rows,
  runBench,
  targets,
  textTable,
  writeCharts,
} from "./bench";
import { scenarios } from "./scenarios";
import { BASELINE_POLL_MS } from "./baseline";

/** In bench/RESULTS.md: what follows this line is written by hand and kept by --record. */
const KEEP = "<!-- written by hand below this line; npm run bench -- --record keeps it -->";

interface Args {
  quick: boolean;
  out?: string;
  only?: string[];
  swasScale: number;
  record: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, swasScale: 1, record: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--quick") args.quick = true;
    else if (a === "--record") args.record = true;
    else if (a === "--out") args.out = path.resolve(value());
    else if (a === "--only") args.only = value().split(",");
    else if (a === "--swas-scale") args.swasScale = Number(value());
    else throw new Error(`unknown argument ${a} (see bench/main.ts)`);
  }
  if (!(args.swasScale >= 1)) throw new Error("--swas-scale must be a number >= 1");
  return args;
}

function machine(): string[] {
  const run = (cmd: string, argv: string[]) => {
    try {
      return execFileSync(cmd, argv, { encoding: "utf8" }).trimEnd();
    } catch {
      return "(not available)";
    }
  };
  return [
    `nproc: ${run("nproc", [])} (${os.cpus()[0]?.model ?? "unknown CPU"})`,
    `node: ${process.version}, ${os.platform()} ${os.release()}`,
    "free -h:",
    ...run("free", ["-h"])
      .split("\n")
      .map((l) => `    ${l}`),
  ];
}

async function resultsMarkdown(result: BenchResult, args: Args, lines: string[]): Promise<string> {
  const charts = result.runs.map(({ scenario: s }) => `![${s.name}](charts/${s.name}.svg)`);
  const md = [
    "# Benchmark results",
    "",
    `The latest \`npm run bench${args.quick ? " -- --quick" : ""}\` (${new Date().toISOString().slice(0, 10)}); what the figures mean: the notes below.`,
    "",
    markdownTable(COLUMNS, rows(result)),
    "",
    markdownTable(["per resource", "figure"], microRows(result.json.micro)),
    "",
    "Where the time goes (seconds since the operation began):",
    "",
    markdownTable(PHASE_COLUMNS, phaseRows(result)),
    "",
    "Targets (ours):",
    "",
    ...targets(result).map((t) => `- ${t.ok ? "met" : "**missed**"}: ${t.text}`),
    "",
    "Notes:",
    "",
    ...lines.map((l) => `- ${l}`),
    "",
    "Machine:",
    "",
    "```",
    ...machine(),
    "```",
    "",
    ...charts.flatMap((c) => [c, ""]),
  ].join("\n");
  const prettier = require("prettier") as typeof import("prettier");
  const options = (await prettier.resolveConfig(path.join(REPO, "bench", "RESULTS.md"))) ?? {};
  return prettier.format(md, { ...options, parser: "markdown" });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let list = scenarios({ quick: args.quick, swasScale: args.swasScale });
  if (args.only) list = list.filter((s) => args.only!.some((o) => s.name.startsWith(o)));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "runinstances-bench-"));
  const started = Date.now();
  const log = (line: string) =>
    process.stderr.write(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s  ${line}\n`);
  let result: BenchResult;
  try {
    result = await runBench({ scenarios: list, tmp, log, micro: { hostStarts: args.quick ? 1 : 3 } });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const dir = args.out ? path.dirname(args.out) : path.join(REPO, "bench-results");
  fs.mkdirSync(dir, { recursive: true });
  if (args.out) fs.writeFileSync(args.out, `${JSON.stringify(result.json, null, 2)}\n`);
  const charts = writeCharts(result, dir);
  // Beside the issue's JSON: what the figures rest on (describe rounds, timelines, errors).
  fs.writeFileSync(path.join(dir, "details.json"), `${JSON.stringify({ runs: result.runs }, null, 2)}\n`);
  const notes = [
    `Lower bound: one create (or terminate) call per resource through the documented token bucket (a burst of the per-window limit, then the limit per window), plus the boot (terminate) time of the last instance. Boot ${result.runs[0]?.scenario.bootMs ?? 0} ms, terminate ${result.runs[0]?.scenario.terminateMs ?? 0} ms in the emulator.`,
    `Baseline: the same package and program with the baseline runtime (bench/baseline.ts) preloaded into the provider host: no shared rate limiter, no retries, every resource polling its own ids every ${BASELINE_POLL_MS / 1000} s.`,
    "Describe / minimum: describe calls made (throttled ones included) / the sum over polling rounds of ceil(ids described in the round / ids per call), from the emulator's request log.",
    ...result.runs.filter((r) => r.scenario.note).map((r) => `${r.scenario.name}: ${r.scenario.note}.`),
  ];
  const out: string[] = [
    "",
    textTable(COLUMNS, rows(result)),
    "",
    textTable(["per resource", "figure"], microRows(result.json.micro)),
    "",
    textTable(PHASE_COLUMNS, phaseRows(result)),
    "",
    args.quick
      ? "targets (ours; a quick run's lower bounds are a few seconds, against which the provider host's start of about a second weighs: the targets are for the full run):"
      : "targets (ours):",
    ...targets(result).map((t) => `  ${t.ok ? "met   " : "MISSED"}  ${t.text}`),
    "",
    ...notes,
    "",
    `charts: ${charts.map((c) => path.join(dir, c)).join(", ")}`,
    ...(args.out ? [`json: ${args.out}`] : []),
    `took ${((Date.now() - started) / 1000).toFixed(0)} s`,
  ];
  console.log(out.join("\n"));
  if (args.record) {
    const chartDir = path.join(REPO, "bench", "charts");
    writeCharts(result, chartDir);
    const file = path.join(REPO, "bench", "RESULTS.md");
    // The hand-written reading of the figures, below the marker, stays.
    const old = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    const kept = old.includes(KEEP) ? old.slice(old.indexOf(KEEP)) : `${KEEP}\n`;
    fs.writeFileSync(file, `${await resultsMarkdown(result, args, notes)}\n${kept}`);
    console.log(`recorded: bench/RESULTS.md, ${chartDir}`);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);

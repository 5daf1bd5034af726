/**
 * npm run bench [-- --quick] [--out FILE] [--only NAME,...] [--swas-scale K] [--harness] [--record]
 *
 * Every scenario runs on the real Pulumi engine: the CLI found as cli/locate.ts finds it
 * (PULUMI_CLI, `pulumi` on PATH, or the one `npm run pulumi:cli` built); without one the bench
 * fails with the message that names both ways to get one (it never builds one itself).
 *
 *   --quick        a reduced set (16 CvmInstance at both parallelisms, the same boot), under 3 minutes; no no-op, no provider that only waits
 *   --out FILE     the JSON of issue 18; the charts go beside it (else into bench-results/)
 *   --only         only the scenarios whose names start with one of these
 *   --swas-scale   SWAS limits multiplied by K in the emulator and the provider (default 1: the
 *                  documented 10 calls a minute)
 *   --noop         measure the daily no-op in a quick run too (a full run always does)
 *   --noop-only    only the daily no-op (its stack made at --parallel N): the no-op table, no record
 *   --harness      also through the harness (test/harness's imitation of the engine), a second column
 *   --record       also write bench/RESULTS.md and bench/charts/*.svg (the committed results)
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO } from "../harness/package";
import { locatePulumi } from "../cli/locate";
import {
  BenchResult,
  COLUMNS,
  markdownTable,
  microRows,
  NOOP_COLUMNS,
  noopJson,
  noopRows,
  runNoop,
  PHASE_COLUMNS,
  phaseRows,
  rows,
  runBench,
  targets,
  textTable,
  writeCharts,
} from "./bench";
import { NOOP_RUNS } from "./noop";
import { DEFAULT_PARALLEL, scenarios } from "./scenarios";
import { BASELINE_POLL_MS } from "./baseline";

/** In bench/RESULTS.md: what follows this line is written by hand and kept by --record. */
const KEEP = "<!-- written by hand below this line; npm run bench -- --record keeps it -->";

interface Args {
  quick: boolean;
  out?: string;
  only?: string[];
  swasScale: number;
  record: boolean;
  harness: boolean;
  noop: boolean;
  noopOnly: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    quick: false,
    swasScale: 1,
    record: false,
    harness: false,
    noop: false,
    noopOnly: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--quick") args.quick = true;
    else if (a === "--record") args.record = true;
    else if (a === "--harness") args.harness = true;
    else if (a === "--noop") args.noop = true;
    else if (a === "--noop-only") args.noopOnly = true;
    else if (a === "--out") args.out = path.resolve(value());
    else if (a === "--only") args.only = value().split(",");
    else if (a === "--swas-scale") args.swasScale = Number(value());
    else throw new Error(`unknown argument ${a} (see bench/main.ts)`);
  }
  if (!(args.swasScale >= 1)) throw new Error("--swas-scale must be a number >= 1");
  return args;
}

function uptime(): string {
  try {
    return execFileSync("uptime", [], { encoding: "utf8" }).trim();
  } catch {
    return `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")}`;
  }
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
    `uptime at the end: ${uptime()}`,
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
    ...(result.noop
      ? [
          `The daily no-op (a stack already up, nothing to change, the engine's default parallelism, the fastest of ${NOOP_RUNS} runs):`,
          "",
          markdownTable(NOOP_COLUMNS, noopRows(result.noop)),
          "",
        ]
      : []),
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
  const cli = await locatePulumi({ build: false }).catch((e: Error) => {
    // No CLI: the one message that names both ways to get one, and no stack trace.
    console.error(`bench: ${e.message}`);
    process.exit(1);
  });
  const load = uptime();
  log(`pulumi v${cli.version} (${cli.source}: ${cli.path}); uptime: ${load}`);
  if (args.noopOnly) {
    try {
      const n = await runNoop(
        list.find((s) => /^cvm-\d+x1$/.test(s.name))!,
        cli,
        tmp,
        log,
      );
      console.log(`\n${textTable(NOOP_COLUMNS, noopRows(n))}\n\njson: ${JSON.stringify(noopJson(n))}`);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    return;
  }
  let result: BenchResult;
  try {
    result = await runBench({
      scenarios: list,
      tmp,
      log,
      cli,
      harness: args.harness,
      noop: !args.quick || args.noop,
      ideal: !args.quick,
      micro: { hostStarts: args.quick ? 1 : 3 },
    });
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
    `Lower bound (real engine): the larger of two, measured in this run. The engine's own cost: the same number of do-nothing dynamic resources (bench/programs/fleet kind \`nothing\`, a CvmInstance's arguments) created (destroyed) at the same parallelism by the same CLI. The cloud's floor: an \`up\` of the program with no resources (the fastest of 2) plus the cloud's time at that parallelism: each resource holds one of P slots while it waits for a token of the documented bucket (a burst of the per-window limit, then the limit per window) and then for the boot (terminate) of its instance; with a slot per resource that is the last call's time plus one boot, with the limit not binding ceil(N / P) boots (bench/scenarios.ts cloudFloorMs). Boot ${result.runs[0]?.scenario.bootMs ?? 0} ms, terminate ${result.runs[0]?.scenario.terminateMs ?? 0} ms in the emulator. Harness rows: the cloud's time alone.`,
    ...(args.quick
      ? []
      : [
          `A provider that only waits (not part of the bound): the same number of dynamic resources (kind \`waiting\`) whose create (delete) takes the boot (terminate) time and calls nothing, at the same parallelism: the best any dynamic provider can do there, rate limits aside. It stays above the floor because the engine's start of the provider host and its cost around each wait add to the boots; the targets list its ratio to the bound and ours to it.`,
        ]),
    `Parallel: "default" runs without --parallel, the engine's 4 x GOMAXPROCS (${DEFAULT_PARALLEL} here); the other run of a scenario has --parallel N, a slot per resource. Wall: from the spawn of the Automation API's runner to its end (the CLI's start, the program, the provider host, the operation). Peak RSS: the largest sum of the resident memory over that runner (the program's host), the \`pulumi\` CLI and the provider host, sampled every 250 ms from /proc; "CLI + provider host" leaves the runner out (the processes the RSS target names).`,
    `Baseline: the same package and program with the baseline runtime (bench/baseline.ts) preloaded into the provider host: no shared rate limiter, no retries, every resource polling its own ids every ${BASELINE_POLL_MS / 1000} s.`,
    "Describe / minimum: describe calls made (throttled ones included) / the sum over polling rounds of ceil(ids described in the round / ids per call), from the emulator's request log.",
    `Load at the start (uptime): ${load}.`,
    ...result.runs.filter((r) => r.scenario.note).map((r) => `${r.scenario.name}: ${r.scenario.note}.`),
  ];
  const out: string[] = [
    "",
    textTable(COLUMNS, rows(result)),
    "",
    ...(result.noop ? [textTable(NOOP_COLUMNS, noopRows(result.noop)), ""] : []),
    textTable(["per resource", "figure"], microRows(result.json.micro)),
    "",
    textTable(PHASE_COLUMNS, phaseRows(result)),
    "",
    "targets (ours):",
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

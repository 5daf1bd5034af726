/**
 * Keeps `npm run bench` from rotting without a CLI (npm test has none): its smallest scenario
 * (CvmInstance, tiny N, short boot) runs end to end, ours and the baseline, through the harness
 * and the real dynamic-provider host (the bench's engine "harness"); the real engine's path is the
 * same figures from the same emulator (bench/engine.ts). And the pure parts, in milliseconds: the
 * cloud's floor at a parallelism, the no-op's JSON shape, table and targets.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  markdownTable,
  rows,
  runBench,
  textTable,
  writeCharts,
  COLUMNS,
  NOOP_COLUMNS,
  NoopRun,
  noopJson,
  noopRows,
  targets,
} from "../../bench/bench";
import type { NoopSide } from "../../bench/noop";
import { Scenario, cloudFloorMs, lowerBoundMs, scenarios } from "../../bench/scenarios";

const tiny: Scenario = {
  ...scenarios({ quick: true })[0],
  name: "cvm-tiny",
  resources: 3,
  bootMs: 300,
  terminateMs: 100,
};

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "runinstances-bench-test-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("the benchmark", () => {
  it("runs its smallest scenario, ours and the baseline, into the issue's JSON, a table and a chart", async () => {
    expect(tiny.kind).toBe("cvm");
    const result = await runBench({ scenarios: [tiny], tmp, micro: { iterations: 20, hostStarts: 1 } });
    expect(Object.keys(result.json).sort()).toEqual(["micro", "noop", "scenarios"]);
    expect(result.json.noop).toBeNull();
    const [s] = result.json.scenarios;
    expect(Object.keys(s).sort()).toEqual(["baseline", "engine", "name", "ours", "parallel"]);
    expect(s).toMatchObject({ name: "cvm-tiny", engine: "harness", parallel: 3 });
    for (const side of [s.ours, s.baseline]) {
      expect(Object.keys(side).sort()).toEqual(
        [
          "cliAndProviderHostRssMb",
          "describeCalls",
          "describeMinimum",
          "failures",
          "lowerBoundMs",
          "peakRssMb",
          "wallMs",
        ].sort(),
      );
      expect(side.lowerBoundMs).toBe(lowerBoundMs(tiny));
      expect(side.peakRssMb).toBeGreaterThan(20);
      // The harness has no CLI: its one process is the provider host.
      expect(side.cliAndProviderHostRssMb).toBe(side.peakRssMb);
    }
    for (const side of [result.runs[0].ours, result.runs[0].baseline]) {
      expect(side.calls.RunInstances).toBeGreaterThanOrEqual(3);
    }
    // Three creates fit in the burst: both sides succeed; the baseline waits for its 5 s poll.
    expect(s.ours.failures).toBe(0);
    expect(s.baseline.failures).toBe(0);
    const [run] = result.runs;
    expect(run.ours.reached).toBe(3);
    expect(run.baseline.wallMs).toBeGreaterThan(5000);
    // The baseline describes each resource on its own; ours all of them together.
    expect(run.baseline.describe.calls).toBeGreaterThanOrEqual(3);
    expect(run.ours.describe.calls).toBeLessThanOrEqual(run.ours.describe.minimum * 1.2);
    expect(run.ours.timeline[run.ours.timeline.length - 1][1]).toBe(3);

    expect(result.json.micro.providerTextBytes).toBeGreaterThan(500);
    expect(result.json.micro.checkDiffMedianUs).toBeGreaterThan(0);
    expect(result.json.micro.hostStartMs).toBeGreaterThan(0);

    expect(textTable(COLUMNS, rows(result))).toMatch(/cvm-tiny\s+harness\s+3\s+ours/);
    expect(markdownTable(COLUMNS, rows(result))).toContain("| baseline |");
    const [file] = writeCharts(result, path.join(tmp, "charts"));
    const svg = fs.readFileSync(path.join(tmp, "charts", file), "utf8");
    expect(svg).toMatch(/^<svg[^>]*>/);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
  }, 30_000);
});

const full = scenarios();
const byName = (name: string): Scenario => full.find((s) => s.name === name)!;

describe("the cloud's floor", () => {
  it("is the documented bucket plus the boot when every resource has a slot", () => {
    for (const s of full) expect(cloudFloorMs(s, s.resources)).toBe(lowerBoundMs(s));
  });

  it("is ceil(N / P) rounds of boot when the rate limit does not bind", () => {
    const s = byName("cvm-200x1");
    expect(cloudFloorMs(s, 8)).toBe(Math.ceil(200 / 8) * s.bootMs);
    const d = byName("cvm-200x1-destroy");
    expect(cloudFloorMs(d, 8)).toBe(Math.ceil(200 / 8) * d.terminateMs);
  });

  it("waits for the bucket where the rate limit binds (SWAS: 10 calls a minute)", () => {
    const s = byName("swas-20x1");
    // 8 calls at once, then each further call waits for a slot and a token: the 20th token comes
    // at 60 s (10 a minute after a burst of 10), the last boot ends after it.
    expect(cloudFloorMs(s, 8)).toBe(60_000 + s.bootMs);
    expect(cloudFloorMs(s, 8)).toBeGreaterThanOrEqual(Math.ceil(20 / 8) * s.bootMs);
  });
});

describe("the outputs", () => {
  const side = (over: Partial<NoopSide> = {}): NoopSide => ({
    previewMs: 4000,
    upMs: 5000,
    peakRssMb: 420,
    hostsRssMb: 300,
    stateBytesPerResource: 8000,
    providerTextBytes: 400,
    upWrites: { writes: 2, ms: 12.5 },
    ...over,
  });
  const n: NoopRun = {
    resources: 200,
    ours: side(),
    trivial: side({ previewMs: 3200, upMs: 4000, stateBytesPerResource: 3000 }),
  };

  it("gives the no-op in the issue's JSON shape", () => {
    expect(noopJson(n)).toEqual({
      resources: 200,
      previewMs: 4000,
      upMs: 5000,
      trivialPreviewMs: 3200,
      trivialUpMs: 4000,
      stateBytesPerResource: 8000,
      snapshotWriteMs: 12.5,
      peakRssMb: 420,
      cliAndProviderHostRssMb: 300,
    });
  });

  it("tables the no-op against the do-nothing stack, and judges it by the 1.5 x target", () => {
    const table = textTable(NOOP_COLUMNS, noopRows(n));
    expect(table).toMatch(/pulumi up, 200 resources\s+5\.0 s\s+4\.0 s\s+1\.25/);
    expect(table).toMatch(/state file per resource\s+8000 bytes\s+3000 bytes\s+2\.67/);
    const result = {
      json: { scenarios: [], noop: noopJson(n), micro: { checkDiffMedianUs: NaN } },
      runs: [],
      noop: n,
    };
    const t = targets(result as never);
    expect(t.map((x) => x.ok)).toEqual([true, true, true]);
    const slow = { ...result, noop: { ...n, ours: side({ upMs: 6100 }) } };
    expect(targets(slow as never)[1]).toMatchObject({ ok: false });
    // The RSS target is on the CLI and the provider host, the processes it names.
    const big = { ...result, noop: { ...n, ours: side({ peakRssMb: 620, hostsRssMb: 510 }) } };
    expect(targets(big as never)[2]).toMatchObject({ ok: false });
    expect(targets(big as never)[2].text).toContain("510 MB (CLI + provider host; 620 MB with");
  });
});

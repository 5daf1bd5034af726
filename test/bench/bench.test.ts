/**
 * Keeps `npm run bench` from rotting without a CLI (npm test has none): its smallest scenario
 * (CvmInstance, tiny N, short boot) runs end to end, ours and the baseline, through the harness
 * and the real dynamic-provider host (the bench's engine "harness"); the real engine's path is the
 * same figures from the same emulator (bench/engine.ts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { markdownTable, rows, runBench, textTable, writeCharts, COLUMNS } from "../../bench/bench";
import { Scenario, lowerBoundMs, scenarios } from "../../bench/scenarios";

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
        ["describeCalls", "describeMinimum", "failures", "lowerBoundMs", "peakRssMb", "wallMs"].sort(),
      );
      expect(side.lowerBoundMs).toBe(lowerBoundMs(tiny));
      expect(side.peakRssMb).toBeGreaterThan(20);
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

/**
 * The pure parts of the benchmark: the cloud's floor at a parallelism, the bound (the larger of
 * the engine's cost and the floor), the JSON shape and the table. Milliseconds.
 */
import { cloudFloorMs, lowerBoundMs, scenarios, Scenario } from "../../bench/scenarios";

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

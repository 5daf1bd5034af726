import { FakeClock } from "../../support/fake-clock";
import { Poller } from "../../../provider/core/poller";
import { TimeoutError } from "../../../provider/core/errors";

/** A fake cloud: each id becomes "RUNNING" at a given time, describes are recorded. */
function cloud(
  clock: FakeClock,
  readyAt: Record<string, number>,
  opts: { visibleAt?: Record<string, number> } = {},
) {
  const calls: string[][] = [];
  const describe = async (ids: string[]) => {
    calls.push(ids);
    const out = new Map<string, string>();
    for (const id of ids) {
      if ((opts.visibleAt?.[id] ?? 0) > clock.now()) continue;
      if (id in readyAt) out.set(id, clock.now() >= readyAt[id] ? "RUNNING" : "PENDING");
    }
    return out;
  };
  return { calls, describe };
}

const allRunning = (ids: string[]) => (view: { states: Map<string, string | undefined> }) =>
  ids.every((i) => view.states.get(i) === "RUNNING") ? ("done" as const) : ("pending" as const);

/** A poller of the fake cloud `c`: batches of 100, rounds 1 s apart at first, then up to `maxIntervalMs`. */
const pollerOf = (clock: FakeClock, c: ReturnType<typeof cloud>, maxIntervalMs?: number) =>
  new Poller({ batchSize: 100, describe: c.describe, clock, minIntervalMs: 1000, maxIntervalMs });

describe("the process-wide poller", () => {
  it("describes the waiting ids of every waiter together, in batches", async () => {
    const clock = new FakeClock();
    const ids = Array.from({ length: 150 }, (_, i) => `i-${i}`);
    const c = cloud(clock, Object.fromEntries(ids.map((i) => [i, 5000])));
    const poller = pollerOf(clock, c, 4000);
    await Promise.all([
      poller.wait(ids.slice(0, 100), allRunning(ids.slice(0, 100)), 60_000),
      poller.wait(ids.slice(100), allRunning(ids.slice(100)), 60_000),
    ]);
    // Every round asks for all 150 ids in 2 calls, never one call per waiter.
    expect(c.calls.every((batch) => batch.length === 100 || batch.length === 50)).toBe(true);
    expect(poller.stats.describeCalls).toBe(poller.stats.minimumCalls);
    // About a round a second (less a jitter) until the ids are ready at 5 s.
    expect(poller.stats.rounds).toBeLessThanOrEqual(6);
  });

  it("polls soon, then backs off up to the cap, without real sleeping", async () => {
    const clock = new FakeClock(0, () => 0);
    const c = cloud(clock, { a: 30_000 });
    const poller = pollerOf(clock, c, 4000);
    const roundTimes: number[] = [];
    await poller.wait(
      ["a"],
      (v) => {
        roundTimes.push(clock.now());
        return allRunning(["a"])(v);
      },
      60_000,
    );
    expect(roundTimes[0]).toBe(1000);
    const gaps = roundTimes.slice(1).map((t, i) => t - roundTimes[i]);
    // The shortest interval while a twentieth of the time waited is shorter, then a twentieth of it, up to the cap.
    gaps.forEach((g, i) => expect(g).toBeCloseTo(Math.min(4000, Math.max(1000, roundTimes[i] / 20)), 6));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(4000);
    // Ready at 30 s: seen less than 5% later.
    expect(roundTimes[roundTimes.length - 1]).toBeLessThan(31_501);
  });

  it("looks a quarter of a second into a wait by default: a 2 s terminate is seen by 2.25 s", async () => {
    const clock = new FakeClock(0, () => 0);
    const c = cloud(clock, { a: 2000 });
    const poller = new Poller({ batchSize: 100, describe: c.describe, clock });
    const roundTimes: number[] = [];
    await poller.wait(["a"], (v) => (roundTimes.push(clock.now()), allRunning(["a"])(v)), 60_000);
    expect(roundTimes[0]).toBe(250);
    expect(roundTimes[roundTimes.length - 1]).toBeLessThanOrEqual(2250);
  });

  it("spaces rounds so that their describes stay within the describe's rate", async () => {
    // ECM: 5 ids a call, 20 calls a second; 50 waiting ids are 10 calls a round, so rounds come
    // at least half a second apart, and never more than 20 calls in any second.
    const clock = new FakeClock(0, () => 0);
    const ids = Array.from({ length: 50 }, (_, i) => `e-${i}`);
    const c = cloud(clock, Object.fromEntries(ids.map((i) => [i, 7500])));
    const times: number[] = [];
    const describe = async (batch: string[]) => (times.push(clock.now()), c.describe(batch));
    const poller = new Poller({ batchSize: 5, describe, clock, callsPerSecond: 20 });
    await poller.wait(ids, allRunning(ids), 60_000);
    const rounds = [...new Set(times)];
    expect(rounds.length).toBeGreaterThan(3);
    rounds.slice(1).forEach((t, i) => expect(t - rounds[i]).toBeGreaterThanOrEqual(500));
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(20);
  });

  it("counts an id unknown to the describe right after create as pending, for a bounded number of rounds", async () => {
    const clock = new FakeClock();
    const c = cloud(clock, { a: 3000 }, { visibleAt: { a: 2500 } });
    const poller = pollerOf(clock, c);
    const seen: number[] = [];
    await poller.wait(
      ["a"],
      (v) => {
        seen.push(v.notFoundRounds("a"));
        if (v.notFoundRounds("a") > 5) return new Error("gone");
        return allRunning(["a"])(v);
      },
      60_000,
    );
    expect(seen[0]).toBe(1);
    expect(seen[seen.length - 1]).toBe(0);
  });

  it("runs a last round just before the deadline, then times out", async () => {
    const clock = new FakeClock(0, () => 0);
    const c = cloud(clock, { a: 1e9 });
    const poller = pollerOf(clock, c, 8000);
    const rounds: number[] = [];
    const p = poller.wait(
      ["a"],
      (v) => {
        rounds.push(clock.now());
        return allRunning(["a"])(v);
      },
      20_000,
    );
    await expect(p).rejects.toBeInstanceOf(TimeoutError);
    expect(rounds.some((t) => t >= 19_000 && t <= 20_000)).toBe(true);
  });

  it("fails waiters after repeated describe errors", async () => {
    const clock = new FakeClock();
    const poller = new Poller<string>({
      batchSize: 100,
      describe: async () => {
        throw new Error("describe broke");
      },
      clock,
      maxConsecutiveErrors: 3,
    });
    await expect(poller.wait(["a"], () => "pending", 60_000)).rejects.toThrow(/describe broke/);
  });
});

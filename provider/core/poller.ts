/**
 * One process-wide poller per (service, region, credentials): every waiting instance of every
 * resource is described together, up to `batchSize` ids a call (100; 5 for ECM), one round at a
 * time. Rounds come soon after a new wait starts (a quarter of a second: a 2 s terminate is seen
 * at about 2.1 s, not 2.7 s), then back off with jitter (the interval a twentieth of the time waited)
 * up to a cap; a last round runs just before the earliest deadline. Rounds are spaced so that
 * their describes stay within the describe's rate limit.
 */
import { Clock, realClock } from "./clock";
import { TimeoutError, errorMessage } from "./errors";

export type Verdict = "done" | "pending" | Error;

/** The interval between rounds as a fraction of the time a waiter has waited. */
const WAIT_FRACTION = 0.05;

export interface RoundView<S> {
  /** The state of each id, undefined when the describe did not find it. */
  states: Map<string, S | undefined>;
  /** Consecutive rounds in which an id was not found. */
  notFoundRounds(id: string): number;
  /** Time since the wait began. */
  elapsedMs: number;
}

export interface PollerOptions<S> {
  batchSize: number;
  /** Describes up to batchSize ids; returns the ones it found. */
  describe(ids: string[]): Promise<Map<string, S>>;
  clock?: Clock;
  /** Delay before the first round of a new wait, and the shortest interval (250 ms). */
  minIntervalMs?: number;
  /** Describe calls a second that rounds may make: a round of k calls comes k / rate after the last. */
  callsPerSecond?: number;
  /** The longest interval between rounds. */
  maxIntervalMs?: number;
  /** Describe failures in a row (after the describe's own retries) before waits fail. */
  maxConsecutiveErrors?: number;
}

interface Waiter<S> {
  ids: string[];
  judge(view: RoundView<S>): Verdict;
  deadline: number;
  startedAt: number;
  rounds: number;
  notFound: Map<string, number>;
  last: Map<string, S | undefined>;
  errors: number;
  describeIt: string;
  resolve(states: Map<string, S | undefined>): void;
  reject(e: Error): void;
}

export interface PollerStats {
  rounds: number;
  describeCalls: number;
  /** Sum over rounds of ceil(ids / batchSize): the fewest describes that could have served the rounds. */
  minimumCalls: number;
}

export class Poller<S> {
  private waiters = new Set<Waiter<S>>();
  private running = false;
  private readonly clock: Clock;
  private readonly minInterval: number;
  private readonly maxInterval: number;
  readonly stats: PollerStats = { rounds: 0, describeCalls: 0, minimumCalls: 0 };

  constructor(private readonly opts: PollerOptions<S>) {
    this.clock = opts.clock ?? realClock;
    this.minInterval = opts.minIntervalMs ?? 250;
    this.maxInterval = opts.maxIntervalMs ?? 8000;
  }

  /**
   * Waits until `judge` says done (resolves with the last states) or fails (rejects with its
   * error); a TimeoutError naming `what` at the deadline.
   */
  wait(
    ids: string[],
    judge: (view: RoundView<S>) => Verdict,
    deadline: number,
    what = "instances",
  ): Promise<Map<string, S | undefined>> {
    return new Promise((resolve, reject) => {
      if (ids.length === 0) return resolve(new Map());
      const now = this.clock.now();
      this.waiters.add({
        ids: [...new Set(ids)],
        judge,
        deadline,
        startedAt: now,
        rounds: 0,
        notFound: new Map(),
        last: new Map(),
        errors: 0,
        describeIt: what,
        resolve,
        reject,
      });
      if (!this.running) void this.loop();
    });
  }

  private nextRoundAt(lastRoundAt: number): number {
    let at = Infinity;
    for (const w of this.waiters) {
      // The interval grows with the time waited (a twentieth of it, between the shortest and the
      // longest interval): what becomes ready is seen at most about 5% later than it could be,
      // and the rounds of a long wait thin out up to the cap. Rounds other waiters caused do not
      // make a new waiter back off.
      const waited = Math.max(0, lastRoundAt - w.startedAt);
      const interval =
        w.rounds === 0
          ? this.minInterval
          : Math.min(this.maxInterval, Math.max(this.minInterval, waited * WAIT_FRACTION));
      const base = w.rounds === 0 ? w.startedAt : lastRoundAt;
      // Jitter within the last fifth of the interval keeps many processes from polling in step.
      const jittered = base + interval - Math.floor(this.clock.random() * interval * 0.2);
      // A last round just before the deadline.
      at = Math.min(at, jittered, w.deadline - Math.min(500, this.minInterval / 2));
    }
    return Math.max(at, lastRoundAt + Math.max(Math.min(this.minInterval, 250), this.spacingMs()));
  }

  /** The share of the rate limit a round takes: its describe calls / callsPerSecond. */
  private spacingMs(): number {
    if (!this.opts.callsPerSecond) return 0;
    const ids = new Set([...this.waiters].flatMap((w) => w.ids));
    return (Math.ceil(ids.size / this.opts.batchSize) * 1000) / this.opts.callsPerSecond;
  }

  private async loop(): Promise<void> {
    this.running = true;
    let lastRoundAt = -Infinity;
    try {
      while (this.waiters.size) {
        const due = this.nextRoundAt(lastRoundAt);
        const now = this.clock.now();
        if (due > now) {
          // Sleep in short steps so that a new wait with an earlier due time is not delayed long.
          await this.clock.sleep(Math.min(due - now, 250));
          continue;
        }
        lastRoundAt = now;
        await this.round();
      }
    } finally {
      this.running = false;
      if (this.waiters.size) void this.loop();
    }
  }

  private async round(): Promise<void> {
    const waiters = [...this.waiters];
    const ids = [...new Set(waiters.flatMap((w) => w.ids))];
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += this.opts.batchSize)
      batches.push(ids.slice(i, i + this.opts.batchSize));
    this.stats.rounds++;
    this.stats.minimumCalls += batches.length;
    this.stats.describeCalls += batches.length;
    const found = new Map<string, S>();
    let failure: unknown;
    await Promise.all(
      batches.map(async (batch) => {
        try {
          for (const [id, s] of await this.opts.describe(batch)) found.set(id, s);
        } catch (e) {
          failure = e;
        }
      }),
    );
    const now = this.clock.now();
    for (const w of waiters) {
      w.rounds++;
      if (failure !== undefined && w.ids.some((id) => !found.has(id))) {
        w.errors++;
        if (w.errors >= (this.opts.maxConsecutiveErrors ?? 5) || now >= w.deadline) {
          this.finish(
            w,
            new Error(`describing ${w.describeIt} failed: ${errorMessage(failure)}`, { cause: failure }),
          );
        }
        continue;
      }
      w.errors = 0;
      const states = new Map<string, S | undefined>();
      for (const id of w.ids) {
        states.set(id, found.get(id));
        w.notFound.set(id, found.has(id) ? 0 : (w.notFound.get(id) ?? 0) + 1);
      }
      w.last = states;
      let verdict: Verdict;
      try {
        verdict = w.judge({
          states,
          notFoundRounds: (id) => w.notFound.get(id) ?? 0,
          elapsedMs: now - w.startedAt,
        });
      } catch (e) {
        verdict = e instanceof Error ? e : new Error(String(e));
      }
      if (verdict === "done") this.finish(w, states);
      else if (verdict instanceof Error) this.finish(w, verdict);
      else if (now >= w.deadline) {
        this.finish(w, new TimeoutError(`timed out waiting for ${w.describeIt}`));
      }
    }
  }

  private finish(w: Waiter<S>, result: Map<string, S | undefined> | Error): void {
    this.waiters.delete(w);
    if (result instanceof Error) w.reject(result);
    else w.resolve(result);
  }

  /** The states seen by the last round, for error reports. */
  get waiting(): number {
    return this.waiters.size;
  }
}

/** Pollers by key, created on first use: one per (service, region, credentials) in the process. */
export class PollerRegistry {
  private pollers = new Map<string, Poller<unknown>>();
  get<S>(key: string, create: () => Poller<S>): Poller<S> {
    let p = this.pollers.get(key) as Poller<S> | undefined;
    if (!p) this.pollers.set(key, (p = create()) as Poller<unknown>);
    return p;
  }
  all(): Array<[string, Poller<unknown>]> {
    return [...this.pollers];
  }
}

export const sharedPollers = new PollerRegistry();

/**
 * The benchmark's baseline (bench/, `npm run bench`): what a typical dynamic provider does, as a
 * Runtime for the same provider code. Every resource waits on its own, polling every 5 s with only
 * its own ids; no shared rate limiter; nothing is retried. Never used unless the provider process
 * runs with RUNINSTANCES_BASELINE=1 (see context.ts), which only the benchmark sets.
 */
import { Clock, realClock } from "./clock";
import type { Runtime } from "./context";
import { Poller, PollerRegistry } from "./poller";
import { RateLimiter } from "./ratelimit";

/** The fixed poll interval of the baseline. */
export const BASELINE_POLL_MS = 5000;

/** No limiter: every call goes out at once. */
class NoLimiter extends RateLimiter {
  override acquire(): Promise<void> {
    return Promise.resolve();
  }
  override throttled(): void {}
}

/** No sharing: every wait gets a poller of its own, so it describes only its resource's ids. */
class PerWaitPollers extends PollerRegistry {
  override get<S>(_key: string, create: () => Poller<S>): Poller<S> {
    return create();
  }
}

export function baselineRuntime(clock: Clock = realClock): Runtime {
  return {
    // The poller's jitter is clock.random(): 0 makes the interval exactly BASELINE_POLL_MS (the
    // clock is used for nothing else that is random here: retries are off).
    clock: { now: () => clock.now(), sleep: (ms) => clock.sleep(ms), random: () => 0 },
    limiter: new NoLimiter(clock),
    pollers: new PerWaitPollers(),
    retries: false,
    pollMinMs: BASELINE_POLL_MS,
    pollMaxMs: BASELINE_POLL_MS,
    log: (message) => {
      if (process.env.RUNINSTANCES_QUIET !== "1") process.stderr.write(`${message}\n`);
    },
  };
}

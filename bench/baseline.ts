/**
 * The benchmark's baseline: what a typical dynamic provider does, as a Runtime for the same
 * provider code. Every resource waits on its own, polling every 5 s with only its own ids; no
 * shared rate limiter; nothing is retried. The baseline side of a scenario preloads
 * baseline-preload.ts into its provider host (run.ts), which puts this runtime in place of the
 * default one; the package itself knows nothing of it.
 */
import type { Runtime } from "pulumi-runinstances/provider/core/context";
import { Poller, PollerRegistry } from "pulumi-runinstances/provider/core/poller";
import { RateLimiter } from "pulumi-runinstances/provider/core/ratelimit";

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

/** The baseline made from the standard runtime: its clock and its progress lines, nothing shared. */
export function baselineRuntime(standard: Runtime): Runtime {
  const clock = standard.clock;
  return {
    // The poller's jitter is clock.random(): 0 makes the interval exactly BASELINE_POLL_MS (the
    // clock is used for nothing else that is random here: retries are off).
    clock: { now: () => clock.now(), sleep: (ms) => clock.sleep(ms), random: () => 0 },
    limiter: new NoLimiter(clock),
    pollers: new PerWaitPollers(),
    retries: false,
    pollMinMs: BASELINE_POLL_MS,
    pollMaxMs: BASELINE_POLL_MS,
    log: (message) => standard.log(message),
  };
}

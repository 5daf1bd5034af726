/**
 * Retries with full jitter (delay = random(0, min(cap, base * 2^attempt))), bounded by the
 * operation's deadline. Throttling, internal errors / 5xx and network errors are retried;
 * parameter errors fail at once with the cloud's code, message and RequestId.
 */
import { Clock, realClock } from "./clock";
import { CloudError, TimeoutError, isRetryable, isThrottling } from "./errors";

export interface RetryOptions {
  /** Absolute time (clock.now()) after which no new attempt starts. */
  deadline: number;
  clock?: Clock;
  baseMs?: number;
  capMs?: number;
  /** Called before each retry: for progress lines and throttling counts. */
  onRetry?: (e: CloudError, attempt: number, delayMs: number) => void;
  /** Overrides which errors are retried (e.g. not network errors of a non-idempotent call). */
  retryable?: (e: CloudError) => boolean;
}

export async function withRetry<T>(fn: () => Promise<T>, opts: RetryOptions): Promise<T> {
  const clock = opts.clock ?? realClock;
  const base = opts.baseMs ?? 250;
  const cap = opts.capMs ?? 8000;
  const retryable = opts.retryable ?? isRetryable;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof CloudError) || !retryable(e)) throw e;
      const ceiling = Math.min(cap, base * 2 ** attempt);
      // Throttling: never retry sooner than a tenth of a window's share.
      const delay = Math.max(isThrottling(e) ? 100 : 0, Math.floor(clock.random() * ceiling));
      if (clock.now() + delay >= opts.deadline) {
        throw new TimeoutError(`gave up after ${attempt + 1} attempts before the deadline: ${e.message}`);
      }
      opts.onRetry?.(e, attempt + 1, delay);
      await clock.sleep(delay);
    }
  }
}

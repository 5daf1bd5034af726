/**
 * Token buckets per (vendor, service, action, region, credentials), at the documented limits,
 * shared by every resource in the process: 200 resources created at once queue here instead of
 * meeting RequestLimitExceeded.
 */
import { Clock, realClock } from "./clock";
import { rateLimitScale } from "./config";

export interface Limit {
  /** Calls allowed per window. */
  calls: number;
  windowMs: number;
}

/**
 * Documented limits (CVM: RunInstances 10/s, DescribeInstances 40/s; ECM and HAI 20/s; SWAS 10 a
 * minute per action, in each API document), multiplied by rateLimitScale() (config.ts).
 */
export function documentedLimit(service: string, action: string): Limit {
  const scale = rateLimitScale();
  const limit = (calls: number, windowMs: number): Limit => ({
    calls: Math.max(1, Math.round(calls * scale)),
    windowMs,
  });
  switch (service) {
    case "cvm":
      if (action === "DescribeInstances" || action === "DescribeInstanceTypeConfigs") return limit(40, 1000);
      if (action === "DescribeZones") return limit(20, 1000);
      return limit(10, 1000);
    case "swas":
      return limit(10, 60_000);
    default:
      return limit(20, 1000);
  }
}

/** A limit as calls a second. */
export function perSecond(limit: Limit): number {
  return (limit.calls * 1000) / limit.windowMs;
}

class Bucket {
  private tokens: number;
  private at: number;
  private queue: Array<() => void> = [];
  private draining = false;

  constructor(
    private readonly limit: Limit,
    private readonly clock: Clock,
  ) {
    this.tokens = limit.calls;
    this.at = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(
      this.limit.calls,
      this.tokens + ((now - this.at) * this.limit.calls) / this.limit.windowMs,
    );
    this.at = now;
  }

  acquire(): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push(resolve);
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length) {
        this.refill();
        if (this.tokens >= 1) {
          this.tokens -= 1;
          this.queue.shift()!();
          continue;
        }
        // Wait for the next whole token, plus a margin (5% of the interval): the cloud's window
        // starts when our first call lands, a little after we sent it.
        const interval = this.limit.windowMs / this.limit.calls;
        await this.clock.sleep((1 - this.tokens) * interval + Math.max(2, 0.05 * interval));
      }
    } finally {
      this.draining = false;
    }
  }

  /** After a throttling answer: the cloud's window is fuller than ours; spend our tokens. */
  drainTokens(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }
}

export class RateLimiter {
  private buckets = new Map<string, Bucket>();
  constructor(private readonly clock: Clock = realClock) {}

  private bucket(key: string, limit: Limit): Bucket {
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = new Bucket(limit, this.clock)));
    return b;
  }

  /** Waits for a token of the (key, action) bucket. */
  acquire(key: string, service: string, action: string): Promise<void> {
    return this.bucket(`${key}|${service}|${action}`, documentedLimit(service, action)).acquire();
  }

  throttled(key: string, service: string, action: string): void {
    this.bucket(`${key}|${service}|${action}`, documentedLimit(service, action)).drainTokens();
  }
}

/** The process-wide limiter every resource shares. */
export const sharedLimiter = new RateLimiter();

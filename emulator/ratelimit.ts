/** Documented rate limits as data, and the token buckets that enforce them. */

/** Calls allowed per window, per account, region and action. */
export interface RateLimit {
  calls: number;
  windowMs: number;
}

/** A service's documented limits: one for every action, and the actions that differ. */
export interface RateLimits {
  default: RateLimit;
  actions?: Record<string, RateLimit>;
}

export function limitOf(limits: RateLimits, action: string): RateLimit {
  return limits.actions?.[action] ?? limits.default;
}

/** Token buckets that refill continuously: `calls` tokens per `windowMs`, scaled. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Takes a token from the bucket `key`; false when it is empty (throttled). */
  take(key: string, limit: RateLimit, scale: number, now: number): boolean {
    const capacity = Math.max(1, Math.round(limit.calls * scale));
    const b = this.buckets.get(key) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) * capacity) / limit.windowMs);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  clear(): void {
    this.buckets.clear();
  }
}

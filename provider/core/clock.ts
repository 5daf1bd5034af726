/** Time as the provider sees it: injectable, so waits and retries are tested without sleeping. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  random: Math.random,
};

/** A clock whose sleeps return at once and move its time forward: for tests. */
export class FakeClock implements Clock {
  slept: number[] = [];
  constructor(
    public t = 0,
    private readonly rand: () => number = () => 0.5,
  ) {}
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.slept.push(ms);
    this.t += Math.max(0, ms);
    await Promise.resolve();
  }
  random(): number {
    return this.rand();
  }
}

/** "15m", "90s", "1h30m", "500ms" → milliseconds. */
export function parseDuration(text: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "ms" | "s" | "m" | "h"];
    consumed += m[0].length;
  }
  if (consumed !== text.length || consumed === 0)
    throw new Error(`"${text}" is not a duration like "15m", "90s" or "1h30m"`);
  return total;
}

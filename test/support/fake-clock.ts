/** A test double of the provider's clock: sleeps return at once and move its time forward. */
import type { Clock } from "../../provider/core/clock";

export class FakeClock implements Clock {
  /** Every sleep asked for, in order. */
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

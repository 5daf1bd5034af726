import { FakeClock } from "../../support/fake-clock";
import { parseDuration } from "../../../provider/core/duration";
import { CloudError, TimeoutError, toCloudError, isRetryable } from "../../../provider/core/errors";
import { withRetry } from "../../../provider/core/retry";
import { RateLimiter } from "../../../provider/core/ratelimit";

const err = (code: string, httpStatus?: number) =>
  new CloudError("tencentcloud", "RunInstances", code, "msg", "req-1", httpStatus);

describe("retry with full jitter, bounded by the deadline", () => {
  it("retries throttling, internal errors and network errors, then succeeds", async () => {
    const clock = new FakeClock(0, () => 0.5);
    const failures = [err("RequestLimitExceeded"), err("InternalError"), err("NetworkError")];
    let calls = 0;
    const v = await withRetry(
      async () => {
        calls++;
        const f = failures.shift();
        if (f) throw f;
        return "ok";
      },
      { deadline: 60_000, clock, baseMs: 200, capMs: 5000 },
    );
    expect(v).toBe("ok");
    expect(calls).toBe(4);
    // Full jitter: random(0, min(cap, base * 2^attempt)) with random() = 0.5; throttling waits at least 100 ms.
    expect(clock.slept).toEqual([100, 200, 400]);
  });

  it("never retries a parameter error", async () => {
    const clock = new FakeClock();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw err("InvalidImageId.NotFound");
        },
        { deadline: 60_000, clock },
      ),
    ).rejects.toMatchObject({ code: "InvalidImageId.NotFound", requestId: "req-1" });
    expect(calls).toBe(1);
    expect(clock.slept).toEqual([]);
  });

  it("gives up before the deadline with the last error in the message", async () => {
    const clock = new FakeClock(0, () => 0.99);
    const p = withRetry(
      async () => {
        throw err("InternalError");
      },
      { deadline: 3000, clock, baseMs: 500, capMs: 10_000 },
    );
    await expect(p).rejects.toBeInstanceOf(TimeoutError);
    await expect(p).rejects.toThrow(/InternalError/);
    expect(clock.now()).toBeLessThan(3000);
  });

  it("classifies SDK errors", () => {
    expect(
      toCloudError("tencentcloud", "X", { code: "RequestLimitExceeded", message: "m", requestId: "r" }),
    ).toMatchObject({
      code: "RequestLimitExceeded",
      requestId: "r",
    });
    expect(
      toCloudError("tencentcloud", "X", {
        code: "",
        message: "request to http://x failed, reason: socket hang up",
      }).code,
    ).toBe("NetworkError");
    expect(
      toCloudError("alicloud", "X", {
        code: "Throttling.User",
        statusCode: 400,
        data: { RequestId: "R" },
        message: "code: 400, Request was denied due to user flow control. request id: R",
      }),
    ).toMatchObject({
      code: "Throttling.User",
      requestId: "R",
      cloudMessage: "Request was denied due to user flow control.",
    });
    expect(isRetryable(err("InvalidParameterValue"))).toBe(false);
    expect(isRetryable(err("Something", 503))).toBe(true);
    expect(isRetryable(err("OperationDenied.InstanceOperationInProgress"))).toBe(true);
  });

  it("parses durations", () => {
    expect(parseDuration("15m")).toBe(900_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("500ms")).toBe(500);
    expect(() => parseDuration("ten")).toThrow(/duration/);
  });
});

describe("rate limiter", () => {
  it("lets the documented burst through, then paces at the documented rate", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(clock);
    await Promise.all(Array.from({ length: 10 }, () => limiter.acquire("k", "cvm", "RunInstances")));
    expect(clock.now()).toBe(0);
    // Then one every 100 ms (10/s): 20 more calls take about 2 s.
    await Promise.all(Array.from({ length: 20 }, () => limiter.acquire("k", "cvm", "RunInstances")));
    expect(clock.now()).toBeGreaterThanOrEqual(2000);
    expect(clock.now()).toBeLessThan(2200);
  });

  it("keeps separate buckets per key and action", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(clock);
    await Promise.all(Array.from({ length: 10 }, () => limiter.acquire("a", "cvm", "RunInstances")));
    await Promise.all(Array.from({ length: 10 }, () => limiter.acquire("b", "cvm", "RunInstances")));
    await Promise.all(Array.from({ length: 40 }, () => limiter.acquire("a", "cvm", "DescribeInstances")));
    expect(clock.now()).toBe(0);
  });

  it("paces SWAS at 10 calls a minute", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(clock);
    await Promise.all(Array.from({ length: 11 }, () => limiter.acquire("a", "swas", "CreateInstances")));
    expect(clock.now()).toBeGreaterThanOrEqual(6000);
  });
});

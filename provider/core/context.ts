/**
 * What one provider operation carries: its deadline, the clock, the shared limiter and pollers,
 * and a progress line writer. Long operations print progress to stderr, which Pulumi shows.
 */
import { Clock, realClock } from "./clock";
import { RateLimiter, sharedLimiter } from "./ratelimit";
import { PollerRegistry, sharedPollers } from "./poller";
import { baselineRuntime } from "./baseline";

export interface Runtime {
  clock: Clock;
  limiter: RateLimiter;
  pollers: PollerRegistry;
  /** Progress and warnings for the user. */
  log(message: string): void;
  /** False: no call is retried (the benchmark's baseline of a typical dynamic provider). */
  retries?: boolean;
  /** Poll intervals; tests make them small. */
  pollMinMs?: number;
  pollMaxMs?: number;
}

/** RUNINSTANCES_POLL_INTERVAL_MS: the shortest poll interval (default 1000), e.g. lower against the emulator. */
const pollMin = Number(process.env.RUNINSTANCES_POLL_INTERVAL_MS) || undefined;

/**
 * The engine reads the provider host's stdout and stderr. When the CLI is killed and the host
 * lives on (it runs in a process group of its own), every write fails with EPIPE; unheard, that
 * error reaches the host's uncaught-exception handler, which writes it to stderr again, in a loop
 * that takes a core and gigabytes. Heard here, the host just stops writing and finishes its work.
 */
let engineGone = false;
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", () => {
    engineGone = true;
  });
}

function writeLine(message: string): void {
  if (!engineGone && process.env.RUNINSTANCES_QUIET !== "1") process.stderr.write(`${message}\n`);
}

/**
 * RUNINSTANCES_BASELINE=1 is a benchmark-only switch (`npm run bench`): the provider process then
 * runs as a typical dynamic provider would (baseline.ts: no shared limiter, no retries, each
 * resource polling alone every 5 s), for the side-by-side figures. Never set it otherwise.
 */
export const defaultRuntime: Runtime =
  process.env.RUNINSTANCES_BASELINE === "1"
    ? baselineRuntime()
    : {
        clock: realClock,
        limiter: sharedLimiter,
        pollers: sharedPollers,
        pollMinMs: pollMin,
        pollMaxMs: pollMin && Math.max(pollMin * 8, 1000),
        log: writeLine,
      };

export interface Operation {
  rt: Runtime;
  /** clock.now() after which the operation gives up. */
  deadline: number;
  /** "creating CvmInstance web" — the prefix of progress lines and errors. */
  what: string;
}

export function operation(rt: Runtime, what: string, timeoutMs: number): Operation {
  return { rt, deadline: rt.clock.now() + timeoutMs, what };
}

/** Writes a progress line at most every `everyMs`, and always when the text changes. */
export function progress(op: Operation, everyMs = 10_000): (text: string) => void {
  const start = op.rt.clock.now();
  let lastText = "";
  let lastAt = -Infinity;
  return (text) => {
    const now = op.rt.clock.now();
    if (text === lastText && now - lastAt < everyMs) return;
    lastText = text;
    lastAt = now;
    op.rt.log(`${op.what}: ${text} (${Math.round((now - start) / 1000)}s)`);
  };
}

/**
 * What one provider operation carries: its deadline, the clock, the shared limiter and pollers,
 * and a progress line writer. Long operations print progress to stderr, which Pulumi shows.
 */
import { Clock, realClock } from "./clock";
import { pollIntervalMs, quiet } from "./config";
import { RateLimiter, sharedLimiter } from "./ratelimit";
import { PollerRegistry, sharedPollers } from "./poller";

export interface Runtime {
  clock: Clock;
  limiter: RateLimiter;
  pollers: PollerRegistry;
  /** Progress and warnings for the user. */
  log(message: string): void;
  /** False: no call is retried. */
  retries?: boolean;
  /** Poll intervals; tests make them small. */
  pollMinMs?: number;
  pollMaxMs?: number;
}

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
  if (!engineGone && !quiet()) process.stderr.write(`${message}\n`);
}

function standardRuntime(): Runtime {
  const pollMin = pollIntervalMs();
  return {
    clock: realClock,
    limiter: sharedLimiter,
    pollers: sharedPollers,
    pollMinMs: pollMin,
    pollMaxMs: pollMin && Math.max(pollMin * 8, 1000),
    log: writeLine,
  };
}

/** The runtime of the provider process: the real clock, the process-wide limiter and pollers, stderr. */
export let defaultRuntime: Runtime = standardRuntime();

/**
 * The one seam for another runtime in a provider process: a module preloaded into the process
 * (`node --require`) before any provider module is loaded replaces the default runtime here, with
 * one it makes from the standard one. The package itself never calls it.
 */
export function replaceDefaultRuntime(make: (standard: Runtime) => Runtime): void {
  defaultRuntime = make(defaultRuntime);
}

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

/**
 * The shape both clouds' credentials take here: an ordered chain of sources (each one of the
 * SDK's own providers, or the explicit stack config), the first that yields credentials wins,
 * and when none does the error lists every source tried, in order, with why each gave nothing.
 * Nothing here reads a credential: the steps do, through the SDKs.
 */
import { createHash } from "node:crypto";
import { ConfigError, configGeneration } from "../config";

/** One source: undefined when it has nothing (not configured, no file); throws when it fails. */
export interface Step<C> {
  /** The source as the error names it: a stack config key, environment variables or a file. */
  name: string;
  get(): Promise<C | undefined>;
}

/** Messages of the sources, without anything they were given: a key never reaches an error. */
function reason(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0].slice(0, 300);
}

/**
 * The chain: the source that answered first keeps answering (its own refresh applies); when it
 * fails, the next call walks the chain again from the start.
 */
export function chain<C>(cloud: string, steps: Step<C>[]): () => Promise<C> {
  let current: Step<C> | undefined;
  return async () => {
    if (current) {
      try {
        const c = await current.get();
        if (c) return c;
      } catch (e) {
        current = undefined;
        throw e;
      }
      current = undefined;
    }
    const tried: string[] = [];
    for (const step of steps) {
      try {
        const c = await step.get();
        if (c) {
          current = step;
          return c;
        }
        tried.push(`${tried.length + 1}. ${step.name}: not set`);
      } catch (e) {
        tried.push(`${tried.length + 1}. ${step.name}: ${reason(e)}`);
      }
    }
    throw new ConfigError(`no ${cloud} credentials found; tried, in order:\n  ${tried.join("\n  ")}`);
  };
}

/**
 * A provider of the SDK rebuilt after it fails: the Tencent SDK keeps a rejected STS or metadata
 * promise forever, so one transient failure would fail every later call.
 */
export function rebuiltOnFailure<T>(make: () => T, use: (p: T) => Promise<unknown>): () => Promise<unknown> {
  let p: T | undefined;
  return async () => {
    p ??= make();
    try {
      return await use(p);
    } catch (e) {
      p = undefined;
      throw e;
    }
  };
}

/**
 * A short non-secret key of an identity (ids and role names, never keys or tokens): what the
 * shared rate limiters and pollers are keyed by, stable while temporary credentials rotate.
 */
export function fingerprint(parts: Array<string | undefined>): string {
  return createHash("sha256")
    .update(parts.map((p) => p ?? "").join("\0"))
    .digest("hex")
    .slice(0, 16);
}

/**
 * A value built from the stack config and the environment variables matching `env` (in memory
 * only), built again when either changes: the credentials, with their providers' caches.
 */
export function builtOnChange<T>(env: RegExp, build: () => T): { get(): T; reset(): void } {
  let cached: { inputs: string; value: T } | undefined;
  return {
    get() {
      const inputs = JSON.stringify([
        configGeneration(),
        Object.entries(process.env)
          .filter(([k]) => env.test(k))
          .sort(),
      ]);
      if (cached?.inputs !== inputs) cached = { inputs, value: build() };
      return cached.value;
    },
    reset: () => (cached = undefined),
  };
}

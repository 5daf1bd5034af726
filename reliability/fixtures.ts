/**
 * What the reliability cases run against, shared by the jest tests and `npm run reliability`:
 *
 * - a provider fixture: an in-process emulator and the providers called directly, with the
 *   emulator's clock as the provider's clock (waits, backoffs and timeouts take no real time);
 * - an engine fixture: one emulator per resource kind, and stacks of reliability/program run
 *   through the engine-path harness (the real dynamic-provider host over gRPC), time compressed
 *   by short boot times and poll intervals;
 * - the evidence: every state file, provider text, provider output line, emulator log and error
 *   message the cases produce, scanned at the end for credentials and passwords.
 *
 * The suite uses key pairs of its own (added to the emulators), so that a hit in the scan can
 * only come from this suite's runs.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  startEmulator,
  RunningEmulator,
  DEFAULT_SECRET_ID,
  DEFAULT_SECRET_KEY,
  Settings,
} from "pulumi-runinstances/emulator";
import { Runtime } from "../provider/core/context";
import { createStack, Stack, HarnessEvent } from "../harness";
import { packageLinkDir, REPO } from "../harness/package";
import { emulatorRuntime, forgetProviderState, pointAtEmulator } from "./provider-env";

export const TC_ID = "AKIDRELIABILITY0SUITE0TC";
export const TC_KEY = "rel-tc-key-7c1f5e0a9b2d4c3e";
export const ALI_ID = "LTAIRELIABILITYSUITEALI";
export const ALI_KEY = "rel-ali-key-d8e2b6f4a1c9";
/** Every credential the suite uses: none may appear in a state, a provider text, a log or an error. */
export const CREDENTIALS = [TC_ID, TC_KEY, ALI_ID, ALI_KEY, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY];
export const SUITE_KEY_PAIRS: Array<[string, string]> = [
  [TC_ID, TC_KEY],
  [ALI_ID, ALI_KEY],
];

export const PROGRAM = path.join(REPO, "reliability", "program");

const sleepReal = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (real time) until `test` is true; throws after `ms`. */
export async function until(what: string, test: () => Promise<boolean> | boolean, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await test()) return;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleepReal(10);
  }
}
export { sleepReal };

// ---- evidence -------------------------------------------------------------------------------

export interface Hit {
  source: string;
  secret: string;
  excerpt: string;
}

/** Everything the cases produced that a user, a log collector or a state backend could see. */
export class Evidence {
  readonly items: { source: string; text: string }[] = [];
  /** Passwords used by the cases (credentials are always scanned for). */
  readonly passwords = new Set<string>();

  add(source: string, text: unknown): void {
    const t = typeof text === "string" ? text : JSON.stringify(text);
    if (t) this.items.push({ source, text: t });
  }

  /**
   * An error as users see it: its message, its reasons (init failures) and its causes' messages.
   * Not the properties of an init failure: those become the state, where secret outputs are
   * encrypted (the state files are scanned).
   */
  error(source: string, e: unknown): void {
    if (e instanceof Error) {
      let err: unknown = e;
      for (let depth = 0; err instanceof Error && depth < 5; depth++) {
        const { reasons, code, requestId } = err as {
          reasons?: unknown;
          code?: unknown;
          requestId?: unknown;
        };
        this.add(`${source}: error`, [err.message, JSON.stringify({ reasons, code, requestId })].join("\n"));
        err = (err as { cause?: unknown }).cause;
      }
    } else {
      this.add(`${source}: error`, String(e));
    }
  }

  secrets(): string[] {
    return [...CREDENTIALS, ...this.passwords];
  }

  scan(): Hit[] {
    const hits: Hit[] = [];
    for (const { source, text } of this.items) {
      for (const secret of this.secrets()) {
        const at = text.indexOf(secret);
        if (at >= 0) {
          hits.push({
            source,
            secret: secret.slice(0, 4) + "…",
            excerpt: text.slice(Math.max(0, at - 60), at).replace(/\s+/g, " ") + "«…»",
          });
        }
      }
    }
    return hits;
  }

  bytes(): number {
    return this.items.reduce((n, i) => n + i.text.length, 0);
  }
}

/**
 * The emulator's request log, as evidence: what the provider sent (params, redacted by the
 * emulator) and the errors. The `account` column is the cloud's own attribution of the call
 * (the SecretId the request was signed with); it is left out, as a real cloud's logs know it too.
 */
export async function collectEmulatorLog(ev: Evidence, emu: RunningEmulator, source: string) {
  const log = await emu.control.log();
  ev.add(
    `${source}: emulator request log`,
    log.map(({ account: _account, ...entry }) => entry),
  );
}

// ---- provider fixture -----------------------------------------------------------------------

export interface ProviderFixture {
  emu: RunningEmulator;
  /** A fresh runtime (own limiter and pollers) on the emulator's clock; its log lines go to `logs`. */
  runtime(): { rt: Runtime; logs: string[] };
  /** Emulator back to its start (instances, faults, counts, log, clock), provider clients forgotten. */
  reset(): Promise<void>;
  setPreflight(on: boolean): void;
  close(): Promise<void>;
}

export const PROVIDER_SETTINGS: Partial<Settings> = { bootMs: 5000, terminateMs: 2000, transitionMs: 1000 };

export async function providerFixture(): Promise<ProviderFixture> {
  const emu = await startEmulator({ settings: PROVIDER_SETTINGS, credentials: SUITE_KEY_PAIRS });
  const restore = pointAtEmulator(emu, [TC_ID, TC_KEY], [ALI_ID, ALI_KEY]);
  return {
    emu,
    runtime() {
      const logs: string[] = [];
      return { rt: emulatorRuntime(emu, logs), logs };
    },
    async reset() {
      await emu.control.reset();
      forgetProviderState();
    },
    setPreflight(on) {
      if (on) process.env.RUNINSTANCES_PREFLIGHT = "true";
      else delete process.env.RUNINSTANCES_PREFLIGHT;
    },
    async close() {
      await emu.close();
      restore();
    },
  };
}

// ---- engine fixture -------------------------------------------------------------------------

export const ENGINE_SETTINGS: Partial<Settings> = {
  bootMs: 100,
  terminateMs: 100,
  transitionMs: 100,
  terminatedVisibleMs: 100,
  // SWAS's 10 calls a minute would make a real-time run slow: the limits are scaled up, on both
  // sides (RUNINSTANCES_RATE_SCALE for the providers' own limiters, below).
  rateLimitScale: 100,
};

export interface EngineFixture {
  /** The emulator of one resource kind (created on first use). */
  emulator(kind: string): Promise<RunningEmulator>;
  /** Every emulator created so far, by kind. */
  emulators(): Promise<Array<[string, RunningEmulator]>>;
  /** A stack of the suite's program for one kind; same `stack` name = same state file. */
  stack(
    kind: string,
    opts: { stack: string; config: Record<string, string>; env?: Record<string, string> },
  ): Promise<Stack>;
  tmp: string;
  close(): Promise<void>;
}

export async function engineFixture(ev: Evidence): Promise<EngineFixture> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "runinstances-reliability-"));
  const nodePath = packageLinkDir(tmp);
  const emulators = new Map<string, Promise<RunningEmulator>>();
  const stacks: Stack[] = [];
  const emulator = (kind: string) => {
    let e = emulators.get(kind);
    if (!e) {
      e = startEmulator({ settings: ENGINE_SETTINGS, credentials: SUITE_KEY_PAIRS });
      emulators.set(kind, e);
    }
    return e;
  };
  return {
    tmp,
    emulator,
    emulators: async () =>
      Promise.all([...emulators].map(async ([k, e]) => [k, await e] as [string, RunningEmulator])),
    async stack(kind, opts) {
      const emu = await emulator(kind);
      const onEvent = (e: HarnessEvent) => {
        if (e.type === "provider-output") ev.add(`${kind} ${opts.stack}: provider ${e.stream}`, e.line);
        if (e.type === "resource-failed") ev.add(`${kind} ${opts.stack}: error`, e.error);
        if (e.type === "program-error") ev.add(`${kind} ${opts.stack}: program error`, e.error);
      };
      const s = createStack({
        program: PROGRAM,
        stack: opts.stack,
        stateDir: path.join(tmp, "state", kind),
        nodePath,
        parallel: 4,
        onEvent,
        // Credentials as a user keeps them: in stack config (the secret key a secret).
        config: {
          "tencentcloud:region": "ap-guangzhou",
          "tencentcloud:secretId": TC_ID,
          "tencentcloud:secretKey": TC_KEY,
          "alicloud:region": "cn-hangzhou",
          "alicloud:accessKey": ALI_ID,
          "alicloud:secretKey": ALI_KEY,
          ...opts.config,
        },
        env: {
          RUNINSTANCES_ENDPOINT: emu.url,
          RUNINSTANCES_POLL_INTERVAL_MS: "50",
          RUNINSTANCES_RATE_SCALE: "100",
          // Progress lines on: they are evidence for the scan.
          RUNINSTANCES_QUIET: "0",
          ...opts.env,
        },
      });
      stacks.push(s);
      return s;
    },
    async close() {
      stacks.forEach((s) => s.close());
      for (const e of emulators.values()) await (await e).close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

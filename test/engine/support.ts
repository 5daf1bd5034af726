/**
 * Engine-path test support: an in-process emulator, a stack of a program run through the
 * harness (the real dynamic-provider host over gRPC), and a NODE_PATH under which the host
 * resolves `pulumi-runinstances` to this repository's built package (dist/).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY } from "pulumi-runinstances/emulator";
import type { RunningEmulator, Settings } from "pulumi-runinstances/emulator";
import { createStack, Stack, StackOptions } from "../../harness";
import { REPO, packageLinkDir } from "../../harness/package";

export { REPO, packageLinkDir };

export interface EngineEnv {
  emu: RunningEmulator;
  tmp: string;
  stack(program: string, opts?: Partial<StackOptions> & { credentialsInConfig?: boolean }): Stack;
  close(): Promise<void>;
}

/** Time compression of the engine-path tests: the documented rate limits run this many times faster. */
const RATE_SCALE = 20;

export async function engineEnv(settings: Partial<Settings> = {}): Promise<EngineEnv> {
  const emu = await startEmulator({
    settings: { bootMs: 300, terminateMs: 200, transitionMs: 100, rateLimitScale: RATE_SCALE, ...settings },
  });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "runinstances-engine-"));
  const nodePath = packageLinkDir(tmp);
  const stacks: Stack[] = [];
  let n = 0;
  return {
    emu,
    tmp,
    stack(program, opts = {}) {
      const { credentialsInConfig, ...rest } = opts;
      const credentials: Record<string, string> = credentialsInConfig
        ? { "tencentcloud:secretId": DEFAULT_SECRET_ID, "tencentcloud:secretKey": DEFAULT_SECRET_KEY }
        : {};
      const s = createStack({
        program,
        stack: `test${++n}`,
        stateDir: path.join(tmp, "state"),
        nodePath,
        ...rest,
        config: { "tencentcloud:region": "ap-guangzhou", ...credentials, ...rest.config },
        env: {
          RUNINSTANCES_ENDPOINT: emu.url,
          RUNINSTANCES_POLL_INTERVAL_MS: "50",
          RUNINSTANCES_RATE_SCALE: String(RATE_SCALE),
          ...(credentialsInConfig
            ? {}
            : {
                TENCENTCLOUD_SECRET_ID: DEFAULT_SECRET_ID,
                TENCENTCLOUD_SECRET_KEY: DEFAULT_SECRET_KEY,
                ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_SECRET_ID,
                ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_SECRET_KEY,
              }),
          ...rest.env,
        },
      });
      stacks.push(s);
      return s;
    },
    async close() {
      stacks.forEach((s) => s.close());
      await emu.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Every string that must never appear in a state file, a provider text or a log. */
export const CREDENTIALS = [DEFAULT_SECRET_KEY, DEFAULT_SECRET_ID];

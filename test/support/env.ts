/**
 * Test environments: an in-process emulator and a provider runtime whose clock is the
 * emulator's, so waits and backoffs advance emulated time instead of sleeping.
 */
import { startEmulator, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY } from "pulumi-runinstances/emulator";
import type { Fault, RunningEmulator, Settings } from "pulumi-runinstances/emulator";
import { Runtime } from "../../provider/core/context";
import { Clock } from "../../provider/core/clock";
import { emulatorClock } from "../../reliability/clock";
import { RateLimiter } from "../../provider/core/ratelimit";
import { PollerRegistry } from "../../provider/core/poller";
import { resetConfig } from "../../provider/core/config";
import { resetTencentClients } from "../../provider/tencentcloud/client";
import { resetAlicloudClients } from "../../provider/alicloud/client";

export interface TestEnv {
  emu: RunningEmulator;
  rt: Runtime;
  clock: Clock;
  logs: string[];
  close(): Promise<void>;
}

const ENV_KEYS = [
  "RUNINSTANCES_ENDPOINT",
  "TENCENTCLOUD_SECRET_ID",
  "TENCENTCLOUD_SECRET_KEY",
  "TENCENTCLOUD_REGION",
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABA_CLOUD_REGION_ID",
  "RUNINSTANCES_PREFLIGHT",
];

/** What the provider tests run the emulator with: instances take emulated seconds to boot, stop and end. */
export const PROVIDER_SETTINGS: Partial<Settings> = { bootMs: 5000, terminateMs: 2000, transitionMs: 1000 };

export async function testEnv(settings: Partial<Settings> = {}): Promise<TestEnv> {
  const emu = await startEmulator({
    settings: { ...PROVIDER_SETTINGS, ...settings },
  });
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  Object.assign(process.env, {
    RUNINSTANCES_ENDPOINT: emu.url,
    TENCENTCLOUD_SECRET_ID: DEFAULT_SECRET_ID,
    TENCENTCLOUD_SECRET_KEY: DEFAULT_SECRET_KEY,
    TENCENTCLOUD_REGION: "ap-guangzhou",
    ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_SECRET_ID,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_SECRET_KEY,
    ALIBABA_CLOUD_REGION_ID: "cn-hangzhou",
  });
  delete process.env.RUNINSTANCES_PREFLIGHT;
  resetConfig();
  resetTencentClients();
  resetAlicloudClients();
  const clock = emulatorClock(emu);
  const logs: string[] = [];
  const rt: Runtime = {
    clock,
    limiter: new RateLimiter(clock),
    pollers: new PollerRegistry(),
    log: (m) => logs.push(m),
    pollMinMs: 1000,
    pollMaxMs: 5000,
  };
  return {
    emu,
    rt,
    clock,
    logs,
    close: async () => {
      await emu.close();
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      resetConfig();
      resetTencentClients();
      resetAlicloudClients();
    },
  };
}

/**
 * The test file's environment: started before its tests and closed after them; before each test
 * the emulator is reset, given `settings`, and the logs are emptied. Its fields are those of the
 * started environment (read them inside tests and hooks).
 */
export function useTestEnv(settings: Partial<Settings> = PROVIDER_SETTINGS): TestEnv {
  let current: TestEnv | undefined;
  const started = () => {
    if (!current) throw new Error("the test environment starts in beforeAll");
    return current;
  };
  beforeAll(async () => {
    current = await testEnv();
  });
  afterAll(() => current?.close());
  beforeEach(async () => {
    await started().emu.control.reset();
    await started().emu.control.settings(settings);
    started().logs.length = 0;
  });
  return {
    get emu() {
      return started().emu;
    },
    get rt() {
      return started().rt;
    },
    get clock() {
      return started().clock;
    },
    get logs() {
      return started().logs;
    },
    close: () => started().close(),
  };
}

/** A runtime as a provider process of its own has it: the environment's clock and log, its own limiter and pollers. */
export const ownRuntime = (env: TestEnv): Runtime => ({
  ...env.rt,
  limiter: new RateLimiter(env.clock),
  pollers: new PollerRegistry(),
});

/** The next `count` calls of `service`'s `action` fail with `code`. */
export const failNext = (
  env: TestEnv,
  service: Fault["service"],
  action: string,
  code: string,
  count: number,
) => env.emu.control.addFault({ service, action, code, count });

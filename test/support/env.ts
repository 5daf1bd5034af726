/**
 * Test environments: an in-process emulator and a provider runtime whose clock is the
 * emulator's, so waits and backoffs advance emulated time instead of sleeping.
 */
import { startEmulator, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY } from "pulumi-runinstances/emulator";
import type { Fault, RunningEmulator, Settings } from "pulumi-runinstances/emulator";
import { Runtime } from "../../provider/core/context";
import { Clock } from "../../provider/core/clock";
import { emulatorRuntime, pointAtEmulator } from "../../reliability/provider-env";
import { RateLimiter } from "../../provider/core/ratelimit";
import { PollerRegistry } from "../../provider/core/poller";

export interface TestEnv {
  emu: RunningEmulator;
  rt: Runtime;
  clock: Clock;
  logs: string[];
  close(): Promise<void>;
}

/** What the provider tests run the emulator with: instances take emulated seconds to boot, stop and end. */
export const PROVIDER_SETTINGS: Partial<Settings> = { bootMs: 5000, terminateMs: 2000, transitionMs: 1000 };

export async function testEnv(settings: Partial<Settings> = {}): Promise<TestEnv> {
  const emu = await startEmulator({
    settings: { ...PROVIDER_SETTINGS, ...settings },
  });
  const restore = pointAtEmulator(
    emu,
    [DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY],
    [DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY],
  );
  const logs: string[] = [];
  const rt = emulatorRuntime(emu, logs);
  const clock = rt.clock;
  return {
    emu,
    rt,
    clock,
    logs,
    close: async () => {
      await emu.close();
      restore();
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

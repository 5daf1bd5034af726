/**
 * Test environments: an in-process emulator and a provider runtime whose clock is the
 * emulator's, so waits and backoffs advance emulated time instead of sleeping.
 */
import {
  startEmulator,
  RunningEmulator,
  DEFAULT_SECRET_ID,
  DEFAULT_SECRET_KEY,
  Settings,
} from "pulumi-runinstances/emulator";
import { Runtime } from "../../provider/core/context";
import { Clock } from "../../provider/core/clock";
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

/** The emulator's clock as the provider's: no real sleeping, emulated time moves forward instead. */
export function emulatorClock(emu: RunningEmulator): Clock {
  return {
    now: () => emu.world.now(),
    sleep: async (ms) => {
      emu.world.advanceClock(Math.max(0, ms));
      await new Promise((r) => setImmediate(r));
    },
    random: () => 0.5,
  };
}

export async function testEnv(settings: Partial<Settings> = {}): Promise<TestEnv> {
  const emu = await startEmulator({
    settings: { bootMs: 5000, terminateMs: 2000, transitionMs: 1000, ...settings },
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

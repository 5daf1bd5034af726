/**
 * A provider in this process pointed at an emulator: the environment it reads (endpoint, key
 * pairs, regions, no preflight), its cached config and clients forgotten, and a runtime on the
 * emulator's clock. Shared by the reliability suite's provider fixture and the provider tests.
 */
import type { RunningEmulator } from "pulumi-runinstances/emulator";
import type { Runtime } from "../provider/core/context";
import { RateLimiter } from "../provider/core/ratelimit";
import { PollerRegistry } from "../provider/core/poller";
import { resetConfig } from "../provider/core/config";
import { resetTencentClients } from "../provider/tencentcloud/client";
import { resetAlicloudClients } from "../provider/alicloud/client";
import { emulatorClock } from "./clock";

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

/** The provider's cached config and SDK clients, forgotten. */
export function forgetProviderState(): void {
  resetConfig();
  resetTencentClients();
  resetAlicloudClients();
}

/** Points the provider at `emu` with these key pairs; returns what puts the environment back. */
export function pointAtEmulator(
  emu: RunningEmulator,
  tencent: readonly [string, string],
  alibaba: readonly [string, string],
): () => void {
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  Object.assign(process.env, {
    RUNINSTANCES_ENDPOINT: emu.url,
    TENCENTCLOUD_SECRET_ID: tencent[0],
    TENCENTCLOUD_SECRET_KEY: tencent[1],
    TENCENTCLOUD_REGION: "ap-guangzhou",
    ALIBABA_CLOUD_ACCESS_KEY_ID: alibaba[0],
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: alibaba[1],
    ALIBABA_CLOUD_REGION_ID: "cn-hangzhou",
  });
  delete process.env.RUNINSTANCES_PREFLIGHT;
  forgetProviderState();
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    forgetProviderState();
  };
}

/** A runtime of its own (limiter, pollers) on the emulator's clock, its log lines into `logs`. */
export function emulatorRuntime(emu: RunningEmulator, logs: string[]): Runtime {
  const clock = emulatorClock(emu);
  return {
    clock,
    limiter: new RateLimiter(clock),
    pollers: new PollerRegistry(),
    log: (m) => logs.push(m),
    pollMinMs: 1000,
    pollMaxMs: 5000,
  };
}

/**
 * The emulator's clock as the provider's: no real sleeping, emulated time moves forward instead,
 * so waits and backoffs take no real time. Shared by the reliability cases and the tests.
 */
import type { RunningEmulator } from "pulumi-runinstances/emulator";
import type { Clock } from "../provider/core/clock";

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

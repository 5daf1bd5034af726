/** What the tests count of the emulator's calls. */
import type { RunningEmulator } from "pulumi-runinstances/emulator";

/** The calls that change something, summed over every service: all actions but describes, lists, gets and inquiries. */
export async function mutatingCalls(emu: RunningEmulator): Promise<number> {
  return Object.entries(await emu.control.calls())
    .filter(([action]) => !/\.(Describe|List|Get|Inquir)/.test(action))
    .reduce((n, [, c]) => n + c.calls, 0);
}

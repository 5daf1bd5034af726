/**
 * The daily no-op (issue 18): with a stack already up, `pulumi preview` and `pulumi up` with
 * nothing to change, each the fastest of NOOP_RUNS, at the engine's default parallelism; the
 * state file's bytes per resource; the time the file backend spends writing the state; the peak
 * resident memory of the CLI, the program's host and the provider host together.
 * (watchWrites in engine.ts says how the writes are timed).
 */
import { CliStack } from "../cli/stack";
import { WriteTimes, stateDir, timed, watchWrites } from "./engine";

export const NOOP_RUNS = 3;

export interface NoopSide {
  previewMs: number;
  upMs: number;
  peakRssMb: number;
  /** The CLI and the provider host alone. */
  hostsRssMb: number;
  stateBytesPerResource: number;
  /** The provider text (`__provider`) of the first resource in the state, stored in its inputs and outputs. */
  providerTextBytes: number;
  /** Writes and their time during the no-op up (the fastest one's). */
  upWrites: WriteTimes;
}

/** The no-op preview and up of a stack of `resources` resources that is up to date. */
export async function noop(stack: CliStack, resources: number): Promise<NoopSide> {
  const dir = stateDir(stack);
  let peak = 0;
  let hosts = 0;
  const best = async (op: "preview" | "up") => {
    let bestMs = Infinity;
    let writes: WriteTimes = { writes: 0, ms: 0 };
    for (let i = 0; i < NOOP_RUNS; i++) {
      const watch = watchWrites(dir);
      const r = await timed(stack, op, { expectNoChanges: true });
      const w = watch.stop();
      if (!r.result.ok) throw new Error(`no-op ${op} of ${stack.name} failed: ${r.result.error ?? ""}`);
      peak = Math.max(peak, r.peakRssMb);
      hosts = Math.max(hosts, r.hostsRssMb);
      if (r.wallMs < bestMs) [bestMs, writes] = [r.wallMs, w];
    }
    return { ms: bestMs, writes };
  };
  const preview = await best("preview");
  const up = await best("up");
  const state = stack.stateText();
  return {
    previewMs: preview.ms,
    upMs: up.ms,
    peakRssMb: peak,
    hostsRssMb: hosts,
    stateBytesPerResource: Math.round(Buffer.byteLength(state) / resources),
    providerTextBytes: providerTextBytes(state),
    upWrites: up.writes,
  };
}

function providerTextBytes(stateText: string): number {
  const state = JSON.parse(stateText) as {
    checkpoint: { latest?: { resources?: Array<{ inputs?: { __provider?: string } }> } };
  };
  const text = state.checkpoint.latest?.resources?.find((r) => r.inputs?.__provider)?.inputs?.__provider;
  return text === undefined ? 0 : Buffer.byteLength(text);
}

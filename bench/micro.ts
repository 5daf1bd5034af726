/**
 * The per-resource figures: check+diff time in-process (median over many calls of
 * `providers.cvm.check` and `diff`, with the inputs and outputs of a real CvmInstance), the
 * provider text each resource carries in its state, and the dynamic-provider host's start (spawn
 * to the first Check answered).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "pulumi-runinstances/emulator";
import { createStack, packageLinkDir, reveal, Props } from "../harness";
import { ProviderHost } from "../harness/host";
import { Scenario, PROGRAM } from "./scenarios";
import { hostEnv, stackConfig } from "./run";

export interface MicroFigures {
  checkDiffMedianUs: number;
  providerTextBytes: number;
  hostStartMs: number;
}

const ONE: Scenario = {
  name: "micro",
  kind: "cvm",
  resources: 1,
  instancesPer: 1,
  op: "up",
  bootMs: 0,
  terminateMs: 0,
  rateScale: 1,
  action: "RunInstances",
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export async function micro(
  tmp: string,
  opts: { iterations?: number; hostStarts?: number } = {},
): Promise<MicroFigures> {
  const iterations = opts.iterations ?? 5000;
  const emu = await startEmulator({ settings: { bootMs: 0, terminateMs: 0, rateLimits: false } });
  const nodePath = packageLinkDir(tmp);
  const config = stackConfig(ONE);
  // Fast polls: this up only makes a resource to measure, its time is not a figure.
  const env = { ...hostEnv(emu, ONE, "ours"), RUNINSTANCES_POLL_INTERVAL_MS: "50" };
  try {
    // One real CvmInstance: its inputs as the engine sends them, and its stored outputs.
    const stack = createStack({
      program: PROGRAM,
      stack: "micro",
      stateDir: path.join(tmp, "state"),
      nodePath,
      config,
      env,
    });
    let up;
    try {
      up = await stack.up();
    } finally {
      stack.close();
    }
    if (up.failed) throw new Error(`micro: up failed: ${up.resources.map((r) => r.error).join("; ")}`);
    const res = stack.state().resources.find((r) => r.type.endsWith("CvmInstance"))!;
    const inputs = reveal(res.inputs) as Props;
    const outputs = reveal(res.outputs) as Props;
    const providerTextBytes = Buffer.byteLength(String(inputs.__provider), "utf8");

    // check + diff in this process, the implementation the shim requires.
    const { providers } = require("pulumi-runinstances") as typeof import("pulumi-runinstances");
    const cvm = providers.cvm;
    await cvm.configure!({ config: { get: (k: string) => config[k] } } as never);
    const once = async () => {
      const t = process.hrtime.bigint();
      const checked = await cvm.check!(inputs, inputs);
      await cvm.diff!(res.id, outputs, checked.inputs);
      return Number(process.hrtime.bigint() - t) / 1000;
    };
    const first = await cvm.check!(inputs, inputs);
    if (first.failures?.length) throw new Error(`micro: check failed: ${JSON.stringify(first.failures)}`);
    const diff = await cvm.diff!(res.id, outputs, first.inputs);
    if (diff.changes) throw new Error(`micro: an unchanged resource diffs: ${JSON.stringify(diff)}`);
    for (let i = 0; i < Math.min(500, iterations); i++) await once();
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) times.push(await once());

    // Spawn → Configure → first Check answered (the shim loads the provider module on that Check).
    const starts: number[] = [];
    for (let i = 0; i < (opts.hostStarts ?? 3); i++) {
      const host = new ProviderHost({
        cwd: PROGRAM,
        project: "bench-fleet",
        config,
        env,
        nodePath,
      });
      try {
        const t = Date.now();
        const r = await host.check(res.urn, {}, inputs);
        starts.push(Date.now() - t);
        if (r.failures.length) throw new Error(`micro: host check failed: ${JSON.stringify(r.failures)}`);
      } finally {
        host.kill();
      }
    }
    return {
      checkDiffMedianUs: Math.round(median(times) * 10) / 10,
      providerTextBytes,
      hostStartMs: Math.round(median(starts)),
    };
  } finally {
    await emu.close();
    fs.rmSync(path.join(tmp, "state"), { recursive: true, force: true });
  }
}

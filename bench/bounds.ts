/**
 * The two lower bounds of a scenario on the real engine, measured in the same run (issue 18):
 *   - the engine's own cost: the same number of do-nothing dynamic resources (the fleet program's
 *     kind `nothing`) at the same parallelism, created (or destroyed) by the same CLI;
 *   - the cloud's floor: the engine's fixed start (an `up` of the program with no resources) plus
 *     what the documented rate limits and the boot time force at that parallelism (cloudFloorMs).
 * The bound is the larger. Each measurement runs once per (operation, resources, parallelism).
 * Beside the bound, not part of it: the provider that only waits (the fleet program's kind
 * `waiting`: a create or delete that takes the boot or terminate time and calls nothing), the best
 * any dynamic provider can do there, rate limits aside. The engine's start of a provider host and
 * its cost around each wait add to the boot instead of overlapping it, so even this provider is
 * above the floor; wall / ideal tells what of a miss is ours.
 */
import * as path from "node:path";
import { Cli } from "../cli/locate";
import { CliStack, CliWorkspace, Op } from "../cli/stack";
import { parallelOption, timed } from "./engine";
import { stackConfig } from "./run";
import { Scenario, PROGRAM, cloudFloorMs, slots } from "./scenarios";

export interface Bound {
  /** The larger of the two, ms. */
  lowerBoundMs: number;
  engineMs: number;
  /** Peak RSS (CLI + program + provider host) of the do-nothing run, MB. */
  engineRssMb: number;
  /** emptyUpMs + cloudMs. */
  floorMs: number;
  emptyUpMs: number;
  cloudMs: number;
  /** The provider that only waits, at the same parallelism (not part of the bound; not in --quick). */
  idealMs?: number;
}

/** Runs of an empty up before the minimum is taken (the engine's start varies a few 100 ms). */
const EMPTY_UPS = 2;

export class Bounds {
  private readonly ws: CliWorkspace;
  /** Measurements by fleet, operation, resources and parallelism: each runs once. */
  private readonly measured = new Map<string, { ms: number; rssMb: number }>();
  private emptyUp?: number;
  private n = 0;

  constructor(
    cli: Cli,
    root: string,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.ws = new CliWorkspace({ cli, root: path.join(root, "bounds") });
  }

  /** A new stack of `count` resources of the fleet program's `kind` (with `extra` config). */
  private fleet(kind: string, count: number, extra: Record<string, string> = {}): Promise<CliStack> {
    const config = { ...stackConfig({ kind, resources: count, instancesPer: 1 }), ...extra };
    return this.ws.stack({ program: PROGRAM, stack: `${kind}-${count}-${++this.n}`, config });
  }

  /** A new stack of `count` do-nothing resources (count 0: the program with no resources). */
  nothing(count: number): Promise<CliStack> {
    return this.fleet("nothing", count);
  }

  /** `op` of a new fleet of `count` (a destroy after an up at a slot per resource), once per key. */
  private async measure(
    what: string,
    fleet: () => Promise<CliStack>,
    op: Op,
    count: number,
    parallel: number | "default",
  ): Promise<{ ms: number; rssMb: number }> {
    const key = `${what} ${op} ${count} ${parallel}`;
    let m = this.measured.get(key);
    if (m === undefined) {
      const stack = await fleet();
      if (op === "destroy") await this.run(stack, "up", count);
      const r = await this.run(stack, op, parallel);
      m = { ms: r.wallMs, rssMb: r.peakRssMb };
      this.measured.set(key, m);
      this.log(
        `  ${what}: ${count} resources, ${op} at ${parallel}: ${(m.ms / 1000).toFixed(1)} s, peak RSS ${m.rssMb} MB`,
      );
    }
    return m;
  }

  /** `op` of `s.resources` resources that only wait the boot (terminate) time, at `parallel`. */
  async idealMs(s: Scenario, parallel: number | "default"): Promise<number> {
    const waitMs = s.op === "destroy" ? s.terminateMs : s.bootMs;
    const fleet = () => this.fleet("waiting", s.resources, { "bench:waitMs": String(waitMs) });
    return (await this.measure(`ideal (waiting ${waitMs} ms)`, fleet, s.op, s.resources, parallel)).ms;
  }

  /** The engine's fixed start: the fastest of EMPTY_UPS `up`s of the program with no resources. */
  async emptyUpMs(): Promise<number> {
    if (this.emptyUp === undefined) {
      const stack = await this.nothing(0);
      const times: number[] = [];
      for (let i = 0; i < EMPTY_UPS; i++) times.push((await this.run(stack, "up", "default")).wallMs);
      this.emptyUp = Math.min(...times);
      this.log(`  bound: empty up ${times.map((t) => (t / 1000).toFixed(1)).join(", ")} s`);
    }
    return this.emptyUp;
  }

  /** The engine's own cost: `op` of `count` do-nothing resources at `parallel` (and its peak RSS). */
  engineCost(op: Op, count: number, parallel: number | "default"): Promise<{ ms: number; rssMb: number }> {
    return this.measure("bound: do-nothing", () => this.nothing(count), op, count, parallel);
  }

  async bound(s: Scenario, parallel: number | "default", ideal = true): Promise<Bound> {
    const { ms: engineMs, rssMb: engineRssMb } = await this.engineCost(s.op, s.resources, parallel);
    const emptyUpMs = await this.emptyUpMs();
    const cloudMs = cloudFloorMs(s, slots(parallel));
    const floorMs = emptyUpMs + cloudMs;
    const idealMs = ideal ? await this.idealMs(s, parallel) : undefined;
    return {
      lowerBoundMs: Math.max(engineMs, floorMs),
      engineMs,
      engineRssMb,
      floorMs,
      emptyUpMs,
      cloudMs,
      idealMs,
    };
  }

  private async run(stack: CliStack, op: Op, parallel: number | "default") {
    const r = await timed(stack, op, parallelOption(parallel));
    if (!r.result.ok) throw new Error(`bound: ${op} of ${stack.name} failed: ${r.result.error ?? ""}`);
    return r;
  }
}

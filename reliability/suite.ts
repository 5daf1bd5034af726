/**
 * The runner shared by the jest tests (reliability.test.ts) and `npm run reliability`
 * (scripts/reliability.ts): starts every case, each group in its own order, the groups side by
 * side (the provider-level cases share one emulator and process environment: one group; each
 * kind's engine-path cases share a stack: one group per kind; the final scan waits for all).
 */
import { Evidence, EngineFixture, ProviderFixture, engineFixture, providerFixture } from "./fixtures";
import type { RunningEmulator } from "pulumi-runinstances/emulator";
import type { Stack } from "../harness";

export const CATEGORIES = ["cloud faults", "process faults", "bad input", "secrets"] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Case {
  name: string;
  /** The resource kind (CvmInstance, ...) or "emulator". */
  resource: string;
  category: Category;
  /** Cases of one group run one after the other, in the order given; "final" runs after every other group. */
  group: string;
  /** Throws when the case fails; returns what was observed. */
  run(s: Suite): Promise<string>;
}

export interface Result {
  name: string;
  resource: string;
  category: Category;
  passed: boolean;
  detail: string;
  ms: number;
}

/** A kind's stack that the engine-path cases carry from one to the next (created, updated, destroyed). */
export interface Session {
  stack: Stack;
  /** The kind's emulator. */
  emu: RunningEmulator;
  /** Rewrites the program's arguments (read at every run). */
  setArgs(args: Record<string, unknown>): void;
}

export class Suite {
  readonly ev = new Evidence();
  readonly sessions = new Map<string, Session>();
  private pf?: Promise<ProviderFixture>;
  private ef?: Promise<EngineFixture>;

  provider(): Promise<ProviderFixture> {
    return (this.pf ??= providerFixture());
  }

  engine(): Promise<EngineFixture> {
    return (this.ef ??= engineFixture(this.ev));
  }

  async close(): Promise<void> {
    if (this.ef) await (await this.ef).close();
    if (this.pf) await (await this.pf).close();
  }
}

export const key = (c: { resource: string; name: string }) => `${c.resource}: ${c.name}`;

/** Starts every case; the promise of each settles with its result (never rejects). */
export function startAll(suite: Suite, cases: Case[]): Map<string, Promise<Result>> {
  const results = new Map<string, Promise<Result>>();
  const groups = new Map<string, Case[]>();
  for (const c of cases) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  const runOne = async (c: Case): Promise<Result> => {
    const started = Date.now();
    try {
      const detail = await c.run(suite);
      return { ...meta(c), passed: true, detail, ms: Date.now() - started };
    } catch (e) {
      suite.ev.error(`${key(c)}`, e);
      const detail = e instanceof Error ? e.message : String(e);
      return { ...meta(c), passed: false, detail, ms: Date.now() - started };
    }
  };
  const chains: Promise<unknown>[] = [];
  for (const [group, list] of groups) {
    if (group === "final") continue;
    let chain: Promise<unknown> = Promise.resolve();
    for (const c of list) {
      const p = chain.then(() => runOne(c));
      results.set(key(c), p);
      chain = p;
    }
    chains.push(chain);
  }
  let last: Promise<unknown> = Promise.all(chains);
  for (const c of groups.get("final") ?? []) {
    const p = last.then(() => runOne(c));
    results.set(key(c), p);
    last = p;
  }
  return results;
}

function meta(c: Case) {
  return { name: c.name, resource: c.resource, category: c.category };
}

/** The table printed by the report: passed / failed per category and per resource. */
export function table(results: Result[]): string {
  const resources = [...new Set(results.map((r) => r.resource))];
  const header = ["category", ...resources, "total"];
  const rows: string[][] = [];
  const cell = (list: Result[]) => {
    if (list.length === 0) return "-";
    const failed = list.filter((r) => !r.passed).length;
    return failed
      ? `${list.length - failed}/${list.length} (${failed} FAILED)`
      : `${list.length}/${list.length}`;
  };
  for (const cat of [...CATEGORIES, "total"]) {
    const inCat = cat === "total" ? results : results.filter((r) => r.category === cat);
    rows.push([cat, ...resources.map((res) => cell(inCat.filter((r) => r.resource === res))), cell(inCat)]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/**
 * What the Pulumi engine does with dynamic resources, as cases that run twice: under the real
 * `pulumi` CLI (test/cli/engine.test.ts, the judge) and under the harness
 * (test/harness/harness.test.ts). The same expectations hold for both, so the harness cannot
 * drift from the engine unseen. The program is test/fixtures/harness-program: one Thing per
 * entry of <cloudDir>/things.json, its provider keeping a file-backed fake cloud and logging
 * every Check, Diff and Read it gets.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export const FIXTURE = path.join(__dirname, "..", "fixtures", "harness-program");

export interface ThingSpec {
  name: string;
  size?: number;
  zone?: string;
  secret?: string;
  fail?: "init" | "create";
  delayMs?: number;
  after?: string;
  deleteBeforeReplace?: boolean;
  ignoreChanges?: string[];
}

/** One operation's outcome: whether it failed, and each resource's step (replacements as "replace"). */
export interface Outcome {
  failed: boolean;
  ops: Record<string, string>;
  outputs: Record<string, unknown>;
  /** Everything the run printed or reported, for error texts. */
  text: string;
}

export interface ResourceView {
  name: string;
  id: string;
  initErrors?: string[];
  outputs: Record<string, unknown>;
}

export interface Driver {
  /** The directory the provider host runs in (the project directory). */
  projectDir: string;
  /** Where the fake cloud, the program's things and the provider's call log are kept. */
  cloudDir: string;
  setConfig(config: Record<string, string>): Promise<void>;
  preview(): Promise<Outcome>;
  up(): Promise<Outcome>;
  refresh(): Promise<Outcome>;
  destroy(): Promise<Outcome>;
  /** An up during which the provider host is SIGKILLed once `when` holds. */
  upKillingHost(when: () => boolean): Promise<Outcome>;
  /** The resources in the state (providers and the stack left out). */
  resources(): Promise<ResourceView[]>;
  close(): Promise<void>;
}

interface Cloud {
  things: Record<string, Record<string, unknown>>;
  log: string[];
}

/** Declares the cases; `make` gives a fresh stack (and its own cloud) for each. */
export function engineFacts(make: () => Promise<Driver>): void {
  let d: Driver;
  beforeEach(async () => {
    d = await make();
  });
  afterEach(() => d.close());

  const program = (things: ThingSpec[]) =>
    fs.writeFileSync(path.join(d.cloudDir, "things.json"), JSON.stringify(things));
  const cloud = (): Cloud => {
    const file = path.join(d.cloudDir, "cloud.json");
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : { things: {}, log: [] };
  };
  const editCloud = (edit: (c: Cloud) => void) => {
    const c = cloud();
    edit(c);
    fs.writeFileSync(path.join(d.cloudDir, "cloud.json"), JSON.stringify(c));
  };
  const calls = (): string[] => {
    const file = path.join(d.cloudDir, "calls.jsonl");
    if (!fs.existsSync(file)) return [];
    const lines = fs.readFileSync(file, "utf8").trim().split("\n").filter(Boolean);
    fs.rmSync(file);
    return lines
      .map((l) => JSON.parse(l) as { call: string; name: string; olds?: boolean })
      .map(
        (c) => `${c.call} ${c.name}${c.call === "check" ? (c.olds ? " with olds" : " without olds") : ""}`,
      );
  };
  const configured = () =>
    fs
      .readFileSync(path.join(d.cloudDir, "configure.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const ok = (o: Outcome) => {
    if (o.failed) throw new Error(`the operation failed:\n${o.text.slice(-4000)}`);
    return o;
  };
  const logOf = (from: number) => cloud().log.slice(from);

  test("preview plans the creates and changes nothing", async () => {
    program([{ name: "a" }, { name: "b", after: "a" }]);
    const r = ok(await d.preview());
    expect(r.ops).toEqual({ a: "create", b: "create" });
    expect(cloud().log).toEqual([]);
    expect(await d.resources()).toEqual([]);
  });

  test("up converges: same, update, replace (created first, checked again without olds, the old one deleted at the end), delete-before-replace, removal", async () => {
    program([{ name: "a" }, { name: "b", after: "a" }]);
    expect(ok(await d.up()).ops).toEqual({ a: "create", b: "create" });
    const [a, b] = ["a", "b"].map(
      (n) =>
        cloud()
          .log.find((l) => l.startsWith(`create ${n} `))!
          .split(" ")[2],
    );
    expect(ok(await d.up()).ops).toEqual({ a: "same", b: "same" });

    program([
      { name: "a", size: 2 },
      { name: "b", after: "a" },
    ]);
    expect(ok(await d.up()).ops).toEqual({ a: "update", b: "same" });
    expect(logOf(2)).toEqual([`update a ${a}`]);

    program([{ name: "a", size: 2, zone: "zone-b" }, { name: "b", after: "a" }, { name: "c" }]);
    calls();
    expect(ok(await d.up()).ops).toEqual({ a: "replace", b: "update", c: "create" });
    const log = logOf(3);
    const newA = log.find((l) => l.startsWith("create a "))!.split(" ")[2];
    expect(log.indexOf(`create a ${newA}`)).toBeLessThan(log.indexOf(`update b ${b}`));
    expect(log[log.length - 1]).toBe(`delete a ${a}`);
    const seen = calls();
    expect(seen.filter((c) => c.endsWith(" a") || c.includes(" a "))).toEqual([
      "check a with olds",
      "diff a",
      "check a without olds",
    ]);

    program([
      { name: "a", size: 2, zone: "zone-c", deleteBeforeReplace: true },
      { name: "b", after: "a" },
    ]);
    const before = cloud().log.length;
    expect(ok(await d.up()).ops).toEqual({ a: "replace", b: "update", c: "delete" });
    const dbr = logOf(before);
    const newestA = dbr.find((l) => l.startsWith("create a "))!.split(" ")[2];
    expect(dbr.indexOf(`delete a ${newA}`)).toBeLessThan(dbr.indexOf(`create a ${newestA}`));
    expect(dbr[dbr.length - 1]).toMatch(/^delete c /);
    expect((await d.resources()).map((r) => r.name).sort()).toEqual(["a", "b"]);
  });

  test("ignoreChanges keeps the stored value of a property", async () => {
    program([{ name: "a", size: 1, ignoreChanges: ["size"] }]);
    ok(await d.up());
    program([{ name: "a", size: 5, ignoreChanges: ["size"] }]);
    expect(ok(await d.up()).ops).toEqual({ a: "same" });
    program([{ name: "a", size: 5 }]);
    expect(ok(await d.up()).ops).toEqual({ a: "update" });
    expect(Object.values(cloud().things).map((t) => t.size)).toEqual([5]);
  });

  test("destroy deletes everything, dependents first", async () => {
    program([{ name: "a" }, { name: "b", after: "a" }, { name: "c", after: "b" }]);
    ok(await d.up());
    expect(ok(await d.destroy()).ops).toEqual({ a: "delete", b: "delete", c: "delete" });
    expect(logOf(3).map((l) => l.split(" ").slice(0, 2).join(" "))).toEqual([
      "delete c",
      "delete b",
      "delete a",
    ]);
    expect(cloud().things).toEqual({});
    expect(await d.resources()).toEqual([]);
  });

  test("an init failure is recorded with its id, outputs and init errors; the next up updates the resource", async () => {
    program([{ name: "a", fail: "init" }]);
    const failed = await d.up();
    expect(failed.failed).toBe(true);
    expect(failed.ops).toEqual({ a: "failed" });
    const [a] = await d.resources();
    expect(a.id).toMatch(/^thing-a-/);
    expect(a.initErrors).toEqual(["state is broken"]);
    expect(a.outputs.state).toBe("broken");
    expect(typeof a.outputs.__provider).toBe("string");

    program([{ name: "a" }]);
    expect(ok(await d.up()).ops).toEqual({ a: "update" });
    expect(cloud().log.slice(-1)).toEqual([`update a ${a.id}`]);
    const [fixed] = await d.resources();
    expect(fixed).toMatchObject({ id: a.id, outputs: { state: "ready" } });
    expect(fixed.initErrors ?? []).toEqual([]);
    expect(ok(await d.up()).ops).toEqual({ a: "same" });
  });

  test("a failed create stops the deployment: steps in flight finish, no new one starts, and only they are recorded", async () => {
    // More siblings than steps may run at once, each holding its slot for 3 s: some never start.
    // The hold outlasts the failure's way back to the engine, which took over a second on a
    // loaded 2-core machine.
    const siblings = Array.from({ length: 4 * availableCpus() + 4 }, (_, i) => ({
      name: `s${i}`,
      delayMs: 3000,
    }));
    program([{ name: "a", fail: "create" }, ...siblings]);
    const r = await d.up();
    expect(r.failed).toBe(true);
    expect(r.ops.a).toBe("failed");
    expect(r.text).toContain("QuotaExceeded");
    const started = cloud()
      .log.filter((l) => l.startsWith("creating "))
      .map((l) => l.split(" ")[1]);
    const created = cloud()
      .log.filter((l) => l.startsWith("create "))
      .map((l) => l.split(" ")[1]);
    expect(started.length).toBeLessThan(siblings.length);
    expect([...created].sort()).toEqual([...started].sort());
    expect((await d.resources()).map((x) => x.name).sort()).toEqual([...created].sort());

    program(siblings);
    ok(await d.up());
    expect((await d.resources()).map((x) => x.name).sort()).toEqual(siblings.map((s) => s.name).sort());
  });

  test("a check failure aborts the deployment: only what was checked before it can have a step", async () => {
    program([{ name: "bad", size: -1 }, { name: "a" }, { name: "b" }]);
    const r = await d.up();
    expect(r.failed).toBe(true);
    expect(r.text).toContain("must be a positive number");
    // Registrations reach the engine in any order (a loaded machine shows it), and Check runs
    // one at a time in that order: a sibling checked before the failure may be created.
    const checked = calls()
      .filter((c) => c.startsWith("check "))
      .map((c) => c.split(" ")[1]);
    const before = checked.slice(0, checked.indexOf("bad"));
    const created = cloud()
      .log.filter((l) => l.startsWith("create "))
      .map((l) => l.split(" ")[1]);
    expect(checked).toContain("bad");
    expect(created.filter((n) => !before.includes(n))).toEqual([]);
    expect((await d.resources()).map((x) => x.name).filter((n) => !before.includes(n))).toEqual([]);
  });

  test("when the program throws, the resources it registered are processed and nothing is deleted", async () => {
    program([{ name: "a" }, { name: "b" }]);
    ok(await d.up());
    program([{ name: "a", size: 3 }]);
    await d.setConfig({ "harness:programFailure": "throw" });
    const r = await d.up();
    expect(r.failed).toBe(true);
    expect(r.text).toContain("the program failed on purpose");
    expect(r.ops.a).toBe("update");
    expect(cloud().log.slice(2)).toEqual([expect.stringMatching(/^update a /)]);
    expect((await d.resources()).map((x) => x.name).sort()).toEqual(["a", "b"]);
  });

  test("refresh reads every resource, removes one that vanished, diffs the rest and clears init errors", async () => {
    program([{ name: "a" }, { name: "b" }]);
    ok(await d.up());
    program([{ name: "a" }, { name: "b" }, { name: "c", fail: "init" }]);
    expect((await d.up()).failed).toBe(true);
    const ids = Object.fromEntries((await d.resources()).map((r) => [r.name, r.id]));
    editCloud((c) => {
      delete c.things[ids.b];
      c.things[ids.a].state = "stopped";
    });
    calls();
    ok(await d.refresh());
    expect(calls().sort()).toEqual(["diff a", "diff c", "read a", "read b", "read c"]);
    const after = await d.resources();
    expect(after.map((r) => [r.name, r.outputs.state, r.initErrors ?? []])).toEqual([
      ["a", "stopped", []],
      ["c", "broken", []],
    ]);
    program([{ name: "a" }, { name: "b" }, { name: "c" }]);
    expect(ok(await d.up()).ops).toEqual({ a: "same", b: "create", c: "update" });
  });

  test("Configure gets the stack config with the project's defaults; refresh and destroy get the config of the last up", async () => {
    await d.setConfig({ "harness:greeting": "hello", "tencentcloud:region": "ap-guangzhou" });
    program([{ name: "a" }]);
    const r = ok(await d.up());
    expect(r.outputs.greeting).toBe("hello");
    await d.setConfig({ "harness:greeting": "changed" });
    ok(await d.refresh());
    ok(await d.destroy());
    const seen = configured();
    expect(seen).toHaveLength(3);
    for (const s of seen) {
      expect(s).toMatchObject({
        greeting: "hello",
        fromProject: "project default",
        region: "ap-guangzhou",
        env: "from env",
        // The provider host: the project is set, the stack is not, and it runs in the project directory.
        project: "harness-program",
        stack: null,
        cwd: d.projectDir,
      });
    }
  });

  test("at most 4 steps per CPU run at once", async () => {
    const n = 12;
    program(Array.from({ length: n }, (_, i) => ({ name: `t${i}`, delayMs: 800 })));
    ok(await d.up());
    let now = 0;
    let most = 0;
    for (const l of cloud().log) {
      now += l.startsWith("creating ") ? 1 : l.startsWith("create ") ? -1 : 0;
      most = Math.max(most, now);
    }
    expect(most).toBe(Math.min(n, 4 * availableCpus()));
  });

  test("a provider host killed during a create fails the step and records nothing; the next up creates", async () => {
    program([{ name: "slow", delayMs: 30_000 }]);
    const r = await d.upKillingHost(() => cloud().log.some((l) => l.startsWith("creating slow")));
    expect(r.failed).toBe(true);
    expect(r.ops.slow).toBe("failed");
    expect(await d.resources()).toEqual([]);
    program([{ name: "slow" }]);
    expect(ok(await d.up()).ops).toEqual({ slow: "create" });
    expect(ok(await d.up()).ops).toEqual({ slow: "same" });
  });
}

/** The CPUs this process may use (Go's GOMAXPROCS default reads the same affinity mask). */
export function availableCpus(): number {
  return require("node:os").availableParallelism() as number;
}

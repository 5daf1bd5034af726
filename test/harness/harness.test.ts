// The harness against a fixture program (test/fixtures/harness-program) whose dynamic provider
// keeps its things in <dir>/cloud.json; the test "edits the program" by writing <dir>/things.json.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createStack, isSecret, UNKNOWN, type OperationResult, type Stack, type StackOptions } from "./index";

const fixture = path.join(__dirname, "..", "fixtures", "harness-program");
const type = "pulumi-nodejs:dynamic/harness:Thing";
const urn = (name: string) => `urn:pulumi:dev::harness-program::${type}::${name}`;

interface ThingSpec {
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

interface Cloud {
  things: Record<string, Record<string, unknown>>;
  log: string[];
}

const stacks: Stack[] = [];
const dirs: string[] = [];
afterEach(() => {
  stacks.splice(0).forEach((s) => s.close());
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

function setup(opts: Partial<StackOptions> = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "harness-"));
  dirs.push(dir);
  const stack = createStack({
    program: fixture,
    stack: "dev",
    stateDir: path.join(dir, "state"),
    ...opts,
    config: { "harness:cloudDir": dir, ...opts.config },
  });
  stacks.push(stack);
  const cloudFile = path.join(dir, "cloud.json");
  return {
    dir,
    stack,
    program: (things: ThingSpec[]) => fs.writeFileSync(path.join(dir, "things.json"), JSON.stringify(things)),
    cloud: (): Cloud =>
      fs.existsSync(cloudFile) ? JSON.parse(fs.readFileSync(cloudFile, "utf8")) : { things: {}, log: [] },
    editCloud: (edit: (c: Cloud) => void) => {
      const c = JSON.parse(fs.readFileSync(cloudFile, "utf8"));
      edit(c);
      fs.writeFileSync(cloudFile, JSON.stringify(c));
    },
  };
}

const ops = (r: OperationResult) => Object.fromEntries(r.resources.map((res) => [res.name, res.op]));
const result = (r: OperationResult, name: string) => r.resources.find((res) => res.name === name);

test("preview plans the creates and calls no Create", async () => {
  const { stack, program, cloud } = setup();
  program([{ name: "a" }, { name: "b", after: "a" }]);

  const r = await stack.preview();

  expect(r.failed).toBe(false);
  expect(ops(r)).toEqual({ a: "create", b: "create" });
  expect(r.outputs.ids).toEqual({ a: UNKNOWN, b: UNKNOWN });
  expect(cloud().log).toEqual([]);
  expect(stack.state().resources).toEqual([]);
  const b = r.registrations.find((reg) => reg.name === "b");
  expect(b).toMatchObject({
    urn: urn("b"),
    dependencies: [urn("a")],
    additionalSecretOutputs: ["secret", "token"],
  });
  expect(b?.inputs.peer).toBe(UNKNOWN);
});

test("up creates, then converges: same, update, replace (create before delete), delete", async () => {
  const { stack, program, cloud } = setup();
  program([{ name: "a" }, { name: "b", after: "a" }]);

  const created = await stack.up();
  expect(ops(created)).toEqual({ a: "create", b: "create" });
  const ids = created.outputs.ids as Record<string, string>;
  expect(cloud().log).toEqual([`create a ${ids.a}`, `create b ${ids.b}`]);
  const state = stack.state();
  expect(state.resources.map((r) => [r.urn, r.id])).toEqual([
    [urn("a"), ids.a],
    [urn("b"), ids.b],
  ]);
  expect(state.resources[1].dependencies).toEqual([urn("a")]);
  expect(state.resources[1].outputs.peer).toBe(ids.a);
  expect(typeof state.resources[0].inputs.__provider).toBe("string");
  expect(state.resources[0].outputs.__provider).toBe(state.resources[0].inputs.__provider);

  const same = await stack.up();
  expect(ops(same)).toEqual({ a: "same", b: "same" });
  expect(same.outputs.ids).toEqual(ids);
  expect(cloud().log).toHaveLength(2);

  program([
    { name: "a", size: 2 },
    { name: "b", after: "a" },
  ]);
  const preview = await stack.preview();
  expect(ops(preview)).toEqual({ a: "update", b: "same" });
  expect(result(preview, "a")?.diffs).toEqual(["size"]);
  expect(preview.outputs.ids).toEqual(ids); // resources in the state resolve to their stored outputs
  expect(cloud().log).toHaveLength(2);
  const updated = await stack.up();
  expect(ops(updated)).toEqual({ a: "update", b: "same" });
  expect(cloud().log.slice(2)).toEqual([`update a ${ids.a}`]);
  expect(cloud().things[ids.a].size).toBe(2);

  program([
    { name: "a", size: 2, zone: "zone-b" },
    { name: "b", after: "a" },
  ]);
  const replaced = await stack.up();
  expect(ops(replaced)).toEqual({ a: "replace", b: "update" });
  expect(result(replaced, "a")?.replaces).toEqual(["zone"]);
  const newA = (replaced.outputs.ids as Record<string, string>).a;
  expect(newA).not.toBe(ids.a);
  expect(cloud().log.slice(3)).toEqual([`create a ${newA}`, `delete a ${ids.a}`, `update b ${ids.b}`]);
  expect(cloud().things[ids.b].peer).toBe(newA);
  expect(stack.state().resources.map((r) => r.id)).toEqual([ids.b, newA]);

  program([{ name: "a", size: 2, zone: "zone-c", deleteBeforeReplace: true }]);
  expect(ops(await stack.preview())).toEqual({ a: "replace", b: "delete" });
  expect(cloud().log).toHaveLength(6);
  const removed = await stack.up();
  expect(ops(removed)).toEqual({ a: "replace", b: "delete" });
  const newestA = (removed.outputs.ids as Record<string, string>).a;
  expect(cloud().log.slice(6)).toEqual([`delete a ${newA}`, `create a ${newestA}`, `delete b ${ids.b}`]);
  expect(stack.state().resources.map((r) => r.name)).toEqual(["a"]);
});

test("ignoreChanges keeps the stored value of a property", async () => {
  const { stack, program, cloud } = setup();
  program([{ name: "a", size: 1, ignoreChanges: ["size"] }]);
  await stack.up();

  program([{ name: "a", size: 5, ignoreChanges: ["size"] }]);
  expect(ops(await stack.up())).toEqual({ a: "same" });
  program([{ name: "a", size: 5 }]);
  expect(ops(await stack.up())).toEqual({ a: "update" });
  expect(Object.values(cloud().things).map((t) => t.size)).toEqual([5]);
});

test("destroy deletes everything, dependents first", async () => {
  const { stack, program, cloud } = setup();
  program([{ name: "a" }, { name: "b", after: "a" }, { name: "c", after: "b" }]);
  await stack.up();

  const r = await stack.destroy();

  expect(ops(r)).toEqual({ a: "delete", b: "delete", c: "delete" });
  expect(
    cloud()
      .log.slice(3)
      .map((l) => l.split(" ").slice(0, 2).join(" ")),
  ).toEqual(["delete c", "delete b", "delete a"]);
  expect(cloud().things).toEqual({});
  expect(stack.state().resources).toEqual([]);
});

test("secret outputs and secret inputs are encrypted in the state file", async () => {
  const { dir, stack, program } = setup();
  program([{ name: "a", secret: "hunter2" }]);

  const r = await stack.up();

  const token = (r.outputs.tokens as Record<string, string>).a;
  expect(token).toMatch(/^token-thing-a-/);
  expect(r.secretOutputs).toEqual(["tokens"]);
  const text = stack.stateText();
  expect(text).not.toContain("hunter2");
  expect(text).not.toContain(token);
  expect(text).toContain('"ciphertext": "v1:');
  expect(fs.existsSync(path.join(dir, "state", "dev.key"))).toBe(true);
  const [a] = stack.state().resources;
  expect(isSecret(a.inputs.secret) && a.inputs.secret.value).toBe("hunter2");
  expect(isSecret(a.outputs.token) && a.outputs.token.value).toBe(token);
  expect(a.secretOutputs).toEqual(["secret", "token"]);
  // The provider got plain text; olds are decrypted for the next steps.
  program([{ name: "a", secret: "hunter3" }]);
  expect(ops(await stack.up())).toEqual({ a: "update" });
});

test("an init failure is recorded with its id; the next up updates the resource", async () => {
  const { stack, program, cloud } = setup();
  program([{ name: "a", fail: "init" }]);

  const failed = await stack.up();
  expect(failed.failed).toBe(true);
  expect(result(failed, "a")).toMatchObject({ op: "failed", attempted: "create" });
  expect(result(failed, "a")?.error).toContain("failed to initialize");
  expect(result(failed, "a")?.error).toContain("state is broken");
  const [a] = stack.state().resources;
  expect(a.id).toMatch(/^thing-a-/);
  expect(a.initErrors).toEqual(["state is broken"]);
  expect(a.outputs.state).toBe("broken");
  expect(typeof a.outputs.__provider).toBe("string");

  program([{ name: "a" }]);
  const fixed = await stack.up();
  expect(ops(fixed)).toEqual({ a: "update" });
  expect(cloud().log.slice(-1)).toEqual([`update a ${a.id}`]);
  expect(stack.state().resources[0]).toMatchObject({ id: a.id, outputs: { state: "ready" } });
  expect(stack.state().resources[0].initErrors).toBeUndefined();
  expect(ops(await stack.up())).toEqual({ a: "same" });
});

test("a create error without id records nothing; a check failure calls no Create", async () => {
  const { stack, program, cloud } = setup();
  program([{ name: "a", fail: "create" }, { name: "b", size: -1 }, { name: "c" }, { name: "d", after: "a" }]);

  const r = await stack.up();

  expect(ops(r)).toEqual({ a: "failed", b: "failed", c: "create", d: "failed" });
  expect(result(r, "a")?.error).toContain("QuotaExceeded");
  expect(result(r, "b")?.error).toContain("size: must be a positive number");
  expect(result(r, "d")?.error).toContain("depends on a resource that failed");
  expect(stack.state().resources.map((res) => res.name)).toEqual(["c"]);
  expect(cloud().log.map((l) => l.split(" ")[1])).toEqual(["c"]);

  program([{ name: "a" }, { name: "b" }, { name: "c" }]);
  expect(ops(await stack.up())).toEqual({ a: "create", b: "create", c: "same" });
});

test("when the program throws, its resources so far are processed and nothing is deleted", async () => {
  const { dir, stack, program } = setup();
  program([{ name: "a" }, { name: "b" }]);
  await stack.up();
  const failing = createStack({
    program: fixture,
    stack: "dev",
    stateDir: path.join(dir, "state"),
    config: { "harness:cloudDir": dir, "harness:programFailure": "throw" },
  });
  stacks.push(failing);
  program([{ name: "a", size: 3 }]);

  const r = await failing.up();

  expect(r.failed).toBe(true);
  expect(r.error).toBe("the program failed on purpose");
  expect(r.events).toContainEqual({ type: "program-error", error: "the program failed on purpose" });
  expect(ops(r)).toEqual({ a: "update" });
  expect(stack.state().resources.map((res) => res.name)).toEqual(["a", "b"]);
});

test("refresh reads every resource and removes one whose thing vanished", async () => {
  const { stack, program, editCloud } = setup();
  program([{ name: "a" }, { name: "b" }]);
  const ids = (await stack.up()).outputs.ids as Record<string, string>;
  editCloud((c) => {
    delete c.things[ids.b];
    c.things[ids.a].state = "stopped";
  });

  const r = await stack.refresh();

  expect(ops(r)).toEqual({ a: "read", b: "delete" });
  expect(stack.state().resources.map((res) => [res.name, res.outputs.state])).toEqual([["a", "stopped"]]);
  expect(ops(await stack.up())).toEqual({ a: "same", b: "create" });
});

test("stack config reaches the program and the provider's configure, with namespaced keys", async () => {
  const { dir, stack, program } = setup({
    config: {
      "harness:greeting": "hello",
      "harness-program:greeting": "hello project",
      "tencentcloud:region": "ap-guangzhou",
    },
    env: { HARNESS_TEST_ENV: "from env" },
  });
  program([{ name: "a" }, { name: "b" }]);

  const r = await stack.up();

  expect(r.outputs.greeting).toBe("hello");
  const seen = fs
    .readFileSync(path.join(dir, "configure.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(seen).toEqual([
    {
      cloudDir: dir,
      greeting: "hello",
      projectGreeting: "hello project",
      region: "ap-guangzhou",
      env: "from env",
    },
  ]);
});

test("independent resources run in parallel; `parallel` limits them; events report progress", async () => {
  const run = async (parallel?: number) => {
    const events: string[] = [];
    const { stack, program, cloud } = setup({
      parallel,
      onEvent: (e) => {
        if (e.type === "resource-done") events.push(`done ${e.name} ${e.op}`);
        if (e.type === "provider-output") events.push(`${e.stream} ${e.line.split(" (")[0]}`);
      },
    });
    program(["a", "b", "c"].map((name) => ({ name, delayMs: 300 })));
    const r = await stack.up();
    expect(r.events.filter((e) => e.type === "resource-start")).toHaveLength(3);
    return { events, log: cloud().log.map((l) => l.split(" ")[0]) };
  };

  const all = await run();
  expect(all.log).toEqual(["creating", "creating", "creating", "create", "create", "create"]);
  expect(all.events.filter((e) => e.startsWith("stderr"))).toHaveLength(3);
  expect(all.events.filter((e) => e.startsWith("done")).sort()).toEqual([
    "done a create",
    "done b create",
    "done c create",
  ]);
  const one = await run(1);
  expect(one.log).toEqual(["creating", "create", "creating", "create", "creating", "create"]);
});

test("a host killed during a create fails that step; the next up starts a new host and converges", async () => {
  const { stack, program, cloud } = setup();
  program([{ name: "slow", delayMs: 30_000 }]);

  const up = stack.up();
  await waitFor(() => cloud().log.some((l) => l.startsWith("creating slow")));
  stack.killHost();
  const crashed = await up;

  expect(crashed.failed).toBe(true);
  expect(result(crashed, "slow")).toMatchObject({ name: "slow", op: "failed", attempted: "create" });
  expect(stack.state().resources).toEqual([]);

  program([{ name: "slow" }]);
  const r = await stack.up();
  expect(ops(r)).toEqual({ slow: "create" });
  expect(ops(await stack.up())).toEqual({ slow: "same" });
});

/** Polls `condition` (the cloud file may be half written while the host writes it). */
async function waitFor(condition: () => boolean) {
  for (;;) {
    try {
      if (condition()) return;
    } catch {
      // read again
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

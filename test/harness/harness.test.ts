// The harness against a fixture program (test/fixtures/harness-program) whose dynamic provider
// keeps its things in <dir>/cloud.json; the test "edits the program" by writing <dir>/things.json.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  createStack,
  isSecret,
  reveal,
  UNKNOWN,
  type OperationResult,
  type Stack,
  type StackOptions,
} from "../../harness";
import { engineFacts, FIXTURE, type Driver, type Outcome, type ThingSpec } from "../support/engine-facts";

const fixture = FIXTURE;
const type = "pulumi-nodejs:dynamic/harness:Thing";
const urn = (name: string) => `urn:pulumi:dev::harness-program::${type}::${name}`;

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

test("stack config reaches the program and the provider's configure once, with namespaced keys", async () => {
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
      fromProject: "project default",
      env: "from env",
      project: "harness-program",
      stack: null,
      cwd: fixture,
    },
  ]);
});

test("`parallel` limits the steps at a time; events report progress", async () => {
  const events: string[] = [];
  const { stack, program, cloud } = setup({
    parallel: 1,
    onEvent: (e) => {
      if (e.type === "resource-done") events.push(`done ${e.name} ${e.op}`);
      if (e.type === "provider-output") events.push(`${e.stream} ${e.line.split(" (")[0]}`);
    },
  });
  program(["a", "b", "c"].map((name) => ({ name, delayMs: 100 })));
  const r = await stack.up();
  expect(r.events.filter((e) => e.type === "resource-start")).toHaveLength(3);
  expect(cloud().log.map((l) => l.split(" ")[0])).toEqual([
    "creating",
    "create",
    "creating",
    "create",
    "creating",
    "create",
  ]);
  expect(events.filter((e) => e.startsWith("stderr"))).toHaveLength(3);
  expect(events.filter((e) => e.startsWith("done")).sort()).toEqual([
    "done a create",
    "done b create",
    "done c create",
  ]);
});

/** The harness as a driver of the cases that also run under the real engine. */
async function harnessDriver(): Promise<Driver> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "harness-facts-"));
  let config: Record<string, string> = { "harness:cloudDir": dir };
  const open = () =>
    createStack({
      program: FIXTURE,
      stack: "dev",
      stateDir: path.join(dir, "state"),
      config,
      env: { HARNESS_TEST_ENV: "from env" },
    });
  let stack = open();
  const outcome = (r: OperationResult): Outcome => ({
    failed: r.failed,
    ops: Object.fromEntries(r.resources.map((res) => [res.name, res.op])),
    outputs: r.outputs,
    text: [r.error, ...r.resources.map((res) => res.error)].filter(Boolean).join("\n"),
  });
  return {
    projectDir: FIXTURE,
    cloudDir: dir,
    async setConfig(more) {
      config = { ...config, ...more };
      stack.close();
      stack = open();
    },
    preview: async () => outcome(await stack.preview()),
    up: async () => outcome(await stack.up()),
    refresh: async () => outcome(await stack.refresh()),
    destroy: async () => outcome(await stack.destroy()),
    async upKillingHost(when) {
      const up = stack.up();
      await waitFor(when);
      stack.killHost();
      return outcome(await up);
    },
    async resources() {
      return stack
        .state()
        .resources.filter((res) => !res.pendingDelete)
        .map((res) => ({
          name: res.name,
          id: res.id,
          initErrors: res.initErrors,
          outputs: reveal(res.outputs),
        }));
    },
    async close() {
      stack.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe("the engine's behaviour, as the real engine shows it (test/cli/engine.test.ts runs the same cases)", () => {
  engineFacts(harnessDriver);
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

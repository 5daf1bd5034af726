// The engine: preview / up / refresh / destroy of one stack, with the calls the Pulumi engine
// makes, in its order (as the real engine does, checked under `pulumi` by test/cli/engine.test.ts):
//   preview = Check (+ Diff for resources in the state), nothing else
//   up      = Check, then Create | Diff -> same / Update / replace (Check again without olds,
//             Create new; the old one is Deleted at the end of the deployment; Delete first with
//             deleteBeforeReplace); resources no longer in the program are Deleted at the end
//   refresh = Read, then Diff of the refreshed outputs; destroy = Delete, with the stored outputs
//             (they carry __provider) and the config stored at the last up
// Check and Diff run one resource at a time (the engine's step generator); Create, Update and
// Delete run in parallel, at most `parallel` at once (4 x CPUs by default, like the engine).
// The first failing step stops the deployment: steps in flight finish, no new one starts, and
// pending deletes are skipped. The program runs while the steps run: a registration gets its
// outputs once its step is done. The state is saved after every step (a checkpoint).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { ProviderHost, ProviderError, type DiffResult } from "./host";
import { programFile, projectName, runProgram, type Registered, type Registration } from "./program";
import { StateFile, type ResourceState, type StackState } from "./state";
import {
  annotateSecrets,
  containsSecret,
  containsUnknown,
  ignoreChanges,
  markSecret,
  reveal,
  secret,
  type Props,
} from "./values";

export type Op = "same" | "create" | "update" | "replace" | "delete" | "failed" | "read";

export interface ResourceResult {
  urn: string;
  name: string;
  type: string;
  op: Op;
  /** For op "failed": the step that failed. */
  attempted?: Op;
  error?: string;
  /** Properties whose change makes the provider replace the resource. */
  replaces?: string[];
  /** Top-level inputs that differ from the stored ones (update / replace). */
  diffs?: string[];
}

interface ResourceEventBase {
  urn: string;
  name: string;
  resourceType: string;
  op: Op;
}

export type HarnessEvent =
  | ({ type: "resource-start" } & ResourceEventBase)
  | ({ type: "resource-done"; elapsedMs: number } & ResourceEventBase)
  | ({ type: "resource-failed"; elapsedMs: number; error: string } & ResourceEventBase)
  | { type: "provider-output"; stream: "stdout" | "stderr"; line: string }
  | { type: "program-error"; error: string };

export interface OperationResult {
  resources: ResourceResult[];
  /** Stack outputs, secrets revealed (their names are in secretOutputs); in preview UNKNOWN where unknown. */
  outputs: Props;
  secretOutputs: string[];
  failed: boolean;
  /** The program failed (threw, or a resource could not be registered). */
  error?: string;
  events: HarnessEvent[];
  /** What the program registered, options included (preview and up; the stack resource too). */
  registrations: Registration[];
}

export interface StackOptions {
  /** Path of the program: a module file (index.ts / index.js) or its directory. */
  program: string;
  stack: string;
  /** Directory of the state file `<stack>.json` and its key `<stack>.key`. */
  stateDir: string;
  /**
   * Stack config, namespaced keys (`tencentcloud:region`): seen by the program and by Configure,
   * over the `config:` defaults of the project's Pulumi.yaml.
   */
  config?: Record<string, string>;
  /** Added to the provider host's environment (credentials, endpoints). */
  env?: Record<string, string>;
  /** NODE_PATH of the provider host. */
  nodePath?: string;
  /** Create, Update and Delete steps at a time; 4 x CPUs by default, like the engine. */
  parallel?: number;
  onEvent?: (event: HarnessEvent) => void;
}

const DYNAMIC_TYPE = /^pulumi-nodejs:dynamic(\/[^:]*)?:/;

export class Stack {
  readonly project: string;
  private readonly opts: StackOptions;
  private readonly file: StateFile;
  private readonly host: ProviderHost;
  private readonly limit: Limiter;
  /** The step generator: Check and Diff, one resource at a time. */
  private readonly planner = new Limiter(1);
  /** The config of this run: the project's defaults under the stack's own. */
  private readonly config: Record<string, string>;
  private current?: Operation;

  constructor(opts: StackOptions) {
    this.opts = opts;
    this.project = projectName(opts.program);
    this.file = new StateFile(opts.stateDir, this.project, opts.stack);
    this.config = { ...projectConfig(opts.program, this.project), ...opts.config };
    this.host = new ProviderHost({
      cwd: path.dirname(programFile(opts.program)),
      project: this.project,
      config: this.config,
      env: opts.env,
      nodePath: opts.nodePath,
      onOutput: (stream, line) => this.emit({ type: "provider-output", stream, line }),
    });
    this.limit = new Limiter(opts.parallel ?? 4 * os.availableParallelism());
  }

  /** Plans the changes: Check every resource, Diff the ones in the state; no Create/Update/Delete. */
  preview(): Promise<OperationResult> {
    return this.operate(async (op) => {
      this.host.useConfig(this.config);
      const run = await this.run(true, (reg) => this.register(op, reg, true));
      if (!run.error && !op.halted)
        for (const res of this.removed(op.state, run.resources)) op.result(res, { op: "delete" });
      return run;
    });
  }

  /** Creates, updates, replaces and deletes resources until the state matches the program. */
  up(): Promise<OperationResult> {
    return this.operate(async (op) => {
      this.host.useConfig(this.config);
      // Kept encrypted, as the engine keeps its provider's config: it may hold secrets.
      op.state.config = secret(this.config);
      const run = await this.run(false, (reg) => this.register(op, reg, false));
      // Removed resources and replaced ones go at the end, unless something failed.
      if (!run.error && !op.halted) {
        await this.deleteAll(op, this.removed(op.state, run.resources));
        op.state.outputs = run.outputs;
      }
      op.save();
      return run;
    });
  }

  /** Reads every resource from its provider; a resource whose read returns no id is removed. */
  refresh(): Promise<OperationResult> {
    return this.operate(async (op) => {
      this.host.useConfig((reveal(op.state.config) as Record<string, string> | undefined) ?? this.config);
      await Promise.all(op.state.resources.map((res) => this.limit.run(() => this.read(op, res))));
      return { outputs: op.state.outputs };
    });
  }

  /** Deletes every resource, dependents first, configured as the last up was. */
  destroy(): Promise<OperationResult> {
    return this.operate(async (op) => {
      this.host.useConfig((reveal(op.state.config) as Record<string, string> | undefined) ?? this.config);
      await this.deleteAll(op, [...op.state.resources]);
      if (op.state.resources.length === 0) op.state.outputs = {};
      op.save();
      return { outputs: op.state.outputs };
    });
  }

  /** The state, secrets decrypted (`{[SIG_KEY]: SECRET_SIG, value}`). */
  state(): StackState {
    return this.file.load();
  }

  /** The state file as stored (secrets encrypted). */
  stateText(): string {
    return this.file.text();
  }

  /** The process id of the provider host, while one runs (the benchmark reads its peak RSS). */
  hostPid(): number | undefined {
    return this.host.pid;
  }

  /** SIGKILLs the provider host (a crash); the next provider call starts a new one. */
  killHost(): void {
    this.host.kill();
  }

  close(): void {
    this.host.kill();
  }

  private emit(event: HarnessEvent): void {
    this.current?.events.push(event);
    this.opts.onEvent?.(event);
  }

  private async operate(
    body: (op: Operation) => Promise<{ outputs: Props; error?: string; resources?: Registration[] }>,
  ): Promise<OperationResult> {
    if (this.current) throw new Error(`stack ${this.opts.stack}: another operation is running`);
    const op = new Operation(this.file, (e) => this.emit(e));
    this.current = op;
    try {
      const { outputs, error, resources: registrations = [] } = await body(op);
      if (error) this.emit({ type: "program-error", error });
      return {
        resources: op.results,
        outputs: reveal(outputs),
        secretOutputs: Object.keys(outputs).filter((k) => containsSecret(outputs[k])),
        failed: Boolean(error) || op.results.some((r) => r.op === "failed"),
        ...(error ? { error } : {}),
        events: op.events,
        registrations,
      };
    } finally {
      this.current = undefined;
      // One provider host per command, as the engine runs it: the next one configures a new host.
      this.host.kill();
    }
  }

  private run(preview: boolean, register: (reg: Registration) => Promise<Registered>) {
    return runProgram({
      program: this.opts.program,
      project: this.project,
      stack: this.opts.stack,
      preview,
      config: this.config,
      register,
    });
  }

  /** Resources in the state that the program did not register, and replaced ones left to delete. */
  private removed(state: StackState, registered: Registration[]): ResourceState[] {
    const urns = new Set(registered.map((r) => r.urn));
    return state.resources.filter((res) => res.pendingDelete || !urns.has(res.urn));
  }

  /**
   * One registration of the program: Check and Diff (one resource at a time), then the step (none
   * in preview). After a failure nothing new starts: a registration not yet planned or started is
   * skipped, and the program sees it fail.
   */
  private async register(op: Operation, reg: Registration, preview: boolean): Promise<Registered> {
    const skipped: Registered = { id: "", outputs: {}, failed: true };
    if (op.halted) return skipped;
    const result = op.result(reg, { op: "same" });
    const failed = (attempted: Op, error: string): Registered => {
      Object.assign(result, { op: "failed", attempted, error });
      op.halted = true;
      return { id: "", outputs: {}, failed: true };
    };
    if (op.results.some((r) => r !== result && r.urn === reg.urn)) {
      return failed("create", `duplicate resource URN ${reg.urn}`);
    }
    if (!DYNAMIC_TYPE.test(reg.type) || typeof reg.inputs.__provider !== "string") {
      return failed("create", `${reg.type} ${reg.name}: only dynamic resources are supported by the harness`);
    }
    if (!preview && containsUnknown(reg.inputs)) {
      return failed("create", `skipped ${reg.name}: an input depends on a resource that failed`);
    }
    const old = op.state.resources.find((res) => res.urn === reg.urn && !res.pendingDelete);
    const started = Date.now();
    let step: Op = old ? "update" : "create";
    const fail = (err: unknown): Registered => {
      const error = errorText(err);
      op.emit({ type: "resource-failed", ...eventBase(reg, step), elapsedMs: Date.now() - started, error });
      return failed(step, error);
    };
    let plan: Plan;
    try {
      plan = await this.planner.run(() => this.plan(reg, old));
    } catch (err) {
      return fail(err);
    }
    // A failure elsewhere while this one was planned: the step generator stops.
    if (op.halted) {
      op.results.splice(op.results.indexOf(result), 1);
      return skipped;
    }
    step = plan.step;
    Object.assign(
      result,
      plan.diffs.length > 0 ? { diffs: plan.diffs } : {},
      step === "replace" ? { replaces: plan.diff?.replaces } : {},
    );
    result.op = step;
    if (preview) {
      op.emit({ type: "resource-start", ...eventBase(reg, step) });
      op.emit({ type: "resource-done", ...eventBase(reg, step), elapsedMs: Date.now() - started });
      return previewOutputs(step, old, plan.inputs);
    }
    return this.limit.run(async () => {
      if (op.halted) {
        op.results.splice(op.results.indexOf(result), 1);
        return skipped;
      }
      op.emit({ type: "resource-start", ...eventBase(reg, step) });
      try {
        const registered = await this.apply(op, reg, step, old, plan);
        op.emit({ type: "resource-done", ...eventBase(reg, step), elapsedMs: Date.now() - started });
        return registered;
      } catch (err) {
        return fail(err);
      }
    });
  }

  /** Check, and for a resource in the state Diff; a replacement is checked again without olds. */
  private async plan(reg: Registration, old: ResourceState | undefined): Promise<Plan> {
    const news = old
      ? ignoreChanges(reveal(reg.inputs), reveal(old.inputs), reg.ignoreChanges)
      : reveal(reg.inputs);
    let checked = await this.check(reg, old ? reveal(old.inputs) : {}, news);
    if (!old)
      return {
        step: "create",
        inputs: annotateSecrets(checked.inputs, reg.inputs) as Props,
        checked: checked.inputs,
        diffs: [],
      };
    const diff = await this.host.diff(
      reg.urn,
      old.id,
      reveal(old.outputs),
      checked.inputs,
      reveal(old.inputs),
    );
    const step = planStep(diff, old, checked.inputs);
    const diffs = changedKeys(reveal(old.inputs), checked.inputs);
    // The replacement is a new resource: the engine checks its inputs again, without olds.
    if (step === "replace") checked = await this.check(reg, {}, news);
    return {
      step,
      inputs: annotateSecrets(checked.inputs, reg.inputs) as Props,
      checked: checked.inputs,
      diff,
      diffs,
    };
  }

  private async check(reg: Registration, olds: Props, news: Props) {
    const checked = await this.host.check(reg.urn, olds, news);
    if (checked.failures.length > 0) {
      const reasons = checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
      throw new Error(`invalid inputs for ${reg.name}: ${reasons}`);
    }
    return checked;
  }

  /** Runs the step of a registration and records its outcome in the state. */
  private async apply(
    op: Operation,
    reg: Registration,
    step: Op,
    old: ResourceState | undefined,
    plan: Plan,
  ): Promise<Registered> {
    const { inputs, checked: plainInputs, diff } = plan;
    const record = (id: string, properties: Props, initErrors?: string[]): ResourceState => ({
      urn: reg.urn,
      type: reg.type,
      name: reg.name,
      id,
      inputs,
      outputs: markSecret(annotateSecrets(properties, inputs) as Props, reg.additionalSecretOutputs),
      secretOutputs: reg.additionalSecretOutputs,
      ...(initErrors ? { initErrors } : {}),
      dependencies: reg.dependencies,
      ...(reg.deleteBeforeReplace ? { deleteBeforeReplace: true } : {}),
    });
    // Stores the outcome, also of an init failure (the resource exists: keep it), then rethrows.
    const attempt = async (
      call: () => Promise<{ id: string; properties: Props }>,
      store: (res: ResourceState) => void,
    ): Promise<ResourceState> => {
      try {
        const { id, properties } = await call();
        const res = record(id, properties);
        store(res);
        return res;
      } catch (err) {
        const init = err instanceof ProviderError ? err.initFailure : undefined;
        if (init) store(record(init.id, init.properties, init.reasons));
        throw err;
      }
    };
    const create = () => this.host.create(reg.urn, plainInputs);
    const deleteOld = async (old: ResourceState) => {
      await this.host.delete(reg.urn, old.id, reveal(old.outputs), reveal(old.inputs));
      op.remove(old);
    };
    let res: ResourceState;
    if (step === "same" && old) {
      res = { ...old, secretOutputs: reg.additionalSecretOutputs, dependencies: reg.dependencies };
      op.put(res, old);
    } else if (step === "update" && old) {
      const update = async () => ({
        id: old.id,
        properties: await this.host.update(
          reg.urn,
          old.id,
          reveal(old.outputs),
          plainInputs,
          reveal(old.inputs),
        ),
      });
      res = await attempt(update, (res) => op.put(res, old));
    } else if (step === "replace" && old && (diff?.deleteBeforeReplace || reg.deleteBeforeReplace)) {
      await deleteOld(old);
      res = await attempt(create, (res) => op.put(res));
    } else if (step === "replace" && old) {
      // The old resource stays in the state, marked to delete, until the end of the deployment.
      res = await attempt(create, (res) => {
        old.pendingDelete = true;
        op.put(res);
      });
    } else {
      res = await attempt(create, (res) => op.put(res));
    }
    return { id: res.id, outputs: res.outputs };
  }

  private async read(op: Operation, res: ResourceState): Promise<void> {
    const result = op.result(res, { op: "read" });
    const started = Date.now();
    op.emit({ type: "resource-start", ...eventBase(res, "read") });
    try {
      const read = await this.host.read(res.urn, res.id, reveal(res.outputs), reveal(res.inputs));
      if (!read.id) {
        op.remove(res);
        result.op = "delete";
      } else {
        const inputs = read.inputs ? (annotateSecrets(read.inputs, res.inputs) as Props) : res.inputs;
        const outputs = markSecret(annotateSecrets(read.properties, inputs) as Props, res.secretOutputs);
        // A successful read clears init errors; the engine then diffs the refreshed outputs
        // against the inputs to show what changed.
        op.put({ ...res, id: read.id, inputs, outputs, initErrors: undefined }, res);
        const diff = await this.planner.run(() =>
          this.host.diff(res.urn, read.id, read.properties, reveal(inputs), reveal(inputs)),
        );
        if (diff.changes === "some") result.op = "update";
      }
      op.emit({ type: "resource-done", ...eventBase(res, result.op), elapsedMs: Date.now() - started });
    } catch (err) {
      const error = errorText(err);
      Object.assign(result, { op: "failed", attempted: "read", error });
      op.emit({ type: "resource-failed", ...eventBase(res, "read"), elapsedMs: Date.now() - started, error });
    }
  }

  /** Deletes resources, each after the resources among them that depend on it. */
  private async deleteAll(op: Operation, resources: ResourceState[]): Promise<void> {
    const deleting = new Map<ResourceState, Promise<boolean>>();
    const remove = (res: ResourceState): Promise<boolean> => {
      let done = deleting.get(res);
      if (done) return done;
      const dependents = resources.filter((other) => other !== res && other.dependencies.includes(res.urn));
      done = Promise.resolve().then(async () => {
        const ok = (await Promise.all(dependents.map(remove))).every(Boolean);
        return this.limit.run(() => this.deleteOne(op, res, ok));
      });
      deleting.set(res, done);
      return done;
    };
    await Promise.all(resources.map(remove));
  }

  private async deleteOne(op: Operation, res: ResourceState, dependentsDeleted: boolean): Promise<boolean> {
    // A replaced resource's delete is the end of its replacement (the engine's delete-replaced).
    const replaced = res.pendingDelete ? op.results.find((r) => r.urn === res.urn) : undefined;
    const result = replaced ?? op.result(res, { op: res.pendingDelete ? "replace" : "delete" });
    const started = Date.now();
    const fail = (error: string) => {
      Object.assign(result, { op: "failed", attempted: "delete", error });
      op.emit({
        type: "resource-failed",
        ...eventBase(res, "delete"),
        elapsedMs: Date.now() - started,
        error,
      });
      return false;
    };
    if (!dependentsDeleted)
      return fail(`skipped deleting ${res.name}: a resource that depends on it remains`);
    op.emit({ type: "resource-start", ...eventBase(res, "delete") });
    try {
      await this.host.delete(res.urn, res.id, reveal(res.outputs), reveal(res.inputs));
      op.remove(res);
      op.emit({ type: "resource-done", ...eventBase(res, "delete"), elapsedMs: Date.now() - started });
      return true;
    } catch (err) {
      return fail(errorText(err));
    }
  }
}

/** The state and the results of one operation; the state is saved at every change. */
class Operation {
  readonly events: HarnessEvent[] = [];
  readonly results: ResourceResult[] = [];
  readonly state: StackState;
  /** A step failed: nothing new starts, pending deletes are skipped. */
  halted = false;

  constructor(
    private readonly file: StateFile,
    readonly emit: (event: HarnessEvent) => void,
  ) {
    this.state = file.load();
  }

  /** The result entry of a resource, in the order resources come. */
  result(res: { urn: string; name: string; type: string }, init: { op: Op }): ResourceResult {
    const result: ResourceResult = { urn: res.urn, name: res.name, type: res.type, ...init };
    this.results.push(result);
    return result;
  }

  /** Stores `res` in place of `old`, else of the live resource with its URN, else adds it. */
  put(res: ResourceState, old?: ResourceState): void {
    const live = this.state.resources.find((r) => r.urn === res.urn && !r.pendingDelete);
    const index = this.state.resources.indexOf(
      old && this.state.resources.includes(old) ? old : (live ?? res),
    );
    if (index >= 0) this.state.resources[index] = res;
    else this.state.resources.push(res);
    this.save();
  }

  remove(res: ResourceState): void {
    this.state.resources = this.state.resources.filter((r) => r !== res);
    this.save();
  }

  save(): void {
    this.file.save(this.state);
  }
}

/** At most `max` tasks at a time. */
class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

interface Plan {
  step: Op;
  /** The checked inputs, secrets marked as the program sent them; `checked` in plain text. */
  inputs: Props;
  checked: Props;
  diff?: DiffResult;
  diffs: string[];
}

/**
 * The engine's reading of a Diff: `changes: none` is no change whatever `replaces` says;
 * `unknown` makes it compare the inputs itself, and unchanged inputs never replace.
 */
function planStep(diff: DiffResult, old: ResourceState, news: Props): Op {
  const changed =
    diff.changes === "some" ||
    (diff.changes === "unknown" && changedKeys(reveal(old.inputs), news).length > 0);
  if (changed && diff.replaces.length > 0) return "replace";
  // A resource that failed to initialize is updated even without changes (as the engine does).
  return changed || (old.initErrors?.length ?? 0) > 0 ? "update" : "same";
}

/** The `config:` defaults of the project's Pulumi.yaml, as namespaced keys (plain keys: the project's). */
function projectConfig(program: string, project: string): Record<string, string> {
  let dir = path.dirname(programFile(program));
  while (!fs.existsSync(path.join(dir, "Pulumi.yaml")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const file = path.join(dir, "Pulumi.yaml");
  if (!fs.existsSync(file)) return {};
  const doc = (yaml.load(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(doc.config ?? {})) {
    const value =
      v && typeof v === "object"
        ? ((v as { value?: unknown; default?: unknown }).value ?? (v as { default?: unknown }).default)
        : v;
    if (value === undefined || value === null) continue;
    out[key.includes(":") ? key : `${project}:${key}`] =
      typeof value === "string" ? value : JSON.stringify(value);
  }
  return out;
}

/** In preview: what the program sees. New and replaced resources: unknown; others: the state, updated. */
function previewOutputs(step: Op, old: ResourceState | undefined, inputs: Props): Registered {
  if (!old || step === "replace") return { id: "", outputs: {} };
  return { id: old.id, outputs: step === "update" ? { ...old.outputs, ...inputs } : old.outputs };
}

function changedKeys(olds: Props, news: Props): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys].filter((k) => k !== "__provider" && JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
}

function eventBase(res: { urn: string; name: string; type: string }, op: Op) {
  return { urn: res.urn, name: res.name, resourceType: res.type, op };
}

function errorText(err: unknown): string {
  if (err instanceof ProviderError && err.initFailure) {
    return `${err.message} (initialization failed: ${err.initFailure.reasons.join("; ")})`;
  }
  return err instanceof Error ? err.message : String(err);
}

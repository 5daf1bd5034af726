/**
 * A stack of a Pulumi program run by the real CLI against a file backend in a temporary
 * directory: the program is copied (TypeScript transpiled) with this package linked into its
 * node_modules, PULUMI_HOME and the state are private, secrets use the passphrase provider, and
 * nothing is downloaded. Operations that run the program go through inline.ts in a process of
 * their own; the others (config, export, cancel) through the Automation API here.
 */
import { ChildProcess, execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as auto from "@pulumi/pulumi/automation";
import type * as ts from "typescript";
import { Cli, REPO } from "./locate";
import type { InlineRequest, InlineResult, Op } from "./inline";

export type { Op } from "./inline";

/** Environment variables that must not leak from this process into a stack's CLI and provider host. */
const PRIVATE_ENV = /^(PULUMI_|RUNINSTANCES_|TENCENTCLOUD_|ALIBABA_CLOUD_|ALICLOUD_|TKE_)/;

const RUNNER = fs.existsSync(path.join(__dirname, "inline.js"))
  ? path.join(__dirname, "inline.js")
  : path.join(REPO, ".build", "cli", "inline.js");

export interface WorkspaceOptions {
  cli: Cli;
  /** A temporary directory: program copies, the file backend, PULUMI_HOME. */
  root: string;
  /** Environment of every CLI run (and so of the provider host): endpoint, credentials. */
  env?: Record<string, string>;
}

export interface StackOptions {
  /** The program's directory (Pulumi.yaml and index.ts or index.js). */
  program: string;
  stack: string;
  /** Stack config, namespaced keys; `secret` ones are stored encrypted. */
  config?: Record<string, string>;
  secretConfig?: Record<string, string>;
  /** More environment for this stack's runs. */
  env?: Record<string, string>;
}

export interface CliResult extends InlineResult {
  /** The CLI's display, as it was printed. */
  output: string;
  events: auto.EngineEvent[];
  /** Exit code of the run (0 ok, 1 the operation failed, else killed or broken). */
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A run in progress: its process, and the `pulumi` process it started. */
export interface Running {
  child: ChildProcess;
  /** The pid of the `pulumi` CLI process, once it runs. */
  pulumiPid(): Promise<number>;
  result: Promise<CliResult>;
}

/** The Automation API's `root` for a CLI binary: `<root>/bin/pulumi`. */
function commandRoot(cli: Cli, root: string): string {
  if (path.basename(cli.path) === "pulumi" && path.basename(path.dirname(cli.path)) === "bin") {
    return path.dirname(path.dirname(cli.path));
  }
  const link = path.join(root, "pulumi-cli");
  fs.mkdirSync(path.join(link, "bin"), { recursive: true });
  if (!fs.existsSync(path.join(link, "bin", "pulumi")))
    fs.symlinkSync(cli.path, path.join(link, "bin", "pulumi"));
  return link;
}

export class CliWorkspace {
  readonly backend: string;
  readonly home: string;
  readonly pulumiRoot: string;
  private n = 0;

  constructor(readonly opts: WorkspaceOptions) {
    this.backend = path.join(opts.root, "state");
    this.home = path.join(opts.root, "home");
    fs.mkdirSync(this.backend, { recursive: true });
    fs.mkdirSync(this.home, { recursive: true });
    this.pulumiRoot = commandRoot(opts.cli, opts.root);
  }

  /** The CLI's environment: the file backend, the passphrase, no update check, no plugin download. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      PULUMI_BACKEND_URL: `file://${this.backend}`,
      PULUMI_CONFIG_PASSPHRASE: "runinstances",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
      ...this.opts.env,
      ...extra,
    };
  }

  /** Copies the program, creates the stack (passphrase secrets) and sets its config. */
  async stack(opts: StackOptions): Promise<CliStack> {
    const dir = path.join(this.opts.root, `${opts.stack}-${++this.n}`);
    const entry = copyProgram(opts.program, dir);
    const stack = new CliStack(this, opts, dir, entry);
    await stack.init();
    return stack;
  }
}

export class CliStack {
  private ws?: auto.LocalWorkspace;

  constructor(
    readonly workspace: CliWorkspace,
    readonly opts: StackOptions,
    /** The project directory (the copy). */
    readonly dir: string,
    readonly entry: string,
  ) {}

  get name(): string {
    return this.opts.stack;
  }

  env(): Record<string, string> {
    return this.workspace.env(this.opts.env);
  }

  async init(): Promise<void> {
    const ws = await this.automation();
    await ws.createStack(this.name);
    await this.setConfig(this.opts.config ?? {}, this.opts.secretConfig ?? {});
  }

  async setConfig(plain: Record<string, string>, secret: Record<string, string> = {}): Promise<void> {
    const stack = await auto.Stack.select(this.name, await this.automation());
    const values: auto.ConfigMap = {};
    for (const [k, v] of Object.entries(plain)) values[k] = { value: v };
    for (const [k, v] of Object.entries(secret)) values[k] = { value: v, secret: true };
    if (Object.keys(values).length) await stack.setAllConfig(values);
  }

  async removeConfig(keys: string[]): Promise<void> {
    const stack = await auto.Stack.select(this.name, await this.automation());
    if (keys.length) await stack.removeAllConfig(keys);
  }

  preview(options: Record<string, unknown> = {}, onOutput?: (text: string) => void): Promise<CliResult> {
    return this.start("preview", options, onOutput).result;
  }

  up(options: Record<string, unknown> = {}, onOutput?: (text: string) => void): Promise<CliResult> {
    return this.start("up", options, onOutput).result;
  }

  refresh(options: Record<string, unknown> = {}, onOutput?: (text: string) => void): Promise<CliResult> {
    return this.start("refresh", options, onOutput).result;
  }

  destroy(options: Record<string, unknown> = {}, onOutput?: (text: string) => void): Promise<CliResult> {
    return this.start("destroy", options, onOutput).result;
  }

  /** Starts an operation in a process of its own (a test may SIGKILL the CLI it starts). */
  start(op: Op, options: Record<string, unknown> = {}, onOutput?: (text: string) => void): Running {
    const tag = `${op}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    const files = {
      request: path.join(this.dir, `.run-${tag}.json`),
      resultFile: path.join(this.dir, `.run-${tag}.result.json`),
      eventsFile: path.join(this.dir, `.run-${tag}.events.jsonl`),
    };
    const req: InlineRequest = {
      op,
      dir: this.dir,
      entry: this.entry,
      stack: this.name,
      pulumiRoot: this.workspace.pulumiRoot,
      pulumiHome: this.workspace.home,
      env: this.env(),
      options,
      resultFile: files.resultFile,
      eventsFile: files.eventsFile,
    };
    fs.writeFileSync(files.request, JSON.stringify(req));
    const child = spawn(process.execPath, [RUNNER, files.request], {
      cwd: this.dir,
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const take = (d: Buffer) => {
      const text = d.toString();
      output += text;
      onOutput?.(text);
    };
    child.stdout!.on("data", take);
    child.stderr!.on("data", take);
    const result = new Promise<CliResult>((resolve) => {
      child.on("close", (code, signal) => {
        const read = <T>(file: string, parse: (s: string) => T, fallback: T): T => {
          try {
            return parse(fs.readFileSync(file, "utf8"));
          } catch {
            return fallback;
          }
        };
        const inline = read<InlineResult>(files.resultFile, JSON.parse, {
          ok: false,
          error: `the run ended (${signal ?? `exit ${code}`}) before the CLI finished`,
          stdout: "",
          stderr: "",
        });
        const events = read(
          files.eventsFile,
          (s) =>
            s
              .split("\n")
              .filter(Boolean)
              .map((l) => JSON.parse(l) as auto.EngineEvent),
          [] as auto.EngineEvent[],
        );
        for (const f of Object.values(files)) fs.rmSync(f, { force: true });
        resolve({ ...inline, output, events, code, signal });
      });
    });
    return { child, result, pulumiPid: () => waitForCli(child.pid!, op) };
  }

  /** The deployment as `pulumi stack export --show-secrets` gives it. */
  async exportStack(): Promise<auto.Deployment> {
    return (await this.automation()).exportStack(this.name);
  }

  /** `pulumi stack export` without secrets: the text the backend keeps (secrets encrypted). */
  async exportText(): Promise<string> {
    return (await this.command(["stack", "export"])).stdout;
  }

  /** The state file of the file backend, as it is on disk. */
  stateText(): string {
    const file = findFile(path.join(this.workspace.backend, ".pulumi", "stacks"), `${this.name}.json`);
    if (!file) throw new Error(`no state file for stack ${this.name} under ${this.workspace.backend}`);
    return fs.readFileSync(file, "utf8");
  }

  /** `pulumi cancel`: ends the update that a killed CLI left in progress (the backend's lock). */
  async cancel(): Promise<CommandResult> {
    return this.command(["cancel", "--yes"]);
  }

  /** Any `pulumi` command on this stack, e.g. `refresh --clear-pending-creates`; never throws. */
  command(args: string[]): Promise<CommandResult> {
    const binary = path.join(this.workspace.pulumiRoot, "bin", "pulumi");
    return new Promise((resolve) => {
      execFile(
        binary,
        [...args, "--stack", this.name, "--non-interactive"],
        {
          cwd: this.dir,
          env: { ...cleanEnv(), ...this.env(), PULUMI_HOME: this.workspace.home },
          maxBuffer: 256 * 1024 * 1024,
        },
        (err, stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
      );
    });
  }

  private async automation(): Promise<auto.LocalWorkspace> {
    this.ws ??= await auto.LocalWorkspace.create({
      workDir: this.dir,
      pulumiHome: this.workspace.home,
      pulumiCommand: await auto.PulumiCommand.get({
        root: this.workspace.pulumiRoot,
        skipVersionCheck: true,
      }),
      envVars: this.env(),
      secretsProvider: "passphrase",
    });
    return this.ws;
  }
}

/** Resource name -> the engine's step, from a run's events (resourcePreEvent), in order. */
export function steps(r: Pick<CliResult, "events">): Array<[string, string]> {
  return r.events
    .filter((e) => e.resourcePreEvent && e.resourcePreEvent.metadata.type !== "pulumi:pulumi:Stack")
    .map((e) => [e.resourcePreEvent!.metadata.urn.split("::").pop()!, e.resourcePreEvent!.metadata.op]);
}

/** The diagnostics the engine showed (progress lines, warnings, errors). */
export function diagnostics(r: Pick<CliResult, "events">): string[] {
  return r.events.filter((e) => e.diagnosticEvent).map((e) => e.diagnosticEvent!.message.trim());
}

function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !PRIVATE_ENV.test(k)));
}

/** Copies Pulumi.yaml and the program's entry, transpiled to JavaScript, links node_modules and installs this package. */
export function copyProgram(program: string, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(program, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  const source = ["index.ts", "index.js"].map((f) => path.join(program, f)).find((f) => fs.existsSync(f));
  if (!source) throw new Error(`${program} has no index.ts or index.js`);
  const entry = path.join(dir, "index.js");
  const text = fs.readFileSync(source, "utf8");
  fs.writeFileSync(entry, source.endsWith(".ts") ? transpile(text, source) : text);
  const modules = path.join(dir, "node_modules");
  fs.mkdirSync(modules, { recursive: true });
  // Its dependencies, linked (nothing is downloaded).
  for (const dep of fs.readdirSync(path.join(REPO, "node_modules"))) {
    if (dep.startsWith(".") || dep === "pulumi-runinstances") continue;
    fs.symlinkSync(path.join(REPO, "node_modules", dep), path.join(modules, dep));
  }
  installPackage(path.join(modules, "pulumi-runinstances"));
  return entry;
}

/**
 * This package as `npm install` leaves it: a directory of its own under node_modules (its files
 * hard-linked, copied across file systems), not a link to the checkout. Pulumi's serializer
 * writes a module under node_modules as a `require` of it, and one elsewhere by value (shim.ts).
 */
function installPackage(dest: string): void {
  const place = (from: string, to: string) => {
    if (fs.statSync(from).isDirectory()) {
      for (const e of fs.readdirSync(from)) place(path.join(from, e), path.join(to, e));
      return;
    }
    fs.mkdirSync(path.dirname(to), { recursive: true });
    try {
      fs.linkSync(from, to);
    } catch {
      fs.copyFileSync(from, to);
    }
  };
  for (const part of ["package.json", "dist/provider", "dist/emulator"]) {
    place(path.join(REPO, part), path.join(dest, part));
  }
}

let typescript: typeof ts | undefined;
function transpile(source: string, fileName: string): string {
  typescript ??= require("typescript") as typeof ts;
  return typescript.transpileModule(source, {
    fileName,
    compilerOptions: {
      module: typescript.ModuleKind.CommonJS,
      target: typescript.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  }).outputText;
}

function findFile(dir: string, name: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isFile() && e.name === name) return p;
    if (e.isDirectory()) {
      const found = findFile(p, name);
      if (found) return found;
    }
  }
  return undefined;
}

/** The processes whose parent is `pid` (Linux /proc). */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const e of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, "utf8");
      // pid (comm) state ppid ...: comm may hold spaces and parentheses
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(e));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Every process below `pid`, children first. */
export function descendantsOf(pid: number): number[] {
  return childrenOf(pid).flatMap((c) => [c, ...descendantsOf(c)]);
}

/** The process group of a pid (Linux /proc), or undefined once it is gone. */
export function processGroupOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
  } catch {
    return undefined;
  }
}

function argsOf(pid: number): string[] {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return [];
  }
}

/** The `pulumi <op>` process that a run started (not its `pulumi version` check). */
async function waitForCli(parent: number, op: Op): Promise<number> {
  for (let i = 0; i < 600; i++) {
    const found = childrenOf(parent).find((p) => {
      const args = argsOf(p);
      return path.basename(args[0] ?? "") === "pulumi" && args.includes(op);
    });
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no \`pulumi ${op}\` process below ${parent} after 30 s`);
}

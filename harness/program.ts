// Program evaluation: runs a Pulumi program in this process against our own resource monitor
// (the object the Pulumi runtime sends RegisterResource requests to; `pulumi.runtime.setMocks`
// installs one the same way). Every registration is handed to the engine (`register`), which
// answers with the resource's id and outputs, like the Pulumi engine's resource monitor does.
//
// Why a monitor of our own rather than `setMocks`: the mocks' `newResource` only sees type, name
// and inputs; the RegisterResourceRequest also carries additionalSecretOutputs, dependencies,
// deleteBeforeReplace and the inputs with their secret wrappers, and the engine needs them.
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import type * as structproto from "google-protobuf/google/protobuf/struct_pb";
import type { Props } from "./values";

/** One RegisterResource request of the program, as the engine sees it. */
export interface Registration {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  parent: string;
  /** Property values as the program sent them: secrets wrapped, unknowns as UNKNOWN (values.ts). */
  inputs: Props;
  /** URNs of the resources this one depends on (dependsOn and the resources of its input Outputs). */
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  additionalSecretOutputs: string[];
  deleteBeforeReplace: boolean;
  ignoreChanges: string[];
  protect: boolean;
}

/** The engine's answer to a registration. Outputs are property values (secrets wrapped). */
export interface Registered {
  id: string;
  outputs: Props;
  /** The step failed: outputs not given resolve as unknown in the program. */
  failed?: boolean;
}

export interface ProgramRun {
  resources: Registration[];
  /** Stack outputs as property values (secrets wrapped, unknowns as UNKNOWN). */
  outputs: Props;
  /** The program threw, or a registration could not be prepared. */
  error?: string;
}

export interface ProgramOptions {
  program: string;
  project: string;
  stack: string;
  preview: boolean;
  config: Record<string, string>;
  register: (reg: Registration) => Promise<Registered>;
}

const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
/** A module as @pulumi/pulumi itself resolves it (the same copy the runtime uses). */
export function requireFromPulumi<T>(id: string): T {
  return require(require.resolve(id, { paths: [pulumiDir] })) as T;
}
export { pulumiDir };

/** Finds the entry file of a program given as a file or a directory. */
export function programFile(program: string): string {
  const abs = path.resolve(program);
  if (!fs.statSync(abs).isDirectory()) return abs;
  for (const index of ["index.ts", "index.js"]) {
    if (fs.existsSync(path.join(abs, index))) return path.join(abs, index);
  }
  throw new Error(`finding program: no index.ts or index.js in ${abs}`);
}

/** The project name from the Pulumi.yaml nearest above the program ("project" without one). */
export function projectName(program: string): string {
  for (let dir = path.dirname(programFile(program)); ; dir = path.dirname(dir)) {
    const file = path.join(dir, "Pulumi.yaml");
    if (fs.existsSync(file)) {
      const name = /^name:\s*["']?([^"'\s#]+)/m.exec(fs.readFileSync(file, "utf8"));
      return name ? name[1] : "project";
    }
    if (path.dirname(dir) === dir) return "project";
  }
}

// One program at a time: the Pulumi runtime keeps its state in process globals.
let queue: Promise<unknown> = Promise.resolve();

/** Runs the program once. Registrations run concurrently, as the program makes them. */
export function runProgram(opts: ProgramOptions): Promise<ProgramRun> {
  const run = queue.then(() => runProgramNow(opts));
  queue = run.catch(() => undefined);
  return run;
}

async function runProgramNow(opts: ProgramOptions): Promise<ProgramRun> {
  const errors: string[] = [];
  const monitor = new Monitor(opts, errors);
  // setMockOptions resets the runtime's global state (monitor, stack resource, pending RPCs).
  pulumi.runtime.setMockOptions(monitor, opts.project, opts.stack, opts.preview);
  pulumi.runtime.setAllConfig(opts.config);
  // A registration that cannot be prepared (e.g. its provider does not serialize) rejects
  // unobserved, as in the real language host. (Under jest, jest sees it first: the test fails.)
  const onRejection = (err: unknown) => errors.push(errorText(err));
  process.on("unhandledRejection", onRejection);
  try {
    const file = programFile(opts.program);
    await pulumi.runtime.runInPulumiStack(async () => {
      // An error of the program is caught here, not let through the stack resource: its
      // rejected outputs would be unhandled rejections (which fail a jest test).
      try {
        const exported = new FreshLoader(path.dirname(file)).load(file);
        return await (typeof exported === "function" ? exported() : exported);
      } catch (err) {
        errors.push(errorText(err));
        return undefined;
      }
    });
  } catch (err) {
    errors.push(errorText(err));
  } finally {
    await pulumi.runtime.disconnect().catch((err: unknown) => errors.push(errorText(err)));
    process.off("unhandledRejection", onRejection);
  }
  return {
    resources: monitor.registrations,
    outputs: monitor.stackOutputs,
    ...(errors.length > 0 ? { error: errors.join("\n") } : {}),
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

type Callback<T> = (err: Error | null, resp?: T) => void;

const resourcePb = requireFromPulumi<typeof resproto>("@pulumi/pulumi/proto/resource_pb");
const structPb = requireFromPulumi<typeof structproto>("google-protobuf/google/protobuf/struct_pb");

/** The resource monitor the Pulumi runtime talks to (the subset of the gRPC client it calls). */
class Monitor {
  readonly registrations: Registration[] = [];
  stackOutputs: Props = {};
  private stackUrn = "";

  constructor(
    private readonly opts: ProgramOptions,
    private readonly errors: string[],
  ) {}

  supportsFeature(req: resproto.SupportsFeatureRequest, callback: Callback<{ getHassupport(): boolean }>) {
    // Resource references off: a resource passed as an input arrives as its id (or URN), as
    // providers that do not accept resources get it from the engine.
    const supported = ["secrets", "deletedWith", "aliasSpecs"].includes(req.getId());
    callback(null, { getHassupport: () => supported });
  }

  async registerResource(
    req: resproto.RegisterResourceRequest,
    callback: Callback<resproto.RegisterResourceResponse>,
  ) {
    const reg = this.toRegistration(req);
    if (reg.type === "pulumi:pulumi:Stack") this.stackUrn = reg.urn;
    this.registrations.push(reg);
    let result: Registered = { id: "", outputs: {} };
    if (reg.custom) {
      try {
        result = await this.opts.register(reg);
      } catch (err) {
        result = { id: "", outputs: {}, failed: true };
        this.errors.push(`registering ${reg.urn}: ${errorText(err)}`);
      }
    }
    const resp = new resourcePb.RegisterResourceResponse();
    resp.setUrn(reg.urn);
    resp.setId(result.id);
    resp.setObject(structPb.Struct.fromJavaScript(result.outputs as never));
    resp.setResult(result.failed ? resourcePb.Result.FAIL : resourcePb.Result.SUCCESS);
    callback(null, resp);
  }

  registerResourceOutputs(req: resproto.RegisterResourceOutputsRequest, callback: Callback<object>) {
    if (req.getUrn() === this.stackUrn) this.stackOutputs = (req.getOutputs()?.toJavaScript() ?? {}) as Props;
    callback(null, {});
  }

  readResource(_req: unknown, callback: Callback<never>) {
    callback(new Error("reading existing resources (get) is not supported by the harness"));
  }

  invoke(req: { getTok(): string }, callback: Callback<never>) {
    callback(new Error(`invoking ${req.getTok()} is not supported by the harness`));
  }

  registerPackage(_req: unknown, callback: Callback<resproto.RegisterPackageResponse>) {
    const resp = new resourcePb.RegisterPackageResponse();
    resp.setRef("harness-package");
    callback(null, resp);
  }

  close() {}

  private toRegistration(req: resproto.RegisterResourceRequest): Registration {
    const type = req.getType();
    const parent = req.getParent();
    let qualifiedType = type;
    if (parent && parent !== this.stackUrn) qualifiedType = `${parent.split("::")[2]}$${type}`;
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => (propertyDependencies[key] = deps.getUrnsList()));
    return {
      urn: `urn:pulumi:${this.opts.stack}::${this.opts.project}::${qualifiedType}::${req.getName()}`,
      type,
      name: req.getName(),
      custom: req.getCustom(),
      parent,
      inputs: (req.getObject()?.toJavaScript() ?? {}) as Props,
      dependencies: req.getDependenciesList(),
      propertyDependencies,
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      deleteBeforeReplace: req.getDeletebeforereplace(),
      ignoreChanges: req.getIgnorechangesList(),
      protect: req.getProtect() ?? false,
    };
  }
}

/**
 * Loads the program's own files (those under its directory, outside node_modules) afresh on every
 * run, TypeScript transpiled on the fly; everything else is required normally, from the program's
 * location (under jest: through jest's module registry, so the program shares @pulumi/pulumi with
 * the harness). Node's require cache cannot be cleared under jest, hence this small loader.
 */
class FreshLoader {
  private readonly modules = new Map<string, { exports: unknown }>();

  constructor(private readonly root: string) {}

  load(file: string): unknown {
    const cached = this.modules.get(file);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown, id: file, filename: file, loaded: false };
    this.modules.set(file, module);
    const source = fs.readFileSync(file, "utf8");
    if (file.endsWith(".json")) {
      module.exports = JSON.parse(source);
    } else {
      const code = /\.[cm]?ts$/.test(file) ? transpile(source, file) : source;
      const body = new Function("exports", "require", "module", "__filename", "__dirname", code);
      body.call(module.exports, module.exports, this.requireFor(file), module, file, path.dirname(file));
    }
    module.loaded = true;
    return module.exports;
  }

  private requireFor(file: string): NodeJS.Require {
    const hostRequire = createRequire(file);
    const resolveFresh = (id: string): string | undefined => {
      if (!id.startsWith(".") && !path.isAbsolute(id)) return undefined;
      const base = path.resolve(path.dirname(file), id);
      const candidates = [
        base,
        ...[".ts", ".js", ".json", "/index.ts", "/index.js"].map((ext) => base + ext),
      ];
      const found = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
      if (!found || path.relative(this.root, found).startsWith("..")) return undefined;
      return found.split(path.sep).includes("node_modules") ? undefined : found;
    };
    const req = ((id: string) => {
      const fresh = resolveFresh(id);
      return fresh ? this.load(fresh) : hostRequire(id);
    }) as NodeJS.Require;
    return Object.assign(req, { resolve: hostRequire.resolve, cache: hostRequire.cache, main: undefined });
  }
}

let typescript: typeof import("typescript") | undefined;
function transpile(source: string, fileName: string): string {
  typescript ??= require("typescript") as typeof import("typescript");
  const ts = typescript;
  return ts.transpileModule(source, {
    fileName,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      inlineSourceMap: false,
    },
  }).outputText;
}

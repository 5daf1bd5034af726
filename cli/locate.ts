/**
 * `npm run -s pulumi:cli`: finds a Pulumi CLI this project can use, or builds one, and prints its
 * absolute path on the last line. In order:
 *   1. PULUMI_CLI, or a `pulumi` on PATH, whose version is not older than @pulumi/pulumi in the lock file;
 *   2. the CLI built by an earlier run (.pulumi-cli/bin/pulumi, same go.mod, go.sum and Go);
 *   3. a build with Go from the module proxy: the module in cli/go.mod, verified by cli/go.sum;
 *   4. otherwise one error that names both ways to get one.
 * The built folder also gets the dynamic provider plugin `pulumi-resource-pulumi-nodejs` (a
 * script that ships in @pulumi/pulumi), which the engine looks for beside the running `pulumi`.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "../harness/package";

export { REPO };

const GO_MODULE = path.join(REPO, "cli");
/** Where the build puts `pulumi` and the plugin script: the `root` of PulumiCommand.get. */
export const BUILT_ROOT = path.join(REPO, ".pulumi-cli");
const BUILT_BIN = path.join(BUILT_ROOT, "bin");
const STAMP = path.join(BUILT_BIN, ".built");
const PLUGIN = "pulumi-resource-pulumi-nodejs";
const PULUMI_MAIN = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";

export interface Cli {
  /** Absolute path of the `pulumi` binary. */
  path: string;
  /** Its version, e.g. "3.248.0". */
  version: string;
  /** Where it came from. */
  source: "PULUMI_CLI" | "PATH" | "built";
}

/** The version of @pulumi/pulumi in package-lock.json: the oldest CLI this project accepts. */
export function lockedPulumiVersion(): string {
  const lock = JSON.parse(fs.readFileSync(path.join(REPO, "package-lock.json"), "utf8")) as {
    packages: Record<string, { version?: string }>;
  };
  const v = lock.packages["node_modules/@pulumi/pulumi"]?.version;
  if (!v) throw new Error("package-lock.json has no node_modules/@pulumi/pulumi");
  return v;
}

/** The version of github.com/pulumi/pulumi/pkg/v3 that cli/go.mod pins. */
export function pinnedPulumiVersion(): string {
  const mod = fs.readFileSync(path.join(GO_MODULE, "go.mod"), "utf8");
  const m = /github\.com\/pulumi\/pulumi\/pkg\/v3 v(\d+\.\d+\.\d+)/.exec(mod);
  if (!m) throw new Error("cli/go.mod does not require github.com/pulumi/pulumi/pkg/v3");
  return m[1];
}

/** a >= b for "x.y.z" versions (a leading "v" and a pre-release tail are ignored). */
export function atLeast(a: string, b: string): boolean {
  const parts = (v: string) => v.replace(/^v/, "").split(/[-+]/)[0].split(".").map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return true;
}

/** `pulumi version` of a binary, without the "v"; undefined when it does not run. */
export function versionOf(binary: string): string | undefined {
  const r = spawnSync(binary, ["version"], {
    encoding: "utf8",
    timeout: 30_000,
    env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
  });
  const v = r.status === 0 ? /v?(\d+\.\d+\.\d+\S*)/.exec(r.stdout.trim())?.[1] : undefined;
  return v || undefined;
}

/** The first executable `name` on PATH. */
export function onPath(name: string, searchPath = process.env.PATH ?? ""): string | undefined {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface LocateOptions {
  /** Build with Go when no usable CLI is found (the demo never does: it takes minutes). */
  build: boolean;
  /** Progress for the user (stderr). */
  log?: (line: string) => void;
}

/** A usable CLI, built if allowed and needed; throws the one message that names both ways otherwise. */
export async function locatePulumi(opts: LocateOptions): Promise<Cli> {
  const log = opts.log ?? (() => undefined);
  const wanted = lockedPulumiVersion();
  const candidates: Array<[Cli["source"], string | undefined]> = [
    ["PULUMI_CLI", process.env.PULUMI_CLI],
    ["PATH", onPath("pulumi")],
  ];
  for (const [source, binary] of candidates) {
    if (!binary) continue;
    const abs = path.resolve(binary);
    const version = versionOf(abs);
    if (version && atLeast(version, wanted)) return { path: abs, version, source };
    log(
      `${source === "PATH" ? "pulumi on PATH" : "PULUMI_CLI"} (${abs}) is ${version ? `v${version}, older than v${wanted}` : "not a working pulumi binary"}: not used`,
    );
  }
  const built = builtCli();
  if (built) return built;
  const go = onPath("go");
  if (!opts.build || !go) throw new Error(noCliMessage(wanted, Boolean(go)));
  await buildCli(go, log);
  const fresh = builtCli();
  if (!fresh) throw new Error(`the Go build finished, but ${path.join(BUILT_BIN, "pulumi")} does not run`);
  return fresh;
}

export function noCliMessage(wanted: string, haveGo = false): string {
  return `no Pulumi CLI v${wanted} or newer: ${howToGetCli(haveGo)}`;
}

/** The two ways to a CLI, in one sentence. */
export function howToGetCli(haveGo: boolean): string {
  return (
    "either install the Pulumi CLI (https://www.pulumi.com/docs/install/) and put `pulumi` on PATH or set PULUMI_CLI to it, or " +
    (haveGo
      ? "run `npm run pulumi:cli` once to build it with Go (about 5 minutes the first time, seconds after)"
      : "install Go 1.26 or newer and run `npm run pulumi:cli`, which builds it from the Go module proxy (about 5 minutes the first time)")
  );
}

/** The CLI of an earlier build, if it was built from the same go.mod, go.sum and Go and still runs. */
function builtCli(): Cli | undefined {
  const binary = path.join(BUILT_BIN, "pulumi");
  if (!fs.existsSync(binary) || !fs.existsSync(STAMP)) return undefined;
  const go = onPath("go");
  // Without Go the stamp cannot be recomputed: the binary is used as built.
  if (go && fs.readFileSync(STAMP, "utf8") !== stamp(go)) return undefined;
  installPlugin();
  const version = versionOf(binary);
  return version ? { path: binary, version, source: "built" } : undefined;
}

/** What the binaries are built from: go.mod, go.sum, the Go version and the build flags. */
function stamp(go: string): string {
  const h = createHash("sha256");
  for (const f of ["go.mod", "go.sum"]) h.update(fs.readFileSync(path.join(GO_MODULE, f)));
  h.update(execFileSync(go, ["version"], { encoding: "utf8" }));
  h.update(JSON.stringify(buildArgs()));
  return h.digest("hex");
}

function buildArgs(): string[] {
  const version = `v${pinnedPulumiVersion()}`;
  return [
    "build",
    "-buildvcs=false",
    "-trimpath",
    "-tags",
    "osusergo,grpcnotrace",
    "-ldflags",
    // -s -w: no symbol table or DWARF (a faster link, a smaller binary). The version: without it
    // `pulumi version` prints an empty line, which the Automation API cannot parse.
    `-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${version}`,
    "-o",
    BUILT_BIN + path.sep,
    PULUMI_MAIN,
  ];
}

/** The dynamic provider plugin from @pulumi/pulumi, beside the built binary. */
function installPlugin(): void {
  const from = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), PLUGIN);
  const to = path.join(BUILT_BIN, PLUGIN);
  if (fs.existsSync(to) && fs.readFileSync(to).equals(fs.readFileSync(from))) return;
  fs.copyFileSync(from, to);
  fs.chmodSync(to, 0o755);
}

async function buildCli(go: string, log: (line: string) => void): Promise<void> {
  fs.mkdirSync(BUILT_BIN, { recursive: true });
  const started = Date.now();
  const since = () => `${Math.round((Date.now() - started) / 1000)}s`;
  log(
    `building pulumi v${pinnedPulumiVersion()} with ${execFileSync(go, ["version"], { encoding: "utf8" }).trim()} ` +
      `from the Go module proxy (cli/go.mod, verified by cli/go.sum); the first build downloads about 1.5 GB ` +
      `of modules and takes 5 to 8 minutes on 2 cores, later ones reuse Go's caches`,
  );
  const child = spawn(go, buildArgs(), {
    cwd: GO_MODULE,
    env: { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=readonly", GOWORK: "off" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const keep = (d: Buffer) => {
    for (const line of d.toString().split("\n").filter(Boolean)) {
      output.push(line);
      if (/^go: downloading/.test(line) && output.length % 50 === 1) log(`  ${line} (${since()})`);
    }
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const beat = setInterval(() => log(`  still building (${since()})`), 30_000);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  clearInterval(beat);
  if (code !== 0) {
    throw new Error(`go ${buildArgs().join(" ")} failed (exit ${code}):\n${output.slice(-30).join("\n")}`);
  }
  installPlugin();
  fs.writeFileSync(STAMP, stamp(go));
  log(`built ${path.join(BUILT_BIN, "pulumi")} in ${since()}`);
}

if (require.main === module) {
  locatePulumi({ build: true, log: (line) => process.stderr.write(`${line}\n`) }).then(
    (cli) => {
      process.stderr.write(`using pulumi v${cli.version} (${cli.source})\n`);
      process.stdout.write(`${cli.path}\n`);
    },
    (e: unknown) => {
      process.stderr.write(`pulumi:cli: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}

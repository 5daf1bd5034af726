/**
 * npm run demo: start the emulator, deploy the root program (Pulumi.yaml + index.ts), show each
 * resource's progress and the stack outputs, destroy it, stop the emulator.
 * With a `pulumi` CLI on PATH it runs the real `pulumi up` / `pulumi destroy` against a local file
 * backend in a temporary directory; without one it goes through the engine-path harness (the
 * real dynamic-provider host driven over gRPC).
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  startEmulator,
  DEFAULT_SECRET_ID,
  DEFAULT_SECRET_KEY,
  RunningEmulator,
} from "pulumi-runinstances/emulator";
import { createStack, HarnessEvent, OperationResult } from "../test/harness";
import { packageLinkDir, REPO } from "../test/engine/support";

const ROOT = REPO;
const PASSWORD = "Demo@Passw0rd!";
const CONFIG: Record<string, string> = {
  "tencentcloud:region": "ap-guangzhou",
  "alicloud:region": "cn-hangzhou",
  "demo:password": PASSWORD,
};
const started = Date.now();
const since = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s`;
const say = (line: string) => console.log(`${since()}  ${line}`);

function credentialsEnv(emu: RunningEmulator): Record<string, string> {
  return {
    RUNINSTANCES_ENDPOINT: emu.url,
    RUNINSTANCES_POLL_INTERVAL_MS: "250",
    TENCENTCLOUD_SECRET_ID: DEFAULT_SECRET_ID,
    TENCENTCLOUD_SECRET_KEY: DEFAULT_SECRET_KEY,
    ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_SECRET_ID,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_SECRET_KEY,
  };
}

function onEvent(e: HarnessEvent): void {
  switch (e.type) {
    case "resource-start":
      say(`${e.name}: ${e.op === "delete" ? "deleting" : e.op === "create" ? "creating" : e.op}...`);
      break;
    case "resource-done":
      say(
        `${e.name}: ${e.op === "delete" ? "deleted" : e.op === "create" ? "created, Running" : e.op} after ${(e.elapsedMs / 1000).toFixed(1)}s`,
      );
      break;
    case "resource-failed":
      say(`${e.name}: FAILED after ${(e.elapsedMs / 1000).toFixed(1)}s: ${e.error}`);
      break;
    case "provider-output":
      if (e.line.trim()) say(`  ${e.line.trim()}`);
      break;
    case "program-error":
      say(`program error: ${e.error}`);
      break;
  }
}

function check(r: OperationResult, what: string): void {
  if (r.failed || r.error) {
    throw new Error(
      `${what} failed: ${
        r.error ??
        r.resources
          .filter((x) => x.error)
          .map((x) => `${x.name}: ${x.error}`)
          .join("; ")
      }`,
    );
  }
}

async function withHarness(emu: RunningEmulator, tmp: string): Promise<void> {
  say(
    "no `pulumi` CLI on PATH: running the stack through the engine-path harness (the real dynamic-provider host over gRPC)",
  );
  const stack = createStack({
    program: ROOT,
    stack: "demo",
    stateDir: path.join(tmp, "state"),
    config: CONFIG,
    env: credentialsEnv(emu),
    nodePath: packageLinkDir(tmp),
    onEvent,
  });
  try {
    say("pulumi up");
    const up = await stack.up();
    check(up, "up");
    say("stack outputs:");
    console.log(JSON.stringify(up.outputs, null, 2));
    say("pulumi destroy");
    check(await stack.destroy(), "destroy");
  } finally {
    stack.close();
  }
}

function withCli(emu: RunningEmulator, tmp: string): void {
  say(
    `using the pulumi CLI (${execFileSync("pulumi", ["version"]).toString().trim()}) with a local file backend in ${tmp}`,
  );
  const env = {
    ...process.env,
    ...credentialsEnv(emu),
    PULUMI_BACKEND_URL: `file://${tmp}`,
    PULUMI_CONFIG_PASSPHRASE: "demo",
    PULUMI_SKIP_UPDATE_CHECK: "true",
  };
  const pulumi = (...args: string[]) => {
    const r = spawnSync("pulumi", [...args, "--non-interactive", "--cwd", ROOT], { env, stdio: "inherit" });
    if (r.status !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.status}`);
  };
  pulumi("stack", "init", "demo");
  try {
    for (const [k, v] of Object.entries(CONFIG))
      pulumi("config", "set", ...(k.endsWith("password") ? ["--secret"] : []), k, v);
    pulumi("up", "--yes", "--skip-preview");
    pulumi("stack", "output", "--json");
    pulumi("destroy", "--yes", "--skip-preview");
  } finally {
    pulumi("stack", "rm", "--yes", "--force");
  }
}

async function main(): Promise<void> {
  const emu = await startEmulator({ settings: { bootMs: 3000, terminateMs: 1000, transitionMs: 500 } });
  say(`emulator listening on ${emu.url} (instances boot in 3 s; documented rate limits on)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "runinstances-demo-"));
  try {
    const hasCli = spawnSync("pulumi", ["version"], { stdio: "ignore" }).status === 0;
    if (hasCli) withCli(emu, tmp);
    else await withHarness(emu, tmp);
    const left = (await emu.control.instances()).filter((i) => /^running$/i.test(i.state));
    say(
      `done: ${left.length} instance(s) still running in the emulator; ${await emu.control.totalCalls()} API calls in all`,
    );
  } finally {
    await emu.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`demo failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);

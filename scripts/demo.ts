/**
 * npm run demo: start the emulator; preview the root program (Pulumi.yaml + index.ts) with one
 * documented mistake and show the refusal; then preview, deploy, show the outputs and destroy it;
 * stop the emulator.
 * With a Pulumi CLI at hand (a `pulumi` on PATH, or the one `npm run pulumi:cli` built) it runs
 * the real engine against a file backend in a temporary directory, on a copy of the program, and
 * shows the engine's own display. Without one it goes through the engine-path harness (the real
 * dynamic-provider host driven over gRPC) and says how to get the real engine. It never builds
 * the CLI itself: that takes minutes.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  startEmulator,
  DEFAULT_SECRET_ID,
  DEFAULT_SECRET_KEY,
  RunningEmulator,
} from "pulumi-runinstances/emulator";
import { Cli, howToGetCli, locatePulumi, lockedPulumiVersion, onPath } from "../cli/locate";
import { CliResult, CliWorkspace } from "../cli/stack";
import { createStack, HarnessEvent, OperationResult, packageLinkDir, REPO } from "../harness";

const PASSWORD = "Demo@Passw0rd!";
const CONFIG: Record<string, string> = {
  "tencentcloud:region": "ap-guangzhou",
  "alicloud:region": "cn-hangzhou",
};
/** The documented mistake the first preview shows: a CVM instance name of 63 characters. */
const MISTAKE = { "demo:webName": `web-${"x".repeat(59)}` };
const started = Date.now();
const since = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s`;
const say = (line: string) => console.log(`${since()}  ${line}`);
const heading = (line: string) => console.log(`\n${since()}  ==== ${line}`);

function providerEnv(emu: RunningEmulator): Record<string, string> {
  return {
    RUNINSTANCES_ENDPOINT: emu.url,
    RUNINSTANCES_POLL_INTERVAL_MS: "250",
    TENCENTCLOUD_SECRET_ID: DEFAULT_SECRET_ID,
    TENCENTCLOUD_SECRET_KEY: DEFAULT_SECRET_KEY,
    ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_SECRET_ID,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_SECRET_KEY,
  };
}

// ---- with the real engine ------------------------------------------------------------------

async function withCli(cli: Cli, emu: RunningEmulator, tmp: string): Promise<void> {
  say(`the real engine: pulumi v${cli.version} (${cli.path}), a file backend in ${tmp}`);
  const ws = new CliWorkspace({ cli, root: tmp, env: providerEnv(emu) });
  const stack = await ws.stack({
    program: REPO,
    stack: "demo",
    config: { ...CONFIG, ...MISTAKE },
    secretConfig: { "demo:password": PASSWORD },
  });
  const show = (text: string) => process.stdout.write(text);
  const must = (r: CliResult, what: string) => {
    if (!r.ok) throw new Error(`${what} failed: ${r.error}`);
    return r;
  };

  heading(
    `pulumi preview, with a mistake in the program (demo:webName is ${MISTAKE["demo:webName"].length} characters)`,
  );
  const refused = await stack.preview({}, show);
  if (refused.ok) throw new Error("the preview of the mistaken program passed");
  say(`refused at preview, with ${await emu.control.totalCalls()} cloud calls; the mistake put right`);
  await stack.removeConfig(Object.keys(MISTAKE));

  heading("pulumi preview");
  must(await stack.preview({}, show), "preview");
  heading("pulumi up");
  must(await stack.up({}, show), "up");
  heading("pulumi stack output");
  const outputs = (await stack.exportStack()).deployment.resources?.find(
    (r: { type: string }) => r.type === "pulumi:pulumi:Stack",
  )?.outputs;
  console.log(JSON.stringify(outputs, null, 2));
  heading("pulumi destroy");
  must(await stack.destroy({}, show), "destroy");
}

// ---- without it: the harness ---------------------------------------------------------------

/** A preview only plans: its events say what would happen. */
let previewing = false;

function onEvent(e: HarnessEvent): void {
  switch (e.type) {
    case "resource-start":
      if (!previewing)
        say(`${e.name}: ${e.op === "delete" ? "deleting" : e.op === "create" ? "creating" : e.op}...`);
      break;
    case "resource-done":
      if (previewing) say(`${e.name}: would ${e.op}`);
      else
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
  const open = (config: Record<string, string>) =>
    createStack({
      program: REPO,
      stack: "demo",
      stateDir: path.join(tmp, "state"),
      config: { ...CONFIG, "demo:password": PASSWORD, ...config },
      env: providerEnv(emu),
      nodePath: packageLinkDir(tmp),
      onEvent,
    });
  heading(
    `preview, with a mistake in the program (demo:webName is ${MISTAKE["demo:webName"].length} characters)`,
  );
  const mistaken = open(MISTAKE);
  try {
    previewing = true;
    const r = await mistaken.preview();
    const refusal = r.resources.find((x) => x.error);
    if (!refusal) throw new Error("the preview of the mistaken program passed");
    say(`refused at preview, with ${await emu.control.totalCalls()} cloud calls: ${refusal.error}`);
  } finally {
    mistaken.close();
  }
  const stack = open({});
  try {
    heading("preview");
    check(await stack.preview(), "preview");
    previewing = false;
    heading("up");
    const up = await stack.up();
    check(up, "up");
    heading("stack outputs");
    console.log(JSON.stringify(up.outputs, null, 2));
    heading("destroy");
    check(await stack.destroy(), "destroy");
  } finally {
    stack.close();
  }
}

async function main(): Promise<void> {
  const emu = await startEmulator({ settings: { bootMs: 3000, terminateMs: 1000, transitionMs: 500 } });
  say(`emulator listening on ${emu.url} (instances boot in 3 s; documented rate limits on)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "runinstances-demo-"));
  try {
    const cli = await locatePulumi({ build: false }).catch(() => undefined);
    if (cli) await withCli(cli, emu, tmp);
    else {
      say(
        `no Pulumi CLI v${lockedPulumiVersion()}+ at hand, so this runs through the engine-path harness; for the real engine, ` +
          howToGetCli(onPath("go") !== undefined),
      );
      await withHarness(emu, tmp);
    }
    const left = (await emu.control.instances()).filter((i) => /^running$/i.test(i.state));
    heading(
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

/**
 * What the Pulumi engine does with dynamic resources, shown by the real `pulumi` CLI: the same
 * cases the harness must pass (test/support/engine-facts.ts), run here against the engine itself.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CliResult, CliWorkspace, descendantsOf, steps } from "../../cli/stack";
import { locatePulumi } from "../../cli/locate";
import { engineFacts, FIXTURE, type Driver, type Outcome } from "../support/engine-facts";
import { until } from "./support";

const REPLACE = ["create-replacement", "replace", "delete-replaced"];

/** Each resource's step, a replacement's three as "replace", a failed one as "failed". */
function outcome(r: CliResult): Outcome {
  const ops: Record<string, string> = {};
  for (const [name, op] of steps(r)) {
    if (name === "default" || name.startsWith("default_")) continue;
    if (REPLACE.includes(op)) ops[name] = "replace";
    else if (ops[name] !== "replace") ops[name] = op;
  }
  for (const e of r.events) {
    if (e.resOpFailedEvent) ops[e.resOpFailedEvent.metadata.urn.split("::").pop()!] = "failed";
  }
  const outputs = Object.fromEntries(Object.entries(r.outputs ?? {}).map(([k, v]) => [k, v.value]));
  return { failed: !r.ok, ops, outputs, text: `${r.output}\n${r.error ?? ""}` };
}

async function engineDriver(): Promise<Driver> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "engine-facts-"));
  const cloudDir = path.join(root, "cloud");
  fs.mkdirSync(cloudDir);
  const ws = new CliWorkspace({
    cli: await locatePulumi({ build: false }),
    root,
    env: { HARNESS_TEST_ENV: "from env" },
  });
  const stack = await ws.stack({ program: FIXTURE, stack: "dev", config: { "harness:cloudDir": cloudDir } });
  return {
    projectDir: stack.dir,
    cloudDir,
    setConfig: (config) => stack.setConfig(config),
    preview: async () => outcome(await stack.preview()),
    up: async () => outcome(await stack.up()),
    refresh: async () => outcome(await stack.refresh()),
    destroy: async () => outcome(await stack.destroy()),
    async upKillingHost(when) {
      const run = stack.start("up");
      const pid = await run.pulumiPid();
      await until("the create to start", async () => {
        try {
          return when();
        } catch {
          return false; // the cloud file is being written
        }
      });
      const host = descendantsOf(pid).find((p) =>
        fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes("dynamic-provider"),
      );
      if (!host) throw new Error("no provider host below the CLI");
      process.kill(host, "SIGKILL");
      return outcome(await run.result);
    },
    async resources() {
      const d = await stack.exportStack();
      return (d.deployment.resources ?? [])
        .filter(
          (r: { type: string; delete?: boolean }) =>
            !r.delete && r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"),
        )
        .map((r: { urn: string; id: string; initErrors?: string[]; outputs: Record<string, unknown> }) => ({
          name: r.urn.split("::").pop()!,
          id: r.id,
          ...(r.initErrors ? { initErrors: r.initErrors } : {}),
          outputs: r.outputs,
        }));
    },
    async close() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

describe("the engine's behaviour under the real pulumi (the harness passes the same cases)", () => {
  engineFacts(engineDriver);
});

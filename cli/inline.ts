/**
 * One `pulumi preview | up | refresh | destroy` of a program, run by the real CLI through the
 * Automation API. This process hosts the program, as `pulumi-language-nodejs` would: the CLI
 * gets `--client` pointing at the Automation API's language server in this process (an
 * "inline program"), so no language host binary is needed. Everything else is the engine's own:
 * Check, Diff, Create, Update, Delete, the state, the dynamic provider host.
 *
 *   node inline.js <request.json>
 *
 * The CLI's display goes to stdout as it comes; the engine's events to `eventsFile` (one JSON a
 * line); the outcome to `resultFile`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as auto from "@pulumi/pulumi/automation";

export type Op = "preview" | "up" | "refresh" | "destroy";

export interface InlineRequest {
  op: Op;
  /** The project directory (Pulumi.yaml, the program's entry, node_modules). */
  dir: string;
  /** The program's entry file (JavaScript). */
  entry: string;
  stack: string;
  /** PulumiCommand.get's root: `<root>/bin/pulumi`. */
  pulumiRoot: string;
  pulumiHome: string;
  /** The CLI's environment (backend, passphrase, and what the provider host must see). */
  env: Record<string, string>;
  /** Options of the operation: parallel, expectNoChanges, continueOnError, refresh, ... */
  options: Record<string, unknown>;
  resultFile: string;
  eventsFile: string;
}

export interface InlineResult {
  ok: boolean;
  /** The CLI's error text when it failed. */
  error?: string;
  stdout: string;
  stderr: string;
  summary?: auto.UpdateSummary;
  /** Stack outputs (up), secrets as the Automation API gives them ({value, secret}). */
  outputs?: auto.OutputMap;
  /** preview: the planned changes per op. */
  changeSummary?: Record<string, number>;
}

async function main(requestFile: string): Promise<boolean> {
  const req = JSON.parse(fs.readFileSync(requestFile, "utf8")) as InlineRequest;
  const pulumiCommand = await auto.PulumiCommand.get({ root: req.pulumiRoot });
  const ws = await auto.LocalWorkspace.create({
    workDir: req.dir,
    pulumiHome: req.pulumiHome,
    pulumiCommand,
    envVars: req.env,
    program: async () => require(req.entry),
  });
  const stack = await auto.Stack.select(req.stack, ws);
  const events = fs.openSync(req.eventsFile, "a");
  const common = {
    ...req.options,
    onOutput: (out: string) => process.stdout.write(out),
    onEvent: (e: auto.EngineEvent) => fs.writeSync(events, `${JSON.stringify(e)}\n`),
  };
  let result: InlineResult;
  try {
    // Each operation's result: preview has a change summary, up outputs, the others a summary.
    const r: Partial<auto.UpResult & auto.PreviewResult> = await stack[req.op](common);
    result = { ok: true, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
    if (r.changeSummary) result.changeSummary = r.changeSummary;
    if (r.summary) result.summary = r.summary;
    if (r.outputs) result.outputs = r.outputs;
  } catch (e) {
    const err = e as { message?: string; commandResult?: { stdout: string; stderr: string } };
    result = {
      ok: false,
      error: err.message ?? String(e),
      stdout: err.commandResult?.stdout ?? "",
      stderr: err.commandResult?.stderr ?? "",
    };
  } finally {
    fs.closeSync(events);
  }
  fs.writeFileSync(req.resultFile, JSON.stringify(result));
  // The display was shown as it came; what the CLI wrote to stderr (or else the failure) follows.
  if (!result.ok) process.stderr.write(`${result.stderr.trim() || (result.error ?? "").split("\n")[0]}\n`);
  return result.ok;
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write("usage: inline.js <request.json>\n");
    process.exit(2);
  }
  main(path.resolve(file)).then(
    (ok) => process.exit(ok ? 0 : 1),
    (e: unknown) => {
      process.stderr.write(`inline: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(2);
    },
  );
}

/**
 * The provider host after its CLI was killed: the host lives on (it runs in a process group of
 * its own) and its stdout and stderr lead nowhere. Writing a progress line must then not start
 * the host's uncaught-exception handler writing EPIPE errors to stderr in a loop.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "../../..");

it("progress lines written after the engine is gone end in no uncaught error", async () => {
  const script = `
    let uncaught = 0;
    // As @pulumi/pulumi's dynamic provider host does: every uncaught error is written to stderr.
    process.on("uncaughtException", (e) => { uncaught++; if (uncaught < 1000) console.error(e.stack); });
    const { defaultRuntime } = require(${JSON.stringify(path.join(REPO, "dist/provider/core/context.js"))});
    process.stdin.once("data", () => {
      for (let i = 0; i < 20; i++) defaultRuntime.log("creating CvmInstance web: waiting for 2 instance(s) " + i);
      setTimeout(() => { process.stdout.write(String(uncaught)); process.exit(0); }, 300);
    });`;
  const child = spawn(process.execPath, ["-e", script], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, RUNINSTANCES_QUIET: "" },
  });
  // The engine is gone: nobody reads the host's stderr any more.
  child.stderr.destroy();
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stdin.write("go\n");
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  expect(code).toBe(0);
  expect(out).toBe("0");
});

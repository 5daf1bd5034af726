import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { locatePulumi } from "../cli/locate";
import { CliWorkspace } from "../cli/stack";
import { timed, parallelOption } from "./engine";
import { stackConfig } from "./run";

async function main() {
  const cli = await locatePulumi({ build: false });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "exp-"));
  const ws = new CliWorkspace({ cli, root });
  const [kind, count, par] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
  const empty = await ws.stack({
    program: "/tmp/exp/fleet",
    stack: `empty-x`,
    config: stackConfig({ kind: "nothing", resources: 0, instancesPer: 1 }),
  });
  const e1 = await timed(empty, "up", {});
  const e2 = await timed(empty, "up", {});
  const stack = await ws.stack({
    program: "/tmp/exp/fleet",
    stack: `${kind}-x`,
    config: stackConfig({ kind, resources: count, instancesPer: 1 }),
  });
  const up = await timed(stack, "up", parallelOption(par));
  console.log(
    kind,
    count,
    par,
    "empty",
    e1.wallMs,
    e2.wallMs,
    "up",
    up.wallMs,
    "ratio to min(empty)+7500:",
    (up.wallMs / (Math.min(e1.wallMs, e2.wallMs) + 7500)).toFixed(3),
    up.result.ok,
  );
}
void main();

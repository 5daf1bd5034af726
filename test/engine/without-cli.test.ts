/**
 * `npm test` needs neither Go nor a Pulumi CLI: on a copy of the built package whose PATH holds
 * neither, `npm run pulumi:cli` fails with the one message naming both ways to a CLI, and the demo
 * falls back to the engine-path harness, says how to get the real engine, and runs to the end.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO } from "./support";

let copy: string;
let env: NodeJS.ProcessEnv;

/** PATH without any folder that holds `go` or `pulumi`. */
function pathWithout(names: string[]): string {
  return (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((dir) => dir && !names.some((n) => fs.existsSync(path.join(dir, n))))
    .join(path.delimiter);
}

beforeAll(() => {
  // The scripts and the CLI tools, compiled as `npm run demo` and `npm run pulumi:cli` compile them.
  for (const project of ["cli", "scripts"]) {
    execFileSync(
      process.execPath,
      [require.resolve("typescript/bin/tsc"), "-p", `${project}/tsconfig.json`],
      {
        cwd: REPO,
      },
    );
  }
  copy = fs.mkdtempSync(path.join(os.tmpdir(), "runinstances-no-cli-"));
  for (const f of ["package.json", "package-lock.json", "Pulumi.yaml", "index.ts"]) {
    fs.copyFileSync(path.join(REPO, f), path.join(copy, f));
  }
  fs.mkdirSync(path.join(copy, "cli"));
  for (const f of ["go.mod", "go.sum"]) fs.copyFileSync(path.join(REPO, "cli", f), path.join(copy, "cli", f));
  fs.cpSync(path.join(REPO, "dist"), path.join(copy, "dist"), { recursive: true });
  fs.cpSync(path.join(REPO, ".build"), path.join(copy, ".build"), { recursive: true });
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(copy, "node_modules"));
  const PATH = pathWithout(["go", "pulumi"]);
  env = Object.fromEntries(
    Object.entries({ ...process.env, PATH }).filter(([k]) => !/^(PULUMI_|RUNINSTANCES_|GO)/.test(k)),
  );
  expect(spawnSync("sh", ["-c", "command -v go || command -v pulumi"], { env }).status).not.toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

it("npm run pulumi:cli fails with one message that names both ways to a CLI", () => {
  const r = spawnSync(process.execPath, [".build/cli/locate.js"], { cwd: copy, env, encoding: "utf8" });
  expect(r.status).toBe(1);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(
    /install the Pulumi CLI .* or install Go 1\.26 or newer and run `npm run pulumi:cli`/,
  );
});

it("the demo falls back to the harness, says how to get the real engine, and runs to the end", () => {
  const r = spawnSync(process.execPath, [".build/scripts/demo.js"], {
    cwd: copy,
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  const lines = r.stdout.split("\n");
  expect(lines.filter((l) => /no Pulumi CLI .* engine-path harness/.test(l))).toHaveLength(1);
  expect(r.stdout).toMatch(
    /refused at preview, with 0 cloud calls: .*instanceName: must be at most 60 characters/,
  );
  expect(r.stdout).toMatch(/CVM RunInstances 2017-03-12: InstanceName/);
  expect(r.stdout).toMatch(/done: 0 instance\(s\) still running in the emulator/);
}, 150_000);

/**
 * `npm run demo` with a Pulumi CLI at hand: the engine's own display of the refused preview (the
 * rule and its document named), the preview, the up with its resource table, the outputs and the
 * destroy, all against the emulator.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { REPO } from "./support";

it("npm run demo shows the real engine's preview, up, outputs and destroy", () => {
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "scripts/tsconfig.json"], {
    cwd: REPO,
  });
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^RUNINSTANCES_/.test(k)));
  const r = spawnSync(process.execPath, [".build/scripts/demo.js"], {
    cwd: REPO,
    env,
    encoding: "utf8",
    timeout: 200_000,
  });
  expect(r.status).toBe(0);
  const out = r.stdout;
  expect(out).toMatch(/the real engine: pulumi v\d+\.\d+\.\d+/);
  expect(out).not.toMatch(/engine-path harness/);
  // The refusal, as the engine shows it: the property, the rule, the document.
  expect(out).toMatch(
    /CvmInstance resource 'web': property instanceName value .* has a problem: must be at most 60 characters.*\(CVM RunInstances 2017-03-12: InstanceName\)/,
  );
  expect(out).toMatch(/refused at preview, with 0 cloud calls/);
  expect(out).toMatch(/Previewing update \(demo\):[\s\S]*\+ 6 to create/);
  expect(out).toMatch(/Updating \(demo\):[\s\S]*waiting for \d+ instance\(s\)[\s\S]*\+ 6 created/);
  expect(out).toMatch(/"instanceIds": \[\s*"ins-/);
  expect(out).toMatch(/Destroying \(demo\):[\s\S]*- 6 deleted/);
  expect(out).toMatch(/done: 0 instance\(s\) still running in the emulator/);
}, 240_000);

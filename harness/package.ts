/**
 * Where this package is: the repository root (the folder of the package.json named
 * pulumi-runinstances, found from a source file or from its compiled copy in .build/), and a
 * node_modules folder that links it, for a provider host's NODE_PATH.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export const REPO = (() => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, "utf8")).name === "pulumi-runinstances")
      return dir;
  }
  throw new Error("cannot find the pulumi-runinstances package root");
})();

/** A node_modules folder under `tmp` holding only a link to this package, for the host's NODE_PATH. */
export function packageLinkDir(tmp: string): string {
  if (!fs.existsSync(path.join(REPO, "dist", "provider", "index.js"))) {
    throw new Error("dist/ is missing: run `npm run build` first (npm test does)");
  }
  const dir = path.join(tmp, "node_modules");
  fs.mkdirSync(dir, { recursive: true });
  const link = path.join(dir, "pulumi-runinstances");
  if (!fs.existsSync(link)) fs.symlinkSync(REPO, link, "dir");
  return dir;
}

/**
 * Every link and reference works where the user has it: in a clone and in the npm tarball. The
 * README links the official online page of each API; no shipped file cites a file that is not
 * shipped; the build ships no source maps whose sources are missing.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const root = path.resolve(__dirname, "../..");

/** The files `npm pack` puts in the tarball (without running the build). */
const shipped: string[] = (
  JSON.parse(
    execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: root,
      stdio: ["ignore", "pipe", "ignore"],
    }).toString(),
  ) as Array<{ files: Array<{ path: string }> }>
)[0].files.map((f) => f.path);

/** GitHub's anchor of a heading. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");

function linksOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), "utf8").replace(/```[\s\S]*?```/g, "");
  return [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

describe("links and references", () => {
  const markdown = ["README.md", ...shipped.filter((f) => f.endsWith(".md") && f !== "README.md")];

  it.each(markdown)("every link of %s works in a clone and in the tarball", (file) => {
    const headings = fs
      .readFileSync(path.join(root, file), "utf8")
      .split("\n")
      .filter((l) => /^#+ /.test(l))
      .map((l) => slug(l.replace(/^#+ /, "")));
    const broken: string[] = [];
    for (const link of linksOf(file)) {
      if (/^https:\/\//.test(link)) continue;
      if (link.startsWith("#")) {
        if (!headings.includes(link.slice(1))) broken.push(`${link}: no such heading`);
        continue;
      }
      const target = path.normalize(path.join(path.dirname(file), link));
      if (target.startsWith("..") || !fs.existsSync(path.join(root, target))) {
        broken.push(`${link}: not in the repository`);
      } else if (!shipped.some((f) => f === target || f.startsWith(target.replace(/\/?$/, "/")))) {
        broken.push(`${link}: not in the package`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("the README links the official online page of each resource's API", () => {
    const rows = fs
      .readFileSync(path.join(root, "README.md"), "utf8")
      .split("\n")
      .filter((l) => l.startsWith("| `") && l.includes("`pulumi-nodejs:dynamic/"));
    const official = /\((https:\/\/(www\.tencentcloud\.com|cloud\.tencent\.com|help\.aliyun\.com)\/[^)]+)\)/;
    expect(rows.map((r) => [r.split("|")[1].trim(), official.test(r)])).toEqual([
      ["`CvmInstance`", true],
      ["`HaiInstance`", true],
      ["`EcmInstance`", true],
      ["`SwasInstance`", true],
      ["`CvmHourlyInstance`", true],
    ]);
  });

  it("no file the package is built from cites a file the package does not hold", () => {
    const cites: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(rel);
        else if (rel.endsWith(".ts")) {
          const text = fs.readFileSync(path.join(root, rel), "utf8");
          for (const m of text.matchAll(/GUIDE(\.md)?\b|\/work\/|\.\.\/shared\/|api-docs\//g))
            cites.push(`${rel}: ${m[0]}`);
        }
      }
    };
    walk("provider");
    walk("emulator");
    expect(cites).toEqual([]);
  });

  it("the build ships no source maps whose sources are missing", () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(root, "tsconfig.build.json"),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: () => undefined,
      },
    )!;
    const { sourceMap, declarationMap, inlineSourceMap, inlineSources } = config.options;
    const maps = Boolean(sourceMap || declarationMap || inlineSourceMap);
    // Maps only with the sources inside them (the .ts files are not shipped).
    expect({ maps, withSources: maps ? Boolean(inlineSources) && !declarationMap : true }).toEqual({
      maps,
      withSources: true,
    });
  });
});

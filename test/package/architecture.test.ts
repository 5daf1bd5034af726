/**
 * ARCHITECTURE.md against the tree: every folder it names exists, and every folder of provider/
 * and emulator/ is named in its table of folders.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "../..");
const text = fs.readFileSync(path.join(root, "ARCHITECTURE.md"), "utf8");

/** Every `folder/` the page names in code spans, placeholders such as `<cloud>` left out. */
const named = [...text.matchAll(/`([a-z][\w./-]*\/)`/g)].map((m) => m[1].replace(/\/$/, ""));
/** The folders in the first column of the table of folders. */
const tabled = text
  .split("\n")
  .map((line) => /^\| `([^`]+)\/` +\|/.exec(line)?.[1])
  .filter((f): f is string => f !== undefined);

function foldersUnder(dir: string): string[] {
  const out = [dir];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    if (entry.isDirectory()) out.push(...foldersUnder(path.posix.join(dir, entry.name)));
  }
  return out;
}

describe("ARCHITECTURE.md", () => {
  it("names folders, and its table lists some", () => {
    expect(named.length).toBeGreaterThan(20);
    expect(tabled.length).toBeGreaterThan(20);
  });

  it("every folder it names exists", () => {
    const missing = [...new Set(named)].filter(
      (f) => !fs.statSync(path.join(root, f), { throwIfNoEntry: false })?.isDirectory(),
    );
    expect(missing).toEqual([]);
  });

  it.each(["provider", "emulator"])("every folder of %s/ is in its table of folders", (top) => {
    const unnamed = foldersUnder(top).filter((f) => !tabled.includes(f));
    expect(unnamed).toEqual([]);
  });
});

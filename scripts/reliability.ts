/**
 * npm run reliability -- [--out FILE] [--only TEXT]
 *
 * Runs the reliability suite (reliability/cases.ts, the same cases `npm test` runs) against
 * local emulators: cloud faults, process faults (the dynamic-provider host killed mid-operation),
 * bad input and secrets, for every resource kind. Prints a table of passed cases per category and
 * kind, the failures with what was observed, and writes {cases: [{name, resource, category,
 * passed, detail}]} to FILE. Exits 1 when a case fails.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { CASES } from "../reliability/cases";
import { Result, Suite, key, startAll, table } from "../reliability/suite";

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: "string", default: "" },
      only: { type: "string", default: "" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log("usage: npm run reliability -- [--out FILE] [--only TEXT]");
    process.exit(0);
  }
  return { out: values.out, only: values.only };
}

async function main() {
  const opts = parse(process.argv.slice(2));
  const cases = opts.only
    ? CASES.filter((c) => key(c).includes(opts.only) || c.category === opts.only || c.group === "final")
    : CASES;
  const started = Date.now();
  const suite = new Suite();
  const running = startAll(suite, cases);
  let done = 0;
  const results: Result[] = await Promise.all(
    cases.map(async (c) => {
      const r = await running.get(key(c))!;
      done++;
      const mark = r.passed ? "ok  " : "FAIL";
      console.log(`${mark} [${done}/${cases.length}] ${r.category} | ${key(r)} (${r.ms} ms)`);
      if (!r.passed) console.log(`     ${r.detail}`);
      return r;
    }),
  );
  await suite.close();
  console.log("");
  console.log(table(results));
  const failed = results.filter((r) => !r.passed).length;
  console.log(
    `\n${results.length - failed} of ${results.length} cases passed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (opts.out) {
    const cases = results.map(({ name, resource, category, passed, detail }) => ({
      name,
      resource,
      category,
      passed,
      detail,
    }));
    fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
    fs.writeFileSync(opts.out, JSON.stringify({ cases }, null, 2) + "\n");
    console.log(`wrote ${opts.out}`);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e: unknown) => {
  console.error(`reliability: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(2);
});

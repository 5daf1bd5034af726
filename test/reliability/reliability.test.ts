/**
 * The reliability suite in `npm test`: every case of cases.ts (the same definitions that
 * `npm run reliability` reports), time compressed. The cases start together in beforeAll (groups
 * side by side, see suite.ts); each test waits for its case's result.
 */
import { CASES } from "../../reliability/cases";
import { CATEGORIES, Result, Suite, key, startAll } from "../../reliability/suite";

jest.setTimeout(120_000);

const suite = new Suite();
let results: Map<string, Promise<Result>>;

beforeAll(() => {
  results = startAll(suite, CASES);
});
afterAll(async () => {
  await Promise.all(results.values());
  await suite.close();
});

for (const category of CATEGORIES) {
  describe(category, () => {
    for (const c of CASES.filter((x) => x.category === category)) {
      it(key(c), async () => {
        const r = await results.get(key(c))!;
        if (!r.passed) throw new Error(r.detail);
      });
    }
  });
}

/**
 * What the provider tests share: the table of a resource's check rules, run one test a row.
 */

/** A row of a check table: [description, extra args, failing property or undefined when the args must pass, reason fragment]. */
export type RuleCase = [string, Record<string, unknown>, string | undefined, string?];

interface Checked {
  failures: Array<{ property: string; reason: string }>;
}

/**
 * One test a row (named by its description): the arguments pass, or they fail on that property
 * with a reason that says something, and holds the fragment when the row gives one.
 */
export function itChecksEach(cases: RuleCase[], check: (extra: Record<string, unknown>) => Checked): void {
  it.each(cases.map((c) => [c[0], c] as const))("%s", (_name, [, extra, property, reason]) => {
    const { failures } = check(extra);
    if (property === undefined) {
      expect(failures).toEqual([]);
    } else {
      const hit = failures.find((f) => f.property === property);
      expect({ property, failures }).toEqual({
        property,
        failures: expect.arrayContaining([expect.objectContaining({ property })]),
      });
      if (reason) expect(hit!.reason).toContain(reason);
      expect(hit!.reason).toMatch(/\S/);
    }
  });
}

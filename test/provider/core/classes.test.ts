/** core/classes.ts: the comparison of an argument-classification table with a diff and a check. */
import { ArgumentClass, disagreements } from "../../../provider/core/classes";
import type { DiffResult } from "../../../provider/core/diff";

const classes: Record<string, ArgumentClass> = {
  name: { kind: "in-place", action: "Rename", stops: false },
  zone: { kind: "replace", why: "instances stay where they are" },
  token: { kind: "refused", why: "reserved" },
};
/** A diff that replaces on `zone` and updates anything else. */
const diff = (_o: Record<string, unknown>, n: Record<string, unknown>): DiffResult => {
  const k = Object.keys(n)[0];
  return {
    changes: true,
    replaces: k === "zone" ? [k] : [],
    updates: k === "zone" ? [] : [k],
    deleteBeforeReplace: false,
  };
};
const probe = (key: string) => ({ olds: {}, news: { [key]: 1 } });
const refused = async (_o: Record<string, unknown>, n: Record<string, unknown>) => "token" in n;

describe("disagreements", () => {
  it("is empty when table, diff and check agree", async () => {
    expect(await disagreements(["name", "zone", "token"], classes, diff, probe, refused, ["name"])).toEqual(
      [],
    );
  });

  it("names an argument added without a class, a class of no argument, and a class the resource does not keep", async () => {
    const wrong = {
      ...classes,
      zone: { kind: "in-place", action: "Move", stops: false } as const,
      gone: classes.zone,
    };
    expect(
      await disagreements(["name", "zone", "token", "size"], wrong, diff, probe, async () => false, [
        "token",
      ]),
    ).toEqual([
      "token: in place in the diff, not in the table",
      "size: no class",
      "gone: classed but not an argument",
      "zone: in place (Move), but the diff replaces",
      "token: check does not refuse it",
      "gone: replaces, but the diff does not",
    ]);
  });
});

/**
 * SwasInstance diff: which argument changes are made in place, which are refused (SWAS cannot
 * release a server), and that a replacement is planned only when the user opts in.
 */
import { diffSwas, knownRefusals } from "../../../../provider/alicloud/swas/provider";
import { UNKNOWN } from "../../../../provider/core/unknown";

const args = {
  regionId: "cn-hangzhou",
  imageId: "e2c9c365024a44369c9b955a998a0000",
  planId: "swas.s1.c1m1s40b3t05",
  period: 1,
  instanceName: "web",
  password: "Test123!abc",
};
/** Old outputs as the state holds them: arguments echoed, plus the outputs. */
const olds = { ...args, instanceIds: ["a"], instances: [], launchToken: "t", launchGeneration: 0 };

type Want = { updates?: string[]; replaces?: string[]; refused?: string };
type Row = [string, Record<string, unknown>, Want, Record<string, unknown>?];

/** [description, new arguments over the old ones, expected updates / replaces / refusal, old outputs' changes] */
const rows: Row[] = [
  ["nothing changed", {}, { updates: [], replaces: [] }],
  ["defaults written out are no change", { amount: 1, dataDiskSize: 0, autoRenew: false, running: true }, {}],
  [
    "instanceName: in place (UpdateInstanceAttribute)",
    { instanceName: "api" },
    { updates: ["instanceName"] },
  ],
  ["password: in place (UpdateInstanceAttribute)", { password: "Other123!x" }, { updates: ["password"] }],
  ["running: in place (StopInstances)", { running: false }, { updates: ["running"] }],
  ["planId: in place (UpgradeInstance)", { planId: "swas.s2.c2m2s40b3t08" }, { updates: ["planId"] }],
  ["amount upwards: in place (CreateInstances for the difference)", { amount: 3 }, { updates: ["amount"] }],
  ["onDelete: in place (this package's own)", { onDelete: "retain" }, { updates: ["onDelete"] }],
  ["timeouts: in place", { timeouts: { create: "40m" } }, { updates: ["timeouts"] }],
  ["clientToken: in place (only the create used it)", { clientToken: "x" }, { updates: ["clientToken"] }],
  ["allowReplacement alone: in place", { allowReplacement: true }, { updates: ["allowReplacement"] }],
  [
    "imageId: in place (ResetSystem)",
    { imageId: "c5a5b8d2a1b04a35b5b1f1c9d1e20000" },
    { updates: ["imageId"] },
  ],
  ["period: refused", { period: 12 }, { refused: "paid up front" }],
  [
    "autoRenew: refused (no API changes it)",
    { autoRenew: true, autoRenewPeriod: 1 },
    { refused: "auto-renewal" },
  ],
  ["dataDiskSize: refused (no resize API)", { dataDiskSize: 40 }, { refused: "resizes or adds a data disk" }],
  ["regionId: refused", { regionId: "cn-shanghai" }, { refused: "another region" }],
  [
    "amount downwards: refused (no release API)",
    { amount: 1 },
    { refused: "cannot be released" },
    { amount: 2 },
  ],
  ["amount written out is no change", { amount: 2 }, { updates: [] }, { amount: 2 }],
  [
    "imageId with allowReplacement: still in place (ResetSystem)",
    { imageId: "c5a5b8d2a1b04a35b5b1f1c9d1e20000", allowReplacement: true },
    { replaces: [], updates: ["imageId", "allowReplacement"] },
  ],
  [
    "period and dataDiskSize with allowReplacement: replace",
    { period: 3, dataDiskSize: 20, allowReplacement: true },
    { replaces: ["period", "dataDiskSize"] },
  ],
  [
    "an unknown imageId is an update (ResetSystem)",
    { imageId: UNKNOWN },
    { updates: ["imageId"], replaces: [] },
  ],
  [
    "an unknown period is an update (refused at update if it changed)",
    { period: UNKNOWN },
    { updates: ["period"], replaces: [] },
  ],
  [
    "an unknown period with allowReplacement is a replace",
    { period: UNKNOWN, allowReplacement: true },
    { replaces: ["period"] },
  ],
  ["an unknown name is an update", { instanceName: UNKNOWN }, { updates: ["instanceName"] }],
];

describe("SwasInstance diff", () => {
  it.each(rows.map((r) => [r[0], r] as const))("%s", (_name, [, change, want, oldChange]) => {
    const news = { ...args, ...change };
    const olds2 = { ...olds, ...oldChange };
    if (want.refused) {
      expect(() => diffSwas(olds2, news)).toThrow(want.refused);
      expect(() => diffSwas(olds2, news)).toThrow("allowReplacement: true");
      return;
    }
    const d = diffSwas(olds2, news);
    if (want.updates) expect([...d.updates].sort()).toEqual([...want.updates].sort());
    if (want.replaces) expect([...d.replaces].sort()).toEqual([...want.replaces].sort());
    expect(d.changes).toBe(d.updates.length + d.replaces.length > 0);
    expect(d.deleteBeforeReplace).toBe(false);
  });

  it("never plans a replacement unless allowReplacement is true", () => {
    for (const [, change, , oldChange] of rows) {
      const news: Record<string, unknown> = { ...args, ...change };
      if (news.allowReplacement === true) continue;
      try {
        expect(diffSwas({ ...olds, ...oldChange }, news).replaces).toEqual([]);
      } catch (e) {
        expect(String(e)).toContain("cannot change in place");
      }
    }
  });

  it("a plan that is not an upgrade is refused, or replaced with allowReplacement", () => {
    const news = { ...args, planId: "swas.s1.c1m1s40b3t05" };
    const old = { ...olds, planId: "swas.s2.c2m2s40b3t08" };
    expect(() => diffSwas(old, news, true)).toThrow("UpgradeInstance only moves to a plan at least as large");
    expect(diffSwas(old, { ...news, allowReplacement: true }, true).replaces).toEqual(["planId"]);
  });

  it("knownRefusals names each refused argument with its reason", () => {
    const r = knownRefusals(olds, { ...args, imageId: "m-abc", period: 3, dataDiskSize: 20 }, false);
    expect(r.map((x) => x.key).sort()).toEqual(["dataDiskSize", "period"]);
    for (const x of r) expect(x.reason).toMatch(/^cannot change in place: .*allowReplacement: true/);
  });
});

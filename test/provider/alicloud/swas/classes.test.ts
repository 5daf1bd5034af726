/**
 * ARGUMENT_CLASSES of SwasInstance against what the resource does: every argument has a class, a
 * change of each in-place one alone is no replacement, and each refused one is refused at check.
 */
import { ARGUMENT_CLASSES } from "../../../../provider/alicloud/swas/classes";
import { diffSwas } from "../../../../provider/alicloud/swas/diff";
import { knownRefusals } from "../../../../provider/alicloud/swas/refusals";
import { ARG_KEYS, IN_PLACE } from "../../../../provider/alicloud/swas/schema";
import { disagreements } from "../../../../provider/core/classes";

const base = {
  regionId: "cn-hangzhou",
  imageId: "e2c9c365024a44369c9b955a998a0000",
  planId: "swas.s1.c1m1s40b3t05",
  period: 1,
  autoRenew: true,
  autoRenewPeriod: 1,
  dataDiskSize: 20,
  amount: 2,
  chargeType: "PrePaid",
  clientToken: "token-1",
  instanceName: "web",
  password: "Test123!abc",
  running: true,
  onDelete: "stop",
  allowReplacement: false,
  timeouts: { create: "40m" },
};
const changed: Record<string, unknown> = {
  regionId: "cn-shanghai",
  imageId: "c5a5b8d2a1b04a35b5b1f1c9d1e20000",
  planId: "swas.s2.c2m2s40b3t08",
  period: 3,
  autoRenew: false,
  autoRenewPeriod: 3,
  dataDiskSize: 40,
  amount: 3,
  chargeType: "PostPaid",
  clientToken: "token-2",
  instanceName: "api",
  password: "Other123!x",
  running: false,
  onDelete: "retain",
  allowReplacement: true,
  timeouts: { create: "50m" },
  adoptInstanceIds: ["0123456789abcdef0123456789abcdef"],
};
const olds = { ...base, instanceIds: ["a", "b"], instances: [], launchToken: "t", launchGeneration: 0 };
const probe = (key: string) => ({ olds, news: { ...base, [key]: changed[key] } });
const refusedAt = async (o: Record<string, unknown>, n: Record<string, unknown>) =>
  knownRefusals(o, n, false).length > 0;

describe("SwasInstance's argument classes", () => {
  it("class every argument of the schema as its diff and check treat it", async () => {
    expect(await disagreements(ARG_KEYS, ARGUMENT_CLASSES, diffSwas, probe, refusedAt, IN_PLACE)).toEqual([]);
  });

  it("turn each refusal into a replacement with allowReplacement: true", () => {
    for (const [key, c] of Object.entries(ARGUMENT_CLASSES)) {
      if (c.kind === "refused")
        expect(diffSwas(olds, { ...probe(key).news, allowReplacement: true }).replaces).toContain(key);
    }
  });
});

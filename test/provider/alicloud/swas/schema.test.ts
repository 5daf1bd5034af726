import { checkArgs } from "../../../../provider/core/check";
import { UNKNOWN } from "../../../../provider/core/unknown";
import { itChecksEach, RuleCase } from "../../support";
import { SwasInstanceArgsSchema } from "../../../../provider/alicloud/swas/schema";

const base = {
  regionId: "cn-hangzhou",
  imageId: "e2c9c365024a44369c9b955a998a0000",
  planId: "swas.s1.c1m1s40b3t05",
  period: 1,
};
const check = (extra: Record<string, unknown>, over: Record<string, unknown> = base) =>
  checkArgs(SwasInstanceArgsSchema, { ...over, ...extra }, "SwasInstance");

const cases: RuleCase[] = [
  ["the document's example passes", {}, undefined],
  [
    "every documented parameter together passes",
    { autoRenew: true, autoRenewPeriod: 3, dataDiskSize: 20, amount: 1, chargeType: "PrePaid" },
    undefined,
  ],
  // RegionId
  ["regionId may come from config (absent)", { regionId: undefined }, undefined],
  ["regionId cn-shanghai passes", { regionId: "cn-shanghai" }, undefined],
  ["regionId with upper case fails", { regionId: "CN-Hangzhou" }, "regionId", "region id"],
  ["regionId without a hyphen fails", { regionId: "hangzhou" }, "regionId"],
  // ImageId
  ["imageId is required", { imageId: undefined }, "imageId", "is required"],
  ["a custom image m-... passes", { imageId: "m-2zehv38jjmwva1ee0000" }, undefined],
  ["a short imageId fails", { imageId: "e2c9c365" }, "imageId", "InvalidImageId.NotFound"],
  ["an empty imageId fails", { imageId: "" }, "imageId"],
  // PlanId
  ["planId is required", { planId: undefined }, "planId"],
  ["an ESSD planId passes", { planId: "swas.s.c2m4s60b100t2000.essd" }, undefined],
  ["a planId with a space fails", { planId: "swas s1" }, "planId", "InvalidPlanId.NotFound"],
  // Period
  ["period is required", { period: undefined }, "period"],
  ["period 3 passes", { period: 3 }, undefined],
  ["period 6 passes", { period: 6 }, undefined],
  ["period 12 passes", { period: 12 }, undefined],
  ["period 24 passes", { period: 24 }, undefined],
  ["period 36 passes", { period: 36 }, undefined],
  ["period 2 fails", { period: 2 }, "period", "InvalidPeriod.ValueNotSupported"],
  ["period 0 fails", { period: 0 }, "period", "1, 3, 6, 12, 24, 36"],
  ["period 48 fails", { period: 48 }, "period"],
  ["period 1.5 fails", { period: 1.5 }, "period"],
  ['period "1" fails', { period: "1" }, "period", "must be a number"],
  // AutoRenew, AutoRenewPeriod
  ["autoRenew false passes", { autoRenew: false }, undefined],
  ["autoRenew with period 36 passes", { autoRenew: true, autoRenewPeriod: 36 }, undefined],
  [
    "autoRenew true without autoRenewPeriod fails",
    { autoRenew: true },
    "autoRenewPeriod",
    "required when autoRenew is true",
  ],
  [
    "autoRenewPeriod 5 fails",
    { autoRenew: true, autoRenewPeriod: 5 },
    "autoRenewPeriod",
    "InvalidAutoRenewPeriod.ValueNotSupported",
  ],
  [
    "autoRenewPeriod without autoRenew fails (it would be ignored)",
    { autoRenewPeriod: 1 },
    "autoRenewPeriod",
    "only applies when autoRenew is true",
  ],
  ["autoRenew must be a boolean", { autoRenew: "true" }, "autoRenew", "must be a boolean"],
  // DataDiskSize
  ["dataDiskSize 0 (no data disk) passes", { dataDiskSize: 0 }, undefined],
  ["dataDiskSize 20 passes", { dataDiskSize: 20 }, undefined],
  ["dataDiskSize 16380 passes", { dataDiskSize: 16380 }, undefined],
  ["dataDiskSize 16400 fails", { dataDiskSize: 16400 }, "dataDiskSize", "0-16380"],
  ["dataDiskSize 30 fails", { dataDiskSize: 30 }, "dataDiskSize", "multiple of 20"],
  ["dataDiskSize 10 fails (at least 20)", { dataDiskSize: 10 }, "dataDiskSize", "at least 20"],
  ["dataDiskSize -20 fails", { dataDiskSize: -20 }, "dataDiskSize", "0-16380"],
  ["dataDiskSize 20.5 fails", { dataDiskSize: 20.5 }, "dataDiskSize"],
  // Amount
  ["amount 1 passes", { amount: 1 }, undefined],
  ["amount 20 passes", { amount: 20 }, undefined],
  ["amount 0 fails", { amount: 0 }, "amount", "InvalidAmount.ValueNotSupported"],
  ["amount 21 fails", { amount: 21 }, "amount", "1-20"],
  ["amount 1.5 fails", { amount: 1.5 }, "amount"],
  // ChargeType
  ["chargeType PrePaid passes", { chargeType: "PrePaid" }, undefined],
  [
    "chargeType PostPaid fails",
    { chargeType: "PostPaid" },
    "chargeType",
    "InvalidChargeType.ValueNotSupported",
  ],
  // ClientToken
  ["clientToken of 64 ASCII passes", { clientToken: "a".repeat(64) }, undefined],
  ["clientToken of the document passes", { clientToken: "123e4567-e89b-12d3-a456-426655440000" }, undefined],
  ["clientToken of 65 fails", { clientToken: "a".repeat(65) }, "clientToken", "at most 64"],
  ["a non-ASCII clientToken fails", { clientToken: "tökén" }, "clientToken", "ASCII"],
  ["an empty clientToken fails", { clientToken: "" }, "clientToken"],
  // InstanceName (SDK UpdateInstanceAttributeRequest)
  ["instanceName test-InstanceName passes", { instanceName: "test-InstanceName" }, undefined],
  ["instanceName of a domain passes", { instanceName: "www.example.com" }, undefined],
  ["instanceName with an underscore passes", { instanceName: "web_01" }, undefined],
  ["instanceName in Chinese passes", { instanceName: "应用服务器1" }, undefined],
  ["instanceName of 2 characters passes", { instanceName: "w1" }, undefined],
  ["instanceName of 50 characters passes", { instanceName: "w".repeat(50) }, undefined],
  ["instanceName of 1 character fails", { instanceName: "w" }, "instanceName", "2-50"],
  ["instanceName of 51 characters fails", { instanceName: "w".repeat(51) }, "instanceName", "2-50"],
  ["instanceName starting with a hyphen fails", { instanceName: "-web" }, "instanceName", "start with"],
  ["instanceName starting with a period fails", { instanceName: ".web" }, "instanceName", "start with"],
  ["instanceName with a space fails", { instanceName: "web server" }, "instanceName", "may only contain"],
  ["instanceName with a slash fails", { instanceName: "web/1" }, "instanceName", "may only contain"],
  [
    "instanceName with amount 20 must leave room for -20",
    { instanceName: "w".repeat(48), amount: 20 },
    "instanceName",
    "at most 50",
  ],
  ["instanceName of 47 with amount 20 passes", { instanceName: "w".repeat(47), amount: 20 }, undefined],
  ["instanceName of 48 with amount 9 passes", { instanceName: "w".repeat(48), amount: 9 }, undefined],
  // Password (SDK UpdateInstanceAttributeRequest)
  ["password Test123! (the SDK's example) passes", { password: "Test123!" }, undefined],
  ["password of three classes without specials passes", { password: "Abcdefgh1" }, undefined],
  ["password of three classes without digits passes", { password: "Abcdefgh!" }, undefined],
  ["password of 30 characters passes", { password: "Aa1!" + "x".repeat(26) }, undefined],
  ["password with the specials ()`~!@#$%^&*-_+=| passes", { password: "Aa1()`~!@#$%^&*-_+=|" }, undefined],
  ["password with the specials {}[]:;'<>,.?/ passes", { password: "Aa1{}[]:;'<>,.?/" }, undefined],
  ["password of 7 characters fails", { password: "Ab1!Ab1" }, "password", "8-30"],
  ["password of 31 characters fails", { password: "Aa1!" + "x".repeat(27) }, "password", "8-30"],
  ["password of two classes fails", { password: "abcdefgh1" }, "password", "at least three"],
  ["password of lower case only fails", { password: "abcdefghij" }, "password", "at least three"],
  ["password with a space fails", { password: "Abc 12345" }, "password", "may only contain"],
  ['password with " fails', { password: 'Abc"12345' }, "password", "may only contain"],
  ["password with a Chinese character fails", { password: "Abc12345密" }, "password", "may only contain"],
  // This package's own arguments
  ["running false passes", { running: false }, undefined],
  ["running must be a boolean", { running: "yes" }, "running", "must be a boolean"],
  ['onDelete "retain" passes', { onDelete: "retain" }, undefined],
  ['onDelete "terminate" fails', { onDelete: "terminate" }, "onDelete", 'must be one of "stop", "retain"'],
  ["allowReplacement true passes", { allowReplacement: true }, undefined],
  ["timeouts must be durations", { timeouts: { create: "ten minutes" } }, "timeouts.create", "duration"],
  ["timeouts 40m passes", { timeouts: { create: "40m", delete: "1h" } }, undefined],
  ["an unknown argument fails", { instanceType: "S5.MEDIUM4" }, "instanceType", "not an argument"],
  ["the Terraform name of the region fails", { region: "cn-hangzhou" }, "region", "not an argument"],
];

describe("SwasInstance check: every documented constraint", () => {
  itChecksEach(cases, check);

  it("cites the document in every rule of its own", () => {
    const { failures } = check({ period: 2, amount: 0, dataDiskSize: 30, chargeType: "PostPaid" });
    expect(failures).toHaveLength(4);
    for (const f of failures) expect(f.reason).toContain("SWAS CreateInstances 2020-06-01");
    const sdk = check({ instanceName: "-x", password: "short" });
    expect(sdk.failures).toHaveLength(2);
    for (const f of sdk.failures) expect(f.reason).toContain("swas-open SDK UpdateInstanceAttributeRequest");
  });

  it("applies the documented defaults", () => {
    const { args } = check({});
    expect(args).toMatchObject({
      autoRenew: false,
      dataDiskSize: 0,
      amount: 1,
      chargeType: "PrePaid",
      running: true,
      onDelete: "stop",
      allowReplacement: false,
    });
  });

  it("passes unknown values through untouched during preview", () => {
    const r = check({ imageId: UNKNOWN, amount: UNKNOWN, password: UNKNOWN, autoRenew: UNKNOWN });
    // autoRenewPeriod missing is a rule on autoRenew and autoRenewPeriod: not judged while autoRenew is unknown.
    expect(r.failures).toEqual([]);
    expect(r.hasUnknowns).toBe(true);
    // ... and judged while only other fields are unknown.
    const known = check({ imageId: UNKNOWN, amount: UNKNOWN, password: UNKNOWN, autoRenew: true });
    expect(known.failures.map((f) => f.property)).toEqual(["autoRenewPeriod"]);
  });

  it("still reports known mistakes beside unknown values", () => {
    const r = check({ imageId: UNKNOWN, period: 5 });
    expect(r.failures.map((f) => f.property)).toEqual(["period"]);
  });
});

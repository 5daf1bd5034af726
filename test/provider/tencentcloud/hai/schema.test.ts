import { checkArgs } from "../../../../provider/core/check";
import { UNKNOWN } from "../../../../provider/core/unknown";
import { itChecksEach, RuleCase } from "../../support";
import { HaiInstanceArgsSchema } from "../../../../provider/tencentcloud/hai/schema";

const base = { region: "ap-guangzhou", applicationId: "app-jknfna", bundleType: "XL" };
const check = (extra: Record<string, unknown>) =>
  checkArgs(HaiInstanceArgsSchema, { ...base, ...extra }, "HaiInstance");

const cases: RuleCase[] = [
  ["the minimal arguments pass", {}, undefined],
  [
    "the document's example 1 passes",
    {
      applicationId: "app-jknfna",
      bundleType: "S",
      systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 250 },
      instanceName: "hai",
    },
    undefined,
  ],
  ["applicationId is required", { applicationId: undefined }, "applicationId"],
  [
    "applicationId without the app- prefix fails",
    { applicationId: "jknfna" },
    "applicationId",
    "InvalidApplicationIdMalformed",
  ],
  ["applicationId with upper case fails", { applicationId: "APP-JKNFNA" }, "applicationId", "app-xxxxxx"],
  ["applicationId app- alone fails", { applicationId: "app-" }, "applicationId"],
  ["bundleType is required", { bundleType: undefined }, "bundleType"],
  ["bundleType XL_2X passes", { bundleType: "XL_2X" }, undefined],
  ["bundleType 3XL passes", { bundleType: "3XL" }, undefined],
  ["bundleType 24GB_A passes", { bundleType: "24GB_A" }, undefined],
  ["bundleType in lower case fails", { bundleType: "xl" }, "bundleType", "RunInstancesRequest.BundleType"],
  ["an empty bundleType fails", { bundleType: "" }, "bundleType"],
  ["bundleType with a trailing underscore fails", { bundleType: "XL_" }, "bundleType"],
  ["disk type CLOUD_HSSD passes", { systemDisk: { diskType: "CLOUD_HSSD" } }, undefined],
  [
    "disk type CLOUD_SSD fails",
    { systemDisk: { diskType: "CLOUD_SSD" } },
    "systemDisk.diskType",
    "CLOUD_PREMIUM, CLOUD_HSSD",
  ],
  ["disk size 80 passes", { systemDisk: { diskSize: 80 } }, undefined],
  ["disk size 1000 passes", { systemDisk: { diskSize: 1000 } }, undefined],
  ["disk size 79 fails", { systemDisk: { diskSize: 79 } }, "systemDisk.diskSize", "80-1000 GB"],
  ["disk size 1001 fails", { systemDisk: { diskSize: 1001 } }, "systemDisk.diskSize", "80-1000 GB"],
  ["disk size 100.5 fails", { systemDisk: { diskSize: 100.5 } }, "systemDisk.diskSize", "whole number"],
  [
    "an unknown disk field fails",
    { systemDisk: { diskName: "C:" } },
    "systemDisk.diskName",
    "not an argument",
  ],
  ["instanceCount 1 passes", { instanceCount: 1 }, undefined],
  ["instanceCount 10 passes", { instanceCount: 10 }, undefined],
  ["instanceCount 0 fails", { instanceCount: 0 }, "instanceCount", "InvalidInstanceCount"],
  ["instanceCount 11 fails", { instanceCount: 11 }, "instanceCount", "[1, 10]"],
  ["instanceCount 1.5 fails", { instanceCount: 1.5 }, "instanceCount", "whole number"],
  ["instanceName of 128 characters passes", { instanceName: "x".repeat(128) }, undefined],
  [
    "instanceName of 129 characters fails",
    { instanceName: "x".repeat(129) },
    "instanceName",
    "InstanceNameTooLong",
  ],
  [
    "the document's ClientToken example passes",
    { clientToken: "hai-0-109261e6-c992-4d68-8b91-a70fac0da7b4" },
    undefined,
  ],
  ["clientToken of 64 characters passes", { clientToken: "a".repeat(64) }, undefined],
  ["clientToken of 65 characters fails", { clientToken: "a".repeat(65) }, "clientToken", "at most 64"],
  ["an empty clientToken fails", { clientToken: "" }, "clientToken", "not be empty"],
  ["a non-ASCII clientToken fails", { clientToken: "tökén" }, "clientToken", "ASCII"],
  ["running false passes", { running: false }, undefined],
  ["running must be a boolean", { running: "no" }, "running", "must be a boolean"],
  ["an empty region fails", { region: "" }, "region"],
  ["an unknown argument fails", { zone: "ap-guangzhou-3" }, "zone", "not an argument"],
  ["dryRun is not an argument (preflight is)", { dryRun: true }, "dryRun", "not an argument"],
  ["a wrong type fails", { instanceCount: "2" }, "instanceCount", "must be a number"],
  ["timeouts must be durations", { timeouts: { create: "ten minutes" } }, "timeouts.create", "duration"],
  ["timeouts 45m passes", { timeouts: { create: "45m", delete: "1h" } }, undefined],
];

describe("HaiInstance check: every documented constraint", () => {
  itChecksEach(cases, check);

  it("applies the defaults: one instance, running", () => {
    const { args } = check({});
    expect(args).toMatchObject({ instanceCount: 1, running: true });
  });

  it("cites the document or the SDK model in every rule of its own", () => {
    const { failures } = check({
      applicationId: "bad",
      bundleType: "xl",
      instanceCount: 0,
      instanceName: "x".repeat(129),
      clientToken: "a".repeat(65),
      systemDisk: { diskType: "CLOUD_SSD", diskSize: 2000 },
    });
    expect(failures).toHaveLength(7);
    for (const f of failures) expect(f.reason).toMatch(/HAI RunInstances 2023-08-12|SDK hai_models/);
  });

  it("passes unknown values through untouched during preview", () => {
    const r = check({ applicationId: UNKNOWN, systemDisk: { diskType: "CLOUD_HSSD", diskSize: UNKNOWN } });
    expect(r.failures).toEqual([]);
    expect(r.hasUnknowns).toBe(true);
  });

  it("still reports known mistakes beside unknown values", () => {
    const r = check({ applicationId: UNKNOWN, instanceCount: 11 });
    expect(r.failures.map((f) => f.property)).toEqual(["instanceCount"]);
  });
});

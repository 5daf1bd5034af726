/**
 * Compile-time agreement of the HaiInstance schema with the SDK's own RunInstancesRequest:
 * every argument (camelCase) is a request parameter (PascalCase) of a compatible type.
 * `tsc --noEmit` fails if they drift apart; the runtime tests only keep jest happy.
 */
import type { RunInstancesRequest } from "tencentcloud-sdk-nodejs/tencentcloud/services/hai/v20230812/hai_models";
import type { Pascal } from "../../../../provider/core/case";
import type { HaiArgs } from "../../../../provider/tencentcloud/hai/schema";
import { runInstancesRequest } from "../../../../provider/tencentcloud/hai/api";

/** The arguments that are request parameters (the others are this package's own). */
type RequestArgs = Omit<HaiArgs, "region" | "timeouts" | "running" | "adoptInstanceIds">;

/** Fails to compile unless A is assignable to B. */
type Assignable<A, B> = [A] extends [B] ? true : false;
const agrees: Assignable<Pascal<RequestArgs>, RunInstancesRequest> = true;
/** And every parameter of the document is an argument (DryRun becomes preflight). */
type DocumentParameters =
  "ApplicationId" | "BundleType" | "SystemDisk" | "InstanceCount" | "InstanceName" | "ClientToken";
const covered: Assignable<DocumentParameters, keyof Pascal<RequestArgs>> = true;
/** The document's SystemDisk example {"DiskType", "DiskSize"} is covered too. */
const disk: Assignable<"DiskType" | "DiskSize", keyof NonNullable<Pascal<RequestArgs>["SystemDisk"]>> = true;
/** And no argument is a parameter the SDK does not know. */
const known: Assignable<keyof Pascal<RequestArgs>, keyof RunInstancesRequest> = true;

describe("HaiInstance arguments and the SDK's RunInstancesRequest", () => {
  it("agree at compile time", () => {
    expect(agrees && covered && disk && known).toBe(true);
  });

  it("turn into the request the document shows (example 1)", () => {
    const req = runInstancesRequest(
      {
        applicationId: "app-jknfna",
        bundleType: "S",
        systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 250 },
        instanceName: "hai",
        instanceCount: 1,
        running: true,
        region: "ap-guangzhou",
      },
      "token",
    );
    expect(req).toEqual({
      ApplicationId: "app-jknfna",
      BundleType: "S",
      SystemDisk: { DiskType: "CLOUD_PREMIUM", DiskSize: 250 },
      InstanceName: "hai",
      InstanceCount: 1,
      ClientToken: "token",
    });
  });

  it("sends neither the region, the timeouts nor `running` as request parameters", () => {
    const req = runInstancesRequest(
      {
        applicationId: "app-jknfna",
        bundleType: "XL",
        instanceCount: 2,
        running: false,
        region: "ap-shanghai",
        timeouts: { create: "30m" },
        clientToken: "mine",
      },
      "derived",
      1,
    );
    expect(req).toEqual({
      ApplicationId: "app-jknfna",
      BundleType: "XL",
      InstanceCount: 1,
      ClientToken: "derived",
    });
  });
});

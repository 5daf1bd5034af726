/**
 * Compile-time agreement of the CvmInstance schema with the SDK's own RunInstancesRequest:
 * every argument (camelCase) is a request parameter (PascalCase) of a compatible type.
 * `tsc --noEmit` fails if they drift apart; the runtime test only keeps jest happy.
 */
import type { RunInstancesRequest } from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import type { Pascal } from "../../../../provider/core/case";
import type { CvmArgs } from "../../../../provider/tencentcloud/cvm/schema";
import { runInstancesRequest } from "../../../../provider/tencentcloud/cvm/api";
import { RUN_INSTANCES_EXAMPLE_1 } from "../../../support/cvm-examples";

/** The arguments that are request parameters (the others are this package's own). */
type RequestArgs = Omit<CvmArgs, "region" | "timeouts" | "releasePrepaid">;

/** Fails to compile unless A is assignable to B. */
type Assignable<A, B> = [A] extends [B] ? true : false;
const agrees: Assignable<Pascal<RequestArgs>, RunInstancesRequest> = true;
/** And every parameter of the document is an argument (DryRun becomes preflight). */
type DocumentParameters =
  | "Placement"
  | "ImageId"
  | "InstanceChargeType"
  | "InstanceChargePrepaid"
  | "InstanceType"
  | "SystemDisk"
  | "DataDisks"
  | "VirtualPrivateCloud"
  | "InternetAccessible"
  | "InstanceCount"
  | "InstanceName"
  | "LoginSettings"
  | "SecurityGroupIds"
  | "EnhancedService"
  | "ClientToken"
  | "HostName"
  | "ActionTimer"
  | "DisasterRecoverGroupIds"
  | "TagSpecification"
  | "InstanceMarketOptions"
  | "UserData"
  | "CamRoleName"
  | "HpcClusterId";
const covered: Assignable<DocumentParameters, keyof Pascal<RequestArgs>> = true;

describe("CvmInstance arguments and the SDK's RunInstancesRequest", () => {
  it("agree at compile time", () => {
    expect(agrees && covered).toBe(true);
  });

  it("turn into the request the document shows (example 1)", () => {
    const req = runInstancesRequest(
      {
        placement: { zone: "ap-shanghai-2", hostIds: ["host-q88gab4i"] },
        instanceChargeType: "CDHPAID",
        imageId: "img-pmqg1cw7",
        instanceType: "CDH_1C1G",
        systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 50 },
        dataDisks: [{ diskType: "CLOUD_PREMIUM", diskSize: 100 }],
        internetAccessible: {
          internetChargeType: "TRAFFIC_POSTPAID_BY_HOUR",
          internetMaxBandwidthOut: 10,
          publicIpAssigned: true,
        },
        instanceName: "QCLOUD-TEST",
        loginSettings: { password: "Qcloud@TestApi123++" },
        enhancedService: { securityService: { enabled: true }, monitorService: { enabled: true } },
        instanceCount: 1,
      },
      "token",
    );
    expect(req).toEqual({ ...RUN_INSTANCES_EXAMPLE_1, ClientToken: "token" });
  });
});

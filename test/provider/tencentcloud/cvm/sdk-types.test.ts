/**
 * Compile-time agreement of the CvmInstance schema with the SDK's own RunInstancesRequest:
 * every argument (camelCase) is a request parameter (PascalCase) of a compatible type.
 * `tsc --noEmit` fails if they drift apart; the runtime test only keeps jest happy.
 */
import type {
  RunInstancesRequest,
  StopInstancesRequest,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import type { Pascal } from "../../../../provider/core/case";
import type { CvmArgs } from "../../../../provider/tencentcloud/cvm/schema";
import { runInstancesRequest } from "../../../../provider/tencentcloud/cvm/api";

/** The arguments that are request parameters (the others are this package's own, or StopInstances'). */
type RequestArgs = Omit<CvmArgs, "region" | "timeouts" | "releasePrepaid" | "running" | "stoppedMode">;

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
  | "HpcClusterId"
  | "DisableApiTermination";
const covered: Assignable<DocumentParameters, keyof Pascal<RequestArgs>> = true;
/** stoppedMode is StopInstances' StoppedMode; running a boolean. */
const stopAgrees: Assignable<
  Pascal<Pick<CvmArgs, "stoppedMode">>,
  Pick<StopInstancesRequest, "StoppedMode">
> = true;
const runningIs: Assignable<CvmArgs["running"], boolean | undefined> = true;

describe("CvmInstance arguments and the SDK's RunInstancesRequest", () => {
  it("agree at compile time", () => {
    expect(agrees && covered && stopAgrees && runningIs).toBe(true);
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
    expect(req).toEqual({
      Placement: { Zone: "ap-shanghai-2", HostIds: ["host-q88gab4i"] },
      InstanceChargeType: "CDHPAID",
      ImageId: "img-pmqg1cw7",
      InstanceType: "CDH_1C1G",
      SystemDisk: { DiskType: "CLOUD_PREMIUM", DiskSize: 50 },
      DataDisks: [{ DiskType: "CLOUD_PREMIUM", DiskSize: 100 }],
      InternetAccessible: {
        InternetChargeType: "TRAFFIC_POSTPAID_BY_HOUR",
        InternetMaxBandwidthOut: 10,
        PublicIpAssigned: true,
      },
      InstanceName: "QCLOUD-TEST",
      LoginSettings: { Password: "Qcloud@TestApi123++" },
      EnhancedService: { SecurityService: { Enabled: true }, MonitorService: { Enabled: true } },
      InstanceCount: 1,
      ClientToken: "token",
    });
  });
});

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
import { RUN_INSTANCES_EXAMPLE_1 } from "../../../support/cvm-examples";

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

/** `value` with every key camelCased (PascalCase parameter names become argument names). */
const camelKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(camelKeys)
    : value !== null && typeof value === "object"
      ? Object.fromEntries(
          Object.entries(value).map(([k, v]) => [k[0].toLowerCase() + k.slice(1), camelKeys(v)]),
        )
      : value;

describe("CvmInstance arguments and the SDK's RunInstancesRequest", () => {
  it("agree at compile time", () => {
    expect(agrees && covered && stopAgrees && runningIs).toBe(true);
  });

  it("turn into the request the document shows (example 1)", () => {
    // The arguments are the request's parameters in camelCase: placement.hostIds, loginSettings.password, ...
    const req = runInstancesRequest(camelKeys(RUN_INSTANCES_EXAMPLE_1) as CvmArgs, "token");
    expect(req).toEqual({ ...RUN_INSTANCES_EXAMPLE_1, ClientToken: "token" });
  });
});

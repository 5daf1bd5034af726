/** TerminateInstances: pay-as-you-go instances are destroyed, prepaid ones go to the recycle bin first. */
import type { TerminateInstancesRequest } from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import type { Call } from "../../call";
import type { Instance } from "../../instance";
import { ApiError } from "../../errors";
import { CVM_LIFECYCLE, attr, findInstances } from "./models";
import { TERMINATE_REFUSED, refuseBusy, refuseState } from "./errors";

/**
 * SDK TerminateInstances: "包年包月实例首次调用本接口，实例将被移至回收站，再次调用本接口，实例将被销毁 ...
 * 按量计费实例调用本接口将被直接销毁"; "批量操作时，所有实例的付费类型必须一致".
 */
export function terminateInstances(call: Call, req: TerminateInstancesRequest): Record<string, unknown> {
  const instances = findInstances(call, req.InstanceIds);
  const prepaid = (i: Instance) => attr<string>(i, "InstanceChargeType") === "PREPAID";
  if (new Set(instances.map(prepaid)).size > 1) {
    throw new ApiError(
      "UnsupportedOperation.InstanceMixedPricingModel",
      "The instances of one request must share one charge type (prepaid and pay-as-you-go are mixed).",
    );
  }
  instances.forEach(checkTerminable);
  // SDK codes: LimitExceeded.UserReturnQuota, the account's early returns of prepaid instances are used up.
  // A prepaid instance not yet in the recycle bin goes there first (a failed launch never does).
  const recycles = (i: Instance) =>
    prepaid(i) && i.state !== "LAUNCH_FAILED" && i.attrs.RestrictState !== "ISOLATED";
  const returning = instances.filter(recycles).length;
  const returned = call.world.returns.get(call.account) ?? 0;
  if (returning > 0 && returned + returning > call.world.settings.prepaidReturnQuota) {
    throw new ApiError(
      "LimitExceeded.UserReturnQuota",
      `The quota of prepaid instances returned early is used up (${returned} of ${call.world.settings.prepaidReturnQuota}).`,
    );
  }
  call.world.returns.set(call.account, returned + returning);
  for (const inst of instances) {
    call.world.startOperation(inst, "TerminateInstances", call.requestId);
    if (recycles(inst)) {
      inst.attrs.RestrictState = "ISOLATED";
      inst.attrs.IsolatedSource = "MANMADE";
      call.world.begin(inst, CVM_LIFECYCLE.processes.recycle);
    } else {
      call.world.begin(inst, CVM_LIFECYCLE.processes.terminate);
    }
  }
  return {};
}

function checkTerminable(inst: Instance): void {
  refuseState(inst, TERMINATE_REFUSED);
  if (inst.attrs.DisableApiTermination) {
    throw new ApiError(
      "UnsupportedOperation.InstancesProtected",
      `The instance \`${inst.id}\` is protected from termination.`,
    );
  }
  refuseBusy(inst, "TerminateInstances");
}

/** TerminateInstances (at once, or at TerminateTime) and ModifyInstancesAttribute (name, security groups). */
import type {
  ModifyInstancesAttributeRequest,
  TerminateInstancesRequest,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/ecm/v20190719/ecm_models";
import type { Call } from "../../call";
import type { World } from "../../world";
import type { Instance } from "../../instance";
import { ApiError } from "../../errors";
import { missingParameter } from "../errors";
import { SAME } from "../../lifecycle";
import { ECM_LIFECYCLE, findInstances } from "./models";
import { readInstanceName, readSecurityGroups } from "./run-config";
import { operationNotAllowed } from "./errors";

export function terminateInstances(call: Call, req: TerminateInstancesRequest): Record<string, unknown> {
  const { world } = call;
  const instances = findInstances(
    call,
    "InstanceIdSet",
    req.InstanceIdSet,
    "ResourceNotFound.InstanceNotExist",
  );
  // AssociatedResourceDestroy: default true; ENIs and EIPs are not emulated.
  const at = readTerminateTime(world, req.TerminateTime, req.TerminateDelay ?? false);
  // An instance already being destroyed cannot be destroyed again (SDK errors:
  // FailedOperation.OperationNotAllow).
  refuseTerminating(instances, "already TERMINATING");
  const terminate = ECM_LIFECYCLE.processes.terminate;
  for (const inst of instances) {
    inst.latestOperation = { name: "TerminateInstances", state: "OPERATING", requestId: call.requestId };
    // With TerminateDelay the instance stays as it is until TerminateTime.
    world.begin(
      inst,
      at === undefined ? terminate : [{ state: SAME, lasts: at - world.now() }, ...terminate],
    );
  }
  return {};
}

/**
 * TerminateTime "2019-08-05 12:01:30" (Beijing time), used only with TerminateDelay, not in the past (SDK).
 */
function readTerminateTime(world: World, text: string | undefined, delay: boolean): number | undefined {
  if (!delay) return undefined;
  if (text === undefined) throw missingParameter("TerminateTime");
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  const at = m ? Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`) : NaN;
  if (Number.isNaN(at)) {
    throw new ApiError(
      "InvalidParameterValue.InvalidTime",
      `TerminateTime \`${text}\` is not "YYYY-MM-DD hh:mm:ss".`,
    );
  }
  if (at < world.now()) {
    throw new ApiError(
      "InvalidParameterValue.TerminateTimeSmaller",
      `TerminateTime \`${text}\` is in the past.`,
    );
  }
  return at;
}

export function modifyInstancesAttribute(
  call: Call,
  req: ModifyInstancesAttributeRequest,
): Record<string, unknown> {
  const instances = findInstances(
    call,
    "InstanceIdSet",
    req.InstanceIdSet,
    "InvalidParameterValue.InvalidInstanceID",
  );
  // "Not more than 60 characters; if not passed, the name is shown empty" (SDK
  // ModifyInstancesAttributeRequest.InstanceName).
  const name = readInstanceName(req);
  // "At most 5 security groups; they replace the ones bound before" (SDK
  // ModifyInstancesAttributeRequest.SecurityGroups).
  const groups = readSecurityGroups(call.world, req.SecurityGroups);
  if (groups && groups.length > 5) {
    throw new ApiError(
      "InvalidParameterValue.LimitExceeded",
      `${groups.length} security groups given; at most 5 are allowed.`,
    );
  }
  refuseTerminating(instances, "TERMINATING");
  for (const inst of instances) {
    inst.name = name ?? "";
    if (groups) inst.attrs.SecurityGroupIds = [...groups];
  }
  return {};
}

function refuseTerminating(instances: Instance[], what: string): void {
  const busy = instances.find((inst) => inst.state === "TERMINATING");
  if (busy) throw operationNotAllowed(busy.id, what);
}

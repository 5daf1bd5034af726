/**
 * ModifyInstancesAttribute: one attribute per call, checked with RunInstances' rules and this
 * action's codes; ModifyInstancesProject and ModifyInstancesRenewFlag.
 */
import type {
  ModifyInstancesAttributeRequest,
  ModifyInstancesProjectRequest,
  ModifyInstancesRenewFlagRequest,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import type { Call } from "../../call";
import type { Instance } from "../../instance";
import { ApiError } from "../../errors";
import { invalidParameterValue, missingParameter } from "../errors";
import { required } from "../common";
import { CVM_LIFECYCLE, findInstances } from "./models";
import { MODIFY_REFUSED } from "./errors";
import { TRANSITIONAL, operate, refusing } from "./operate";
import { checkSecurityGroups } from "./run-network";
import { checkHostName, checkInstanceNameLength } from "./run-login";
import { checkUserData } from "./run-options";
import { RENEW_FLAGS } from "./run-placement";

/** The attributes one call may change; "每次请求必须指定实例的一种属性用于修改" (SDK). */
const MODIFIABLE = [
  "InstanceName",
  "UserData",
  "SecurityGroups",
  "CamRoleName",
  "HostName",
  "DisableApiTermination",
  "EnableJumboFrame",
] as const;

export function modifyInstancesAttribute(
  call: Call,
  req: ModifyInstancesAttributeRequest,
): Record<string, unknown> {
  const instances = findInstances(call, req.InstanceIds);
  const attribute = chosenAttribute(req);
  checkAttributeValue(call, req, attribute, instances);
  return operate(call, "ModifyInstancesAttribute", instances, MODIFY_REFUSED, (inst) => {
    applyAttribute(inst, req, attribute);
    // SDK HostName: "修改主机名后实例会立即重启" unless AutoReboot is false.
    const reboot = attribute === "HostName" && req.AutoReboot !== false && inst.state === "RUNNING";
    return reboot ? CVM_LIFECYCLE.processes.reboot : CVM_LIFECYCLE.processes.modify;
  });
}

/** Exactly one attribute; CamRoleType goes with CamRoleName and AutoReboot with HostName. */
function chosenAttribute(req: ModifyInstancesAttributeRequest): (typeof MODIFIABLE)[number] {
  const given = MODIFIABLE.filter((name) => req[name] !== undefined);
  if (given.length === 0) throw missingParameter(`one of ${MODIFIABLE.join(", ")}`);
  if (given.length > 1) {
    throw new ApiError(
      "InvalidParameterCombination",
      `Only one attribute can be modified per call; ${given.join(", ")} were given.`,
    );
  }
  if (req.CamRoleType !== undefined && given[0] !== "CamRoleName") {
    throw new ApiError("InvalidParameterCombination", "CamRoleType goes with CamRoleName.");
  }
  if (req.AutoReboot !== undefined && given[0] !== "HostName") {
    throw new ApiError("InvalidParameterCombination", "AutoReboot goes with HostName.");
  }
  return given[0];
}

/** The same rules as RunInstances, with ModifyInstancesAttribute's codes (SDK codes). */
function checkAttributeValue(
  call: Call,
  req: ModifyInstancesAttributeRequest,
  attribute: (typeof MODIFIABLE)[number],
  instances: Instance[],
): void {
  switch (attribute) {
    case "InstanceName":
      // SDK: "可任意命名，但不得超过60个字符".
      checkInstanceNameLength(req.InstanceName ?? "");
      if (req.InstanceName === "") throw invalidParameterValue("InstanceName", "the name cannot be empty");
      return;
    case "SecurityGroups":
      if ((req.SecurityGroups ?? []).length === 0) {
        throw invalidParameterValue("SecurityGroups", "at least one security group is needed");
      }
      checkSecurityGroups(call, req.SecurityGroups);
      return;
    case "HostName":
      for (const inst of instances) {
        checkHostName(req.HostName, Boolean(inst.attrs.Windows), 1, "InvalidParameter.HostNameIllegal");
      }
      return;
    case "CamRoleName":
      if (!/^[\w+=,.@-]{0,128}$/.test(req.CamRoleName ?? "")) {
        throw new ApiError(
          "InvalidParameterValue.CamRoleNameMalformed",
          `The CAM role name \`${req.CamRoleName}\` is malformed.`,
        );
      }
      if (req.CamRoleType !== undefined && !["user", "system", "service_linked"].includes(req.CamRoleType)) {
        throw invalidParameterValue("CamRoleType", "the type is user, system or service_linked");
      }
      return;
    case "UserData":
      checkUserData(req.UserData);
      return;
  }
}

function applyAttribute(
  inst: Instance,
  req: ModifyInstancesAttributeRequest,
  attribute: (typeof MODIFIABLE)[number],
): void {
  switch (attribute) {
    case "InstanceName":
      inst.name = req.InstanceName as string;
      return;
    case "SecurityGroups":
      inst.attrs.SecurityGroupIds = [...(req.SecurityGroups as string[])];
      return;
    default:
      inst.attrs[attribute] = req[attribute];
  }
}

/**
 * ModifyInstancesProject (213/15746): ProjectId required, at most 100 instances; the SDK codes
 * name no state but isolating ones (InstanceStateIsolating) and an operation in progress.
 */
export function modifyInstancesProject(
  call: Call,
  req: ModifyInstancesProjectRequest,
): Record<string, unknown> {
  const instances = findInstances(call, req.InstanceIds);
  if (req.ProjectId === undefined) throw missingParameter("ProjectId");
  if (!Number.isInteger(req.ProjectId) || req.ProjectId < 0) {
    throw new ApiError("InvalidProjectId.NotFound", `The project \`${req.ProjectId}\` does not exist.`);
  }
  const refused = { SHUTDOWN: "UnsupportedOperation.InstanceStateIsolating" };
  return operate(call, "ModifyInstancesProject", instances, refused, (inst) => {
    inst.attrs.Placement = { ...(inst.attrs.Placement as object), ProjectId: req.ProjectId };
    return CVM_LIFECYCLE.processes.modify;
  });
}

/** ModifyInstancesRenewFlag: "修改包年包月实例续费标识" - prepaid instances only (UnsupportedOperation.InstanceChargeType). */
export function modifyInstancesRenewFlag(
  call: Call,
  req: ModifyInstancesRenewFlagRequest,
): Record<string, unknown> {
  const flag = required(req.RenewFlag, "RenewFlag");
  if (!RENEW_FLAGS.includes(flag)) {
    throw invalidParameterValue("RenewFlag", `\`${flag}\` is not one of ${RENEW_FLAGS.join(", ")}`);
  }
  const instances = findInstances(call, req.InstanceIds);
  const postpaid = instances.find((i) => i.attrs.InstanceChargeType !== "PREPAID");
  if (postpaid) {
    throw new ApiError(
      "UnsupportedOperation.InstanceChargeType",
      `The instance \`${postpaid.id}\` is ${String(postpaid.attrs.InstanceChargeType)}: only prepaid instances have a renew flag.`,
    );
  }
  return operate(call, "ModifyInstancesRenewFlag", instances, refusing(...TRANSITIONAL), (inst) => {
    inst.attrs.RenewFlag = flag;
    return CVM_LIFECYCLE.processes.modify;
  });
}

/** What the Tencent Cloud services' instance models share: the state's name, a launch failure's words, the outputs every one has. */
import type { InstanceOutput } from "../core/outputs";

interface TencentInstance {
  InstanceId?: string;
  InstanceState?: string;
}

export const stateOf = (inst: TencentInstance | undefined) => inst?.InstanceState;

/** The cloud's own words for a launch failure (LatestOperationErrorMsg, where the model has it). */
export function launchError(inst: TencentInstance | undefined): string {
  const msg = (inst as { LatestOperationErrorMsg?: string } | undefined)?.LatestOperationErrorMsg;
  return `${inst?.InstanceId ?? "instance"} LAUNCH_FAILED${msg ? `: ${msg}` : ""}`;
}

interface TencentInstanceModel extends TencentInstance {
  InstanceName?: string;
  PrivateIpAddresses?: string[];
  PublicIpAddresses?: string[];
}

/** The outputs of an instance that every Tencent Cloud model gives the same way (`createdTime` and `expiredTime` are the product's). */
export function commonOutput(
  id: string,
  inst: TencentInstanceModel | undefined,
): Omit<InstanceOutput, "createdTime" | "expiredTime"> {
  return {
    instanceId: id,
    instanceName: inst?.InstanceName ?? "",
    state: inst?.InstanceState ?? "UNKNOWN",
    privateIpAddresses: inst?.PrivateIpAddresses ?? [],
    publicIpAddresses: inst?.PublicIpAddresses ?? [],
  };
}

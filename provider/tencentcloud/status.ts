/** What the Tencent Cloud services' instance models share: the state's name, a launch failure's words. */

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

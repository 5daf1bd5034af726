/**
 * The CVM instance: its lifecycle as data, where the caller's instances are found, and the
 * Instance model DescribeInstances answers with.
 */
import type { Call } from "../../call";
import type { World } from "../../world";
import type { Instance } from "../../instance";
import type { TencentRegion } from "../../catalogue";
import { ApiError } from "../../errors";
import { missingParameter } from "../errors";
import { GONE, Lifecycle, SAME } from "../../lifecycle";
import { isoSeconds, tagList } from "../../format";
import { instanceNotFound } from "./errors";
import { settleExpansions } from "../cbs/expansion";

/**
 * How a CVM instance moves between states. A failed launch cannot be terminated
 * (UnsupportedOperation.InstanceStateLaunchFailed): the cloud clears it, here terminateMs after it failed.
 */
export const CVM_LIFECYCLE = {
  // The instance state table (document 213/15753); the rescue and migration states are never entered here.
  states: [
    ...["PENDING", "LAUNCH_FAILED", "RUNNING", "STOPPED", "STARTING", "STOPPING", "REBOOTING", "SHUTDOWN"],
    ...["TERMINATING", "ENTER_RESCUE_MODE", "RESCUE_MODE", "EXIT_RESCUE_MODE"],
    ...["ENTER_SERVICE_LIVE_MIGRATE", "SERVICE_LIVE_MIGRATE", "EXIT_SERVICE_LIVE_MIGRATE"],
  ],
  launch: [{ state: "PENDING", lasts: "bootMs" }, { state: "RUNNING" }],
  launchFailed: [
    { state: "PENDING", lasts: "bootMs" },
    { state: "LAUNCH_FAILED", lasts: "terminateMs" },
    { state: GONE },
  ],
  processes: {
    terminate: [{ state: "TERMINATING", lasts: "terminateMs" }, { state: GONE }],
    /** TerminateInstances of a prepaid instance: to the recycle bin (RestrictState ISOLATED). */
    recycle: [{ state: "SHUTDOWN", lasts: "transitionMs" }, { state: "SHUTDOWN" }],
    /** A new host name with AutoReboot. */
    reboot: [{ state: "REBOOTING", lasts: "transitionMs" }, { state: "RUNNING" }],
    /** Any other attribute: the operation runs, the state stays. */
    modify: [{ state: SAME, lasts: "transitionMs" }, { state: SAME }],
    /** StartInstances: "STOPPED→STARTING→RUNNING" (SDK StartInstances). */
    start: [{ state: "STARTING", lasts: "transitionMs" }, { state: "RUNNING" }],
    /** StopInstances: "RUNNING→STOPPING→STOPPED" (SDK StopInstances). */
    stop: [{ state: "STOPPING", lasts: "transitionMs" }, { state: "STOPPED" }],
    /**
     * ForceStop on a running instance: stopped, changed, started again ("如实例原状态为RUNNING，
     * 绑定完成后实例会自动开机", SDK AssociateInstancesKeyPairs).
     */
    forceStop: [
      { state: "STOPPING", lasts: "transitionMs" },
      { state: "STARTING", lasts: "transitionMs" },
      { state: "RUNNING" },
    ],
    /** ResetInstancesType of a stopped instance: "完成实例配置调整后，实例将自动显示为运行中" (SDK). */
    resize: [
      { state: SAME, lasts: "transitionMs" },
      { state: "STARTING", lasts: "transitionMs" },
      { state: "RUNNING" },
    ],
  },
} satisfies Lifecycle;

/** Region is a required common parameter (001 "Region Yes String Common parameter"). */
export function regionOf(call: Call): TencentRegion {
  if (!call.region) throw missingParameter("Region");
  const region = call.world.catalogue.tencent.regions.find((r) => r.region === call.region);
  if (!region) {
    throw new ApiError("UnsupportedRegion", `The region \`${call.region}\` is not supported by cvm.`);
  }
  return region;
}

const INSTANCE_ID = /^ins-[a-z0-9]{8}$/;

const MAX_IDS = 100;

/** The caller's CVM instances in the request's region: due transitions and scheduled terminations applied. */
export function instancesOf(call: Call): Instance[] {
  return call.world
    .list("cvm", call.account, call.region)
    .filter((inst) => applyActionTimer(call.world, inst));
}

/** ActionTimer: "目前仅支持定时销毁" - the instance terminates at ActionTime (SDK ActionTimer). */
function applyActionTimer(world: World, inst: Instance): boolean {
  const at = inst.attrs.ActionTime as number | undefined;
  if (at === undefined || at > world.now() || inst.state === "TERMINATING") return true;
  delete inst.attrs.ActionTime;
  world.startOperation(inst, "TerminateInstances", world.newRequestId());
  // It terminates as it would have at ActionTime: gone terminateMs after it.
  return world.begin(inst, CVM_LIFECYCLE.processes.terminate, at);
}

/** InstanceIds of Terminate / Modify: at most 100, well-formed, all of them the caller's. */
export function findInstances(call: Call, ids: string[] | undefined): Instance[] {
  if (!ids || ids.length === 0) throw missingParameter("InstanceIds");
  checkInstanceIds(ids);
  const mine = new Map(instancesOf(call).map((inst) => [inst.id, inst]));
  return [...new Set(ids)].map((id) => {
    const inst = mine.get(id);
    if (!inst) throw instanceNotFound(id);
    return inst;
  });
}

/** "每次请求批量实例的上限为100" (SDK); ids look like ins-xxxxxxxx. */
export function checkInstanceIds(ids: string[]): void {
  if (ids.length > MAX_IDS) {
    throw new ApiError(
      "InvalidParameterValue.LimitExceeded",
      `The parameter \`InstanceIds\` holds at most ${MAX_IDS} instance ids; ${ids.length} were given.`,
    );
  }
  const bad = ids.find((id) => !INSTANCE_ID.test(id));
  if (bad !== undefined) {
    throw new ApiError(
      "InvalidInstanceId.Malformed",
      `The instance id \`${bad}\` is malformed: expected ins-xxxxxxxx.`,
    );
  }
}

export const attr = <T>(inst: Instance, name: string): T => inst.attrs[name] as T;

export const vpcOf = (inst: Instance) =>
  attr<{ VpcId: string; SubnetId: string }>(inst, "VirtualPrivateCloud");

export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

/** One InstanceSet entry, field for field as the SDK's Instance model; null where the cloud answers null. */
export function describeInstance(world: World, inst: Instance): Record<string, unknown> {
  const a = inst.attrs;
  settleExpansions(inst, world.now());
  const keyIds = a.KeyIds as string[];
  const op = world.visibleOperation(inst);
  const gpu = a.GPU as number;
  return {
    Placement: a.Placement,
    InstanceId: inst.id,
    InstanceType: a.InstanceType,
    CPU: a.CPU,
    Memory: a.Memory,
    RestrictState: a.RestrictState,
    InstanceName: inst.name,
    InstanceChargeType: a.InstanceChargeType,
    SystemDisk: a.SystemDisk,
    DataDisks: (a.DataDisks as unknown[]).length > 0 ? a.DataDisks : null,
    PrivateIpAddresses: inst.privateIps,
    PublicIpAddresses: inst.publicIps.length > 0 ? inst.publicIps : null,
    InternetAccessible: a.InternetAccessible,
    VirtualPrivateCloud: a.VirtualPrivateCloud,
    ImageId: a.ImageId,
    RenewFlag: a.RenewFlag ?? null,
    CreatedTime: isoSeconds(inst.createdAt),
    ExpiredTime: inst.expiresAt === undefined ? null : isoSeconds(inst.expiresAt),
    OsName: a.OsName,
    SecurityGroupIds: a.SecurityGroupIds,
    LoginSettings: { KeyIds: keyIds.length > 0 ? keyIds : null },
    InstanceState: inst.state,
    Tags: tagList(inst.tags),
    // "NOT_APPLICABLE：实例处于非关机状态" (SDK Instance.StopChargingMode).
    StopChargingMode: inst.state === "STOPPED" ? (a.StopChargingMode ?? "KEEP_CHARGING") : "NOT_APPLICABLE",
    Uuid: a.Uuid,
    LatestOperation: op?.name ?? null,
    LatestOperationState: op?.state ?? null,
    LatestOperationRequestId: op?.requestId ?? null,
    DisasterRecoverGroupId: "",
    IPv6Addresses: null,
    CamRoleName: a.CamRoleName,
    HpcClusterId: a.HpcClusterId,
    RdmaIpAddresses: null,
    DedicatedClusterId: "",
    IsolatedSource: a.IsolatedSource,
    DisasterRecoverGroupIds: a.DisasterRecoverGroupIds,
    ...(gpu > 0 ? { GPUInfo: { GPUCount: gpu, GPUId: [], GPUType: "" } } : {}),
    LicenseType: "TencentCloud",
    DisableApiTermination: a.DisableApiTermination,
    DefaultLoginUser: a.Windows ? "Administrator" : /ubuntu/i.test(String(a.OsName)) ? "ubuntu" : "root",
    DefaultLoginPort: a.Windows ? 3389 : 22,
    LatestOperationErrorMsg: op?.errorMsg ?? null,
    EnableJumboFrame: a.EnableJumboFrame,
    Metadata: a.Metadata,
    PublicIPv6Addresses: null,
    CpuTopology: a.CpuTopology,
    PartitionNumber: a.PartitionNumber,
  };
}

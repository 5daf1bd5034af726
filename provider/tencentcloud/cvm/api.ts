/**
 * Thin typed calls of CVM 2017-03-12, CBS 2017-03-12 and Tag 2018-08-13; camelCase ↔ PascalCase happens here
 * and nowhere else.
 */
import type * as cbs from "tencentcloud-sdk-nodejs/tencentcloud/services/cbs/v20170312/cbs_models";
import type * as cvm from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import { batches } from "../../core/batches";
import { pascalize } from "../../core/case";
import { Operation } from "../../core/context";
import { TencentTarget, addById, serviceCalls } from "../client";
import type { CvmArgs } from "./schema";

export type CvmInstanceModel = cvm.Instance;

const call = serviceCalls("cvm");
/** DescribeInstances, TerminateInstances, ModifyInstancesAttribute: at most 100 ids a call. */
const MAX_IDS = 100;

/** The RunInstances request for the arguments (password included: never logged, never stored). */
export function runInstancesRequest(
  args: CvmArgs,
  clientToken: string,
  count = args.instanceCount,
): cvm.RunInstancesRequest {
  const {
    region: _r,
    timeouts: _t,
    releasePrepaid: _p,
    clientToken: _c,
    instanceCount: _n,
    running: _run,
    stoppedMode: _mode,
    adoptInstanceIds: _adopt,
    ...params
  } = args;
  const req = pascalize(params) as cvm.RunInstancesRequest;
  if (req.LoginSettings?.KeepImageLogin)
    req.LoginSettings.KeepImageLogin = req.LoginSettings.KeepImageLogin.toUpperCase();
  return { ...req, InstanceCount: count, ClientToken: clientToken };
}

/** Idempotent: the ClientToken makes a repeated call return the same instances. */
export async function runInstances(
  op: Operation,
  t: TencentTarget,
  req: cvm.RunInstancesRequest,
): Promise<string[]> {
  return (await call(op, t, "RunInstances", (c) => c.RunInstances(req))).InstanceIdSet ?? [];
}

export async function dryRun(op: Operation, t: TencentTarget, req: cvm.RunInstancesRequest): Promise<void> {
  await call(op, t, "RunInstances", (c) => c.RunInstances({ ...req, DryRun: true }));
}

export async function describeInstances(
  op: Operation,
  t: TencentTarget,
  ids: string[],
): Promise<Map<string, cvm.Instance>> {
  const out = new Map<string, cvm.Instance>();
  for (const batch of batches(ids, MAX_IDS)) {
    const res = await call(op, t, "DescribeInstances", (c) =>
      c.DescribeInstances({ InstanceIds: batch, Limit: MAX_IDS }),
    );
    addById(out, res.InstanceSet);
  }
  return out;
}

export async function terminateInstances(op: Operation, t: TencentTarget, ids: string[]): Promise<void> {
  for (const batch of batches(ids, MAX_IDS)) {
    await call(op, t, "TerminateInstances", (c) => c.TerminateInstances({ InstanceIds: batch }));
  }
}

/** One attribute per call, as the API requires. */
export type Attribute =
  | { InstanceName: string }
  | { SecurityGroups: string[] }
  | { HostName: string }
  | { CamRoleName: string }
  | { DisableApiTermination: boolean }
  | { UserData: string };

type Without<R, K extends string> = Omit<R, K>;

/** The in-place actions on InstanceIds, each with its request beside the ids. */
export interface InstancesActions {
  ModifyInstancesAttribute: Attribute;
  StartInstances: Without<cvm.StartInstancesRequest, "InstanceIds">;
  StopInstances: Without<cvm.StopInstancesRequest, "InstanceIds">;
  ResetInstancesType: Without<cvm.ResetInstancesTypeRequest, "InstanceIds">;
  ResetInstancesPassword: Without<cvm.ResetInstancesPasswordRequest, "InstanceIds">;
  AssociateInstancesKeyPairs: Without<cvm.AssociateInstancesKeyPairsRequest, "InstanceIds">;
  DisassociateInstancesKeyPairs: Without<cvm.DisassociateInstancesKeyPairsRequest, "InstanceIds">;
  ResetInstancesInternetMaxBandwidth: Without<cvm.ResetInstancesInternetMaxBandwidthRequest, "InstanceIds">;
  ModifyInstancesProject: Without<cvm.ModifyInstancesProjectRequest, "InstanceIds">;
  ModifyInstancesRenewFlag: Without<cvm.ModifyInstancesRenewFlagRequest, "InstanceIds">;
  /** The actions on one InstanceId. */
  ResetInstance: Without<cvm.ResetInstanceRequest, "InstanceId">;
  ResizeInstanceDisks: Without<cvm.ResizeInstanceDisksRequest, "InstanceId">;
}
export type InstancesAction = keyof InstancesActions;

/**
 * Ids a call takes: 100 (213/15689), one for ResetInstancesType ("仅支持每次操作1个实例"), for the
 * bandwidth (one for BANDWIDTH_PREPAID and BANDWIDTH_POSTPAID_BY_HOUR: always one here) and for the
 * actions on one InstanceId.
 */
const PER_CALL: Partial<Record<InstancesAction, number>> = {
  ResetInstancesType: 1,
  ResetInstancesInternetMaxBandwidth: 1,
  ResetInstance: 1,
  ResizeInstanceDisks: 1,
};
const SINGLE: readonly InstancesAction[] = ["ResetInstance", "ResizeInstanceDisks"];

/** An in-place action on the instances; the RequestId of the call that changed each instance. */
export async function onInstances<A extends InstancesAction>(
  op: Operation,
  t: TencentTarget,
  action: A,
  ids: string[],
  req: InstancesActions[A],
): Promise<Map<string, string>> {
  const requestIds = new Map<string, string>();
  for (const batch of batches(ids, PER_CALL[action] ?? MAX_IDS)) {
    const idsOf = SINGLE.includes(action) ? { InstanceId: batch[0] } : { InstanceIds: batch };
    const res = await call(op, t, action, (c) =>
      (c as unknown as Record<A, (r: unknown) => Promise<{ RequestId?: string }>>)[action]({
        ...req,
        ...idsOf,
      }),
    );
    for (const id of batch) requestIds.set(id, res.RequestId ?? "");
  }
  return requestIds;
}

/** CBS DescribeDisks of the given disks (at most 100 a call). */
export async function describeDisks(op: Operation, t: TencentTarget, diskIds: string[]): Promise<cbs.Disk[]> {
  const out: cbs.Disk[] = [];
  for (const batch of batches(diskIds, MAX_IDS)) {
    const res = await serviceCalls("cbs")(op, t, "DescribeDisks", (c) =>
      c.DescribeDisks({ DiskIds: batch, Limit: MAX_IDS }),
    );
    out.push(...(res.DiskSet ?? []));
  }
  return out;
}

/** CBS ResizeDisk: "云硬盘扩容后的大小 ... 必须大于当前云硬盘大小"; asynchronous (EXPANDING). */
export async function resizeDisk(
  op: Operation,
  t: TencentTarget,
  diskId: string,
  size: number,
): Promise<void> {
  await serviceCalls("cbs")(op, t, "ResizeDisk", (c) => c.ResizeDisk({ DiskId: diskId, DiskSize: size }));
}

/** Tag API: replace and delete tags of one instance. */
export async function modifyTags(
  op: Operation,
  t: TencentTarget,
  instanceId: string,
  replace: Record<string, string>,
  remove: string[],
): Promise<void> {
  const resource = `qcs::cvm:${t.region}:uin/:instance/${instanceId}`;
  await serviceCalls("tag")(op, t, "ModifyResourceTags", (c) =>
    c.ModifyResourceTags({
      Resource: resource,
      // The Tag API refuses empty lists.
      ReplaceTags: Object.keys(replace).length
        ? Object.entries(replace).map(([TagKey, TagValue]) => ({ TagKey, TagValue }))
        : undefined,
      DeleteTags: remove.length ? remove.map((TagKey) => ({ TagKey })) : undefined,
    }),
  );
}

export async function describeZones(op: Operation, t: TencentTarget): Promise<cvm.ZoneInfo[]> {
  return (await call(op, t, "DescribeZones", (c) => c.DescribeZones())).ZoneSet ?? [];
}

export async function describeInstanceTypeConfigs(
  op: Operation,
  t: TencentTarget,
  filters: Array<{ Name: string; Values: string[] }>,
): Promise<cvm.InstanceTypeConfig[]> {
  const res = await call(op, t, "DescribeInstanceTypeConfigs", (c) =>
    c.DescribeInstanceTypeConfigs({ Filters: filters }),
  );
  return res.InstanceTypeConfigSet ?? [];
}

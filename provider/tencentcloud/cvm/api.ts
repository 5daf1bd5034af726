/**
 * Thin typed calls of CVM 2017-03-12 and Tag 2018-08-13; camelCase ↔ PascalCase happens here
 * and nowhere else.
 */
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
  { InstanceName: string } | { SecurityGroups: string[] } | { HostName: string } | { CamRoleName: string };

/** ModifyInstancesAttribute; the RequestId of the call that changed each instance. */
export async function modifyAttribute(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  attr: Attribute,
): Promise<Map<string, string>> {
  const requestIds = new Map<string, string>();
  for (const batch of batches(ids, MAX_IDS)) {
    const res = await call(op, t, "ModifyInstancesAttribute", (c) =>
      c.ModifyInstancesAttribute({ InstanceIds: batch, ...attr }),
    );
    for (const id of batch) requestIds.set(id, res.RequestId ?? "");
  }
  return requestIds;
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

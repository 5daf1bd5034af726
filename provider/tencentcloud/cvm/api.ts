/**
 * Thin typed calls of CVM 2017-03-12 and Tag 2018-08-13; camelCase ↔ PascalCase happens here
 * and nowhere else.
 */
import type * as cvm from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import { Operation } from "../../core/context";
import { pascalize } from "../../core/case";
import { TencentTarget, callTencent } from "../client";
import type { CvmArgs } from "./schema";

export type CvmInstanceModel = cvm.Instance;

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

export async function runInstances(
  op: Operation,
  t: TencentTarget,
  req: cvm.RunInstancesRequest,
): Promise<string[]> {
  // Idempotent: the ClientToken makes a repeated call return the same instances.
  const res = await callTencent(op, "cvm", "RunInstances", t, (c) => c.RunInstances(req), {
    idempotent: true,
  });
  return res.InstanceIdSet ?? [];
}

export async function dryRun(op: Operation, t: TencentTarget, req: cvm.RunInstancesRequest): Promise<void> {
  await callTencent(op, "cvm", "RunInstances", t, (c) => c.RunInstances({ ...req, DryRun: true }), {
    idempotent: true,
  });
}

export async function describeInstances(
  op: Operation,
  t: TencentTarget,
  ids: string[],
): Promise<Map<string, cvm.Instance>> {
  const out = new Map<string, cvm.Instance>();
  for (let i = 0; i < ids.length; i += 100) {
    const batch = ids.slice(i, i + 100);
    const res = await callTencent(
      op,
      "cvm",
      "DescribeInstances",
      t,
      (c) => c.DescribeInstances({ InstanceIds: batch, Limit: 100 }),
      {
        idempotent: true,
      },
    );
    for (const inst of res.InstanceSet ?? []) if (inst.InstanceId) out.set(inst.InstanceId, inst);
  }
  return out;
}

export async function terminateInstances(op: Operation, t: TencentTarget, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 100) {
    const batch = ids.slice(i, i + 100);
    await callTencent(
      op,
      "cvm",
      "TerminateInstances",
      t,
      (c) => c.TerminateInstances({ InstanceIds: batch }),
      { idempotent: true },
    );
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
  for (let i = 0; i < ids.length; i += 100) {
    const batch = ids.slice(i, i + 100);
    const res = await callTencent(
      op,
      "cvm",
      "ModifyInstancesAttribute",
      t,
      (c) => c.ModifyInstancesAttribute({ InstanceIds: batch, ...attr }),
      {
        idempotent: true,
      },
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
  await callTencent(
    op,
    "tag",
    "ModifyResourceTags",
    t,
    (c) =>
      c.ModifyResourceTags({
        Resource: resource,
        // The Tag API refuses empty lists.
        ReplaceTags: Object.keys(replace).length
          ? Object.entries(replace).map(([TagKey, TagValue]) => ({ TagKey, TagValue }))
          : undefined,
        DeleteTags: remove.length ? remove.map((TagKey) => ({ TagKey })) : undefined,
      }),
    { idempotent: true },
  );
}

export async function describeZones(op: Operation, t: TencentTarget): Promise<cvm.ZoneInfo[]> {
  const res = await callTencent(op, "cvm", "DescribeZones", t, (c) => c.DescribeZones(), {
    idempotent: true,
  });
  return res.ZoneSet ?? [];
}

export async function describeInstanceTypeConfigs(
  op: Operation,
  t: TencentTarget,
  filters: Array<{ Name: string; Values: string[] }>,
): Promise<cvm.InstanceTypeConfig[]> {
  const res = await callTencent(
    op,
    "cvm",
    "DescribeInstanceTypeConfigs",
    t,
    (c) => c.DescribeInstanceTypeConfigs({ Filters: filters }),
    {
      idempotent: true,
    },
  );
  return res.InstanceTypeConfigSet ?? [];
}

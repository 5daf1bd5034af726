/**
 * Thin typed calls of ECM 2019-07-19; camelCase ↔ PascalCase happens here and nowhere else.
 * Two acronyms are mapped by name: `isp` ↔ ISP and `eipDirectService` ↔ EIPDirectService.
 */
import type * as ecm from "tencentcloud-sdk-nodejs/tencentcloud/services/ecm/v20190719/ecm_models";
import { batches } from "../../core/batches";
import { Pascal, pascalize } from "../../core/case";
import { Operation } from "../../core/context";
import { CloudError } from "../../core/errors";
import { TencentTarget, addById, serviceCalls } from "../client";
import type { EcmArgs } from "./schema";

export type EcmInstanceModel = ecm.Instance;
export type ZoneInstanceCountIsp = EcmArgs["zoneInstanceCountISPSet"][number];

/** DescribeInstances: "Filter.Values: at most 5 per request" (SDK DescribeInstancesRequest.Filters). */
export const DESCRIBE_BATCH = 5;
/** DescribeInstances Limit: at most 100 (SDK DescribeInstancesRequest.Limit). */
const PAGE = 100;
/** Instance id lists of Terminate / ModifyInstancesAttribute: at most 100 (SDK ModifyInstancesAttributeRequest). */
const ID_BATCH = 100;

const call = serviceCalls("ecm");

const ACRONYMS = { Isp: "ISP", EipDirectService: "EIPDirectService" } as const;

/** camelCase arguments → the API's PascalCase, with the two acronyms of ECM spelled as the API does. */
export type EcmPascal<T> = Pascal<T, typeof ACRONYMS>;

export function ecmPascalize<T>(v: T): EcmPascal<T> {
  return pascalize(v, ACRONYMS);
}

/**
 * The RunInstances request for the arguments (password included: never logged, never stored),
 * for `set` (the whole ZoneInstanceCountISPSet, or what is still missing), with `marks` added to
 * the instance tags.
 */
export function runInstancesRequest(
  args: EcmArgs,
  set: ZoneInstanceCountIsp[] = args.zoneInstanceCountISPSet,
  marks: Record<string, string> = {},
): ecm.RunInstancesRequest {
  const {
    region: _r,
    timeouts: _t,
    clientToken: _c,
    zoneInstanceCountISPSet: _z,
    running: _p,
    adoptInstanceIds: _a,
    ...params
  } = args;
  const req = ecmPascalize(params) as Omit<ecm.RunInstancesRequest, "ZoneInstanceCountISPSet">;
  const markTags = Object.entries(marks).map(([Key, Value]) => ({ Key, Value }));
  if (markTags.length) {
    const specs = (req.TagSpecification ?? []).map((s) => ({ ...s, Tags: [...s.Tags] }));
    const own = specs.find((s) => s.ResourceType === "instance");
    if (own) own.Tags.push(...markTags);
    else specs.push({ ResourceType: "instance", Tags: markTags });
    req.TagSpecification = specs;
  }
  return { ZoneInstanceCountISPSet: ecmPascalize(set), ...req };
}

/**
 * Not idempotent: ECM has no usable ClientToken, so a call whose answer was lost is never repeated
 * blindly (the provider looks for the marked instances first).
 */
export async function runInstances(
  op: Operation,
  t: TencentTarget,
  req: ecm.RunInstancesRequest,
): Promise<string[]> {
  const res = await call(op, t, "RunInstances", (c) => c.RunInstances(req), { idempotent: false });
  return res.InstanceIdSet ?? [];
}

/**
 * By id, in fives (the `instance-id` filter takes at most 5 values). The ones the cloud does not
 * know are not in the answer: ResourceNotFound.InstanceNotExist (SDK errors of DescribeInstances)
 * is no failure, a batch answered so is described again id by id.
 */
export async function describeInstances(
  op: Operation,
  t: TencentTarget,
  ids: string[],
): Promise<Map<string, EcmInstanceModel>> {
  const out = new Map<string, EcmInstanceModel>();
  const describe = async (batch: string[]): Promise<EcmInstanceModel[]> => {
    try {
      const res = await call(op, t, "DescribeInstances", (c) =>
        c.DescribeInstances({ Filters: [{ Name: "instance-id", Values: batch }], Limit: PAGE }),
      );
      return res.InstanceSet ?? [];
    } catch (e) {
      if (!(e instanceof CloudError) || e.code !== "ResourceNotFound.InstanceNotExist") throw e;
      if (batch.length === 1) return [];
      return (await Promise.all(batch.map((id) => describe([id])))).flat();
    }
  };
  for (const page of await Promise.all(batches(ids, DESCRIBE_BATCH).map(describe))) addById(out, page);
  return out;
}

/** Every instance carrying tag `key` with one of `values` (filter `tag:<key>`, at most 5), oldest first. */
export async function describeTagged(
  op: Operation,
  t: TencentTarget,
  key: string,
  values: string[],
): Promise<EcmInstanceModel[]> {
  const out: EcmInstanceModel[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const res = await call(op, t, "DescribeInstances", (c) =>
      c.DescribeInstances({
        Filters: [{ Name: `tag:${key}`, Values: values }],
        Offset: offset,
        Limit: PAGE,
        // Ascending creation time (SDK DescribeInstancesRequest.OrderDirection: 1).
        OrderDirection: 1,
      }),
    );
    const page = res.InstanceSet ?? [];
    out.push(...page);
    if (page.length < PAGE || out.length >= (res.TotalCount ?? 0)) return out;
  }
}

export async function terminateInstances(op: Operation, t: TencentTarget, ids: string[]): Promise<void> {
  for (const batch of batches(ids, ID_BATCH)) {
    await call(op, t, "TerminateInstances", (c) => c.TerminateInstances({ InstanceIdSet: batch }));
  }
}

/**
 * ModifyInstancesAttribute. The name is always sent: "if not passed, the name is shown empty"
 * (SDK ModifyInstancesAttributeRequest.InstanceName).
 */
export interface Attributes {
  InstanceName: string;
  SecurityGroups?: string[];
}

export async function modifyAttributes(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  attrs: Attributes,
): Promise<void> {
  for (const batch of batches(ids, ID_BATCH)) {
    await call(op, t, "ModifyInstancesAttribute", (c) =>
      c.ModifyInstancesAttribute({ InstanceIdSet: batch, ...attrs }),
    );
  }
}

/**
 * The in-place actions answer only a RequestId and run asynchronously (LatestOperation*). None has
 * a ClientToken: a call whose answer was lost is not repeated blindly (the caller looks first).
 */
const ONCE = { idempotent: false };

/** StartInstances / StopInstances (SDK: only STOPPED instances start, only RUNNING ones stop). */
export async function power(
  op: Operation,
  t: TencentTarget,
  action: "StartInstances" | "StopInstances",
  ids: string[],
) {
  for (const batch of batches(ids, ID_BATCH)) {
    await call(
      op,
      t,
      action,
      (c) =>
        action === "StartInstances"
          ? c.StartInstances({ InstanceIdSet: batch })
          : c.StopInstances({ InstanceIdSet: batch }),
      ONCE,
    );
  }
}

/** ResetInstancesPassword of STOPPED instances (without ForceStop, SDK ResetInstancesPassword). */
export async function resetPassword(op: Operation, t: TencentTarget, ids: string[], password: string) {
  for (const batch of batches(ids, ID_BATCH)) {
    await call(
      op,
      t,
      "ResetInstancesPassword",
      (c) => c.ResetInstancesPassword({ InstanceIdSet: batch, Password: password }),
      ONCE,
    );
  }
}

/** ResetInstancesMaxBandwidth: MaxBandwidthOut is required, MaxBandwidthIn optional (SDK). */
export async function resetBandwidth(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  out: number,
  inn: number | undefined,
) {
  for (const batch of batches(ids, ID_BATCH)) {
    await call(
      op,
      t,
      "ResetInstancesMaxBandwidth",
      (c) =>
        c.ResetInstancesMaxBandwidth({
          InstanceIdSet: batch,
          MaxBandwidthOut: out,
          ...(inn ? { MaxBandwidthIn: inn } : {}),
        }),
      ONCE,
    );
  }
}

/** ResetInstances, a reinstall (SDK ResetInstancesRequest). */
export async function resetInstances(op: Operation, t: TencentTarget, req: ecm.ResetInstancesRequest) {
  for (const batch of batches(req.InstanceIdSet, ID_BATCH)) {
    await call(op, t, "ResetInstances", (c) => c.ResetInstances({ ...req, InstanceIdSet: batch }), ONCE);
  }
}

/**
 * Tag API ModifyResourceTags: adds or replaces `tags` on one ECM instance (ECM itself has no tag
 * action, SDK), named by the six-segment description `qcs::ecm:<region>:uin/:instance/<id>`.
 */
export async function tagInstance(
  op: Operation,
  t: TencentTarget,
  region: string,
  id: string,
  tags: Record<string, string>,
): Promise<void> {
  const ReplaceTags = Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
  await serviceCalls("tag")(op, t, "ModifyResourceTags", (c) =>
    c.ModifyResourceTags({ Resource: `qcs::ecm:${region}:uin/:instance/${id}`, ReplaceTags }),
  );
}

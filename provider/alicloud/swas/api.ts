/**
 * Thin typed calls of swas-open 2020-06-01. The SDK's request models are camelCase already (it
 * writes the PascalCase wire names itself), so the arguments map onto them one to one here and
 * nowhere else. Lists of ids travel as a JSON array in a string, at most 100 ids a call.
 */
import { randomUUID } from "node:crypto";
import Swas, * as $swas from "@alicloud/swas-open20200601";
import { batches } from "../../core/batches";
import { Operation } from "../../core/context";
import { AlicloudTarget, callAlicloud } from "../client";
import type { SwasArgs } from "./schema";

export type SwasServerModel = $swas.ListInstancesResponseBodyInstances;
export type SwasPlanModel = $swas.ListPlansResponseBodyPlans;
export type SwasImageModel = $swas.ListImagesResponseBodyImages;

/** SDK ListInstances / ListInstanceStatus: InstanceIds holds at most 100 ids. */
export const MAX_IDS_PER_CALL = 100;

/** The CreateInstances request for the arguments (the password is not part of it). */
export function createInstancesRequest(
  args: SwasArgs,
  regionId: string,
  clientToken: string,
  amount = args.amount,
): $swas.CreateInstancesRequest {
  return new $swas.CreateInstancesRequest({
    regionId,
    imageId: args.imageId,
    planId: args.planId,
    period: args.period,
    autoRenew: args.autoRenew,
    autoRenewPeriod: args.autoRenew ? args.autoRenewPeriod : undefined,
    dataDiskSize: args.dataDiskSize,
    amount,
    chargeType: args.chargeType,
    clientToken,
  });
}

/** Idempotent: the same ClientToken with the same parameters answers the same servers. */
export async function createInstances(
  op: Operation,
  t: AlicloudTarget,
  req: $swas.CreateInstancesRequest,
): Promise<string[]> {
  const res = await call(op, t, "CreateInstances", (c) => c.createInstances(req));
  return res.body?.instanceIds ?? [];
}

const call = <T>(op: Operation, t: AlicloudTarget, action: string, fn: (c: Swas) => Promise<T>) =>
  callAlicloud(op, action, t, fn, { idempotent: true });

/**
 * One list call per 100 ids (InstanceIds: a JSON array in a string), each server found by its
 * id as `value` makes it.
 */
async function listByIds<T extends { instanceId?: string }, V>(
  t: AlicloudTarget,
  ids: string[],
  page: (req: { regionId: string; instanceIds: string; pageSize: number }) => Promise<T[] | undefined>,
  value: (item: T) => V,
): Promise<Map<string, V>> {
  const out = new Map<string, V>();
  for (const batch of batches(ids, MAX_IDS_PER_CALL)) {
    const found = await page({
      regionId: t.regionId,
      instanceIds: JSON.stringify(batch),
      pageSize: MAX_IDS_PER_CALL,
    });
    for (const s of found ?? []) if (s.instanceId) out.set(s.instanceId, value(s));
  }
  return out;
}

/** Status of each server found (ListInstanceStatus: {InstanceId, Status} only, the cheapest read). */
export function listInstanceStatus(
  op: Operation,
  t: AlicloudTarget,
  ids: string[],
): Promise<Map<string, string>> {
  return listByIds(
    t,
    ids,
    async (req) =>
      (
        await call(op, t, "ListInstanceStatus", (c) =>
          c.listInstanceStatus(new $swas.ListInstanceStatusRequest(req)),
        )
      ).body?.instanceStatuses,
    (s) => s.status ?? "",
  );
}

/** Everything about each server found: status, business status, IPs, plan, expiry. */
export function listInstances(
  op: Operation,
  t: AlicloudTarget,
  ids: string[],
): Promise<Map<string, SwasServerModel>> {
  return listByIds(
    t,
    ids,
    async (req) =>
      (await call(op, t, "ListInstances", (c) => c.listInstances(new $swas.ListInstancesRequest(req)))).body
        ?.instances,
    (s) => s,
  );
}

/**
 * Name and / or password of one server. A fresh ClientToken per logical change makes the retries
 * of this call idempotent; it is random, never derived from the password.
 */
export async function updateInstanceAttribute(
  op: Operation,
  t: AlicloudTarget,
  instanceId: string,
  attrs: { instanceName?: string; password?: string },
): Promise<void> {
  const req = new $swas.UpdateInstanceAttributeRequest({
    regionId: t.regionId,
    instanceId,
    instanceName: attrs.instanceName,
    password: attrs.password,
    clientToken: randomUUID(),
  });
  await call(op, t, "UpdateInstanceAttribute", (c) => c.updateInstanceAttribute(req));
}

/** The batch power actions of SDK 4.0: up to 100 servers a call. */
export type PowerAction = "StartInstances" | "StopInstances" | "RebootInstances";

/**
 * StartInstances (Stopped servers), StopInstances or RebootInstances (Running servers; a reboot
 * is what makes a new password take effect, SDK UpdateInstanceAttribute). A ClientToken per call
 * makes its retries idempotent.
 */
export async function power(
  op: Operation,
  t: AlicloudTarget,
  action: PowerAction,
  ids: string[],
): Promise<void> {
  for (const batch of batches(ids, MAX_IDS_PER_CALL)) {
    const args = { regionId: t.regionId, instanceIds: JSON.stringify(batch), clientToken: randomUUID() };
    await call(op, t, action, (c) =>
      action === "StartInstances"
        ? c.startInstances(new $swas.StartInstancesRequest(args))
        : action === "StopInstances"
          ? c.stopInstances(new $swas.StopInstancesRequest(args))
          : c.rebootInstances(new $swas.RebootInstancesRequest(args)),
    );
  }
}

/**
 * SDK ResetSystem, a reinstall that "clears the disk data": to `imageId`, with the password (the
 * LoginCredentials of the new system) when one is given. A fresh ClientToken per call.
 */
export async function resetSystem(
  op: Operation,
  t: AlicloudTarget,
  instanceId: string,
  imageId: string,
  password: string | undefined,
): Promise<void> {
  const req = new $swas.ResetSystemRequest({
    regionId: t.regionId,
    instanceId,
    imageId,
    loginCredentials:
      password === undefined ? undefined : new $swas.ResetSystemRequestLoginCredentials({ password }),
    clientToken: randomUUID(),
  });
  await call(op, t, "ResetSystem", (c) => c.resetSystem(req));
}

/** SDK UpgradeInstance: only to a plan at least as large in every respect. */
export async function upgradeInstance(
  op: Operation,
  t: AlicloudTarget,
  instanceId: string,
  planId: string,
): Promise<void> {
  const req = new $swas.UpgradeInstanceRequest({
    regionId: t.regionId,
    instanceId,
    planId,
    clientToken: randomUUID(),
  });
  await call(op, t, "UpgradeInstance", (c) => c.upgradeInstance(req));
}

/** SDK TagResources / UntagResources: ResourceId holds at most 50 ids. */
export const MAX_TAGGED_PER_CALL = 50;

/** The servers of a TagResources or UntagResources call. */
const servers = (t: AlicloudTarget, resourceId: string[]) => ({
  regionId: t.regionId,
  resourceType: "instance",
  resourceId,
});

/** SDK TagResources on servers: adds the tags; a key already there takes the new value. */
export async function tagResources(
  op: Operation,
  t: AlicloudTarget,
  ids: string[],
  tags: Record<string, string>,
) {
  const tag = Object.entries(tags).map(([key, value]) => new $swas.TagResourcesRequestTag({ key, value }));
  for (const b of batches(ids, MAX_TAGGED_PER_CALL)) {
    const req = new $swas.TagResourcesRequest({ ...servers(t, b), tag });
    await call(op, t, "TagResources", (c) => c.tagResources(req));
  }
}

/** SDK UntagResources on servers: removes the tags of these keys. */
export async function untagResources(op: Operation, t: AlicloudTarget, ids: string[], tagKey: string[]) {
  for (const b of batches(ids, MAX_TAGGED_PER_CALL)) {
    const req = new $swas.UntagResourcesRequest({ ...servers(t, b), tagKey });
    await call(op, t, "UntagResources", (c) => c.untagResources(req));
  }
}

export async function listPlans(op: Operation, t: AlicloudTarget): Promise<SwasPlanModel[]> {
  const req = new $swas.ListPlansRequest({ regionId: t.regionId });
  const res = await call(op, t, "ListPlans", (c) => c.listPlans(req));
  return res.body?.plans ?? [];
}

/** SDK ListImages: ImageIds is a JSON array of at most 50 ids. */
export async function listImages(
  op: Operation,
  t: AlicloudTarget,
  imageIds: string[],
): Promise<SwasImageModel[]> {
  const req = new $swas.ListImagesRequest({
    regionId: t.regionId,
    imageIds: JSON.stringify(imageIds.slice(0, 50)),
  });
  const res = await call(op, t, "ListImages", (c) => c.listImages(req));
  return res.body?.images ?? [];
}

/** SDK ListPlans SupportPlatform: a JSON array in a string, e.g. '["Linux","Windows"]'. */
export function supportedPlatforms(plan: SwasPlanModel): string[] {
  try {
    const v: unknown = JSON.parse(plan.supportPlatform ?? "[]");
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return (plan.supportPlatform ?? "").split(",").map((s) => s.trim());
  }
}

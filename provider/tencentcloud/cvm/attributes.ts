/**
 * CvmInstance's in-place changes: name, security groups, host name and CAM role, one
 * ModifyInstancesAttribute each (the API takes one attribute per call), each waited for; tags
 * through the Tag API.
 */
import type { Operation } from "../../core/context";
import { sameIdSet, sameValue } from "../../core/diff";
import type { TencentTarget } from "../client";
import * as api from "./api";
import { numberedNames } from "./names";
import type { CvmArgs } from "./schema";
import { createdOf } from "./status";
import { tagMap, tagMapOf } from "./tags";
import { waitModified } from "./wait";

export async function applyAttributes(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  live: Map<string, api.CvmInstanceModel>,
  old: CvmArgs,
  args: CvmArgs,
): Promise<void> {
  const ordered = [...ids].sort(
    // Instances launched together share a CreatedTime: then the launch order, which RunInstances
    // names them in (InstanceIdSet order, kept in instanceIds).
    (a, b) => createdOf(live.get(a)).localeCompare(createdOf(live.get(b))) || ids.indexOf(a) - ids.indexOf(b),
  );
  // The operation each instance showed before our calls: seen again right after a call, it is stale.
  const before = new Map(ids.map((id) => [id, live.get(id)?.LatestOperationRequestId ?? ""]));
  const modify = (group: string[], attr: api.Attribute) => modifyAndWait(op, t, group, attr, before);
  if (args.instanceName !== undefined) {
    // Each instance keeps the number its live name carries (under the old name or already the new one).
    const liveNames = ordered.map((id) => live.get(id)?.InstanceName ?? "");
    const names = numberedNames(liveNames, [old.instanceName, args.instanceName], args.instanceName);
    const byName = new Map<string, string[]>();
    ordered.forEach((id, i) => {
      if (liveNames[i] !== names[i]) byName.set(names[i], [...(byName.get(names[i]) ?? []), id]);
    });
    for (const [name, group] of byName) await modify(group, { InstanceName: name });
  }
  if (
    args.securityGroupIds &&
    !ordered.every((id) => sameIdSet(live.get(id)?.SecurityGroupIds, args.securityGroupIds))
  ) {
    await modify(ids, { SecurityGroups: args.securityGroupIds });
  }
  if (args.hostName !== undefined && args.hostName !== old.hostName)
    await modify(ids, { HostName: args.hostName });
  if (args.camRoleName !== undefined && args.camRoleName !== old.camRoleName) {
    await modify(ids, { CamRoleName: args.camRoleName });
  }
  const want = tagMapOf(args.tagSpecification);
  for (const id of ids) {
    const have = tagMap(live.get(id)?.Tags);
    if (sameValue(have, want)) continue;
    const remove = Object.keys(have).filter((k) => !(k in want));
    await api.modifyTags(op, t, id, want, remove);
  }
}

/**
 * One ModifyInstancesAttribute, then wait until it is done on every instance (wait.ts). `before`
 * holds the request id each instance showed before; it becomes ours once we are done.
 */
async function modifyAndWait(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  attr: api.Attribute,
  before: Map<string, string>,
): Promise<void> {
  op.rt.log(`${op.what}: ModifyInstancesAttribute ${Object.keys(attr)[0]} on ${ids.join(", ")}`);
  const ours = await api.modifyAttribute(op, t, ids, attr);
  await waitModified(op, t, ids, attr, ours, before);
  for (const id of ids) before.set(id, ours.get(id) ?? "");
}

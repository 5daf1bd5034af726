/**
 * CvmInstance's attributes: name, security groups (in their order), host name, CAM role,
 * termination protection and user data, one ModifyInstancesAttribute each (the API takes one
 * attribute per call), each waited for; tags through the Tag API.
 */
import { OWNER_TAG, withoutMarks } from "../../core/adopt";
import type { Operation } from "../../core/context";
import { sameValue } from "../../core/diff";
import type { TencentTarget } from "../client";
import * as api from "./api";
import { numberedNames } from "./names";
import type { CvmArgs } from "./schema";
import { createdOf } from "./status";
import { tagMap, tagMapOf } from "./tags";
import { actAndWait, attributeApplied } from "./wait";

export async function applyAttributes(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  live: Map<string, api.CvmInstanceModel>,
  old: CvmArgs,
  args: CvmArgs,
  /** The request id each instance showed before our calls: seen again right after a call, it is stale. */
  before: Map<string, string>,
  /** The resource's owner mark (core/adopt.ts), kept on every instance beside the user's tags. */
  owner: string,
): Promise<void> {
  const ordered = [...ids].sort(
    // Instances launched together share a CreatedTime: then the launch order, which RunInstances
    // names them in (InstanceIdSet order, kept in instanceIds).
    (a, b) => createdOf(live.get(a)).localeCompare(createdOf(live.get(b))) || ids.indexOf(a) - ids.indexOf(b),
  );
  const modify = (group: string[], attr: api.Attribute) => {
    op.rt.log(`${op.what}: ModifyInstancesAttribute ${Object.keys(attr)[0]} on ${group.join(", ")}`);
    return actAndWait(op, t, group, "ModifyInstancesAttribute", attr, before, (i) =>
      attributeApplied(i, attr),
    );
  };
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
  // The order is the priority (SecurityGroupIds): a new order is a change.
  if (
    args.securityGroupIds &&
    !ordered.every((id) => sameValue(live.get(id)?.SecurityGroupIds, args.securityGroupIds))
  ) {
    await modify(ids, { SecurityGroups: args.securityGroupIds });
  }
  if (args.hostName !== undefined && args.hostName !== old.hostName)
    await modify(ids, { HostName: args.hostName });
  if (args.camRoleName !== undefined && args.camRoleName !== old.camRoleName) {
    await modify(ids, { CamRoleName: args.camRoleName });
  }
  const protect = args.disableApiTermination;
  const unprotected = ids.filter(
    (id) => protect !== undefined && live.get(id)?.DisableApiTermination !== protect,
  );
  if (protect !== undefined && unprotected.length)
    await modify(unprotected, { DisableApiTermination: protect });
  // UserData is not described: the change made is the argument's.
  if (args.userData !== undefined && args.userData !== old.userData)
    await modify(ids, { UserData: args.userData });
  // The marks are never removed: only the user's tags that are no longer asked for.
  const want = tagMapOf(args.tagSpecification);
  for (const id of ids) {
    const have = tagMap(live.get(id)?.Tags);
    const mine = withoutMarks(have);
    if (sameValue(mine, want) && have[OWNER_TAG] === owner) continue;
    const remove = Object.keys(mine).filter((k) => !(k in want));
    await api.modifyTags(op, t, id, { ...want, [OWNER_TAG]: owner }, remove);
  }
}

/**
 * The waits of CvmInstance, on the process-wide poller of its target (one DescribeInstances a
 * round for up to 100 ids of every waiting resource): until new instances settle, until
 * instances are gone, until an attribute change is done.
 */
import type { Operation } from "../../core/context";
import { sameIdSet } from "../../core/diff";
import { waitGone as untilGone } from "../../core/terminate";
import type { TencentTarget } from "../client";
import { tencentWaits } from "../poller";
import * as api from "./api";
import { STATUS, census } from "./status";

export const { poller, waitSettled } = tencentWaits("cvm", 100, api.describeInstances, STATUS);

/**
 * Waits until every id is gone; returns the ones parked in the recycle bin (SHUTDOWN) unless
 * `release`, when they too must go. A failed launch counts as gone: the cloud clears it.
 */
export async function waitGone(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  release = false,
): Promise<string[]> {
  const last = await untilGone(op, ids, {
    poller: poller(op.rt, t),
    census: (states) => census(states, "gone"),
    gone: (inst) => {
      const s = inst?.InstanceState;
      const parked = s === "SHUTDOWN" && inst?.LatestOperationState !== "OPERATING" && !release;
      return s === undefined || s === "LAUNCH_FAILED" || parked;
    },
  });
  return ids.filter((i) => last.get(i)?.InstanceState === "SHUTDOWN");
}

/**
 * Waits until a ModifyInstancesAttribute is done on every instance. Right after the call
 * DescribeInstances may still show the PREVIOUS operation, so LatestOperationState counts only
 * when LatestOperationRequestId is our call's (`ours`). When another caller's later operation has
 * replaced ours (the cloud runs one at a time, so ours is over), the attribute itself tells.
 * `before` holds the request id each instance showed before the call.
 */
export async function waitModified(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  attr: api.Attribute,
  ours: Map<string, string>,
  before: Map<string, string>,
): Promise<void> {
  const what = Object.keys(attr)[0];
  await poller(op.rt, t).wait(
    ids,
    (view) => {
      const failed: string[] = [];
      let pending = false;
      for (const id of ids) {
        const inst = view.states.get(id);
        const rid = inst?.LatestOperationRequestId ?? "";
        if (!inst) pending = true;
        else if (rid === ours.get(id)) {
          if (inst.LatestOperationState === "FAILED") {
            failed.push(`${id}${inst.LatestOperationErrorMsg ? ` (${inst.LatestOperationErrorMsg})` : ""}`);
          } else if (inst.LatestOperationState !== "SUCCESS") pending = true;
        } else if (rid === before.get(id) || !applied(inst, attr)) pending = true;
      }
      if (failed.length) {
        return new Error(`${op.what}: ModifyInstancesAttribute ${what} failed on ${failed.join(", ")}`);
      }
      return pending ? "pending" : "done";
    },
    op.deadline,
    `${op.what}: ModifyInstancesAttribute ${what}`,
  );
}

/**
 * Whether the instance shows a change made: the attribute's new value, and a state that is not
 * on the way (a host name is not described, but its change reboots the instance).
 */
function applied(inst: api.CvmInstanceModel, attr: api.Attribute): boolean {
  if (inst.InstanceState !== "RUNNING" && inst.InstanceState !== "STOPPED") return false;
  if ("InstanceName" in attr) return inst.InstanceName === attr.InstanceName;
  if ("SecurityGroups" in attr) return sameIdSet(inst.SecurityGroupIds, attr.SecurityGroups);
  if ("CamRoleName" in attr) return inst.CamRoleName === attr.CamRoleName;
  return true;
}

/**
 * The waits of CvmInstance, on the process-wide poller of its target (one DescribeInstances a
 * round for up to 100 ids of every waiting resource): until new instances settle, until
 * instances are gone, until an in-place action is done.
 */
import type { Operation } from "../../core/context";
import { TimeoutError } from "../../core/errors";
import { sameValue } from "../../core/diff";
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
 * Calls an in-place action (api.onInstances) and waits until it is done on every instance. Right
 * after the call DescribeInstances may still show the PREVIOUS operation, so LatestOperationState
 * counts only when LatestOperationRequestId is our call's; done means SUCCESS and the instance
 * RUNNING or STOPPED again. When another caller's later operation has replaced ours (the cloud
 * runs one at a time, so ours is over), `applied` tells from the instance itself. `before` holds
 * the request id each instance showed before the call; it becomes ours once we are done.
 */
export async function actAndWait<A extends api.InstancesAction>(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  action: A,
  req: api.InstancesActions[A],
  before: Map<string, string>,
  applied: (inst: api.CvmInstanceModel) => boolean = () => true,
): Promise<void> {
  const what = action === "ModifyInstancesAttribute" ? `${action} ${Object.keys(req)[0]}` : action;
  const ours = await api.onInstances(op, t, action, ids, req);
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
          } else if (inst.LatestOperationState !== "SUCCESS" || !steady(inst)) pending = true;
        } else if (rid === before.get(id) || !steady(inst) || !applied(inst)) pending = true;
      }
      if (failed.length) return new Error(`${op.what}: ${what} failed on ${failed.join(", ")}`);
      return pending ? "pending" : "done";
    },
    op.deadline,
    `${op.what}: ${what}`,
  );
  for (const id of ids) before.set(id, ours.get(id) ?? "");
}

/** Not on the way anywhere: a host name is not described, but its change reboots the instance. */
const steady = (inst: api.CvmInstanceModel) =>
  inst.InstanceState === "RUNNING" || inst.InstanceState === "STOPPED";

/** Whether the instance shows an attribute's new value. */
export function attributeApplied(inst: api.CvmInstanceModel, attr: api.Attribute): boolean {
  if ("InstanceName" in attr) return inst.InstanceName === attr.InstanceName;
  // The order is the priority.
  if ("SecurityGroups" in attr) return sameValue(inst.SecurityGroupIds, attr.SecurityGroups);
  if ("CamRoleName" in attr) return inst.CamRoleName === attr.CamRoleName;
  if ("DisableApiTermination" in attr) return inst.DisableApiTermination === attr.DisableApiTermination;
  return true;
}

/**
 * Waits until CBS ResizeDisk is done on each disk: "如果云盘的状态为“EXPANDING”，表示正在扩容中" (CBS
 * ResizeDisk), so not EXPANDING and the new size shown. DescribeDisks a round for every disk.
 */
export async function waitDisks(
  op: Operation,
  t: TencentTarget,
  disks: Array<{ diskId: string; size: number }>,
): Promise<void> {
  const interval = op.rt.pollMinMs ?? 1000;
  for (;;) {
    const found = new Map(
      (
        await api.describeDisks(
          op,
          t,
          disks.map((d) => d.diskId),
        )
      ).map((d) => [d.DiskId, d]),
    );
    const pending = disks.filter((d) => {
      const disk = found.get(d.diskId);
      return !disk || disk.DiskState === "EXPANDING" || (disk.DiskSize ?? 0) < d.size;
    });
    if (pending.length === 0) return;
    if (op.rt.clock.now() >= op.deadline) {
      throw new TimeoutError(
        `${op.what}: timed out waiting for CBS ResizeDisk of ${pending.map((d) => d.diskId).join(", ")}`,
      );
    }
    await op.rt.clock.sleep(interval);
  }
}

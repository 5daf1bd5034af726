/**
 * TerminateInstances as HAI answers it: ids gone or terminating already count as done, and
 * prepaid and postpaid instances cannot be terminated in one call.
 */
import type { Operation } from "../../core/context";
import { CloudError } from "../../core/errors";
import { terminateAll } from "../../core/terminate";
import type { TencentTarget } from "../client";
import * as api from "./api";
import { phaseOf } from "./status";

/** TerminateInstances for the ids that still exist and are not terminating already. */
export async function terminate(op: Operation, t: TencentTarget, ids: string[]): Promise<void> {
  // Described first (unlike CVM and ECM): a destroy of instances that are gone makes no call at all.
  const found = await api.describeInstances(op, t, ids);
  const alive = ids.filter((i) => found.has(i) && phaseOf(found.get(i)) !== "gone");
  if (alive.length === 0) return;
  await terminateAll(
    {
      terminate: (batch) => terminateApart(op, t, batch),
      someGone: /InstanceIdNotFound|^UnsupportedOperation\.InstanceStateTermin/,
      describe: (batch) => api.describeInstances(op, t, batch),
      needsTerminate: (inst) => phaseOf(inst) !== "gone",
    },
    alive,
  );
}

/** "Prepaid and postpaid instances cannot be terminated together" (SDK errors): then one call each. */
async function terminateApart(op: Operation, t: TencentTarget, ids: string[]): Promise<void> {
  try {
    await api.terminateInstances(op, t, ids);
  } catch (e) {
    if (
      !(e instanceof CloudError) ||
      e.code !== "UnsupportedOperation.NotSupportTerminatePrePaidAndPostPaid"
    ) {
      throw e;
    }
    const prepaid = await api.prepaidInstances(op, t, ids);
    for (const group of [ids.filter((i) => prepaid.has(i)), ids.filter((i) => !prepaid.has(i))]) {
      if (group.length) await api.terminateInstances(op, t, group);
    }
  }
}

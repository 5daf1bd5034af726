/**
 * The waits of EcmInstance, on the process-wide poller of its target (the `instance-id` filter
 * takes 5 values: one DescribeInstances a round per 5 ids of every waiting resource).
 */
import type { Operation } from "../../core/context";
import { waitGone as untilGone } from "../../core/terminate";
import type { TencentTarget } from "../client";
import { tencentWaits } from "../poller";
import * as api from "./api";
import { STATUS, census } from "./status";

export const { poller, waitSettled } = tencentWaits("ecm", api.DESCRIBE_BATCH, api.describeInstances, STATUS);

/** Waits until every id is gone (not listed any more, or SHUTDOWN after a finished TerminateInstances). */
export async function waitGone(op: Operation, t: TencentTarget, ids: string[]): Promise<void> {
  await untilGone(op, ids, {
    poller: poller(op.rt, t),
    census: (states) => census(states, "gone"),
    // SHUTDOWN after a finished TerminateInstances: destroyed, only still listed.
    gone: (inst) =>
      inst === undefined ||
      (inst.InstanceState === "SHUTDOWN" &&
        inst.LatestOperation === "TerminateInstances" &&
        inst.LatestOperationState === "SUCCESS"),
  });
}

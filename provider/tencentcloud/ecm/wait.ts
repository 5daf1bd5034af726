/**
 * The waits of EcmInstance, on the process-wide poller of its target (the `instance-id` filter
 * takes 5 values: one DescribeInstances a round per 5 ids of every waiting resource).
 */
import { Operation, progress } from "../../core/context";
import { waitGone as untilGone } from "../../core/terminate";
import type { TencentTarget } from "../client";
import { tencentWaits } from "../poller";
import * as api from "./api";
import { STATUS, census, phaseOf } from "./status";

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

/**
 * Until `done` holds for every id with no operation running (LatestOperationState OPERATING);
 * fails when `action` FAILED on one or one is gone. ECM shows no LatestOperationRequestId: the
 * action's name and what the instance now shows tell that it is our call that finished.
 */
export async function waitDone(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  action: string,
  done: (inst: api.EcmInstanceModel) => boolean,
): Promise<void> {
  const show = progress(op);
  const verdict = (inst: api.EcmInstanceModel | undefined): "gone" | "failed" | "pending" | "done" => {
    if (!inst || phaseOf(inst) === "gone") return "gone";
    if (inst.LatestOperation === action && inst.LatestOperationState === "FAILED") return "failed";
    return done(inst) && inst.LatestOperationState !== "OPERATING" ? "done" : "pending";
  };
  await poller(op.rt, t).wait(
    ids,
    (view) => {
      const seen = ids.map((i) => [i, verdict(view.states.get(i))] as const);
      const bad = seen.find(([, v]) => v === "gone" || v === "failed");
      if (bad)
        return new Error(
          `${op.what}: ${bad[1] === "gone" ? `${bad[0]} is gone` : `${action} failed on ${bad[0]}`}`,
        );
      const left = seen.filter(([, v]) => v === "pending").length;
      show(`waiting for ${action} on ${ids.length} instance(s): ${census(view.states)}`);
      return left ? "pending" : "done";
    },
    op.deadline,
    `${action} on ${ids.length} instance(s) (${op.what})`,
  );
}

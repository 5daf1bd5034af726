/**
 * The waits of HaiInstance, on the process-wide poller of its target (one DescribeInstances a
 * round for up to 100 ids of every waiting resource): until new instances settle, until an
 * operation (start, stop, resize) is done, until instances are gone.
 */
import type { Operation } from "../../core/context";
import { CloudError } from "../../core/errors";
import { waitGone as untilGone } from "../../core/terminate";
import { progress } from "../../core/context";
import type { TencentTarget } from "../client";
import { tencentWaits } from "../poller";
import * as api from "./api";
import { STATUS, census, phaseOf } from "./status";

export const { poller, waitSettled } = tencentWaits("hai", 100, api.describeInstances, STATUS);

/**
 * Waits until `done` holds for every id and no operation is running on it; fails when the
 * action failed (LatestOperationState FAILED) or an instance disappeared.
 */
export async function waitFor(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  action: string,
  what: string,
  done: (inst: api.HaiInstanceModel) => boolean,
): Promise<void> {
  const show = progress(op);
  await poller(op.rt, t).wait(
    ids,
    (view) => {
      show(`waiting for ${ids.length} ${what}: ${census(view.states)}`);
      let pending = false;
      for (const i of ids) {
        const inst = view.states.get(i);
        if (!inst || phaseOf(inst) === "gone") return new Error(`${op.what}: ${i} is gone`);
        if (inst.LatestOperation === action && inst.LatestOperationState === "FAILED") {
          return new Error(`${op.what}: ${action} failed on ${i} (${inst.InstanceState})`);
        }
        if (!done(inst) || inst.LatestOperationState === "OPERATING") pending = true;
      }
      if (!pending) show(`${action} done: ${census(view.states)}`);
      return pending ? "pending" : "done";
    },
    op.deadline,
    `${ids.length} ${what} (${op.what})`,
  );
}

/**
 * After a failed start, stop or resize (not repeated: see api.ts): when the call did reach the
 * cloud before its answer was lost, or the instance is there already, `arrived` holds for the
 * instance and that is success; else the error stands.
 */
export async function answerLost(
  op: Operation,
  t: TencentTarget,
  id: string,
  e: unknown,
  arrived: (inst: api.HaiInstanceModel) => boolean,
): Promise<void> {
  // FailedOperation.OperateInstanceRepeatedly: the same start or stop is under way already.
  const lost =
    e instanceof CloudError &&
    /^NetworkError|^UnsupportedOperation\.InstanceState|DiskSizeMustLargeThanCurrentDiskSize|^FailedOperation\.OperateInstanceRepeatedly/.test(
      e.code,
    );
  if (!lost) throw e;
  const inst = (await api.describeInstances(op, t, [id])).get(id);
  if (!inst || !arrived(inst)) throw e;
}

/** Waits until every id is TERMINATED or gone. */
export async function waitGone(op: Operation, t: TencentTarget, ids: string[]): Promise<void> {
  await untilGone(op, ids, {
    poller: poller(op.rt, t),
    census: (states) => census(states, "gone"),
    gone: (inst) => inst?.InstanceState === undefined || inst.InstanceState === "TERMINATED",
  });
}

/**
 * HaiInstance's `running`: StopInstance (StopMode STOP_CHARGE: no charge while stopped) and
 * StartInstance, for postpaid instances only: prepaid ones are refused before any call.
 */
import type { Operation } from "../../core/context";
import type { TencentTarget } from "../client";
import * as api from "./api";
import { resize } from "./disk";
import type { HaiArgs } from "./schema";
import { phaseOf } from "./status";
import { answerLost, waitFor } from "./wait";

/** The instances a change of `running` has to stop (RUNNING ones) or start (STOPPED_NO_CHARGE ones). */
export function runningTargets(
  ids: string[],
  live: Map<string, api.HaiInstanceModel>,
  running: boolean,
): string[] {
  const from = running ? "stopped" : "running";
  return ids.filter((i) => phaseOf(live.get(i)) === from);
}

/** "Prepaid instances can be neither stopped nor started" (SDK StopInstance / StartInstance): a clear refusal first. */
export async function refusePrepaid(op: Operation, t: TencentTarget, targets: string[], running: boolean) {
  if (targets.length === 0) return;
  const prepaid = [...(await api.prepaidInstances(op, t, targets))];
  if (prepaid.length === 0) return;
  const action = running ? "StartInstance" : "StopInstance";
  throw new Error(
    `${op.what}: cannot ${running ? "start" : "stop"} prepaid instance(s) ${prepaid.join(", ")}:` +
      ` HAI ${action} does not apply to prepaid (PREPAID_BY_MONTH) instances, only to postpaid ones` +
      ` (SDK ${action}); keep running: ${!running}`,
  );
}

/**
 * running: StartInstance for STOPPED_NO_CHARGE instances; else StopInstance (STOP_CHARGE) for
 * RUNNING ones. Then wait until they are RUNNING / STOPPED_NO_CHARGE.
 */
export async function setRunning(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  running: boolean,
  prepaidChecked = false,
): Promise<void> {
  const live = await api.describeInstances(op, t, ids);
  const targets = runningTargets(ids, live, running);
  const other = ids.filter((i) => !["running", "stopped"].includes(phaseOf(live.get(i))));
  if (other.length) {
    op.rt.log(
      `warning: ${op.what}: ${other.map((i) => `${i} is ${live.get(i)?.InstanceState ?? "gone"}`).join(", ")}; left as it is`,
    );
  }
  if (targets.length === 0) return;
  if (!prepaidChecked) await refusePrepaid(op, t, targets, running);
  const action = running ? "StartInstance" : "StopInstance";
  const goal = running ? "RUNNING" : "STOPPED_NO_CHARGE";
  op.rt.log(`${op.what}: ${action}${running ? "" : " (STOP_CHARGE)"} on ${targets.join(", ")}`);
  const onTheWay = running ? ["STARTING", "RUNNING"] : ["STOPPING", "STOPPED_NO_CHARGE"];
  for (const i of targets) {
    await (running ? api.startInstance(op, t, i) : api.stopInstance(op, t, i)).catch((e: unknown) =>
      answerLost(op, t, i, e, (inst) => onTheWay.includes(inst.InstanceState ?? "")),
    );
  }
  await waitFor(op, t, targets, action, `instance(s) to be ${goal}`, (inst) => inst.InstanceState === goal);
}

/**
 * The in-place arguments made on live instances (update, adoption): refused first for prepaid
 * instances that `running` would start or stop, then the system disk grown, then `running` set.
 */
export async function applyInPlace(op: Operation, t: TencentTarget, ids: string[], args: HaiArgs) {
  const live = await api.describeInstances(op, t, ids);
  await refusePrepaid(op, t, runningTargets(ids, live, args.running), args.running);
  await resize(op, t, ids, live, args);
  await setRunning(op, t, ids, args.running, true);
}

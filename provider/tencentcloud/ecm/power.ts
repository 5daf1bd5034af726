/**
 * EcmInstance's `running`: StopInstances for RUNNING instances, StartInstances for STOPPED ones
 * (SDK: "only RUNNING instances can be stopped", "only STOPPED instances can be started"), then a
 * wait until they are STOPPED / RUNNING. ECM has no stop mode: a stopped instance is still charged.
 */
import type { Operation } from "../../core/context";
import { CloudError } from "../../core/errors";
import type { TencentTarget } from "../client";
import * as api from "./api";
import { waitDone } from "./wait";

type Live = Map<string, api.EcmInstanceModel | undefined>;

/** The ids in `state`. */
export const inState = (ids: string[], live: Live, state: string) =>
  ids.filter((i) => live.get(i)?.InstanceState === state);

/**
 * Brings `ids` to RUNNING (running) or STOPPED, calling only for those in the other state; `why`
 * is said in the progress line. Instances in another state (being destroyed) are left as they are.
 */
export async function setRunning(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  running: boolean,
  live?: Live,
  why = "",
): Promise<string[]> {
  const states = live ?? (await api.describeInstances(op, t, ids));
  const targets = inState(ids, states, running ? "STOPPED" : "RUNNING");
  if (targets.length === 0) return [];
  const action = running ? "StartInstances" : "StopInstances";
  const goal = running ? "RUNNING" : "STOPPED";
  op.rt.log(`${op.what}: ${action} on ${targets.join(", ")}${why}`);
  await api.power(op, t, action, targets).catch(async (e: unknown) => {
    // A lost answer, or a state that changed under us: fine when they are on the way already.
    if (!(e instanceof CloudError) || !/^NetworkError|InstanceNotAllStopped|InstanceNotRunning/.test(e.code))
      throw e;
    const now = await api.describeInstances(op, t, targets);
    const onTheWay = running ? ["STARTING", "RUNNING"] : ["STOPPING", "STOPPED"];
    if (targets.some((i) => !onTheWay.includes(now.get(i)?.InstanceState ?? ""))) throw e;
  });
  await waitDone(op, t, targets, action, (inst) => inst.InstanceState === goal);
  return targets;
}

/**
 * Waiting until a set of new instances has settled: none pending any more (not found right
 * after the create counts as pending for a while), with a progress line each round. What
 * "pending" and "running" mean comes from the resource's status module.
 */
import { Operation, progress } from "./context";
import { Poller } from "./poller";
import { TimeoutError, errorMessage } from "./errors";

export type BasePhase = "pending" | "running";

export interface Settled<M, P extends string> {
  /** The last state seen of each id (undefined: not found). */
  last: Map<string, M | undefined>;
  phases: Map<string, P>;
  /** The wait's failure (timeout, describe errors): part of the result, not thrown. */
  failure?: unknown;
}

export interface StatusOf<M, P extends string> {
  phaseOf(inst: M | undefined, notFoundRounds: number): P | BasePhase;
  /** "2 RUNNING, 1 PENDING" */
  census(states: Map<string, M | undefined>): string;
  /** What progress lines call the instances: "instance" unless said otherwise ("server"). */
  noun?: string;
}

export async function waitSettled<M, P extends string>(
  op: Operation,
  poller: Poller<M>,
  ids: string[],
  status: StatusOf<M, P>,
): Promise<Settled<M, P | BasePhase>> {
  const show = progress(op);
  const noun = status.noun ?? "instance";
  let last = new Map<string, M | undefined>();
  let phases = new Map<string, P | BasePhase>();
  try {
    await poller.wait(
      ids,
      (view) => {
        last = view.states;
        phases = new Map(ids.map((i) => [i, status.phaseOf(view.states.get(i), view.notFoundRounds(i))]));
        show(`waiting for ${ids.length} ${noun}(s): ${status.census(view.states)}`);
        return [...phases.values()].includes("pending") ? "pending" : "done";
      },
      op.deadline,
      `${ids.length} ${noun}(s) of ${op.what} to be RUNNING`,
    );
    if ([...phases.values()].every((p) => p === "running")) show(`${ids.length} ${noun}(s) RUNNING`);
    return { last, phases };
  } catch (e) {
    return { last, phases, failure: e };
  }
}

export interface Explain<M, P extends string = string> {
  census(states: Map<string, M | undefined>): string;
  /** The cloud's own words for a launch failure. */
  launchError(inst: M | undefined): string;
  /** The state's name, for "ins-1 is STOPPED". */
  stateOf(inst: M | undefined): string | undefined;
  /** Whether a phase counts as up: "running" unless said otherwise. */
  isUp?(phase: P | undefined): boolean;
}

/** Why a settled set is not all up (the wait's failure, or each instance's state); empty when it is. */
export function unsettledReasons<M, P extends string>(
  s: Settled<M, P>,
  ids: string[],
  explain: Explain<M, P>,
): string[] {
  if (s.failure !== undefined) {
    return [
      s.failure instanceof TimeoutError ? `timed out: ${explain.census(s.last)}` : errorMessage(s.failure),
    ];
  }
  const isUp = explain.isUp ?? ((p) => p === "running");
  return ids
    .filter((i) => !isUp(s.phases.get(i)))
    .map((i) =>
      s.phases.get(i) === "failed"
        ? explain.launchError(s.last.get(i))
        : `${i} is ${explain.stateOf(s.last.get(i)) ?? "gone"}`,
    );
}

/**
 * Terminating a set of instances and waiting until they are gone, the same for every resource
 * that can release its instances (SWAS cannot). The cloud's answers for instances that are gone or
 * on their way already, and what "gone" looks like, come from the resource.
 */
import { Operation, progress } from "./context";
import { CloudError } from "./errors";
import { Poller } from "./poller";

export interface Termination<M> {
  /** TerminateInstances for these ids (in batches). */
  terminate(ids: string[]): Promise<void>;
  /** The answers of TerminateInstances saying that some of the ids are gone or going already. */
  someGone: RegExp;
  describe(ids: string[]): Promise<Map<string, M>>;
  /** Whether a described instance still needs TerminateInstances. */
  needsTerminate(inst: M): boolean;
}

/** TerminateInstances; when some ids are gone or going already, once more for the others. */
export async function terminateAll<M>(t: Termination<M>, ids: string[]): Promise<void> {
  try {
    await t.terminate(ids);
  } catch (e) {
    if (!(e instanceof CloudError) || !t.someGone.test(e.code)) throw e;
    const found = await t.describe(ids);
    const rest = ids.filter((i) => found.has(i) && t.needsTerminate(found.get(i)!));
    if (rest.length) await t.terminate(rest);
  }
}

export interface Departure<M> {
  poller: Poller<M>;
  /** "2 TERMINATING, 1 gone" */
  census(states: Map<string, M | undefined>): string;
  /** Whether an instance (undefined: not listed any more) counts as gone. */
  gone(inst: M | undefined): boolean;
}

/** Waits until every id is gone; the last states seen. */
export async function waitGone<M>(
  op: Operation,
  ids: string[],
  d: Departure<M>,
): Promise<Map<string, M | undefined>> {
  const show = progress(op);
  const last = await d.poller.wait(
    ids,
    (view) => {
      show(`waiting for ${ids.length} instance(s) to terminate: ${d.census(view.states)}`);
      return ids.every((i) => d.gone(view.states.get(i))) ? "done" : "pending";
    },
    op.deadline,
    `${ids.length} instance(s) of ${op.what} to terminate`,
  );
  show(`${ids.length} instance(s) terminated`);
  return last;
}

/** Terminates the ids and waits until they are gone. */
export async function terminateAndWait<M>(
  op: Operation,
  ids: string[],
  t: Termination<M>,
  d: Departure<M>,
): Promise<Map<string, M | undefined>> {
  await terminateAll(t, ids);
  return waitGone(op, ids, d);
}

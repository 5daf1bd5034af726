/**
 * Partial failures: a create or update that holds instances but could not finish. Thrown as an
 * init failure (ErrorResourceInitFailed) carrying the instances, it makes Pulumi record them
 * instead of orphaning them, and the next `up` updates the resource from there. Every resource
 * builds them here: after a wait ("every instance running, else a partial failure") and after any
 * other error once instances exist.
 */
import { Operation } from "./context";
import { InitFailedError, errorMessage } from "./errors";
import type { Launched } from "./launch";
import type { LaunchState } from "./outputs";
import type { Props } from "./props";
import { Explain, Settled, unsettledReasons } from "./settle";

/** What a partial failure records: the instance ids and the properties (inputs with `__provider`, outputs). */
export interface Recorded {
  ids: string[];
  properties: Props;
}

/** The init failure that records `ids`: the message starts with the operation once, then the reasons. */
export function initFailure(
  what: string,
  reasons: string[],
  recorded: Recorded,
  cause?: unknown,
): InitFailedError {
  const text = reasons.join("; ");
  return new InitFailedError(
    text.startsWith(what) ? text : `${what}: ${text}`,
    recorded.ids.join(","),
    recorded.properties,
    reasons,
    { cause },
  );
}

/**
 * Every instance of `ids` up after a wait, else a partial failure with the reasons in the cloud's
 * words (then `notes`), recording what `record` says.
 */
export async function requireRunning<M, P extends string>(
  op: Operation,
  s: Settled<M, P>,
  ids: string[],
  explain: Explain<M, P>,
  record: () => Recorded | Promise<Recorded>,
  notes: string[] = [],
): Promise<void> {
  const reasons = unsettledReasons(s, ids, explain);
  if (reasons.length) throw initFailure(op.what, [...reasons, ...notes], await record(), s.failure);
}

/** What a partial failure records of `ids`: the instances as the cloud shows them now (without details when that fails too). */
export async function recordOf<M>(
  ids: string[],
  describe: (ids: string[]) => Promise<Map<string, M>>,
  properties: (found: Map<string, M>) => Props,
): Promise<Recorded> {
  const found = await describe(ids).catch(() => new Map<string, M>());
  return { ids, properties: properties(found) };
}

/**
 * The `record` of a resource for recordFailure: its instances described (`describe`) and turned
 * into its outputs (`outputs`, given what else it needs: the region, the launch state, ...).
 */
export function recorder<T, M, W, X>(
  describe: (op: Operation, t: T, ids: string[]) => Promise<Map<string, M>>,
  outputs: (inputs: Props, where: W, ids: string[], found: Map<string, M>, launch: X) => Props,
) {
  return (op: Operation, t: T, inputs: Props, where: W, ids: string[], launch: X): Promise<Recorded> =>
    recordOf(
      ids,
      (i) => describe(op, t, i),
      (found) => ({ ...inputs, ...outputs(inputs, where, ids, found, launch) }),
    );
}

/**
 * A resource's `finish(op, inputs, where, launched, ids)` after a launch: the outputs when every
 * instance of the launch is running; else a partial failure that records `ids` (every instance of
 * the resource, by default those of the launch) with the outputs, then `recordAs`.
 */
export function finisher<M, P extends string, W, O extends Props>(
  outputs: (inputs: Props, where: W, ids: string[], found: Map<string, M | undefined>, l: LaunchState) => O,
  explain: Explain<M, P>,
  recordAs: Props = {},
) {
  return async (
    op: Operation,
    inputs: Props,
    where: W,
    l: Launched<Settled<M, P>>,
    ids = l.ids,
  ): Promise<O> => {
    const outs = outputs(inputs, where, ids, l.last, l);
    await requireRunning(op, l, l.ids, explain, () => ({
      ids,
      properties: { ...inputs, ...outs, ...recordAs },
    }));
    return outs;
  };
}

/**
 * The error of an operation once instances exist: a partial failure that records `ids` as
 * `record` says (as the cloud shows them now: recordOf), unless it is one already. With no
 * instance, the error as it is: nothing to record.
 */
export async function recordFailure(
  op: Operation,
  e: unknown,
  ids: string[],
  record: (ids: string[]) => Promise<Recorded>,
): Promise<unknown> {
  if (e instanceof InitFailedError || ids.length === 0) return e;
  return initFailure(op.what, [errorMessage(e)], await record(ids), e);
}

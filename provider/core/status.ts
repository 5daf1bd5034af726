/**
 * From a cloud's instance states to what a wait needs (pending, running, failed, gone, ...): each
 * resource's status.ts lists its states by phase, these read them.
 */
import type { Explain, StatusOf } from "./settle";

/** Rounds an id may stay unknown to a describe right after the create before it counts as gone. */
export const NOT_FOUND_GRACE_ROUNDS = 8;

/** An instance the describe did not find: pending for the grace rounds after a create, then gone. */
export function unseenPhase(notFoundRounds: number): "pending" | "gone" {
  return notFoundRounds <= NOT_FOUND_GRACE_ROUNDS ? "pending" : "gone";
}

/** The phase whose list holds `state`, else `otherwise` (a state the document does not list). */
export function phaseIn<P extends string>(
  state: string,
  phases: Partial<Record<P, readonly string[]>>,
  otherwise: P,
): P {
  for (const [phase, states] of Object.entries(phases) as Array<[P, readonly string[]]>) {
    if (states.includes(state)) return phase;
  }
  return otherwise;
}

/** A short census for progress lines, "2 RUNNING, 1 PENDING": how many instances each label has. */
export function census<M>(
  states: Map<string, M | undefined>,
  label: (inst: M | undefined) => string,
): string {
  const counts = new Map<string, number>();
  for (const inst of states.values()) {
    const s = label(inst);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return [...counts].map(([s, n]) => `${n} ${s}`).join(", ");
}

/** How waits read a resource's instances, and how a set that did not all come up is explained. */
export interface InstanceStatus<M, P extends string> extends StatusOf<M, P>, Explain<M, P> {
  phaseOf(inst: M | undefined, notFoundRounds?: number): P;
  /** "2 RUNNING, 1 PENDING"; instances not found are counted as `missing`. */
  census(states: Map<string, M | undefined>, missing?: string): string;
}

export function instanceStatus<M, P extends string>(o: {
  phaseOf(inst: M | undefined, notFoundRounds: number): P;
  /** The state's name, as the cloud spells it. */
  stateOf(inst: M | undefined): string | undefined;
  launchError(inst: M | undefined): string;
  /** What a census counts an instance as: its state unless said otherwise. */
  label?(inst: M, state: string): string;
  noun?: string;
  isUp?(phase: P | undefined): boolean;
}): InstanceStatus<M, P> {
  return {
    phaseOf: (inst, notFoundRounds = Infinity) => o.phaseOf(inst, notFoundRounds),
    census: (states, missing = "NOT YET VISIBLE") =>
      census(states, (inst) => {
        const state = o.stateOf(inst) ?? missing;
        return inst !== undefined && o.label ? o.label(inst, state) : state;
      }),
    stateOf: o.stateOf,
    launchError: o.launchError,
    noun: o.noun,
    isUp: o.isUp,
  };
}

/**
 * Instance state machines written down as data, in the manner of moto's ManagedState.
 *
 * Each service declares its Lifecycle (in its models.ts): the states the API shows and the
 * processes its actions start, a launch, a termination, a stop. A process is a list of steps; a
 * step is a state and how long the instance stays in it. The last step is where the instance
 * rests; GONE removes it; SAME keeps whatever state the instance is in (an operation that runs
 * without changing the state).
 *
 * What advances an instance:
 * - time: a step lasts one of the time settings (bootMs, terminateMs, ...: tests change them) or
 *   a number of ms. Nothing runs in the background: every read of an instance first applies the
 *   steps whose time has come, so tests move the clock (POST /_emulator/clock) instead of
 *   sleeping. A step's time counts from the moment the step before it was applied.
 * - describes: a new instance stays unknown to the next N describes (instance fault describeLag);
 *   each describe that would have shown it counts one down (World.visible).
 *
 * The operation in progress (LatestOperation*) ends with the first step applied after it began:
 * FAILED with its message when it was to fail (Operation.fails), SUCCESS otherwise.
 */
import type { Instance } from "./instance";
import type { Settings } from "./settings";

/** The instance is removed. */
export const GONE = "GONE";
/** The state the instance is in when the process begins. */
export const SAME = "(same)";

export type TimeSetting = "bootMs" | "terminateMs" | "transitionMs" | "terminatedVisibleMs";

export interface Step {
  state: string;
  /** How long the instance stays in this state: a time setting or ms. Absent on the last step. */
  lasts?: TimeSetting | number;
}

export type Process = readonly Step[];

export interface Lifecycle {
  /** The states the API shows (its own list); every step's state is one of them, GONE or SAME. */
  states: readonly string[];
  /** RunInstances: the first step's state until bootMs, then the instance runs. Stuck: the first step for good. */
  launch: Process;
  /** A launch that fails (instance fault launchFailures). */
  launchFailed: Process;
  /** The processes of the service's actions, by name. */
  processes: Record<string, Process>;
}

/** A launch that never finishes (instance fault stuckPending): the launch's first state for good. */
export function stuck(lifecycle: Lifecycle): Process {
  return [{ state: lifecycle.launch[0].state }];
}

/** Puts the instance in the process's first step, begun at `from`; the later steps follow as their time comes. */
export function schedule(
  inst: Instance,
  process: Process,
  from: number,
  times: Pick<Settings, TimeSetting>,
): void {
  const steps = process.map((s) => ({
    state: s.state === SAME ? inst.state : s.state,
    ms: typeof s.lasts === "string" ? times[s.lasts] : (s.lasts ?? 0),
  }));
  inst.state = steps[0].state;
  inst.next = undefined;
  if (steps.length < 2) return;
  const then = steps.slice(2).map((s, i) => ({ state: s.state, afterMs: steps[i + 1].ms }));
  inst.next = { state: steps[1].state, at: from + steps[0].ms, ...(then.length > 0 ? { then } : {}) };
}

/** Applies the steps whose time has come; false once the instance is GONE. */
export function applyDue(inst: Instance, now: number): boolean {
  while (inst.next && inst.next.at <= now) {
    const { state, then = [] } = inst.next;
    inst.next = undefined;
    if (state === GONE) return false;
    inst.state = state;
    const op = inst.latestOperation;
    if (op?.state === "OPERATING") {
      op.state = op.fails ? "FAILED" : "SUCCESS";
      if (op.fails) op.errorMsg = op.fails;
    }
    const [following, ...rest] = then;
    if (following) {
      inst.next = {
        state: following.state,
        at: now + following.afterMs,
        ...(rest.length ? { then: rest } : {}),
      };
    }
  }
  return true;
}

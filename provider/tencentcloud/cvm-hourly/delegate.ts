/**
 * CvmHourlyInstance hands create, read, update and delete to the CvmInstance provider: its view of
 * this resource's properties, and its partial failures turned into this resource's.
 */
import { OWN_KEYS } from "../../core/check";
import { dropUndefined } from "../../core/drop-undefined";
import { InitFailedError } from "../../core/errors";
import type { Props } from "../../core/props";
import type { CvmArgs } from "../cvm/schema";
import { outputs } from "./outputs";
import type { CvmHourlyArgs } from "./schema";
import { Resolved, toCvmArgs } from "./translate";

/** The keys this package keeps beside the arguments (`__identity`), without the provider text. */
function hiddenKeys(props: Props): Props {
  return Object.fromEntries(
    Object.entries(props).filter(([k]) => OWN_KEYS.includes(k) && k !== "__provider"),
  );
}

/** The recorded instances and launch, as the CvmInstance provider stores them. */
function launchOf(props: Props): Props {
  return {
    instanceIds: props.instanceIds,
    instances: props.instances,
    launchToken: props.launchToken,
    launchGeneration: props.launchGeneration,
  };
}

/** The CvmInstance provider's inputs: the translated arguments and the hidden keys (`__identity`, ...). */
export function cvmInputs(props: Props, args: CvmHourlyArgs, resolved: Resolved): Props {
  return dropUndefined({ ...hiddenKeys(props), ...toCvmArgs(args, resolved) });
}

/** The CvmInstance provider's view of a stored state: its arguments and its outputs. */
export function cvmState(props: Props, cvmArgs: CvmArgs): Props {
  return dropUndefined({ ...hiddenKeys(props), ...cvmArgs, region: props.region, ...launchOf(props) });
}

/**
 * The CvmInstance provider's view of a stored state for refresh and destroy: the recorded instances
 * and what of the arguments the state holds (no translation).
 */
export function storedCvmState(props: Props, args: Partial<CvmHourlyArgs>): Props {
  return dropUndefined({
    ...hiddenKeys(props),
    region: props.region ?? args.region,
    instanceName: args.instanceName,
    instanceCount: args.goodsNum,
    timeouts: args.timeouts,
    ...launchOf(props),
  });
}

/**
 * The delegated provider's errors: an init failure keeps its instances recorded, with this
 * resource's inputs (and `__provider`) and outputs as properties.
 */
export function hourlyError(e: unknown, inputs?: Props, args?: CvmHourlyArgs, resolved?: Resolved): unknown {
  if (e instanceof InitFailedError && inputs && args && resolved) {
    return new InitFailedError(
      e.message,
      e.id,
      { ...inputs, ...outputs(inputs, args, resolved, e.properties) },
      e.reasons,
      { cause: e },
    );
  }
  return e;
}

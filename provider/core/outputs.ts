/** The outputs every resource has: its arguments, its identity, `instanceIds` and `instances`. */
import { userArgs } from "./check";
import { dropUndefined } from "./drop-undefined";
import type { Props } from "./props";

/** What every resource says of each instance; each adds what is special to its product. */
export interface InstanceOutput {
  instanceId: string;
  instanceName: string;
  state: string;
  privateIpAddresses: string[];
  publicIpAddresses: string[];
  createdTime: string;
  expiredTime: string;
}

/** The ClientToken and generation of the last launch (outputs launchToken, launchGeneration). */
export interface LaunchState {
  token: string;
  generation: number;
}

/**
 * The arguments as given, the resource's identity (read and delete get only the outputs, and name
 * the resource by it) and `fields`, without undefined anywhere.
 */
export function resourceOutputs<F extends Props>(inputs: Props, fields: F): Props & F {
  return dropUndefined({ ...userArgs(inputs), __identity: inputs.__identity, ...fields });
}

/** The outputs of a resource launched with a ClientToken, beside its arguments. */
export const TOKEN_OUTPUT_KEYS = ["instanceIds", "instances", "launchToken", "launchGeneration"] as const;

/** The outputs of a resource launched with a ClientToken: its instances and the token it sent. */
export interface TokenOutputs<I> extends Record<string, unknown> {
  instanceIds: string[];
  instances: I[];
  launchToken: string;
  launchGeneration: number;
}

export function tokenFields(l: LaunchState): { launchToken: string; launchGeneration: number } {
  return { launchToken: l.token, launchGeneration: l.generation };
}

/**
 * A resource's `outputs(inputs, where, ids, found, launch)`: its arguments (resourceOutputs), where
 * the instances are (`placement`), each instance as `instance` maps the cloud's model, and what
 * identifies the launch (`launch`).
 */
export function outputsOf<M, I, W, X, O extends Props>(
  placement: (where: W, inputs: Props, ids: string[]) => Props,
  instance: (id: string, inst: M | undefined) => I,
  launch: (x: X) => Props,
): (inputs: Props, where: W, ids: string[], found: Map<string, M | undefined>, x: X) => O {
  return (inputs, where, ids, found, x) =>
    resourceOutputs(inputs, {
      ...placement(where, inputs, ids),
      instanceIds: ids,
      instances: ids.map((i) => instance(i, found.get(i))),
      ...launch(x),
    }) as unknown as O;
}

/** The outputs of a Tencent Cloud resource launched with a ClientToken into one region (CVM, HAI). */
export type RegionTokenOutputs<I> = TokenOutputs<I> & { region: string };

export function regionTokenOutputs<M, I>(
  instance: (id: string, inst: M | undefined) => I,
): ReturnType<typeof outputsOf<M, I, string, LaunchState, RegionTokenOutputs<I>>> {
  return outputsOf<M, I, string, LaunchState, RegionTokenOutputs<I>>(
    (region) => ({ region }),
    instance,
    tokenFields,
  );
}

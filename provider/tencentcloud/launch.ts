/**
 * RunInstances with a ClientToken (CVM, HAI; core/launch.ts), then the wait until no instance is
 * pending. What a resource adds: how its token is derived, its call, its wait.
 */
import type { Operation } from "../core/context";
import { launchWithToken } from "../core/launch";
import type { Props } from "../core/props";
import type { Settled } from "../core/settle";
import type { TencentTarget } from "./client";

export interface RunInstances<A, M, P extends string> {
  deriveToken(inputs: Props, args: A, count: number, salt: string, generation: number): string;
  /** `inputs`: for what the request carries beside the arguments (the owner mark). */
  run(
    op: Operation,
    t: TencentTarget,
    args: A,
    token: string,
    count: number,
    inputs: Props,
  ): Promise<string[]>;
  waitSettled(op: Operation, t: TencentTarget, ids: string[]): Promise<Settled<M, P>>;
}

/**
 * A resource's `launch(op, t, args, inputs, count, salt)`: `count` instances; the ClientToken is the
 * user's (at create: `salt` empty) or derived.
 */
export function launcher<A extends { clientToken?: string }, M, P extends string>(r: RunInstances<A, M, P>) {
  return (op: Operation, t: TencentTarget, args: A, inputs: Props, count: number, salt: string) =>
    launchWithToken(op, {
      userToken: args.clientToken,
      salt,
      tokenFor: (generation) => r.deriveToken(inputs, args, count, salt, generation),
      create: (token) => r.run(op, t, args, token, count, inputs),
      settle: (ids) => r.waitSettled(op, t, ids),
    });
}

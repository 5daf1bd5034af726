/**
 * Buying instances idempotently with a ClientToken (CVM, HAI, SWAS). The token is the user's,
 * or derived from the resource's identity, its request (never a secret) and a generation: a
 * create repeated after a crash or a lost response sends the same token and gets the same
 * instances back. When the cloud answers a derived token with instances that are all terminated
 * or gone (the resource was destroyed and is created again with the same inputs), the
 * generation goes up and a new set is bought.
 */
import { createHash } from "node:crypto";
import { Operation } from "./context";
import { errorMessage } from "./errors";
import type { Settled } from "./settle";
import { stableJson } from "./stable-json";

export const MAX_GENERATIONS = 5;

/** A ClientToken (at most 64 ASCII characters) from the material that identifies a purchase. */
export function deriveClientToken(
  identity: string,
  request: unknown,
  salt: string,
  generation: number,
): string {
  const material = stableJson([identity, request, salt, generation]);
  return `pulumi-${createHash("sha256").update(material).digest("hex").slice(0, 40)}-${generation}`;
}

export interface LaunchOptions<S> {
  /** The user's own ClientToken: sent as is, with no generations (only at create: `salt` empty). */
  userToken?: string;
  /** What tells this purchase from the resource's others: "" at create, "scale:<ids>" for more. */
  salt: string;
  /** The derived token of a generation. */
  tokenFor(generation: number): string;
  /** The create call (RunInstances, CreateInstances): the ids it answers. */
  create(token: string): Promise<string[]>;
  /** Waits until no instance is pending; a failure is part of the result, not thrown. */
  settle(ids: string[]): Promise<S>;
  /** For progress lines: "RunInstances accepted 2 instance(s)". */
  action?: string;
  noun?: string;
  /** More words for a refused create (e.g. what IdempotentParameterMismatch means). */
  hint?(e: unknown): string;
}

export type Launched<S> = S & { ids: string[]; token: string; generation: number; failure?: unknown };

export async function launchWithToken<S extends Settled<unknown, string>>(
  op: Operation,
  o: LaunchOptions<S>,
): Promise<Launched<S>> {
  const userToken = o.salt ? undefined : o.userToken;
  const noun = o.noun ?? "instance";
  for (let generation = 0; generation < MAX_GENERATIONS; generation++) {
    const token = userToken ?? o.tokenFor(generation);
    let ids: string[];
    try {
      ids = await o.create(token);
    } catch (e) {
      throw new Error(`${op.what} (ClientToken ${token}): ${errorMessage(e)}${o.hint?.(e) ?? ""}`, {
        cause: e,
      });
    }
    op.rt.log(
      `${op.what}: ${o.action ?? "RunInstances"} accepted ${ids.length} ${noun}(s): ${ids.join(", ")}`,
    );
    const settled = await o.settle(ids);
    // Every id terminated or gone: the token was spent by an earlier life of the resource.
    const spent = ids.every((i) => settled.phases.get(i) === "gone");
    if (userToken !== undefined || settled.failure !== undefined || !spent) {
      return { ...settled, ids, token, generation };
    }
    op.rt.log(
      `${op.what}: ClientToken ${token} belongs to ${noun}s that are gone; launching generation ${generation + 1}`,
    );
  }
  throw new Error(
    `${op.what}: the cloud kept answering with ${noun}s that are gone after ${MAX_GENERATIONS} ClientTokens`,
  );
}

/**
 * Buying SWAS servers: CreateInstances with a ClientToken (core/launch.ts), the wait until none is
 * pending, then every server up (Running, or Stopped when adopted) or a partial failure that
 * records them. A Disabled server cannot be started or released.
 */
import type { Operation } from "../../core/context";
import { CloudError } from "../../core/errors";
import { deriveClientToken, launchWithToken } from "../../core/launch";
import type { LaunchState } from "../../core/outputs";
import { requireRunning } from "../../core/partial";
import type { Props } from "../../core/props";
import type { Settled } from "../../core/settle";
import type { AlicloudTarget } from "../client";
import * as api from "./api";
import { recorded } from "./outputs";
import type { SwasArgs } from "./schema";
import { Phase, STATUS } from "./status";
import { waitSettled } from "./wait";

/**
 * sha256 of the identity and the CreateInstances request (which holds no password), the salt and
 * the generation: at most 64 ASCII characters, as the API requires.
 */
export function deriveToken(
  inputs: Props,
  args: SwasArgs,
  regionId: string,
  amount: number,
  salt: string,
  generation: number,
): string {
  const req = { ...api.createInstancesRequest(args, regionId, "", amount) } as Record<string, unknown>;
  delete req.clientToken;
  return deriveClientToken(String(inputs.__identity ?? ""), req, salt, generation);
}

/**
 * CreateInstances for `amount` servers, then the wait until none is pending. When the servers of
 * a derived token no longer exist (released after their subscription ended), the generation goes
 * up and a new set is bought.
 */
export function launch(
  op: Operation,
  t: AlicloudTarget,
  args: SwasArgs,
  inputs: Props,
  amount: number,
  salt: string,
) {
  return launchWithToken(op, {
    userToken: args.clientToken,
    salt,
    tokenFor: (generation) => deriveToken(inputs, args, t.regionId, amount, salt, generation),
    create: (token) =>
      api.createInstances(op, t, api.createInstancesRequest(args, t.regionId, token, amount)),
    settle: (ids) => waitSettled(op, t, ids),
    action: "CreateInstances",
    noun: "server",
    hint: (e) =>
      e instanceof CloudError && e.code === "IdempotentParameterMismatch"
        ? `: clientToken was used before by a CreateInstances with other parameters; change or remove it`
        : "",
  });
}

/** Every server of a launch up, else a partial failure that records `ids` (the resource's servers). */
export async function requireUp(
  op: Operation,
  t: AlicloudTarget,
  inputs: Props,
  args: SwasArgs,
  l: Settled<string, Phase> & { ids: string[] },
  record: { ids: string[]; launchState: LaunchState },
): Promise<void> {
  const notes =
    l.failure === undefined
      ? [
          `SWAS cannot start or release a Disabled server: set allowReplacement: true and run up again ` +
            `to buy replacements (the failed ones stay in your account)`,
        ]
      : [];
  await requireRunning(
    op,
    l,
    l.ids,
    STATUS,
    () =>
      recorded(op, t, inputs, { regionId: t.regionId, amount: args.amount }, record.ids, record.launchState),
    notes,
  );
}

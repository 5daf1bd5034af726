/**
 * Buying HAI instances: RunInstances with a ClientToken derived from the request (HAI's holds no
 * secret), the wait until none is pending, then every instance RUNNING or a partial failure.
 */
import { deriveClientToken } from "../../core/launch";
import { finisher } from "../../core/partial";
import type { Props } from "../../core/props";
import { launcher } from "../launch";
import * as api from "./api";
import { outputs } from "./outputs";
import type { HaiArgs } from "./schema";
import { STATUS } from "./status";
import { waitSettled } from "./wait";

/** sha256 of the identity and the request (HAI's has no secrets); ≤ 64 ASCII like every ClientToken. */
export function deriveToken(
  inputs: Props,
  args: HaiArgs,
  count: number,
  salt: string,
  generation: number,
): string {
  const { ClientToken: _c, ...req } = api.runInstancesRequest(args, "", count);
  return deriveClientToken(String(inputs.__identity ?? ""), req, salt, generation);
}

export const launch = launcher({
  deriveToken,
  run: (op, t, args: HaiArgs, token, count) =>
    api.runInstances(op, t, api.runInstancesRequest(args, token, count)),
  waitSettled,
});

/**
 * The outputs when every instance is RUNNING; else a partial failure that records them all as
 * running: the next update puts `running` right once they are up.
 */
export const finish = finisher(outputs, STATUS, { running: true });

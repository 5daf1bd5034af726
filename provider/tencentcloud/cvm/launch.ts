/**
 * Buying CVM instances: RunInstances with a ClientToken derived without the password, the wait
 * until none is pending, then every instance RUNNING or a partial failure that records them.
 */
import type * as cvm from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import { OWNER_TAG, ownerMark } from "../../core/adopt";
import { deriveClientToken } from "../../core/launch";
import { finisher } from "../../core/partial";
import type { Props } from "../../core/props";
import { launcher } from "../launch";
import * as api from "./api";
import { outputs } from "./outputs";
import type { CvmArgs } from "./schema";
import { STATUS } from "./status";
import { waitSettled } from "./wait";

/** sha256 of the identity and the request without the password; ≤ 64 ASCII as the API requires. */
export function deriveToken(
  inputs: Props,
  args: CvmArgs,
  count: number,
  salt: string,
  generation: number,
): string {
  const req = api.runInstancesRequest(args, "", count) as Record<string, unknown>;
  delete req.ClientToken;
  if (req.LoginSettings) req.LoginSettings = { ...(req.LoginSettings as object), Password: undefined };
  return deriveClientToken(String(inputs.__identity ?? ""), req, salt, generation);
}

export const launch = launcher({
  deriveToken,
  // The owner mark goes into the request sent, not into the token's material.
  run: (op, t, args: CvmArgs, token, count, inputs) =>
    api.runInstances(op, t, withOwnerTag(api.runInstancesRequest(args, token, count), inputs)),
  waitSettled,
});

/** The request with the owner mark (core/adopt.ts) among the instance's tags. */
function withOwnerTag(req: cvm.RunInstancesRequest, inputs: Props): cvm.RunInstancesRequest {
  const owner = { Key: OWNER_TAG, Value: ownerMark(inputs.__identity) };
  const specs = req.TagSpecification ?? [];
  const forInstance = specs.find((s) => s.ResourceType === "instance");
  const TagSpecification = forInstance
    ? specs.map((s) => (s === forInstance ? { ...s, Tags: [...(s.Tags ?? []), owner] } : s))
    : [...specs, { ResourceType: "instance", Tags: [owner] }];
  return { ...req, TagSpecification };
}

/** The outputs when every instance is RUNNING; else a partial failure that records them all. */
export const finish = finisher(outputs, STATUS);

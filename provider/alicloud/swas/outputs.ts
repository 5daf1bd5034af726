/** SwasInstance outputs: the arguments, the region, the servers as ListInstances shows them, the launch. */
import {
  InstanceOutput as BaseInstanceOutput,
  LaunchState,
  TOKEN_OUTPUT_KEYS,
  TokenOutputs,
  outputsOf,
  tokenFields,
} from "../../core/outputs";
import { recorder } from "../../core/partial";
import type { SwasServerModel } from "./api";
import { describe } from "./wait";

/** Outputs beside the arguments. */
export const OUTPUT_KEYS = TOKEN_OUTPUT_KEYS;

export interface InstanceOutput extends BaseInstanceOutput {
  /** SDK ListInstances Status: Pending, Starting, Running, Stopping, Stopped, Resetting, Upgrading, Disabled. */
  state: string;
  /** The end of the subscription (the server stays paid until then). */
  expiredTime: string;
  /** Normal, Expired, ... (SDK ListInstances BusinessStatus). */
  businessStatus: string;
  disableReason: string;
  planId: string;
  imageId: string;
}

export type SwasOutputs = TokenOutputs<InstanceOutput> & { regionId: string };

/** Where the servers are, and how many the arguments ask for. */
export interface Placed {
  regionId: string;
  amount?: number;
}

export const outputs = outputsOf<SwasServerModel, InstanceOutput, Placed, LaunchState, SwasOutputs>(
  // Fewer servers than asked for (lost, or a purchase that failed): `amount` says so, and the next diff shows it.
  ({ regionId, amount }, inputs, ids) => ({
    amount: ids.length === amount ? inputs.amount : ids.length,
    regionId,
  }),
  instanceOutput,
  tokenFields,
);

/** What a partial failure records: the servers as ListInstances shows them now. */
export const recorded = recorder(describe, outputs);

function instanceOutput(id: string, s: SwasServerModel | undefined): InstanceOutput {
  const network = s?.networkAttributes ?? [];
  const ips = (own: string | undefined, more: Array<string | undefined>) => [
    ...new Set([own, ...more].filter((x): x is string => !!x)),
  ];
  return {
    instanceId: id,
    instanceName: s?.instanceName ?? "",
    state: s?.status ?? "UNKNOWN",
    privateIpAddresses: ips(
      s?.innerIpAddress,
      network.map((n) => n.privateIpAddress),
    ),
    publicIpAddresses: ips(
      s?.publicIpAddress,
      network.map((n) => n.publicIpAddress),
    ),
    createdTime: s?.creationTime ?? "",
    expiredTime: s?.expiredTime ?? "",
    businessStatus: s?.businessStatus ?? "",
    disableReason: s?.disableReason ?? "",
    planId: s?.planId ?? "",
    imageId: s?.imageId ?? "",
  };
}

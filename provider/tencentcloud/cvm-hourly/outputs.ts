/**
 * CvmHourlyInstance outputs: the CvmInstance provider's (it does the work), the same ids under the
 * legacy response's name, and the API 3.0 request the legacy arguments became.
 */
import { userArgs } from "../../core/check";
import { dropUndefined } from "../../core/drop-undefined";
import type { Props } from "../../core/props";
import { regionOf } from "../client";
import type { InstanceOutput } from "../cvm/outputs";
import type { CvmHourlyArgs } from "./schema";
import { Resolved, TranslatedRequest, toCvmArgs, translatedRequest } from "./translate";

/** Outputs beside the arguments. */
export const OUTPUT_KEYS = [
  "instanceIds",
  "unInstanceIds",
  "instances",
  "launchToken",
  "launchGeneration",
  "translatedRequest",
] as const;

export interface CvmHourlyOutputs extends Record<string, unknown> {
  region: string;
  instanceIds: string[];
  /** The same ids under the legacy response's name. */
  unInstanceIds: string[];
  instances: InstanceOutput[];
  launchToken: string;
  launchGeneration: number;
  /** The API 3.0 RunInstances request the arguments became (no password). */
  translatedRequest: TranslatedRequest;
}

/**
 * This resource's outputs from the CvmInstance provider's. The translated request is made from the
 * arguments and the zone and type they were translated to; without them, the stored one is kept.
 */
export function outputs(
  inputs: Props,
  args: CvmHourlyArgs | undefined,
  resolved: Resolved | undefined,
  cvmOuts: Props,
): CvmHourlyOutputs {
  const ids = Array.isArray(cvmOuts.instanceIds) ? cvmOuts.instanceIds.map(String) : [];
  const launchToken = String(cvmOuts.launchToken ?? "");
  const echoed = userArgs(inputs);
  for (const k of OUTPUT_KEYS) delete echoed[k];
  return dropUndefined({
    ...echoed,
    // The resource's identity stays with its outputs: read and delete see it too.
    __identity: inputs.__identity,
    region: String(cvmOuts.region ?? regionOf("CvmHourlyInstance", args?.region)),
    instanceIds: ids,
    unInstanceIds: ids,
    instances: (cvmOuts.instances as InstanceOutput[] | undefined) ?? [],
    launchToken,
    launchGeneration: Number(cvmOuts.launchGeneration ?? 0),
    translatedRequest:
      args && resolved
        ? translatedRequest(toCvmArgs(args, resolved), launchToken)
        : (inputs.translatedRequest as TranslatedRequest),
  });
}

/** EcmInstance outputs: the arguments, the instances as DescribeInstances shows them, the set's marks. */
import { InstanceOutput as BaseInstanceOutput, outputsOf } from "../../core/outputs";
import { recorder } from "../../core/partial";
import { regionOfZone } from "../zones";
import { EcmInstanceModel, describeInstances } from "./api";
import type { Mark } from "./marks";
import { privateIps, zoneOf } from "./status";

/** Outputs beside the arguments. */
export const OUTPUT_KEYS = ["instanceIds", "instances", "launchMark", "launchGeneration"] as const;

export interface InstanceOutput extends BaseInstanceOutput {
  zone: string;
  region: string;
  isp: string;
  instanceType: string;
}

export interface EcmOutputs extends Record<string, unknown> {
  instanceIds: string[];
  instances: InstanceOutput[];
  launchMark: string;
  launchGeneration: number;
}

/** ECM's Region is not required: the outputs hold it when it is set. */
export const outputs = outputsOf<
  EcmInstanceModel,
  InstanceOutput,
  string | undefined,
  Pick<Mark, "resource" | "generation">,
  EcmOutputs
>(
  (region) => ({ region }),
  instanceOutput,
  (mark) => ({ launchMark: mark.resource, launchGeneration: mark.generation }),
);

/** What a partial failure records: the instances as DescribeInstances shows them now. */
export const recorded = recorder(describeInstances, outputs);

function instanceOutput(id: string, inst: EcmInstanceModel | undefined): InstanceOutput {
  const zone = zoneOf(inst);
  return {
    instanceId: id,
    instanceName: inst?.InstanceName ?? "",
    state: inst?.InstanceState ?? "UNKNOWN",
    privateIpAddresses: privateIps(inst),
    publicIpAddresses: (inst?.Internet?.PublicIPAddressSet ?? [])
      .map((p) => p.PublicIPAddress)
      .filter(Boolean),
    createdTime: inst?.CreateTime ?? "",
    expiredTime: inst?.ExpireTime ?? "",
    zone,
    region: inst?.Position?.RegionInfo?.Region ?? (zone ? regionOfZone(zone) : ""),
    isp: inst?.ISP ?? "",
    instanceType: inst?.InstanceTypeConfig?.InstanceType ?? "",
  };
}

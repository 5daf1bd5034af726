/** HaiInstance outputs: the arguments, the region, the instances as DescribeInstances shows them, the launch. */
import {
  InstanceOutput as BaseInstanceOutput,
  RegionTokenOutputs,
  TOKEN_OUTPUT_KEYS,
  regionTokenOutputs,
} from "../../core/outputs";
import { recorder } from "../../core/partial";
import { commonOutput } from "../status";
import { HaiInstanceModel, describeInstances } from "./api";

/** Outputs beside the arguments. */
export const OUTPUT_KEYS = TOKEN_OUTPUT_KEYS;

export interface InstanceOutput extends BaseInstanceOutput {
  /** HAI instances have no expiry time in DescribeInstances: always "". */
  expiredTime: string;
  applicationName: string;
  bundleName: string;
  gpuCount: number;
  /** GB. */
  gpuMemory: string;
  /** Cores. */
  cpu: string;
  /** GB. */
  memory: string;
  systemDisk: { diskType: string; diskSize: number };
  /** The login services the application offers, e.g. JupyterLab, WebUI. */
  loginServices: string[];
}

export type HaiOutputs = RegionTokenOutputs<InstanceOutput>;

export const outputs = regionTokenOutputs<HaiInstanceModel, InstanceOutput>(instanceOutput);

/** What a partial failure records: the instances as DescribeInstances shows them now. */
export const recorded = recorder(describeInstances, outputs);

function instanceOutput(id: string, inst: HaiInstanceModel | undefined): InstanceOutput {
  return {
    ...commonOutput(id, inst),
    createdTime: inst?.CreateTime ?? "",
    expiredTime: "",
    applicationName: inst?.ApplicationName ?? "",
    bundleName: inst?.BundleName ?? "",
    gpuCount: inst?.GPUCount ?? 0,
    gpuMemory: inst?.GPUMemory ?? "",
    cpu: inst?.CPU ?? "",
    memory: inst?.Memory ?? "",
    systemDisk: { diskType: inst?.SystemDisk?.DiskType ?? "", diskSize: inst?.SystemDisk?.DiskSize ?? 0 },
    loginServices: (inst?.LoginServices ?? []).map((s) => s.ServiceName ?? "").filter(Boolean),
  };
}

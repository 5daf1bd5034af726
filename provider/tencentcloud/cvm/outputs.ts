/** CvmInstance outputs: the arguments, the region, the instances as DescribeInstances shows them, the launch. */
import {
  InstanceOutput as BaseInstanceOutput,
  RegionTokenOutputs,
  TOKEN_OUTPUT_KEYS,
  regionTokenOutputs,
} from "../../core/outputs";
import { recorder } from "../../core/partial";
import { commonOutput } from "../status";
import { CvmInstanceModel, describeInstances } from "./api";

/** Outputs beside the arguments. */
export const OUTPUT_KEYS = TOKEN_OUTPUT_KEYS;

export interface InstanceOutput extends BaseInstanceOutput {
  zone: string;
  instanceType: string;
}

export type CvmOutputs = RegionTokenOutputs<InstanceOutput>;

export const outputs = regionTokenOutputs<CvmInstanceModel, InstanceOutput>(instanceOutput);

/** What a partial failure records: the instances as DescribeInstances shows them now. */
export const recorded = recorder(describeInstances, outputs);

function instanceOutput(id: string, inst: CvmInstanceModel | undefined): InstanceOutput {
  return {
    ...commonOutput(id, inst),
    createdTime: inst?.CreatedTime ?? "",
    expiredTime: inst?.ExpiredTime ?? "",
    zone: inst?.Placement?.Zone ?? "",
    instanceType: inst?.InstanceType ?? "",
  };
}

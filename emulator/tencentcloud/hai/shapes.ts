/**
 * The request shapes of HAI 2023-08-12: the SDK's request models (tencentcloud-sdk-nodejs
 * hai_models.d.ts), checked against them at compile time (shapes.ts of tencentcloud/).
 */
import type {
  DescribeInstancesRequest,
  Filter,
  ResizeInstanceDiskRequest,
  RunInstancesRequest,
  StartInstanceRequest,
  StopInstanceRequest,
  SystemDisk,
  TerminateInstancesRequest,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/hai/v20230812/hai_models";
import { B, I, S, arr, obj } from "../shapes";

export const RUN_INSTANCES = obj<RunInstancesRequest>({
  ApplicationId: S,
  BundleType: S,
  SystemDisk: obj<SystemDisk>({ DiskType: S, DiskSize: I, DiskName: S }),
  InstanceCount: I,
  InstanceName: S,
  ClientToken: S,
  DryRun: B,
});
export const DESCRIBE_INSTANCES = obj<DescribeInstancesRequest>({
  InstanceIds: arr(S),
  Filters: arr(obj<Filter>({ Name: S, Values: arr(S) })),
  Offset: I,
  Limit: I,
});
export const TERMINATE_INSTANCES = obj<TerminateInstancesRequest>({ InstanceIds: arr(S), DryRun: B });
export const START_INSTANCE = obj<StartInstanceRequest>({ InstanceId: S, DryRun: B });
export const STOP_INSTANCE = obj<StopInstanceRequest>({ InstanceId: S, StopMode: S, DryRun: B });
export const RESIZE_INSTANCE_DISK = obj<ResizeInstanceDiskRequest>({ InstanceId: S, DiskSize: I });

/**
 * The request shapes of ECM 2019-07-19: the SDK's request models (tencentcloud-sdk-nodejs
 * ecm_models.d.ts), checked against them at compile time (shapes.ts of tencentcloud/).
 */
import type {
  DataDisk,
  DescribeInstancesRequest,
  EnhancedService,
  Filter,
  ModifyInstancesAttributeRequest,
  ResetInstancesMaxBandwidthRequest,
  ResetInstancesPasswordRequest,
  ResetInstancesRequest,
  RunEIPDirectServiceEnabled,
  RunInstancesRequest,
  RunMonitorServiceEnabled,
  RunSecurityServiceEnabled,
  StartInstancesRequest,
  StopInstancesRequest,
  SystemDisk,
  Tag,
  TagSpecification,
  TerminateInstancesRequest,
  ZoneInstanceCountISP,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/ecm/v20190719/ecm_models";
import { B, I, S, arr, obj } from "../shapes";

const ZONE_INSTANCE_COUNT_ISP = obj<ZoneInstanceCountISP>({
  Zone: S,
  InstanceCount: I,
  ISP: S,
  VpcId: S,
  SubnetId: S,
  PrivateIpAddresses: arr(S),
  Ipv6AddressCount: I,
  Ipv6SubnetIds: arr(S),
});
const ENHANCED_SERVICE = obj<EnhancedService>({
  SecurityService: obj<RunSecurityServiceEnabled>({ Enabled: B, Version: I }),
  MonitorService: obj<RunMonitorServiceEnabled>({ Enabled: B }),
  EIPDirectService: obj<RunEIPDirectServiceEnabled>({ Enabled: B }),
});

export const RUN_INSTANCES = obj<RunInstancesRequest>({
  ZoneInstanceCountISPSet: arr(ZONE_INSTANCE_COUNT_ISP),
  Password: S,
  InternetMaxBandwidthOut: I,
  ModuleId: S,
  ImageId: S,
  InstanceName: S,
  HostName: S,
  ClientToken: S,
  EnhancedService: ENHANCED_SERVICE,
  TagSpecification: arr(
    obj<TagSpecification>({ ResourceType: S, Tags: arr(obj<Tag>({ Key: S, Value: S })) }),
  ),
  UserData: S,
  InstanceType: S,
  DataDiskSize: I,
  SecurityGroupIds: arr(S),
  SystemDiskSize: I,
  InternetMaxBandwidthIn: I,
  InstanceChargeType: I,
  KeyIds: arr(S),
  KeepImageLogin: S,
  SystemDisk: obj<SystemDisk>({ DiskType: S, DiskId: S, DiskSize: I }),
  DataDisks: arr(obj<DataDisk>({ DiskSize: I, DiskType: S })),
});
export const DESCRIBE_INSTANCES = obj<DescribeInstancesRequest>({
  Filters: arr(obj<Filter>({ Name: S, Values: arr(S) })),
  Offset: I,
  Limit: I,
  OrderByField: S,
  OrderDirection: I,
});
export const TERMINATE_INSTANCES = obj<TerminateInstancesRequest>({
  InstanceIdSet: arr(S),
  TerminateDelay: B,
  TerminateTime: S,
  AssociatedResourceDestroy: B,
});
export const MODIFY_INSTANCES_ATTRIBUTE = obj<ModifyInstancesAttributeRequest>({
  InstanceIdSet: arr(S),
  InstanceName: S,
  SecurityGroups: arr(S),
});
export const START_INSTANCES = obj<StartInstancesRequest>({ InstanceIdSet: arr(S) });
export const STOP_INSTANCES = obj<StopInstancesRequest>({ InstanceIdSet: arr(S), ForceStop: B, StopType: S });
export const RESET_INSTANCES_PASSWORD = obj<ResetInstancesPasswordRequest>({
  InstanceIdSet: arr(S),
  Password: S,
  ForceStop: B,
  UserName: S,
});
export const RESET_INSTANCES_MAX_BANDWIDTH = obj<ResetInstancesMaxBandwidthRequest>({
  InstanceIdSet: arr(S),
  MaxBandwidthOut: I,
  MaxBandwidthIn: I,
});
export const RESET_INSTANCES = obj<ResetInstancesRequest>({
  InstanceIdSet: arr(S),
  ImageId: S,
  Password: S,
  EnhancedService: ENHANCED_SERVICE,
  KeepData: S,
  KeepImageLogin: S,
});

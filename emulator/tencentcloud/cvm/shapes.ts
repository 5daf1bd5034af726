/**
 * The request shapes of CVM 2017-03-12: the SDK's request models (tencentcloud-sdk-nodejs
 * cvm_models.d.ts), checked against them at compile time (shapes.ts of tencentcloud/).
 */
import type {
  ActionTimer,
  AssociateInstancesKeyPairsRequest,
  DisassociateInstancesKeyPairsRequest,
  ModifyInstancesProjectRequest,
  ModifyInstancesRenewFlagRequest,
  ResetInstanceRequest,
  ResetInstancesInternetMaxBandwidthRequest,
  ResetInstancesPasswordRequest,
  ResetInstancesTypeRequest,
  ResizeInstanceDisksRequest,
  StartInstancesRequest,
  StopInstancesRequest,
  CpuTopology,
  DataDisk,
  DescribeInstanceTypeConfigsRequest,
  DescribeInstancesRequest,
  EnhancedService,
  Externals,
  Filter,
  InstanceChargePrepaid,
  InstanceMarketOptionsRequest,
  InternetAccessible,
  LaunchTemplate,
  LoginSettings,
  Metadata,
  MetadataItem,
  ModifyInstancesAttributeRequest,
  NetworkInterfaces,
  Placement,
  RunAutomationServiceEnabled,
  RunInstancesRequest,
  RunMonitorServiceEnabled,
  RunSecurityServiceEnabled,
  SpotMarketOptions,
  StorageBlock,
  SystemDisk,
  Tag,
  TagSpecification,
  TerminateInstancesRequest,
  VirtualPrivateCloud,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import { B, I, NO_PARAMETERS, S, Spec, arr, obj } from "../shapes";

const TAG = obj<Tag>({ Key: S, Value: S });

const FILTER = obj<Filter>({ Name: S, Values: arr(S) });

const PLACEMENT = obj<Placement>(
  {
    Zone: S,
    ProjectId: I,
    HostIds: arr(S),
    HostId: S,
    DedicatedResourcePackTenancy: S,
    DedicatedResourcePackIds: arr(S),
    RackId: S,
  },
  { HostIps: arr(S) }, // Placement.HostIps of earlier versions of the model
);

const SYSTEM_DISK = obj<SystemDisk>({
  DiskType: S,
  DiskId: S,
  DiskSize: I,
  CdcId: S,
  DiskName: S,
  Encrypt: B,
  KmsKeyId: S,
});

const DATA_DISK = obj<DataDisk>({
  DiskSize: I,
  DiskType: S,
  DiskId: S,
  DeleteWithInstance: B,
  SnapshotId: S,
  Encrypt: B,
  KmsKeyId: S,
  ThroughputPerformance: I,
  CdcId: S,
  BurstPerformance: B,
  DiskName: S,
});

const VPC = obj<VirtualPrivateCloud>({
  VpcId: S,
  SubnetId: S,
  AsVpcGateway: B,
  PrivateIpAddresses: arr(S),
  Ipv6AddressCount: I,
});

const INTERNET = obj<InternetAccessible>({
  InternetChargeType: S,
  InternetMaxBandwidthOut: I,
  PublicIpAssigned: B,
  BandwidthPackageId: S,
  InternetServiceProvider: S,
  IPv4AddressType: S,
  IPv6AddressType: S,
  AntiDDoSPackageId: S,
});

const ENHANCED = obj<EnhancedService>({
  SecurityService: obj<RunSecurityServiceEnabled>({ Enabled: B }),
  MonitorService: obj<RunMonitorServiceEnabled>({ Enabled: B }),
  AutomationService: obj<RunAutomationServiceEnabled>({ Enabled: B }),
});

const ACTION_TIMER = obj<ActionTimer>({
  TimerAction: S,
  ActionTime: S,
  Externals: obj<Externals>({
    ReleaseAddress: B,
    UnsupportNetworks: arr(S),
    StorageBlockAttr: obj<StorageBlock>({ Type: S, MinSize: I, MaxSize: I }),
  }),
  ActionTimerId: S,
  Status: S,
  InstanceId: S,
});

export const RUN_INSTANCES = obj<RunInstancesRequest>({
  InstanceChargeType: S,
  InstanceChargePrepaid: obj<InstanceChargePrepaid>({ Period: I, RenewFlag: S }),
  Placement: PLACEMENT,
  InstanceType: S,
  ImageId: S,
  SystemDisk: SYSTEM_DISK,
  DataDisks: arr(DATA_DISK),
  VirtualPrivateCloud: VPC,
  InternetAccessible: INTERNET,
  InstanceCount: I,
  MinCount: I,
  InstanceName: S,
  LoginSettings: obj<LoginSettings>({ Password: S, KeyIds: arr(S), KeepImageLogin: S }),
  SecurityGroupIds: arr(S),
  EnhancedService: ENHANCED,
  ClientToken: S,
  HostName: S,
  ActionTimer: ACTION_TIMER,
  DisasterRecoverGroupIds: arr(S),
  TagSpecification: arr(obj<TagSpecification>({ ResourceType: S, Tags: arr(TAG) })),
  InstanceMarketOptions: obj<InstanceMarketOptionsRequest>({
    SpotOptions: obj<SpotMarketOptions>({ MaxPrice: S, SpotInstanceType: S }),
    MarketType: S,
  }),
  UserData: S,
  Metadata: obj<Metadata>({ Items: arr(obj<MetadataItem>({ Key: S, Value: S })) }),
  DryRun: B,
  CpuTopology: obj<CpuTopology>({ CoreCount: I, ThreadPerCore: I }),
  CamRoleName: S,
  HpcClusterId: S,
  LaunchTemplate: obj<LaunchTemplate>({ LaunchTemplateId: S, LaunchTemplateVersion: I }),
  DedicatedClusterId: S,
  ChcIds: arr(S),
  PartitionNumber: I,
  DisableApiTermination: B,
  EnableJumboFrame: B,
  NetworkInterfaces: arr(
    obj<NetworkInterfaces>({
      InterfaceType: S,
      VpcId: S,
      SubnetId: S,
      PrivateIpv4AddressCount: I,
      NetworkInterfaceId: S,
      SecurityGroupIds: arr(S),
      DeleteWithInstance: B,
    }),
  ),
});

export const DESCRIBE_INSTANCES = obj<DescribeInstancesRequest>({
  InstanceIds: arr(S),
  Filters: arr(FILTER),
  Offset: I,
  Limit: I,
});

export const TERMINATE_INSTANCES = obj<TerminateInstancesRequest>({
  InstanceIds: arr(S),
  ReleaseAddress: B,
  ReleasePrepaidDataDisks: B,
});

export const MODIFY_INSTANCES_ATTRIBUTE = obj<ModifyInstancesAttributeRequest>({
  InstanceIds: arr(S),
  InstanceName: S,
  UserData: S,
  SecurityGroups: arr(S),
  CamRoleName: S,
  HostName: S,
  DisableApiTermination: B,
  CamRoleType: S,
  AutoReboot: B,
  EnableJumboFrame: B,
});

/** DescribeZonesRequest is `null` in the SDK: the action takes no parameter. */
export const DESCRIBE_ZONES = NO_PARAMETERS;

export const DESCRIBE_INSTANCE_TYPE_CONFIGS = obj<DescribeInstanceTypeConfigsRequest>({
  Filters: arr(FILTER),
});

/** The ids of the actions on instances; the forced stop of those that need a stopped instance. */
const IDS = { InstanceIds: arr(S) };
const FORCED = { ...IDS, ForceStop: B as Spec };

export const START_INSTANCES = obj<StartInstancesRequest>(IDS);
export const STOP_INSTANCES = obj<StopInstancesRequest>({ ...FORCED, StopType: S, StoppedMode: S });
export const RESET_INSTANCES_TYPE = obj<ResetInstancesTypeRequest>({ ...FORCED, InstanceType: S });
export const RESET_INSTANCES_PASSWORD = obj<ResetInstancesPasswordRequest>({
  ...FORCED,
  Password: S,
  UserName: S,
});
export const ASSOCIATE_INSTANCES_KEY_PAIRS = obj<AssociateInstancesKeyPairsRequest>({
  ...FORCED,
  KeyIds: arr(S),
});
export const DISASSOCIATE_INSTANCES_KEY_PAIRS = obj<DisassociateInstancesKeyPairsRequest>({
  ...FORCED,
  KeyIds: arr(S),
});

export const RESET_INSTANCE = obj<ResetInstanceRequest>({
  InstanceId: S,
  ImageId: S,
  SystemDisk: SYSTEM_DISK,
  LoginSettings: obj<LoginSettings>({ Password: S, KeyIds: arr(S), KeepImageLogin: S }),
  EnhancedService: ENHANCED,
  HostName: S,
  UserData: S,
});

export const RESIZE_INSTANCE_DISKS = obj<ResizeInstanceDisksRequest>({
  InstanceId: S,
  DataDisks: arr(DATA_DISK),
  ForceStop: B,
  SystemDisk: SYSTEM_DISK,
  ResizeOnline: B,
});

/** StartTime and EndTime YYYY-MM-DD: for BANDWIDTH_PREPAID only. */
export const RESET_INSTANCES_INTERNET_MAX_BANDWIDTH = obj<ResetInstancesInternetMaxBandwidthRequest>({
  ...IDS,
  InternetAccessible: INTERNET,
  StartTime: S,
  EndTime: S,
});
export const MODIFY_INSTANCES_PROJECT = obj<ModifyInstancesProjectRequest>({ ...IDS, ProjectId: I });
export const MODIFY_INSTANCES_RENEW_FLAG = obj<ModifyInstancesRenewFlagRequest>({ ...IDS, RenewFlag: S });

/**
 * Tencent Cloud CVM API 2017-03-12: RunInstances (document 001, "001" below), DescribeInstances,
 * TerminateInstances, ModifyInstancesAttribute, DescribeZones, DescribeInstanceTypeConfigs.
 *
 * Request shapes are the SDK's request models (tencentcloud-sdk-nodejs cvm_models.d.ts, "SDK"
 * below), checked at compile time against the SDK's own types: every field is accepted, any other
 * name is UnknownParameter. Error codes are the document's; where it is silent, those the SDK lists
 * for the action (tencentcloud-sdk-go cvm/v20170312 client.go, "SDK codes" below).
 */
import { randomUUID } from "node:crypto";
import type {
  ActionTimer,
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
import type { Call, Handler, Handlers } from "../call";
import type { World } from "../world";
import type { Instance } from "../instance";
import type { Lifecycle } from "../lifecycle";
import { Image, TencentRegion, tencentZone } from "../catalogue";
import { ApiError, invalidParameterValue, missingParameter, unknownParameter } from "../errors";
import { MAX_TAGS_PER_RESOURCE, TagProblem, tagProblem } from "./tag";

// ---- request shapes -----------------------------------------------------------------------------

type Spec = "string" | "integer" | "boolean" | { array: Spec } | { fields: Record<string, Spec> };
/** One spec per field of the SDK model T: a field missing or added here fails to compile. */
type Fields<T> = { [K in keyof Required<T>]: Spec };

const S = "string";
const I = "integer";
const B = "boolean";
const arr = (of: Spec): Spec => ({ array: of });
function obj<T>(fields: Fields<T>, legacy: Record<string, Spec> = {}): Spec {
  return { fields: { ...fields, ...legacy } };
}

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
const RUN_INSTANCES = obj<RunInstancesRequest>({
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
const DESCRIBE_INSTANCES = obj<DescribeInstancesRequest>({
  InstanceIds: arr(S),
  Filters: arr(FILTER),
  Offset: I,
  Limit: I,
});
const TERMINATE_INSTANCES = obj<TerminateInstancesRequest>({
  InstanceIds: arr(S),
  ReleaseAddress: B,
  ReleasePrepaidDataDisks: B,
});
const MODIFY_INSTANCES_ATTRIBUTE = obj<ModifyInstancesAttributeRequest>({
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
const DESCRIBE_ZONES: Spec = { fields: {} };
const DESCRIBE_INSTANCE_TYPE_CONFIGS = obj<DescribeInstanceTypeConfigsRequest>({ Filters: arr(FILTER) });

/** UnknownParameter for names the model does not have, InvalidParameter for values of the wrong type. */
function checkShape(value: unknown, spec: Spec, path: string): void {
  if (value === null || value === undefined) return;
  if (typeof spec === "string") return checkScalar(value, spec, path);
  if ("array" in spec) {
    if (!Array.isArray(value)) throw invalidType(path, "an array");
    value.forEach((item, i) => checkShape(item, spec.array, `${path}.${i}`));
    return;
  }
  if (typeof value !== "object" || Array.isArray(value)) throw invalidType(path, "an object");
  for (const [key, item] of Object.entries(value)) {
    const name = path ? `${path}.${key}` : key;
    const sub = spec.fields[key];
    if (!sub) throw unknownParameter(name);
    checkShape(item, sub, name);
  }
}

function checkScalar(value: unknown, type: "string" | "integer" | "boolean", path: string): void {
  if (type === "string" && typeof value !== "string") throw invalidType(path, "a string");
  if (type === "integer" && !Number.isInteger(value)) throw invalidType(path, "an integer");
  if (type === "boolean" && typeof value !== "boolean") throw invalidType(path, "a boolean");
}

function invalidType(name: string, what: string): ApiError {
  return new ApiError("InvalidParameter", `The parameter \`${name}\` must be ${what}.`);
}

// ---- common: region, handler wrapper, instance lookups ---------------------------------------------

/** Region is a required common parameter (001 "Region Yes String Common parameter"). */
function regionOf(call: Call): TencentRegion {
  if (!call.region) throw missingParameter("Region");
  const region = call.world.catalogue.tencent.regions.find((r) => r.region === call.region);
  if (!region) {
    throw new ApiError("UnsupportedRegion", `The region \`${call.region}\` is not supported by cvm.`);
  }
  return region;
}

/** Region first (common parameters), then the request's shape, then the action. */
function action<T>(
  spec: Spec,
  run: (call: Call, req: T, region: TencentRegion) => Record<string, unknown>,
): Handler {
  return (call) => {
    const region = regionOf(call);
    checkShape(call.params, spec, "");
    return run(call, call.params as T, region);
  };
}

const INSTANCE_ID = /^ins-[a-z0-9]{8}$/;
const MAX_IDS = 100;
const LIFECYCLE: Lifecycle = {
  states: [
    "PENDING",
    "LAUNCH_FAILED",
    "RUNNING",
    "STOPPED",
    "STARTING",
    "STOPPING",
    "REBOOTING",
    "SHUTDOWN",
    "TERMINATING",
  ],
  launch: [{ state: "PENDING", lasts: "bootMs" }, { state: "RUNNING" }],
  launchFailed: [
    { state: "PENDING", lasts: "bootMs" },
    { state: "LAUNCH_FAILED", lasts: "terminateMs" },
    { state: "GONE" },
  ],
  processes: {},
};

/** The caller's CVM instances in the request's region: due transitions and scheduled terminations applied. */
function instancesOf(call: Call): Instance[] {
  return call.world
    .list("cvm", call.account, call.region)
    .filter((inst) => applyActionTimer(call.world, inst));
}

/** ActionTimer: "目前仅支持定时销毁" - the instance terminates at ActionTime (SDK ActionTimer). */
function applyActionTimer(world: World, inst: Instance): boolean {
  const at = inst.attrs.ActionTime as number | undefined;
  if (at === undefined || at > world.now() || inst.state === "TERMINATING") return true;
  delete inst.attrs.ActionTime;
  world.startOperation(inst, "TerminateInstances", world.newRequestId());
  world.transition(inst, "TERMINATING", "GONE", Math.max(0, at + world.settings.terminateMs - world.now()));
  return world.instances.has(inst.id);
}

/** InstanceIds of Terminate / Modify: at most 100, well-formed, all of them the caller's. */
function findInstances(call: Call, ids: string[] | undefined): Instance[] {
  if (!ids || ids.length === 0) throw missingParameter("InstanceIds");
  checkInstanceIds(ids);
  const mine = new Map(instancesOf(call).map((inst) => [inst.id, inst]));
  return [...new Set(ids)].map((id) => {
    const inst = mine.get(id);
    if (!inst) throw new ApiError("InvalidInstanceId.NotFound", `The instance \`${id}\` does not exist.`);
    return inst;
  });
}

/** "每次请求批量实例的上限为100" (SDK); ids look like ins-xxxxxxxx. */
function checkInstanceIds(ids: string[]): void {
  if (ids.length > MAX_IDS) {
    throw new ApiError(
      "InvalidParameterValue.LimitExceeded",
      `The parameter \`InstanceIds\` holds at most ${MAX_IDS} instance ids; ${ids.length} were given.`,
    );
  }
  const bad = ids.find((id) => !INSTANCE_ID.test(id));
  if (bad !== undefined) {
    throw new ApiError(
      "InvalidInstanceId.Malformed",
      `The instance id \`${bad}\` is malformed: expected ins-xxxxxxxx.`,
    );
  }
}

// ---- RunInstances (001) ------------------------------------------------------------------------------

const CHARGE_TYPES = ["PREPAID", "POSTPAID_BY_HOUR", "CDHPAID", "SPOTPAID", "CDCPAID"];
const PERIODS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36];
const RENEW_FLAGS = ["NOTIFY_AND_AUTO_RENEW", "NOTIFY_AND_MANUAL_RENEW", "DISABLE_NOTIFY_AND_MANUAL_RENEW"];
const CLOUD_DISKS = ["CLOUD_BASIC", "CLOUD_SSD", "CLOUD_PREMIUM", "CLOUD_BSSD", "CLOUD_HSSD", "CLOUD_TSSD"];
const LOCAL_DISKS = ["LOCAL_BASIC", "LOCAL_SSD"];
/** "LOCAL_NVME / LOCAL_PRO：与InstanceType强相关，不支持指定" (SDK DataDisk). */
const UNSPECIFIABLE_DISKS = ["LOCAL_NVME", "LOCAL_PRO"];
const INTERNET_CHARGE_TYPES = [
  "BANDWIDTH_PREPAID",
  "TRAFFIC_POSTPAID_BY_HOUR",
  "BANDWIDTH_POSTPAID_BY_HOUR",
  "BANDWIDTH_PACKAGE",
];
const ISPS = ["BGP", "CMCC", "CTCC", "CUCC"];
const MAX_NAME_LENGTH = 60;
const NAME_PATTERN = /\{R:(\d+)(?:,F:([0-8]))?\}/g;
const PASSWORD_SPECIALS = "()`~!@#$%^&*-+=|{}[]:;',.?/";
const USER_DATA_MAX = 16 * 1024;

interface TypeInfo {
  instanceType: string;
  family: string;
  cpu: number;
  memory: number;
  gpu: number;
}

/** Everything RunInstances decided while validating: what launch needs. */
interface RunPlan {
  zone: string;
  projectId: number;
  hostId?: string;
  image: Image;
  windows: boolean;
  chargeType: string;
  period?: number;
  renewFlag?: string;
  type: TypeInfo;
  count: number;
  names: string[];
  hostName?: string;
  privateIps: string[];
  systemDisk: { DiskType: string; DiskSize: number };
  dataDisks: DataDisk[];
  vpc: { VpcId: string; SubnetId: string; AsVpcGateway: boolean };
  internet: { InternetChargeType: string; InternetMaxBandwidthOut: number; BandwidthPackageId?: string };
  publicIp: boolean;
  securityGroupIds: string[];
  keyIds: string[];
  tags: Record<string, string>;
  actionTime?: number;
}

function runInstances(call: Call, req: RunInstancesRequest, region: TencentRegion): Record<string, unknown> {
  const plan = planRun(call, req, region);
  // DryRun: "检查项包括是否填写了必需参数，请求格式，业务限制和云服务器库存 ... 如果检查通过，则返回RequestId".
  if (req.DryRun) {
    checkCapacity(call, plan);
    return {};
  }
  // ClientToken: the same token returns the first request's instances (001 "How to ensure idempotency").
  const ids = call.world.idempotent(`cvm.RunInstances|${call.account}`, req.ClientToken, req, () => {
    checkCapacity(call, plan);
    return launchAll(call, req, plan);
  });
  return { InstanceIdSet: ids };
}

/** Validates every parameter in the document's order and returns what to launch. */
function planRun(call: Call, req: RunInstancesRequest, region: TencentRegion): RunPlan {
  checkLaunchTemplate(req.LaunchTemplate);
  const placement = checkPlacement(call, req, region);
  const image = checkImage(call, req.ImageId);
  const windows = image.platform === "WINDOWS";
  const chargeType = req.InstanceChargeType ?? "POSTPAID_BY_HOUR";
  const prepaid = checkChargeType(req, chargeType);
  const type = checkInstanceType(call, req.InstanceType, chargeType, placement.zone);
  const hostId = checkHosts(call, req.Placement?.HostIds, chargeType, placement.zone);
  checkDedicatedResources(req, chargeType);
  const systemDisk = checkSystemDisk(req.SystemDisk);
  const dataDisks = checkDataDisks(req.DataDisks);
  const count = checkCount(req);
  const vpc = checkVpc(call, req.VirtualPrivateCloud, count);
  const internet = checkInternet(req.InternetAccessible, chargeType);
  const names = instanceNames(req.InstanceName, count);
  const keyIds = checkLoginSettings(req.LoginSettings, windows);
  const securityGroupIds = checkSecurityGroups(call, req.SecurityGroupIds);
  checkClientToken(req.ClientToken);
  checkHostName(req.HostName, windows, count, "InvalidParameterValue.IllegalHostName");
  const actionTime = checkActionTimer(call.world, req.ActionTimer);
  checkDisasterRecoverGroups(req.DisasterRecoverGroupIds);
  const tags = checkTagSpecification(req.TagSpecification);
  checkMarketOptions(req.InstanceMarketOptions, chargeType);
  checkUserData(req.UserData);
  checkHpcCluster(req.HpcClusterId);
  checkCpuTopology(req.CpuTopology, type);
  checkMetadata(req.Metadata);
  return {
    ...placement,
    hostId,
    image,
    windows,
    chargeType,
    ...prepaid,
    type,
    count,
    names,
    hostName: req.HostName,
    privateIps: vpc.privateIps,
    systemDisk,
    dataDisks,
    vpc: vpc.vpc,
    ...internet,
    securityGroupIds,
    keyIds,
    tags,
    actionTime,
  };
}

/** LaunchTemplate (SDK): the emulator holds no launch template, so any id is unknown. */
function checkLaunchTemplate(template: LaunchTemplate | undefined): void {
  if (!template) return;
  const id = template.LaunchTemplateId;
  if (id === undefined) throw missingParameter("LaunchTemplate.LaunchTemplateId");
  if (!/^lt-[a-z0-9]{8}$/.test(id)) {
    throw new ApiError(
      "InvalidParameterValue.LaunchTemplateIdMalformed",
      `The launch template id \`${id}\` is malformed.`,
    );
  }
  throw new ApiError(
    "InvalidParameterValue.LaunchTemplateNotFound",
    `The launch template \`${id}\` does not exist.`,
  );
}

/** 001: Placement is required; its Zone must be a zone of the request's region. */
function checkPlacement(call: Call, req: RunInstancesRequest, region: TencentRegion) {
  if (!req.Placement) throw missingParameter("Placement");
  const zone = req.Placement.Zone;
  if (zone === undefined) throw missingParameter("Placement.Zone");
  if (tencentZone(call.world.catalogue, zone)?.region !== region.region) {
    throw new ApiError(
      "InvalidZone.MismatchRegion",
      `The zone \`${zone}\` does not exist in region \`${region.region}\`.`,
    );
  }
  const projectId = req.Placement.ProjectId ?? 0;
  if (projectId < 0) {
    throw new ApiError("InvalidProjectId.NotFound", `The project \`${projectId}\` does not exist.`);
  }
  return { zone, projectId };
}

/** 001: ImageId is required, "in the format of img-xxx", and must exist. */
function checkImage(call: Call, imageId: string | undefined): Image {
  if (imageId === undefined) throw missingParameter("ImageId");
  if (!/^img-[a-z0-9]{8}$/.test(imageId)) {
    throw new ApiError(
      "InvalidImageId.Malformed",
      `The image id \`${imageId}\` is malformed: expected img-xxxxxxxx.`,
    );
  }
  const image = call.world.catalogue.tencent.images.find((i) => i.imageId === imageId);
  if (!image) throw new ApiError("InvalidImageId.NotFound", `The image \`${imageId}\` cannot be found.`);
  return image;
}

/** 001: InstanceChargeType values (SDK adds SPOTPAID, CDCPAID); prepaid needs InstanceChargePrepaid. */
function checkChargeType(
  req: RunInstancesRequest,
  chargeType: string,
): { period?: number; renewFlag?: string } {
  if (!CHARGE_TYPES.includes(chargeType)) {
    throw invalidParameterValue(
      "InstanceChargeType",
      `\`${chargeType}\` is not one of ${CHARGE_TYPES.join(", ")}`,
    );
  }
  if (chargeType !== "PREPAID") return {};
  const prepaid = req.InstanceChargePrepaid;
  if (!prepaid) throw missingParameter("InstanceChargePrepaid");
  if (prepaid.Period === undefined) throw missingParameter("InstanceChargePrepaid.Period");
  // 001 InvalidPeriod: "Valid values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36]; unit: month."
  if (!PERIODS.includes(prepaid.Period)) {
    throw new ApiError(
      "InvalidPeriod",
      `Invalid period \`${prepaid.Period}\`. Valid values: [${PERIODS.join(", ")}]; unit: month.`,
    );
  }
  const renewFlag = prepaid.RenewFlag ?? "NOTIFY_AND_MANUAL_RENEW";
  if (!RENEW_FLAGS.includes(renewFlag)) {
    throw invalidParameterValue(
      "InstanceChargePrepaid.RenewFlag",
      `\`${renewFlag}\` is not one of ${RENEW_FLAGS.join(", ")}`,
    );
  }
  return { period: prepaid.Period, renewFlag };
}

/** 001: InstanceType defaults to S1.SMALL1; CDHPAID takes CDH_XCXG; other types must be sold in the zone. */
function checkInstanceType(call: Call, name: string | undefined, chargeType: string, zone: string): TypeInfo {
  if (chargeType === "CDHPAID") {
    if (name === undefined) throw missingParameter("InstanceType");
    const cdh = /^CDH_(\d+)C(\d+)G$/.exec(name);
    if (!cdh) {
      throw new ApiError(
        "InvalidInstanceType.Malformed",
        `CDHPAID instance types look like CDH_1C1G; \`${name}\` does not.`,
      );
    }
    return { instanceType: name, family: "CDH", cpu: Number(cdh[1]), memory: Number(cdh[2]), gpu: 0 };
  }
  const instanceType = name ?? "S1.SMALL1";
  if (!/^[A-Z][A-Z0-9]*\.[A-Z0-9]+$/.test(instanceType)) {
    throw new ApiError(
      "InvalidInstanceType.Malformed",
      `The instance type \`${instanceType}\` is malformed${instanceType.startsWith("CDH_") ? " (CDH_ types need InstanceChargeType CDHPAID)" : ""}.`,
    );
  }
  const known = call.world.catalogue.tencent.instanceTypes.find(
    (t) => t.instanceType === instanceType && t.family !== "CDH",
  );
  if (!known) {
    throw new ApiError(
      "ResourceUnavailable.InstanceType",
      `The instance type \`${instanceType}\` is unavailable in the availability zone \`${zone}\`.`,
    );
  }
  return { ...known, gpu: known.gpu ?? 0 };
}

/** Placement.HostIds: host-xxxxxxxx CDHs of the account in the zone; required by (and only for) CDHPAID. */
function checkHosts(
  call: Call,
  hostIds: string[] | undefined,
  chargeType: string,
  zone: string,
): string | undefined {
  const ids = hostIds ?? [];
  const malformed = ids.find((id) => !/^host-[a-z0-9]{8}$/.test(id));
  if (malformed !== undefined) {
    throw new ApiError("InvalidHostId.Malformed", `Invalid CDH ID \`${malformed}\`: expected host-xxxxxxxx.`);
  }
  const hosts = call.world.catalogue.tencent.cdhHosts;
  const unknown = ids.find((id) => !hosts.some((h) => h.hostId === id && h.zone === zone));
  if (unknown !== undefined) {
    throw new ApiError(
      "InvalidHostId.NotFound",
      `The CDH \`${unknown}\` does not exist in zone \`${zone}\`.`,
    );
  }
  if (chargeType === "CDHPAID" && ids.length === 0) throw missingParameter("Placement.HostIds");
  if (chargeType !== "CDHPAID" && ids.length > 0) {
    throw new ApiError(
      "InvalidParameterCombination",
      "Placement.HostIds requires InstanceChargeType CDHPAID.",
    );
  }
  return ids[0];
}

/** CDCPAID needs DedicatedClusterId; the emulator has no CDC or CHC, so any id given is unknown. */
function checkDedicatedResources(req: RunInstancesRequest, chargeType: string): void {
  if (chargeType === "CDCPAID" && req.DedicatedClusterId === undefined) {
    throw missingParameter("DedicatedClusterId");
  }
  if (req.DedicatedClusterId !== undefined) {
    throw invalidParameterValue(
      "DedicatedClusterId",
      `the dedicated cluster \`${req.DedicatedClusterId}\` does not exist`,
    );
  }
  if (req.ChcIds && req.ChcIds.length > 0) {
    throw new ApiError(
      "InvalidParameterValue.ChcHostsNotFound",
      `The CHC hosts ${req.ChcIds.join(", ")} do not exist.`,
    );
  }
}

/** SystemDisk (SDK): DiskType values, DiskSize default 50 GiB. */
function checkSystemDisk(disk: SystemDisk | undefined): { DiskType: string; DiskSize: number } {
  const diskType = disk?.DiskType ?? "CLOUD_PREMIUM";
  if (![...LOCAL_DISKS, ...CLOUD_DISKS].includes(diskType)) {
    throw invalidParameterValue("SystemDisk.DiskType", `\`${diskType}\` is not a system disk type`);
  }
  const diskSize = disk?.DiskSize ?? 50;
  if (diskSize <= 0) {
    throw invalidParameterValue(
      "SystemDisk.DiskSize",
      "the size must be positive",
      "InvalidParameterValue.Range",
    );
  }
  return { DiskType: diskType, DiskSize: diskSize };
}

/**
 * 001 DataDisks: "you can specify 21 data disks, which can contain at most 1 LOCAL_BASIC data disk or
 * LOCAL_SSD data disk, and at most 20 CLOUD_BASIC ... CLOUD_SSD data disks"; CLOUD_SSD at least 100 GB;
 * SDK DataDisk: sizes step by 10 GiB, 0 means no disk, DiskType defaults to LOCAL_BASIC.
 */
function checkDataDisks(disks: DataDisk[] | undefined): DataDisk[] {
  const all = disks ?? [];
  all.forEach((disk, i) => checkDataDisk(disk, i));
  const wanted = all.filter((d) => d.DiskSize > 0);
  const local = wanted.filter((d) => LOCAL_DISKS.includes(d.DiskType ?? "LOCAL_BASIC")).length;
  const cloud = wanted.length - local;
  if (all.length > 21 || local > 1 || cloud > 20) {
    throw new ApiError(
      "InvalidParameterValue.LimitExceeded",
      `At most 21 data disks (1 local, 20 cloud) can be bought; ${all.length} (${local} local, ${cloud} cloud) were given.`,
    );
  }
  return wanted;
}

function checkDataDisk(disk: DataDisk, i: number): void {
  const name = `DataDisks.${i}`;
  if (disk.DiskSize === undefined) throw missingParameter(`${name}.DiskSize`);
  const diskType = disk.DiskType ?? "LOCAL_BASIC";
  if (UNSPECIFIABLE_DISKS.includes(diskType)) {
    throw new ApiError(
      "UnsupportedOperation.InvalidDisk",
      `The data disk type \`${diskType}\` cannot be specified.`,
    );
  }
  if (![...LOCAL_DISKS, ...CLOUD_DISKS].includes(diskType)) {
    throw invalidParameterValue(`${name}.DiskType`, `\`${diskType}\` is not a data disk type`);
  }
  if (disk.DiskSize < 0 || disk.DiskSize % 10 !== 0) {
    throw invalidParameterValue(`${name}.DiskSize`, `${disk.DiskSize} GB is not a multiple of 10 GB`);
  }
  if (diskType === "CLOUD_SSD" && disk.DiskSize > 0 && disk.DiskSize < 100) {
    throw new ApiError(
      "InvalidParameterValue.CloudSsdDataDiskSizeTooSmall",
      `The minimum capacity of a SSD data disk is 100 GB; ${name}.DiskSize is ${disk.DiskSize}.`,
    );
  }
  if (disk.SnapshotId !== undefined) {
    if (!/^snap-[a-z0-9]{8}$/.test(disk.SnapshotId)) {
      throw new ApiError(
        "InvalidParameterValue.SnapshotIdMalformed",
        `Invalid snapshot ID \`${disk.SnapshotId}\`. Provide a snapshot ID in the format of snap-xxxxxxxx.`,
      );
    }
    throw new ApiError(
      "InvalidParameter.SnapshotNotFound",
      `The snapshot \`${disk.SnapshotId}\` does not exist.`,
    );
  }
}

/** 001 InstanceCount: "Value range: [1, 100]; default value: 1"; MinCount (SDK) in [1, InstanceCount]. */
function checkCount(req: RunInstancesRequest): number {
  const count = req.InstanceCount ?? 1;
  if (count < 1 || count > 100) {
    throw new ApiError(
      "InvalidParameterValue.Range",
      `InstanceCount must be in [1, 100]; ${count} was given.`,
    );
  }
  if (req.MinCount !== undefined && (req.MinCount < 1 || req.MinCount > count)) {
    throw new ApiError(
      "InvalidParameterValue.Range",
      `MinCount must be in [1, InstanceCount]; ${req.MinCount} was given.`,
    );
  }
  return count;
}

/**
 * 001 VirtualPrivateCloud: "If a VPC IP is specified ... The value of parameter InstanceCount must be same
 * as the number of VPC IPs, which cannot be greater than 20"; ids vpc-xxxxxxxx / subnet-xxxxxxxx or DEFAULT.
 */
function checkVpc(call: Call, vpc: VirtualPrivateCloud | undefined, count: number) {
  if (!vpc) return { vpc: { VpcId: "", SubnetId: "", AsVpcGateway: false }, privateIps: [] };
  if (vpc.VpcId === undefined) throw missingParameter("VirtualPrivateCloud.VpcId");
  if (vpc.SubnetId === undefined) throw missingParameter("VirtualPrivateCloud.SubnetId");
  if (vpc.VpcId !== "DEFAULT" && !/^vpc-[a-z0-9]{8}$/.test(vpc.VpcId)) {
    throw new ApiError("InvalidParameterValue.VpcIdMalformed", `The VPC id \`${vpc.VpcId}\` is malformed.`);
  }
  if (vpc.SubnetId !== "DEFAULT" && !/^subnet-[a-z0-9]{8}$/.test(vpc.SubnetId)) {
    throw new ApiError(
      "InvalidParameterValue.SubnetIdMalformed",
      `The subnet id \`${vpc.SubnetId}\` is malformed.`,
    );
  }
  const ips = vpc.PrivateIpAddresses ?? [];
  const bad = ips.find((ip) => !isIpv4(ip));
  if (bad !== undefined) {
    throw new ApiError("InvalidParameter.InvalidIpFormat", `Invalid VPC IP address format: \`${bad}\`.`);
  }
  if (ips.length > 20) {
    throw invalidParameterValue(
      "VirtualPrivateCloud.PrivateIpAddresses",
      `at most 20 IPs can be given; ${ips.length} were`,
    );
  }
  if (ips.length > 0 && ips.length !== count) {
    throw new ApiError(
      "InvalidParameterCombination",
      `The number of VPC IPs (${ips.length}) must equal InstanceCount (${count}).`,
    );
  }
  if (new Set(ips).size !== ips.length) {
    throw new ApiError(
      "InvalidParameterValue.Duplicate",
      "VirtualPrivateCloud.PrivateIpAddresses holds an IP twice.",
    );
  }
  const used = instancesOf(call).find(
    (i) =>
      (i.attrs.VirtualPrivateCloud as { VpcId?: string })?.VpcId === vpc.VpcId &&
      ips.includes(i.privateIps[0]),
  );
  if (used) {
    throw new ApiError("VpcIpIsUsed", `The VPC IP address \`${used.privateIps[0]}\` is already occupied.`);
  }
  return {
    vpc: { VpcId: vpc.VpcId, SubnetId: vpc.SubnetId, AsVpcGateway: vpc.AsVpcGateway ?? false },
    privateIps: ips,
  };
}

function isIpv4(ip: string): boolean {
  const parts = ip.split(".");
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/**
 * 001 InternetAccessible: 0 Mbps by default. SDK: a public IP is assigned when the bandwidth is above 0
 * unless PublicIpAssigned is false, and "当公网带宽为0，则不允许分配公网IP"; the charge type follows the
 * instance's by default.
 */
function checkInternet(internet: InternetAccessible | undefined, chargeType: string) {
  const bandwidth = internet?.InternetMaxBandwidthOut ?? 0;
  const type =
    internet?.InternetChargeType ??
    (chargeType === "PREPAID" ? "BANDWIDTH_PREPAID" : "TRAFFIC_POSTPAID_BY_HOUR");
  if (!INTERNET_CHARGE_TYPES.includes(type)) {
    throw invalidParameterValue(
      "InternetAccessible.InternetChargeType",
      `\`${type}\` is not one of ${INTERNET_CHARGE_TYPES.join(", ")}`,
    );
  }
  if (bandwidth < 0) {
    throw invalidParameterValue(
      "InternetAccessible.InternetMaxBandwidthOut",
      "the bandwidth cannot be negative",
      "InvalidParameterValue.Range",
    );
  }
  if (internet?.PublicIpAssigned === true && bandwidth === 0) {
    throw new ApiError(
      "InvalidParameterCombination",
      "A public IP cannot be assigned when InternetMaxBandwidthOut is 0.",
    );
  }
  checkBandwidthPackage(internet, type);
  checkAddressTypes(internet);
  return {
    internet: {
      InternetChargeType: type,
      InternetMaxBandwidthOut: bandwidth,
      BandwidthPackageId: internet?.BandwidthPackageId,
    },
    publicIp: bandwidth > 0 && internet?.PublicIpAssigned !== false,
  };
}

/** BandwidthPackageId bwp-xxxxxxxx; the emulator holds no bandwidth package. */
function checkBandwidthPackage(internet: InternetAccessible | undefined, type: string): void {
  const id = internet?.BandwidthPackageId;
  if (type === "BANDWIDTH_PACKAGE" && id === undefined) {
    throw missingParameter("InternetAccessible.BandwidthPackageId");
  }
  if (id === undefined) return;
  if (!/^bwp-[a-z0-9]{8}$/.test(id)) {
    throw new ApiError(
      "InvalidParameterValue.BandwidthPackageIdMalformed",
      `The bandwidth package id \`${id}\` is malformed.`,
    );
  }
  throw new ApiError(
    "InvalidParameterValue.BandwidthPackageIdNotFound",
    `The bandwidth package \`${id}\` does not exist.`,
  );
}

/** InternetServiceProvider, IPv4AddressType, IPv6AddressType values (SDK InternetAccessible). */
function checkAddressTypes(internet: InternetAccessible | undefined): void {
  const isp = internet?.InternetServiceProvider;
  if (isp !== undefined && !ISPS.includes(isp)) {
    throw invalidParameterValue(
      "InternetAccessible.InternetServiceProvider",
      `\`${isp}\` is not one of ${ISPS.join(", ")}`,
    );
  }
  const v4 = internet?.IPv4AddressType;
  if (v4 !== undefined && !["WanIP", "HighQualityEIP", "AntiDDoSEIP"].includes(v4)) {
    throw invalidParameterValue(
      "InternetAccessible.IPv4AddressType",
      `\`${v4}\` is not WanIP, HighQualityEIP or AntiDDoSEIP`,
    );
  }
  if (v4 === "AntiDDoSEIP" && internet?.AntiDDoSPackageId === undefined) {
    throw missingParameter("InternetAccessible.AntiDDoSPackageId");
  }
  const v6 = internet?.IPv6AddressType;
  if (v6 !== undefined && !["EIPv6", "HighQualityEIPv6"].includes(v6)) {
    throw invalidParameterValue(
      "InternetAccessible.IPv6AddressType",
      `\`${v6}\` is not EIPv6 or HighQualityEIPv6`,
    );
  }
}

/**
 * 001 InstanceName: "Unnamed" by default; at most 60 characters including pattern strings; {R:x} gives
 * x, x+1, ... (SDK: {R:x,F:y} pads to y digits); without a pattern, several instances get suffixes 1..n.
 */
function instanceNames(name: string | undefined, count: number): string[] {
  if (name !== undefined) checkInstanceNameLength(name);
  if (!name) return Array.from({ length: count }, () => "Unnamed");
  return Array.from({ length: count }, (_, i) => expandPattern(name, count, i));
}

function checkInstanceNameLength(name: string): void {
  if ([...name].length > MAX_NAME_LENGTH) {
    throw new ApiError(
      "InvalidInstanceName.TooLong",
      `The specified InstanceName exceeds the maximum length of ${MAX_NAME_LENGTH} bytes.`,
    );
  }
}

/** Replaces {R:x} / {R:x,F:y} (and {IP} in host names) for the i-th of count instances. */
function expandPattern(template: string, count: number, i: number, ip?: string): string {
  const patterned =
    new RegExp(NAME_PATTERN.source).test(template) || (ip !== undefined && template.includes("{IP}"));
  if (!patterned) return count > 1 ? `${template}${i + 1}` : template;
  const numbered = template.replace(NAME_PATTERN, (_, start: string, width?: string) =>
    String(Number(start) + i).padStart(Number(width ?? 0), "0"),
  );
  return ip === undefined ? numbered : numbered.split("{IP}").join(ip);
}

/**
 * LoginSettings (SDK): Password, KeyIds and KeepImageLogin exclude each other; Windows takes no key
 * (UnsupportedOperation.KeyPairUnsupportedWindows); passwords as in passwordProblem.
 */
function checkLoginSettings(login: LoginSettings | undefined, windows: boolean): string[] {
  if (!login) return [];
  const keyIds = login.KeyIds ?? [];
  const keep = login.KeepImageLogin;
  if (keep !== undefined && !["TRUE", "FALSE"].includes(keep.toUpperCase())) {
    throw invalidParameterValue("LoginSettings.KeepImageLogin", "the value must be TRUE or FALSE");
  }
  const methods = [login.Password !== undefined, keyIds.length > 0, keep?.toUpperCase() === "TRUE"];
  if (methods.filter(Boolean).length > 1) {
    throw new ApiError(
      "InvalidParameterCombination",
      "LoginSettings.Password, LoginSettings.KeyIds and LoginSettings.KeepImageLogin cannot be specified together.",
    );
  }
  if (keyIds.length > 0 && windows) {
    throw new ApiError(
      "UnsupportedOperation.KeyPairUnsupportedWindows",
      "Key-pair login is not available to Windows instances.",
    );
  }
  const badKey = keyIds.find((id) => !/^skey-[a-z0-9]{8}$/.test(id));
  if (badKey !== undefined) {
    throw new ApiError("InvalidParameterValue.KeyPairNotFound", `The key pair \`${badKey}\` does not exist.`);
  }
  if (login.Password !== undefined) {
    const problem = passwordProblem(login.Password, windows);
    if (problem) throw new ApiError("InvalidPassword", `Invalid password: ${problem}.`);
  }
  return keyIds;
}

/**
 * SDK LoginSettings.Password: "Linux实例密码必须8到30位，至少包括两项[a-z]，[A-Z]、[0-9] 和 [( ) ` ~ ! @ # $ % ^
 * & * - + = | { } [ ] : ; ' , . ? / ]中的特殊符号。Windows实例密码必须12到30位，至少包括三项".
 */
function passwordProblem(password: string, windows: boolean): string | undefined {
  const [min, classes] = windows ? [12, 3] : [8, 2];
  const os = windows ? "Windows" : "Linux";
  if (password.length < min || password.length > 30) {
    return `${os} passwords must be ${min} to 30 characters long`;
  }
  const illegal = [...password].find((c) => !/[a-zA-Z0-9]/.test(c) && !PASSWORD_SPECIALS.includes(c));
  if (illegal !== undefined) return `the character \`${illegal}\` is not allowed`;
  const present = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (present < classes) {
    return `${os} passwords must contain at least ${classes} of [a-z], [A-Z], [0-9] and [${PASSWORD_SPECIALS}]`;
  }
  return undefined;
}

/** SecurityGroupIds / SecurityGroups: each must be a security group of the catalogue. */
function checkSecurityGroups(call: Call, ids: string[] | undefined): string[] {
  const known = call.world.catalogue.tencent.securityGroups;
  const unknown = (ids ?? []).find((id) => !known.includes(id));
  if (unknown !== undefined) {
    throw new ApiError(
      "InvalidSecurityGroupId.NotFound",
      `The specified security group ID \`${unknown}\` does not exist.`,
    );
  }
  return ids ?? [];
}

/** 001 ClientToken: "The maximum length is 64 ASCII characters." */
function checkClientToken(token: string | undefined): void {
  if (token === undefined) return;
  if (token.length > 64) {
    throw new ApiError(
      "InvalidClientToken.TooLong",
      "The specified ClientToken exceeds the maximum length of 64 bytes.",
    );
  }
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7f]*$/.test(token)) {
    throw invalidParameterValue("ClientToken", "only ASCII characters are allowed");
  }
}

/** Host names of every instance of the request, checked with the document's rules. */
function checkHostName(template: string | undefined, windows: boolean, count: number, code: string): void {
  if (template === undefined) return;
  for (let i = 0; i < count; i++) {
    const name = expandPattern(template, count, i, "10.0.0.1");
    const problem = hostNameProblem(name, windows);
    if (problem) throw new ApiError(code, `The value of HostName \`${name}\` is invalid: ${problem}.`);
  }
}

/**
 * 001 HostName: "Periods (.) or hyphens (-) cannot be the start or end of a host name or appear
 * consecutively"; Windows: 2-15 characters of letters, digits and hyphens, not only digits; others:
 * 2-60 characters, segments of letters, digits and hyphens between periods.
 */
function hostNameProblem(name: string, windows: boolean): string | undefined {
  if (/^[.-]|[.-]$|[.-]{2}/.test(name)) {
    return "periods and hyphens cannot start or end it or appear consecutively";
  }
  if (windows) {
    if (name.length < 2 || name.length > 15) return "Windows host names are 2 to 15 characters long";
    if (!/^[A-Za-z0-9-]+$/.test(name)) return "Windows host names hold letters, digits and hyphens only";
    if (/^\d+$/.test(name)) return "Windows host names cannot be only digits";
    return undefined;
  }
  if (name.length < 2 || name.length > 60) return "host names are 2 to 60 characters long";
  if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(name)) {
    return "segments hold letters, digits and hyphens only";
  }
  return undefined;
}

/** SDK ActionTimer: TimerAction TerminateInstances only; ActionTime YYYY-MM-DDThh:mm:ssZ, 5 minutes ahead at least. */
function checkActionTimer(world: World, timer: ActionTimer | undefined): number | undefined {
  if (!timer) return undefined;
  if (timer.TimerAction === undefined) throw missingParameter("ActionTimer.TimerAction");
  if (timer.TimerAction !== "TerminateInstances") {
    throw invalidParameterValue("ActionTimer.TimerAction", "only TerminateInstances is supported");
  }
  if (timer.ActionTime === undefined) throw missingParameter("ActionTimer.ActionTime");
  const at = Date.parse(timer.ActionTime);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(timer.ActionTime) || Number.isNaN(at)) {
    throw new ApiError(
      "InvalidParameterValue.InvalidTimeFormat",
      `ActionTimer.ActionTime \`${timer.ActionTime}\` is not in the format YYYY-MM-DDThh:mm:ssZ.`,
    );
  }
  if (at < world.now() + 5 * 60_000) {
    throw invalidParameterValue("ActionTimer.ActionTime", "the time must be at least 5 minutes from now");
  }
  return at;
}

/** 001 DisasterRecoverGroupIds: "You can only specify one"; ids ps-xxxxxxxx. */
function checkDisasterRecoverGroups(ids: string[] | undefined): void {
  if (!ids) return;
  if (ids.length > 1) {
    throw new ApiError(
      "InvalidParameterValue.LimitExceeded",
      "Only one DisasterRecoverGroupIds can be specified.",
    );
  }
  const bad = ids.find((id) => !/^ps-[a-z0-9]{8}$/.test(id));
  if (bad !== undefined) {
    throw new ApiError(
      "FailedOperation.DisasterRecoverGroupNotFound",
      `The placement group \`${bad}\` does not exist.`,
    );
  }
}

/** RunInstances code of each tag problem (001 / SDK codes). */
const RUN_TAG_CODES: Record<TagProblem, string> = {
  KeyEmpty: "FailedOperation.IllegalTagKey",
  KeyLengthExceeded: "FailedOperation.IllegalTagKey",
  KeyCharacterIllegal: "FailedOperation.IllegalTagKey",
  ReservedKey: "FailedOperation.TagKeyReserved",
  ValueLengthExceeded: "FailedOperation.IllegalTagValue",
  ValueCharacterIllegal: "FailedOperation.IllegalTagValue",
};

/** TagSpecification (SDK): tags for the instance ("instance") and its disks ("disk"). */
function checkTagSpecification(specs: TagSpecification[] | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  (specs ?? []).forEach((spec, i) => {
    if (spec.ResourceType === undefined) throw missingParameter(`TagSpecification.${i}.ResourceType`);
    if (!["instance", "disk"].includes(spec.ResourceType)) {
      throw invalidParameterValue(
        `TagSpecification.${i}.ResourceType`,
        "RunInstances tags resources of type instance or disk",
      );
    }
    if (spec.Tags === undefined) throw missingParameter(`TagSpecification.${i}.Tags`);
    spec.Tags.forEach((tag, j) => {
      if (tag.Key === undefined) throw missingParameter(`TagSpecification.${i}.Tags.${j}.Key`);
      if (tag.Value === undefined) throw missingParameter(`TagSpecification.${i}.Tags.${j}.Value`);
      const problem = tagProblem(tag.Key, tag.Value);
      if (problem) throw new ApiError(RUN_TAG_CODES[problem.problem], problem.message);
      if (spec.ResourceType !== "instance") return;
      if (tag.Key in tags) {
        throw new ApiError(
          "InvalidParameterValue.DuplicateTags",
          `The tag key \`${tag.Key}\` is given twice.`,
        );
      }
      tags[tag.Key] = tag.Value;
    });
  });
  if (Object.keys(tags).length > MAX_TAGS_PER_RESOURCE) {
    throw new ApiError(
      "InvalidParameterValue.TagQuotaLimitExceeded",
      `An instance can carry at most ${MAX_TAGS_PER_RESOURCE} tags; ${Object.keys(tags).length} were given.`,
    );
  }
  return tags;
}

/** InstanceMarketOptions (SDK): spot options for SPOTPAID; MarketType spot, SpotInstanceType one-time. */
function checkMarketOptions(options: InstanceMarketOptionsRequest | undefined, chargeType: string): void {
  if (!options) return;
  if (chargeType !== "SPOTPAID") {
    throw new ApiError(
      "InvalidParameterCombination",
      "InstanceMarketOptions requires InstanceChargeType SPOTPAID.",
    );
  }
  if (options.MarketType !== undefined && options.MarketType !== "spot") {
    throw invalidParameterValue("InstanceMarketOptions.MarketType", "only spot is supported");
  }
  const spot = options.SpotOptions;
  if (!spot) throw missingParameter("InstanceMarketOptions.SpotOptions");
  if (spot.MaxPrice === undefined) throw missingParameter("InstanceMarketOptions.SpotOptions.MaxPrice");
  if (!/^\d+(\.\d+)?$/.test(spot.MaxPrice)) {
    throw invalidParameterValue(
      "InstanceMarketOptions.SpotOptions.MaxPrice",
      "the price must be a decimal number",
    );
  }
  if (spot.SpotInstanceType !== undefined && spot.SpotInstanceType !== "one-time") {
    throw invalidParameterValue(
      "InstanceMarketOptions.SpotOptions.SpotInstanceType",
      "only one-time is supported",
    );
  }
}

/** 001 UserData: "encoded in base64 format with the maximum size of 16KB". */
function checkUserData(userData: string | undefined): void {
  if (userData === undefined) return;
  const base64 = userData.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(userData);
  if (!base64 || userData.length > USER_DATA_MAX) {
    throw new ApiError(
      "InvalidParameterValue.InvalidUserDataFormat",
      "Incorrect UserData format. Use the Base64-encoded format, at most 16 KB.",
    );
  }
}

/** 001 HpcClusterId: only for high-performance computing instances, of which the catalogue has none. */
function checkHpcCluster(id: string | undefined): void {
  if (id === undefined) return;
  throw new ApiError(
    "InvalidParameterValue.InstanceTypeNotSupportHpcCluster",
    "This type of instances cannot be added to the HPC cluster.",
  );
}

/** 001: "CoreCount and ThreadPerCore must be specified at the same time"; 1 or 2 threads per core. */
function checkCpuTopology(topology: CpuTopology | undefined, type: TypeInfo): void {
  if (!topology) return;
  const { CoreCount: cores, ThreadPerCore: threads } = topology;
  if (cores === undefined || threads === undefined) {
    throw new ApiError(
      "InvalidParameter.LackCoreCountOrThreadPerCore",
      "CoreCount and ThreadPerCore must be specified at the same time.",
    );
  }
  if (threads !== 1 && threads !== 2) {
    throw new ApiError(
      "InvalidParameterValue.ThreadPerCoreValue",
      `Invalid thread count per core: ${threads}.`,
    );
  }
  if (cores < 1 || cores * threads > type.cpu) {
    throw new ApiError(
      "InvalidParameterValue.CoreCountValue",
      `Illegal core count ${cores} for ${type.instanceType}.`,
    );
  }
}

/** SDK MetadataItem: keys of [A-Za-z0-9_-] up to 128 bytes, values up to 256 KB. */
function checkMetadata(metadata: Metadata | undefined): void {
  const items = metadata?.Items ?? [];
  const keys = new Set<string>();
  items.forEach((item, i) => {
    if (item.Key === undefined) throw missingParameter(`Metadata.Items.${i}.Key`);
    if (item.Value === undefined) throw missingParameter(`Metadata.Items.${i}.Value`);
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(item.Key)) {
      throw invalidParameterValue(`Metadata.Items.${i}.Key`, "keys hold 1 to 128 of A-Z a-z 0-9 _ -");
    }
    if (Buffer.byteLength(item.Value) > 256 * 1024) {
      throw invalidParameterValue(`Metadata.Items.${i}.Value`, "values hold at most 256 KB");
    }
    if (keys.has(item.Key)) {
      throw new ApiError(
        "InvalidParameterValue.Duplicate",
        `The metadata key \`${item.Key}\` is given twice.`,
      );
    }
    keys.add(item.Key);
  });
}

/** Quota per account and region (001 "subject to the CVM instance purchase limit") and stock. */
function checkCapacity(call: Call, plan: RunPlan): void {
  const { world } = call;
  const held = instancesOf(call).filter((i) => i.state !== "LAUNCH_FAILED").length;
  if (held + plan.count > world.settings.cvmQuota) {
    throw new ApiError(
      "LimitExceeded.InstanceQuota",
      `You are short of the instance quota: ${held} of ${world.settings.cvmQuota} held in ${call.region}, ${plan.count} requested.`,
    );
  }
  world.checkStock(
    plan.type.instanceType,
    "ResourceInsufficient.SpecifiedInstanceType",
    `The specified instance type \`${plan.type.instanceType}\` is out of stock in \`${plan.zone}\`.`,
  );
  world.checkStock(
    plan.zone,
    "ResourceInsufficient.AvailabilityZoneSoldOut",
    `The availability zone \`${plan.zone}\` is sold out.`,
  );
}

function launchAll(call: Call, req: RunInstancesRequest, plan: RunPlan): string[] {
  const { world } = call;
  return plan.names.map((name, i) => {
    const privateIp = plan.privateIps[i] ?? world.nextPrivateIp();
    const inst = world.launch(
      {
        id: world.newId("ins-"),
        service: "cvm",
        account: call.account,
        region: call.region,
        zone: plan.zone,
        name,
        privateIps: [privateIp],
        publicIps: plan.publicIp ? [world.nextPublicIp()] : [],
        tags: { ...plan.tags },
        attrs: instanceAttrs(
          world,
          req,
          plan,
          plan.hostName && expandPattern(plan.hostName, plan.count, i, privateIp),
        ),
        latestOperation: { name: "RunInstances", state: "OPERATING", requestId: call.requestId },
      },
      LIFECYCLE,
    );
    if (plan.period !== undefined) inst.expiresAt = addMonths(inst.createdAt, plan.period);
    return inst.id;
  });
}

/** The attributes DescribeInstances shows (SDK Instance), in the model's own names. */
function instanceAttrs(
  world: World,
  req: RunInstancesRequest,
  plan: RunPlan,
  hostName?: string,
): Record<string, unknown> {
  return {
    Placement: { Zone: plan.zone, ProjectId: plan.projectId, HostId: plan.hostId },
    InstanceType: plan.type.instanceType,
    CPU: plan.type.cpu,
    Memory: plan.type.memory,
    GPU: plan.type.gpu,
    ImageId: plan.image.imageId,
    OsName: plan.image.osName,
    Windows: plan.windows,
    InstanceChargeType: plan.chargeType,
    RenewFlag: plan.renewFlag,
    SystemDisk: { ...plan.systemDisk, DiskId: world.newId("disk-") },
    DataDisks: plan.dataDisks.map((d) => ({
      DiskSize: d.DiskSize,
      DiskType: d.DiskType ?? "LOCAL_BASIC",
      DiskId: world.newId("disk-"),
      DeleteWithInstance: d.DeleteWithInstance ?? true,
      Encrypt: d.Encrypt ?? false,
      ThroughputPerformance: d.ThroughputPerformance ?? 0,
    })),
    InternetAccessible: plan.internet,
    VirtualPrivateCloud: plan.vpc,
    SecurityGroupIds: plan.securityGroupIds,
    KeyIds: plan.keyIds,
    HostName: hostName,
    CamRoleName: req.CamRoleName ?? "",
    HpcClusterId: req.HpcClusterId ?? "",
    DisasterRecoverGroupIds: req.DisasterRecoverGroupIds ?? [],
    PartitionNumber: req.PartitionNumber ?? 0,
    DisableApiTermination: req.DisableApiTermination ?? false,
    EnableJumboFrame: req.EnableJumboFrame ?? false,
    Metadata: req.Metadata ? { Items: req.Metadata.Items } : null,
    CpuTopology: req.CpuTopology ?? null,
    Uuid: randomUUID(),
    RestrictState: "NORMAL",
    IsolatedSource: "NOTISOLATED",
    ActionTime: plan.actionTime,
  };
}

function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

// ---- DescribeInstances ------------------------------------------------------------------------------

type Predicate = (inst: Instance, values: string[]) => boolean;

const attr = <T>(inst: Instance, name: string): T => inst.attrs[name] as T;
const vpcOf = (inst: Instance) => attr<{ VpcId: string; SubnetId: string }>(inst, "VirtualPrivateCloud");

/** The Filters of DescribeInstancesRequest (SDK); tag:<key> is handled apart. */
const INSTANCE_FILTERS: Record<string, Predicate> = {
  zone: (i, v) => v.includes(i.zone),
  "project-id": (i, v) => v.includes(String(attr<{ ProjectId: number }>(i, "Placement").ProjectId)),
  "host-id": (i, v) => v.includes(attr<{ HostId?: string }>(i, "Placement").HostId ?? ""),
  "dedicated-cluster-id": () => false,
  "vpc-id": (i, v) => v.includes(vpcOf(i).VpcId),
  "subnet-id": (i, v) => v.includes(vpcOf(i).SubnetId),
  "instance-id": (i, v) => v.includes(i.id),
  uuid: (i, v) => v.includes(attr<string>(i, "Uuid")),
  "security-group-id": (i, v) => attr<string[]>(i, "SecurityGroupIds").some((sg) => v.includes(sg)),
  "instance-name": (i, v) => v.some((name) => i.name.includes(name)),
  "instance-charge-type": (i, v) => v.includes(attr<string>(i, "InstanceChargeType")),
  "instance-state": (i, v) => v.includes(i.state),
  "private-ip-address": (i, v) => i.privateIps.some((ip) => v.includes(ip)),
  "public-ip-address": (i, v) => i.publicIps.some((ip) => v.includes(ip)),
  "ipv6-address": () => false,
  "tag-key": (i, v) => v.some((key) => key in i.tags),
  "tag-value": (i, v) => Object.values(i.tags).some((value) => v.includes(value)),
  "creation-start-time": (i, v) => v.every((t) => i.createdAt >= parseFilterTime(t)),
  "creation-end-time": (i, v) => v.every((t) => i.createdAt <= parseFilterTime(t)),
};

/** "例如：2023-06-01 00:00:00" (SDK creation-start-time), read as UTC. */
function parseFilterTime(text: string): number {
  const at = Date.parse(`${text.replace(" ", "T")}Z`);
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) || Number.isNaN(at)) {
    throw new ApiError(
      "InvalidParameterValue.InvalidTimeFormat",
      `The time \`${text}\` is not in the format YYYY-MM-DD hh:mm:ss.`,
    );
  }
  return at;
}

function describeInstances(call: Call, req: DescribeInstancesRequest): Record<string, unknown> {
  const ids = req.InstanceIds ?? [];
  const filters = req.Filters ?? [];
  // SDK: "参数不支持同时指定InstanceIds和Filters".
  if (ids.length > 0 && filters.length > 0) {
    throw new ApiError(
      "InvalidParameterCombination",
      "InstanceIds and Filters cannot be specified at the same time.",
    );
  }
  checkInstanceIds(ids);
  const predicates = instanceFilters(filters);
  const { offset, limit } = paging(req);
  const matching = instancesOf(call)
    .filter((i) => ids.length === 0 || ids.includes(i.id))
    .filter((i) => predicates.every((p) => p(i)))
    .sort((a, b) => b.createdAt - a.createdAt);
  const visible = call.world.visible(matching);
  return {
    TotalCount: visible.length,
    InstanceSet: visible.slice(offset, offset + limit).map((i) => describeInstance(call.world, i)),
  };
}

/** SDK: "每次请求的Filters的上限为10，Filter.Values的上限为5"; names as listed in the model. */
function instanceFilters(filters: Filter[]): Array<(inst: Instance) => boolean> {
  if (filters.length > 10) {
    throw new ApiError(
      "InvalidParameterValue.LimitExceeded",
      `At most 10 Filters are allowed; ${filters.length} were given.`,
    );
  }
  return filters.map((filter, i) => {
    const { name, values } = checkFilter(filter, i, 5);
    if (name === "instance-id") checkInstanceIds(values);
    if (name === "private-ip-address" || name === "public-ip-address") {
      const bad = values.find((v) => !isIpv4(v));
      if (bad !== undefined) {
        throw new ApiError("InvalidParameterValue.InvalidIpFormat", `\`${bad}\` is not an IP address.`);
      }
    }
    if (name.startsWith("creation-")) values.forEach(parseFilterTime);
    if (name.startsWith("tag:")) {
      const key = name.slice(4);
      return (inst: Instance) => key in inst.tags && values.includes(inst.tags[key]);
    }
    const predicate = INSTANCE_FILTERS[name];
    if (!predicate) throw new ApiError("InvalidFilter", `The filter \`${name}\` is not supported.`);
    return (inst: Instance) => predicate(inst, values);
  });
}

function checkFilter(filter: Filter, i: number, maxValues: number): { name: string; values: string[] } {
  if (filter.Name === undefined) throw missingParameter(`Filters.${i}.Name`);
  if (filter.Values === undefined) throw missingParameter(`Filters.${i}.Values`);
  if (filter.Values.length > maxValues) {
    throw new ApiError(
      "InvalidFilterValue.LimitExceeded",
      `The filter \`${filter.Name}\` takes at most ${maxValues} values; ${filter.Values.length} were given.`,
    );
  }
  return { name: filter.Name, values: filter.Values };
}

/** SDK: "Offset 偏移量，默认为0"; "Limit 返回数量，默认为20，最大值为100". */
function paging(req: DescribeInstancesRequest): { offset: number; limit: number } {
  const offset = req.Offset ?? 0;
  const limit = req.Limit ?? 20;
  if (offset < 0) throw invalidParameterValue("Offset", "the offset cannot be negative");
  if (limit > 100) {
    throw new ApiError("InvalidParameterValue.LimitExceeded", `Limit is at most 100; ${limit} was given.`);
  }
  if (limit < 1) throw invalidParameterValue("Limit", "the limit must be at least 1");
  return { offset, limit };
}

/** "2020-03-10T02:43:51Z": ISO 8601, UTC, whole seconds (SDK Instance.CreatedTime). */
function cloudTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** One InstanceSet entry, field for field as the SDK's Instance model; null where the cloud answers null. */
function describeInstance(world: World, inst: Instance): Record<string, unknown> {
  const a = inst.attrs;
  const keyIds = a.KeyIds as string[];
  const op = world.visibleOperation(inst);
  const gpu = a.GPU as number;
  return {
    Placement: a.Placement,
    InstanceId: inst.id,
    InstanceType: a.InstanceType,
    CPU: a.CPU,
    Memory: a.Memory,
    RestrictState: a.RestrictState,
    InstanceName: inst.name,
    InstanceChargeType: a.InstanceChargeType,
    SystemDisk: a.SystemDisk,
    DataDisks: (a.DataDisks as unknown[]).length > 0 ? a.DataDisks : null,
    PrivateIpAddresses: inst.privateIps,
    PublicIpAddresses: inst.publicIps.length > 0 ? inst.publicIps : null,
    InternetAccessible: a.InternetAccessible,
    VirtualPrivateCloud: a.VirtualPrivateCloud,
    ImageId: a.ImageId,
    RenewFlag: a.RenewFlag ?? null,
    CreatedTime: cloudTime(inst.createdAt),
    ExpiredTime: inst.expiresAt === undefined ? null : cloudTime(inst.expiresAt),
    OsName: a.OsName,
    SecurityGroupIds: a.SecurityGroupIds,
    LoginSettings: { KeyIds: keyIds.length > 0 ? keyIds : null },
    InstanceState: inst.state,
    Tags: Object.entries(inst.tags).map(([Key, Value]) => ({ Key, Value })),
    StopChargingMode: "NOT_APPLICABLE",
    Uuid: a.Uuid,
    LatestOperation: op?.name ?? null,
    LatestOperationState: op?.state ?? null,
    LatestOperationRequestId: op?.requestId ?? null,
    DisasterRecoverGroupId: "",
    IPv6Addresses: null,
    CamRoleName: a.CamRoleName,
    HpcClusterId: a.HpcClusterId,
    RdmaIpAddresses: null,
    DedicatedClusterId: "",
    IsolatedSource: a.IsolatedSource,
    DisasterRecoverGroupIds: a.DisasterRecoverGroupIds,
    ...(gpu > 0 ? { GPUInfo: { GPUCount: gpu, GPUId: [], GPUType: "" } } : {}),
    LicenseType: "TencentCloud",
    DisableApiTermination: a.DisableApiTermination,
    DefaultLoginUser: a.Windows ? "Administrator" : /ubuntu/i.test(String(a.OsName)) ? "ubuntu" : "root",
    DefaultLoginPort: a.Windows ? 3389 : 22,
    LatestOperationErrorMsg: op?.errorMsg ?? null,
    EnableJumboFrame: a.EnableJumboFrame,
    Metadata: a.Metadata,
    PublicIPv6Addresses: null,
    CpuTopology: a.CpuTopology,
    PartitionNumber: a.PartitionNumber,
  };
}

// ---- TerminateInstances -----------------------------------------------------------------------------

/** States TerminateInstances refuses, with the SDK's codes. */
const TERMINATE_REFUSED: Record<string, string> = {
  PENDING: "UnsupportedOperation.InstanceStatePending",
  // A failed launch is not terminated: the cloud clears it (launchAll).
  LAUNCH_FAILED: "UnsupportedOperation.InstanceStateLaunchFailed",
  TERMINATING: "UnsupportedOperation.InstanceStateTerminating",
  REBOOTING: "UnsupportedOperation.InstanceStateRebooting",
  STARTING: "UnsupportedOperation.InstanceStateStarting",
  STOPPING: "UnsupportedOperation.InstanceStateStopping",
};

/**
 * SDK TerminateInstances: "包年包月实例首次调用本接口，实例将被移至回收站，再次调用本接口，实例将被销毁 ...
 * 按量计费实例调用本接口将被直接销毁"; "批量操作时，所有实例的付费类型必须一致".
 */
function terminateInstances(call: Call, req: TerminateInstancesRequest): Record<string, unknown> {
  const instances = findInstances(call, req.InstanceIds);
  const prepaid = (i: Instance) => attr<string>(i, "InstanceChargeType") === "PREPAID";
  if (new Set(instances.map(prepaid)).size > 1) {
    throw new ApiError(
      "UnsupportedOperation.InstanceMixedPricingModel",
      "The instances of one request must share one charge type (prepaid and pay-as-you-go are mixed).",
    );
  }
  instances.forEach(checkTerminable);
  // SDK codes: LimitExceeded.UserReturnQuota, the account's early returns of prepaid instances are used up.
  const returning = instances.filter(
    (i) => prepaid(i) && i.state !== "LAUNCH_FAILED" && i.attrs.RestrictState !== "ISOLATED",
  ).length;
  const returned = call.world.returns.get(call.account) ?? 0;
  if (returning > 0 && returned + returning > call.world.settings.prepaidReturnQuota) {
    throw new ApiError(
      "LimitExceeded.UserReturnQuota",
      `The quota of prepaid instances returned early is used up (${returned} of ${call.world.settings.prepaidReturnQuota}).`,
    );
  }
  call.world.returns.set(call.account, returned + returning);
  for (const inst of instances) {
    call.world.startOperation(inst, "TerminateInstances", call.requestId);
    if (prepaid(inst) && inst.state !== "LAUNCH_FAILED" && inst.attrs.RestrictState !== "ISOLATED") {
      inst.attrs.RestrictState = "ISOLATED";
      inst.attrs.IsolatedSource = "MANMADE";
      call.world.transition(inst, "SHUTDOWN", "SHUTDOWN", call.world.settings.transitionMs);
    } else {
      call.world.transition(inst, "TERMINATING", "GONE", call.world.settings.terminateMs);
    }
  }
  return {};
}

function checkTerminable(inst: Instance): void {
  const refused = TERMINATE_REFUSED[inst.state];
  if (refused) {
    throw new ApiError(
      refused,
      `The instance \`${inst.id}\` is ${inst.state}: this operation is not supported.`,
    );
  }
  if (inst.attrs.DisableApiTermination) {
    throw new ApiError(
      "UnsupportedOperation.InstancesProtected",
      `The instance \`${inst.id}\` is protected from termination.`,
    );
  }
  refuseBusy(inst, "TerminateInstances");
}

/**
 * An operation in progress: the same task (SDK codes of TerminateInstances and
 * ModifyInstancesAttribute: MutexOperation.TaskRunning), or another one.
 */
function refuseBusy(inst: Instance, action: string): void {
  const running = inst.latestOperation;
  if (running?.state !== "OPERATING") return;
  if (running.name === action) {
    throw new ApiError(
      "MutexOperation.TaskRunning",
      `The same task is running on \`${inst.id}\` (${action}).`,
    );
  }
  throw new ApiError(
    "OperationDenied.InstanceOperationInProgress",
    `The instance \`${inst.id}\` has an operation in progress (${running.name}).`,
  );
}

// ---- ModifyInstancesAttribute -------------------------------------------------------------------

/** The attributes one call may change; "每次请求必须指定实例的一种属性用于修改" (SDK). */
const MODIFIABLE = [
  "InstanceName",
  "UserData",
  "SecurityGroups",
  "CamRoleName",
  "HostName",
  "DisableApiTermination",
  "EnableJumboFrame",
] as const;

/** States ModifyInstancesAttribute refuses, with the SDK's codes. */
const MODIFY_REFUSED: Record<string, string> = {
  PENDING: "UnsupportedOperation.InstanceStatePending",
  LAUNCH_FAILED: "UnsupportedOperation.InstanceStateLaunchFailed",
  TERMINATING: "UnsupportedOperation.InstanceStateTerminating",
  SHUTDOWN: "UnsupportedOperation.InstanceStateShutdown",
  REBOOTING: "UnsupportedOperation.InstanceStateRebooting",
  STARTING: "UnsupportedOperation.InstanceStateStarting",
  STOPPING: "UnsupportedOperation.InstanceStateStopping",
};

function modifyInstancesAttribute(call: Call, req: ModifyInstancesAttributeRequest): Record<string, unknown> {
  const instances = findInstances(call, req.InstanceIds);
  const attribute = chosenAttribute(req);
  checkAttributeValue(call, req, attribute, instances);
  instances.forEach(checkModifiable);
  const { world } = call;
  for (const inst of instances) {
    // Instance fault operationFailures: the operation ends FAILED and changes nothing.
    const fails = world.takeInstanceFault("operationFailures", "cvm")
      ? `InternalError: the ${attribute} change failed on the host (injected fault)`
      : undefined;
    if (!fails) applyAttribute(inst, req, attribute);
    world.startOperation(inst, "ModifyInstancesAttribute", call.requestId, fails);
    // SDK HostName: "修改主机名后实例会立即重启" unless AutoReboot is false.
    const reboot = !fails && attribute === "HostName" && req.AutoReboot !== false && inst.state === "RUNNING";
    if (reboot) world.transition(inst, "REBOOTING", "RUNNING", world.settings.transitionMs);
    else world.transition(inst, inst.state, inst.state, world.settings.transitionMs);
  }
  return {};
}

/** Exactly one attribute; CamRoleType goes with CamRoleName and AutoReboot with HostName. */
function chosenAttribute(req: ModifyInstancesAttributeRequest): (typeof MODIFIABLE)[number] {
  const given = MODIFIABLE.filter((name) => req[name] !== undefined);
  if (given.length === 0) throw missingParameter(`one of ${MODIFIABLE.join(", ")}`);
  if (given.length > 1) {
    throw new ApiError(
      "InvalidParameterCombination",
      `Only one attribute can be modified per call; ${given.join(", ")} were given.`,
    );
  }
  if (req.CamRoleType !== undefined && given[0] !== "CamRoleName") {
    throw new ApiError("InvalidParameterCombination", "CamRoleType goes with CamRoleName.");
  }
  if (req.AutoReboot !== undefined && given[0] !== "HostName") {
    throw new ApiError("InvalidParameterCombination", "AutoReboot goes with HostName.");
  }
  return given[0];
}

/** The same rules as RunInstances, with ModifyInstancesAttribute's codes (SDK codes). */
function checkAttributeValue(
  call: Call,
  req: ModifyInstancesAttributeRequest,
  attribute: (typeof MODIFIABLE)[number],
  instances: Instance[],
): void {
  switch (attribute) {
    case "InstanceName":
      // SDK: "可任意命名，但不得超过60个字符".
      checkInstanceNameLength(req.InstanceName ?? "");
      if (req.InstanceName === "") throw invalidParameterValue("InstanceName", "the name cannot be empty");
      return;
    case "SecurityGroups":
      if ((req.SecurityGroups ?? []).length === 0) {
        throw invalidParameterValue("SecurityGroups", "at least one security group is needed");
      }
      checkSecurityGroups(call, req.SecurityGroups);
      return;
    case "HostName":
      for (const inst of instances) {
        checkHostName(req.HostName, Boolean(inst.attrs.Windows), 1, "InvalidParameter.HostNameIllegal");
      }
      return;
    case "CamRoleName":
      if (!/^[\w+=,.@-]{0,128}$/.test(req.CamRoleName ?? "")) {
        throw new ApiError(
          "InvalidParameterValue.CamRoleNameMalformed",
          `The CAM role name \`${req.CamRoleName}\` is malformed.`,
        );
      }
      if (req.CamRoleType !== undefined && !["user", "system", "service_linked"].includes(req.CamRoleType)) {
        throw invalidParameterValue("CamRoleType", "the type is user, system or service_linked");
      }
      return;
    case "UserData":
      checkUserData(req.UserData);
      return;
  }
}

function checkModifiable(inst: Instance): void {
  const refused = MODIFY_REFUSED[inst.state];
  if (refused) {
    throw new ApiError(
      refused,
      `The instance \`${inst.id}\` is ${inst.state}: this operation is not supported.`,
    );
  }
  refuseBusy(inst, "ModifyInstancesAttribute");
}

function applyAttribute(
  inst: Instance,
  req: ModifyInstancesAttributeRequest,
  attribute: (typeof MODIFIABLE)[number],
): void {
  switch (attribute) {
    case "InstanceName":
      inst.name = req.InstanceName as string;
      return;
    case "SecurityGroups":
      inst.attrs.SecurityGroupIds = [...(req.SecurityGroups as string[])];
      return;
    default:
      inst.attrs[attribute] = req[attribute];
  }
}

// ---- DescribeZones --------------------------------------------------------------------------------

function describeZones(_call: Call, _req: unknown, region: TencentRegion): Record<string, unknown> {
  return {
    TotalCount: region.zones.length,
    ZoneSet: region.zones.map((z) => ({
      Zone: z.zone,
      ZoneName: z.zoneName,
      ZoneId: z.zoneId,
      ZoneState: "AVAILABLE",
    })),
  };
}

// ---- DescribeInstanceTypeConfigs ----------------------------------------------------------------------

/** SDK: filters zone, instance-family, instance-type; "Filters的上限为10，Filter.Values的上限为1". */
function describeInstanceTypeConfigs(
  call: Call,
  req: DescribeInstanceTypeConfigsRequest,
  region: TencentRegion,
): Record<string, unknown> {
  const filters = req.Filters ?? [];
  if (filters.length > 10) {
    throw new ApiError(
      "InvalidParameterValue.LimitExceeded",
      `At most 10 Filters are allowed; ${filters.length} were given.`,
    );
  }
  const wanted: Record<string, string> = {};
  filters.forEach((filter, i) => {
    const { name, values } = checkFilter(filter, i, 1);
    if (!["zone", "instance-family", "instance-type"].includes(name)) {
      throw new ApiError("InvalidFilter", `The filter \`${name}\` is not supported.`);
    }
    if (values[0] !== undefined) wanted[name] = values[0];
  });
  const zone = wanted.zone;
  if (zone !== undefined && !region.zones.some((z) => z.zone === zone)) {
    throw new ApiError(
      "InvalidZone.MismatchRegion",
      `The zone \`${zone}\` does not exist in region \`${region.region}\`.`,
    );
  }
  const types = call.world.catalogue.tencent.instanceTypes.filter(
    (t) =>
      t.family !== "CDH" &&
      (wanted["instance-family"] === undefined || t.family === wanted["instance-family"]) &&
      (wanted["instance-type"] === undefined || t.instanceType === wanted["instance-type"]),
  );
  const zones = region.zones.filter((z) => zone === undefined || z.zone === zone);
  return {
    InstanceTypeConfigSet: zones.flatMap((z) =>
      types.map((t) => ({
        Zone: z.zone,
        InstanceType: t.instanceType,
        InstanceFamily: t.family,
        GPU: t.gpu ?? 0,
        CPU: t.cpu,
        Memory: t.memory,
        FPGA: 0,
        GpuCount: t.gpu ?? 0,
      })),
    ),
  };
}

export const cvmHandlers: Handlers = {
  RunInstances: action(RUN_INSTANCES, runInstances),
  DescribeInstances: action(DESCRIBE_INSTANCES, describeInstances),
  TerminateInstances: action(TERMINATE_INSTANCES, terminateInstances),
  ModifyInstancesAttribute: action(MODIFY_INSTANCES_ATTRIBUTE, modifyInstancesAttribute),
  DescribeZones: action(DESCRIBE_ZONES, describeZones),
  DescribeInstanceTypeConfigs: action(DESCRIBE_INSTANCE_TYPE_CONFIGS, describeInstanceTypeConfigs),
};

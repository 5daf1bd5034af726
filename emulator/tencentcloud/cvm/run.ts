/**
 * RunInstances (001): every parameter checked in the document's order (run-*.ts), then quota and
 * stock, then the launch; the same ClientToken returns the first request's instances.
 */
import { randomUUID } from "node:crypto";
import type {
  DataDisk,
  RunInstancesRequest,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import type { Call } from "../../call";
import type { World } from "../../world";
import type { Image, TencentRegion } from "../../catalogue";
import { ApiError } from "../../errors";
import { CVM_LIFECYCLE, addMonths, instancesOf } from "./models";
import {
  TypeInfo,
  checkChargeType,
  checkCount,
  checkCpuTopology,
  checkDataDisks,
  checkDedicatedResources,
  checkHosts,
  checkHpcCluster,
  checkImage,
  checkInstanceType,
  checkLaunchTemplate,
  checkPlacement,
  checkSystemDisk,
} from "./run-placement";
import { checkInternet, checkSecurityGroups, checkVpc } from "./run-network";
import {
  checkClientToken,
  checkHostName,
  checkLoginSettings,
  expandPattern,
  instanceNames,
} from "./run-login";
import {
  checkActionTimer,
  checkDisasterRecoverGroups,
  checkMarketOptions,
  checkMetadata,
  checkTagSpecification,
  checkUserData,
} from "./run-options";

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

export function runInstances(
  call: Call,
  req: RunInstancesRequest,
  region: TencentRegion,
): Record<string, unknown> {
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
      CVM_LIFECYCLE,
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
    // Recorded, never described (ResetInstancesPassword and ResetInstance change it).
    Password: req.LoginSettings?.Password,
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

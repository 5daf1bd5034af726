/** CreateInstances (003): the order checked in the document's order, then quota, stock and the servers. */
import { randomUUID } from "node:crypto";
import type { Call } from "../../call";
import type { Instance } from "../../instance";
import type { SwasImage, SwasPlan } from "../../catalogue";
import { ApiError } from "../../errors";
import { parameterMismatch, platformNotMatch, valueNotSupported } from "./errors";
import { boolean, clientToken, integer, months, param, region, requireAll } from "./params";
import {
  SWAS_LIFECYCLE,
  SwasAttrs,
  defaultResourceGroup,
  findImage,
  findPlan,
  newDisk,
  newServerId,
  resourceSpec,
  servers,
  subscriptionEnd,
} from "./models";

interface CreateRequest {
  RegionId: string;
  ImageId: string;
  PlanId: string;
  Period: number;
  AutoRenew: boolean;
  AutoRenewPeriod?: number;
  DataDiskSize: number;
  Amount: number;
  ChargeType: string;
}

/** 003 request parameters, parsed and checked for format. */
function createRequest(call: Call): CreateRequest {
  requireAll(call, ["RegionId", "ImageId", "PlanId", "Period"]);
  const RegionId = region(call);
  const Period = months(call, "Period") as number;
  const AutoRenew = boolean(call, "AutoRenew") ?? false;
  const AutoRenewPeriod = months(call, "AutoRenewPeriod");
  // 003: AutoRenewPeriod is required when AutoRenew is true.
  if (AutoRenew && AutoRenewPeriod === undefined) throw valueNotSupported("AutoRenewPeriod");
  // 003: DataDiskSize 0 to 16380 GB, a multiple of 20 (0: no data disk).
  const DataDiskSize = integer(call, "DataDiskSize", () => valueNotSupported("DataDiskSize")) ?? 0;
  if (DataDiskSize < 0 || DataDiskSize > 16380 || DataDiskSize % 20 !== 0)
    throw valueNotSupported("DataDiskSize");
  // 003: Amount 1 to 20.
  const Amount = integer(call, "Amount", () => valueNotSupported("Amount")) ?? 1;
  if (Amount < 1 || Amount > 20) throw valueNotSupported("Amount");
  // 003: ChargeType takes only PrePaid.
  const ChargeType = param(call, "ChargeType") ?? "PrePaid";
  if (ChargeType !== "PrePaid") throw valueNotSupported("ChargeType");
  const ImageId = param(call, "ImageId") as string;
  const PlanId = param(call, "PlanId") as string;
  return { RegionId, ImageId, PlanId, Period, AutoRenew, AutoRenewPeriod, DataDiskSize, Amount, ChargeType };
}

/**
 * 003: the plan must support the image's platform (PlatformNotMatch), and its memory and system
 * disk must be enough for the image (catalogue entries may state minMemory / minDiskSize in GB).
 */
export function checkImageFitsPlan(image: SwasImage, plan: SwasPlan): void {
  if (!plan.supportPlatform.includes(image.platform)) throw platformNotMatch();
  const needs = image as SwasImage & { minMemory?: number; minDiskSize?: number };
  if (plan.memory < (needs.minMemory ?? 0)) {
    throw new ApiError(
      "InvalidPlanMemorySize.ValueNotSupported",
      "The memory size in the specified planId does not support the image.",
      400,
    );
  }
  if (plan.diskSize < (needs.minDiskSize ?? 0)) {
    throw new ApiError(
      "InvalidPlanIdSize.ValueNotSupported",
      "The system disk size in the specified planId does not support the image.",
      400,
    );
  }
}

/** 003: a data disk is at least 20 GB on SSD plans and 40 GB on ESSD (PL0) plans. */
function checkDataDiskMinimum(size: number, plan: SwasPlan): void {
  if (size > 0 && size < (plan.diskType === "ESSD" ? 40 : 20)) throw valueNotSupported("DataDiskSize");
}

function launchServer(call: Call, req: CreateRequest, plan: SwasPlan, image: SwasImage): Instance {
  const { world } = call;
  const id = newServerId(world);
  const now = world.now();
  const disks = [newDisk(world, "system", plan, plan.diskSize, now)];
  if (req.DataDiskSize > 0) disks.push(newDisk(world, "data", plan, req.DataDiskSize, now));
  const attrs: SwasAttrs = {
    PlanId: plan.planId,
    ImageId: image.imageId,
    Platform: image.platform,
    Image: { ImageName: image.imageName, ImageType: image.imageType, OsType: image.platform.toLowerCase() },
    ResourceSpec: resourceSpec(plan),
    Disks: disks,
    ChargeType: "PrePaid",
    AutoRenew: req.AutoRenew,
    AutoRenewPeriod: req.AutoRenewPeriod,
    BusinessStatus: "Normal",
    DisableReason: "",
    DdosStatus: "Normal",
    Uuid: randomUUID(),
    ResourceGroupId: defaultResourceGroup(call.account),
  };
  return world.launch(
    {
      id,
      service: "swas",
      account: call.account,
      region: req.RegionId,
      zone: "",
      name: id,
      privateIps: [world.nextPrivateIp()],
      publicIps: [world.nextPublicIp()],
      tags: {},
      expiresAt: subscriptionEnd(now, req.Period),
      attrs: attrs as unknown as Record<string, unknown>,
    },
    SWAS_LIFECYCLE,
  );
}

/** 003: the account quota per region (ExceedAccountQuota), then stock (NotEnoughStock), then the order. */
function launchServers(call: Call, req: CreateRequest, plan: SwasPlan, image: SwasImage): string[] {
  const held = servers(call, req.RegionId).length;
  if (held + req.Amount > call.world.settings.swasQuota) {
    throw new ApiError(
      "ExceedAccountQuota",
      "The accumulated instance amounts including this order have exceeded the quota of the account.",
      400,
    );
  }
  call.world.checkStock(plan.planId, "NotEnoughStock", "The stock is insufficient.", 400);
  return Array.from({ length: req.Amount }, () => launchServer(call, req, plan, image).id);
}

export function CreateInstances(call: Call): Record<string, unknown> {
  const req = createRequest(call);
  const token = clientToken(call);
  const image = findImage(call.world, req.ImageId);
  const plan = findPlan(call.world, req.PlanId);
  checkImageFitsPlan(image, plan);
  checkDataDiskMinimum(req.DataDiskSize, plan);
  const scope = `swas|${call.account}|CreateInstances`;
  const InstanceIds = call.world.idempotent(
    scope,
    token,
    req,
    () => launchServers(call, req, plan, image),
    parameterMismatch,
  );
  return { InstanceIds };
}

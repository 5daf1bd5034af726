/**
 * The SWAS server: its lifecycle as data, its attributes, its subscription (and what happens at
 * its end), where the caller's servers are found, and the ListInstances model.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Call } from "../../call";
import type { World } from "../../world";
import type { Instance } from "../../instance";
import type { SwasImage, SwasPlan } from "../../catalogue";
import { GONE, Lifecycle } from "../../lifecycle";
import { isoSeconds, tagList } from "../../format";
import { notFound } from "./errors";

/** SWAS releases a server 15 days after its subscription ended without renewal. */
const RELEASE_AFTER_EXPIRY_MS = 15 * 24 * 3600 * 1000;

/**
 * SDK ListInstances Status. SWAS has no LAUNCH_FAILED state: an injected launch failure ends in
 * Disabled. A server whose subscription ended without renewal is Disabled, and released 15 days
 * after the end (applyExpiry).
 */
export const SWAS_LIFECYCLE = {
  states: ["Pending", "Starting", "Running", "Stopping", "Stopped", "Resetting", "Upgrading", "Disabled"],
  launch: [{ state: "Pending", lasts: "bootMs" }, { state: "Running" }],
  launchFailed: [{ state: "Pending", lasts: "bootMs" }, { state: "Disabled" }],
  processes: {
    start: [{ state: "Starting", lasts: "transitionMs" }, { state: "Running" }],
    stop: [{ state: "Stopping", lasts: "transitionMs" }, { state: "Stopped" }],
    /** SDK RebootInstance: "After you restart a simple application server, it enters the Starting state." */
    reboot: [{ state: "Starting", lasts: "transitionMs" }, { state: "Running" }],
    upgrade: [{ state: "Upgrading", lasts: "transitionMs" }, { state: "Running" }],
    /** SDK ListInstances Status Resetting while ResetSystem reinstalls; then Running (as TF-ali waits for). */
    reset: [{ state: "Resetting", lasts: "transitionMs" }, { state: "Running" }],
    /** Begun at the end of the subscription. */
    expire: [{ state: "Disabled", lasts: RELEASE_AFTER_EXPIRY_MS }, { state: GONE }],
  },
} satisfies Lifecycle;

/** Subscriptions end at midnight Beijing time (UTC+8), 16:00Z: ExpiredTime "2021-05-08T16:00:00Z" (SDK example). */
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

export interface ResourceSpec {
  Cpu: number;
  Memory: number;
  DiskSize: number;
  DiskCategory: string;
  Bandwidth: number;
  Flow: number;
}

export interface Disk {
  DiskId: string;
  DiskName: string;
  DiskType: "system" | "data";
  Category: string;
  Size: number;
  Device: string;
  CreationTime: string;
}

/** The service-specific attributes of a SWAS server (Instance.attrs), in the API's names. */
export interface SwasAttrs {
  PlanId: string;
  ImageId: string;
  Platform: "Linux" | "Windows";
  Image: { ImageName: string; ImageType: string; OsType: string };
  ResourceSpec: ResourceSpec;
  Disks: Disk[];
  ChargeType: "PrePaid";
  AutoRenew: boolean;
  AutoRenewPeriod?: number;
  BusinessStatus: "Normal" | "Expired";
  DisableReason: string;
  DdosStatus: "Normal";
  Uuid: string;
  ResourceGroupId: string;
  PasswordHash?: string;
}

export function findImage(world: World, id: string): SwasImage {
  const image = world.catalogue.alibaba.swas.images.find((i) => i.imageId === id);
  if (!image) throw notFound("ImageId");
  return image;
}

export function findPlan(world: World, id: string): SwasPlan {
  const plan = world.catalogue.alibaba.swas.plans.find((p) => p.planId === id);
  if (!plan) throw notFound("PlanId");
  return plan;
}

/** Adds whole months, keeping the time of day; the day is clamped to the month's last day. */
export function addMonths(ms: number, n: number): number {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + n;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return Date.UTC(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/** The end of a subscription bought at `at`: midnight Beijing time after the same day `n` months later. */
export function subscriptionEnd(at: number, n: number): number {
  const beijing = new Date(at + BEIJING_OFFSET_MS);
  const dayEnd = Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate(), 16);
  return addMonths(dayEnd, n);
}

export function attrsOf(inst: Instance): SwasAttrs {
  return inst.attrs as unknown as SwasAttrs;
}

/**
 * Applies the end of the subscription: AutoRenew renews it by AutoRenewPeriod; otherwise the
 * server is Disabled (EXPIRED) and released 15 days later. False once released.
 */
function applyExpiry(world: World, inst: Instance): boolean {
  const a = attrsOf(inst);
  const renewal = a.AutoRenew ? (a.AutoRenewPeriod ?? 0) : 0;
  while (renewal > 0 && inst.expiresAt !== undefined && world.now() >= inst.expiresAt) {
    inst.expiresAt = addMonths(inst.expiresAt, renewal);
  }
  if (inst.expiresAt !== undefined && world.now() >= inst.expiresAt && a.BusinessStatus !== "Expired") {
    a.BusinessStatus = "Expired";
    a.DisableReason = "EXPIRED";
    return world.begin(inst, SWAS_LIFECYCLE.processes.expire, inst.expiresAt);
  }
  return world.advance(inst);
}

/** The caller's servers in a region, transitions and expiry applied. */
export function servers(call: Call, regionId: string): Instance[] {
  return call.world.list("swas", call.account, regionId).filter((i) => applyExpiry(call.world, i));
}

/** One of the caller's servers in the region, or InvalidInstanceId.NotFound (404). */
export function server(call: Call, regionId: string, id: string): Instance {
  const inst = call.world.get(id);
  if (!inst || inst.service !== "swas" || inst.account !== call.account || inst.region !== regionId) {
    throw notFound("InstanceId");
  }
  if (!applyExpiry(call.world, inst)) throw notFound("InstanceId");
  return inst;
}

/** A 32-hex-character server id, like "3a658ca270df4df39f22e289b338****" (003 example). */
export function newServerId(world: World): string {
  for (;;) {
    const id = randomBytes(16).toString("hex");
    if (!world.instances.has(id)) return id;
  }
}

/** Every account has a default resource group; derived from the account so it is stable. */
export function defaultResourceGroup(account: string): string {
  return `rg-acfm${createHash("sha256").update(account).digest("hex").slice(0, 11)}`;
}

export function resourceSpec(plan: SwasPlan): ResourceSpec {
  return {
    Cpu: plan.core,
    Memory: plan.memory,
    DiskSize: plan.diskSize,
    DiskCategory: plan.diskType,
    Bandwidth: plan.bandwidth,
    Flow: plan.flow,
  };
}

export function newDisk(
  world: World,
  kind: "system" | "data",
  plan: SwasPlan,
  size: number,
  at: number,
): Disk {
  return {
    DiskId: world.newId("d-", 20),
    DiskName: kind === "system" ? "SystemDisk" : "DataDisk",
    DiskType: kind,
    Category: plan.diskType,
    Size: size,
    Device: kind === "system" ? "/dev/xvda" : "/dev/xvdb",
    CreationTime: isoSeconds(at),
  };
}

/** SDK ListInstancesResponseBodyInstances. */
export function describe(inst: Instance): Record<string, unknown> {
  const a = attrsOf(inst);
  const publicIp = inst.publicIps[0] ?? "";
  const privateIp = inst.privateIps[0] ?? "";
  return {
    InstanceId: inst.id,
    InstanceName: inst.name,
    RegionId: inst.region,
    Status: inst.state,
    BusinessStatus: a.BusinessStatus,
    DisableReason: a.DisableReason,
    ChargeType: a.ChargeType,
    CreationTime: isoSeconds(inst.createdAt),
    ExpiredTime: isoSeconds(inst.expiresAt ?? inst.createdAt),
    PlanId: a.PlanId,
    ImageId: a.ImageId,
    Image: a.Image,
    InnerIpAddress: privateIp,
    PublicIpAddress: publicIp,
    NetworkAttributes: [
      {
        PrivateIpAddress: privateIp,
        PublicIpAddress: publicIp,
        PeakBandwidth: a.ResourceSpec.Bandwidth,
        PublicIpDdosStatus: a.DdosStatus,
      },
    ],
    DdosStatus: a.DdosStatus,
    Combination: false,
    CombinationInstanceId: "",
    Uuid: a.Uuid,
    ResourceGroupId: a.ResourceGroupId,
    ResourceSpec: a.ResourceSpec,
    Disks: a.Disks.map((d) => ({
      ...d,
      Status: inst.state === "Pending" ? "Creating" : "In_use",
      DiskChargeType: a.ChargeType,
      RegionId: inst.region,
      ResourceGroupId: a.ResourceGroupId,
      Remark: "",
      DiskTags: [],
    })),
    Tags: tagList(inst.tags),
  };
}

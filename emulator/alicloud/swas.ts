/**
 * Alibaba Cloud Simple Application Server (swas-open 2020-06-01).
 *
 * CreateInstances follows its API document (swas-open 2020-06-01, "003" below:
 * https://help.aliyun.com/zh/simple-application-server/developer-reference/api-swas-open-2020-06-01-createinstances); the other
 * actions follow the request/response models and doc comments of @alicloud/swas-open20200601
 * ("SDK" below), with the error codes and HTTP statuses of the swas-open API metadata
 * ("metadata" below). Parameters arrive as query-string values. Alibaba ignores parameters it
 * does not know, so unknown ones are ignored here too.
 *
 * Choices where the documents are silent (see each function):
 * - an injected launch failure ends in Disabled: SWAS has no LAUNCH_FAILED state;
 * - a new server is named after its id;
 * - an unknown RegionId is RegionIdNotMatchHost: each real endpoint serves one region;
 * - a subscription ends at midnight Beijing time; then AutoRenew renews it, or the server is
 *   Disabled (BusinessStatus Expired, DisableReason EXPIRED) and released 15 days later;
 * - the password is kept only as a salted SHA-256 hash (attrs.PasswordHash), never returned;
 * - a batch Start/Stop/RebootInstances with a server in the wrong state refuses the whole call.
 */
import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import type { Call, Handlers } from "../call";
import type { World } from "../world";
import type { Instance } from "../instance";
import type { Lifecycle } from "../lifecycle";
import type { SwasImage, SwasPlan } from "../catalogue";
import { ApiError } from "../errors";

/** SWAS states (SDK ListInstances Status); an injected launch failure ends in Disabled. */
const LIFECYCLE: Lifecycle = {
  states: ["Pending", "Starting", "Running", "Stopping", "Stopped", "Resetting", "Upgrading", "Disabled"],
  launch: [{ state: "Pending", lasts: "bootMs" }, { state: "Running" }],
  launchFailed: [{ state: "Pending", lasts: "bootMs" }, { state: "Disabled" }],
  processes: {},
};
/** 003: Period and AutoRenewPeriod take {"1", "3", "6", "12", "24", "36"} months (SDK: RenewInstance too). */
const PERIODS = [1, 3, 6, 12, 24, 36];
/** SDK ListImages ImageType: system, app, custom. */
const IMAGE_TYPES = ["system", "app", "custom"];
/** SWAS releases a server 15 days after its subscription ended without renewal. */
const RELEASE_AFTER_EXPIRY_MS = 15 * 24 * 3600 * 1000;
/** Subscriptions end at midnight Beijing time (UTC+8), 16:00Z: ExpiredTime "2021-05-08T16:00:00Z" (SDK example). */
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
/**
 * SDK UpdateInstanceAttribute: a name is 2 to 50 characters, letters, digits, "_" and "-", starting
 * with a letter or digit; domain names are supported (so "."); the Chinese page adds Chinese characters.
 */
const INSTANCE_NAME = /^[A-Za-z0-9\p{Script=Han}][A-Za-z0-9\p{Script=Han}_.-]{1,49}$/u;
/** SDK ListInstances PublicIpAddresses: IPv4 addresses. */
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
/** SDK UpdateInstanceAttribute: the special characters a password may hold. */
const PASSWORD_SPECIALS = "()`~!@#$%^&*-_+=|{}[]:;'<>,.?/";
/** Key of the password digests in ClientToken fingerprints (idempotency needs a stable digest). */
const TOKEN_KEY = randomBytes(32);

interface ResourceSpec {
  Cpu: number;
  Memory: number;
  DiskSize: number;
  DiskCategory: string;
  Bandwidth: number;
  Flow: number;
}

interface Disk {
  DiskId: string;
  DiskName: string;
  DiskType: "system" | "data";
  Category: string;
  Size: number;
  Device: string;
  CreationTime: string;
}

/** The service-specific attributes of a SWAS server (Instance.attrs), in the API's names. */
interface SwasAttrs {
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

// ---- errors ------------------------------------------------------------------------------------

/** Alibaba's answer to a missing required parameter: Missing<Name>, HTTP 400. */
function missing(name: string): ApiError {
  return new ApiError(`Missing${name}`, `${name} is mandatory for this action.`, 400);
}

function valueNotSupported(name: string): ApiError {
  return new ApiError(`Invalid${name}.ValueNotSupported`, `The specified parameter ${name} is invalid.`, 400);
}

/** 003 / metadata: InvalidParam (403) for a malformed value without a code of its own. */
function invalidParam(): ApiError {
  return new ApiError("InvalidParam", "The specified parameter value is invalid.", 403);
}

function notFound(name: "ImageId" | "PlanId" | "InstanceId"): ApiError {
  return new ApiError(`Invalid${name}.NotFound`, `The specified ${name} does not exist.`, 404);
}

function incorrectStatus(): ApiError {
  return new ApiError(
    "IncorrectInstanceStatus",
    "The state of the current instance does not support this operation.",
    403,
  );
}

function platformNotMatch(): ApiError {
  return new ApiError(
    "PlatformNotMatch",
    "The platform of specified ImageId and PlanId does not match.",
    400,
  );
}

function parameterMismatch(): never {
  throw new ApiError(
    "IdempotentParameterMismatch",
    "The request uses the same client token as a previous, but non-identical request.",
    400,
  );
}

// ---- parameters --------------------------------------------------------------------------------

/** A parameter's value; an empty string counts as absent. */
function param(call: Call, name: string): string | undefined {
  const v = call.params[name];
  return v === undefined || v === null || v === "" ? undefined : String(v);
}

/** Required parameters, checked in the document's order. */
function requireAll(call: Call, names: string[]): void {
  for (const name of names) if (param(call, name) === undefined) throw missing(name);
}

function integer(call: Call, name: string, invalid: () => ApiError): number | undefined {
  const v = param(call, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw invalid();
  return Number(v);
}

function boolean(call: Call, name: string): boolean | undefined {
  const v = param(call, name);
  if (v === undefined) return undefined;
  if (v !== "true" && v !== "false") throw invalidParam();
  return v === "true";
}

/** 003: a subscription length in months, one of 1, 3, 6, 12, 24, 36. */
function months(call: Call, name: string): number | undefined {
  const n = integer(call, name, () => valueNotSupported(name));
  if (n !== undefined && !PERIODS.includes(n)) throw valueNotSupported(name);
  return n;
}

/** 003: ClientToken holds only ASCII characters, at most 64. */
function clientToken(call: Call): string | undefined {
  const token = param(call, "ClientToken");
  if (token !== undefined && (token.length > 64 || !/^[\x20-\x7e]+$/.test(token))) throw invalidParam();
  return token;
}

/** A string parameter holding a JSON array of strings (SDK: InstanceIds, PublicIpAddresses, ImageIds). */
function jsonList(call: Call, name: string, max: number, invalid: () => ApiError): string[] | undefined {
  const raw = param(call, name);
  if (raw === undefined) return undefined;
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    throw invalid();
  }
  if (!Array.isArray(list) || list.length > max || !list.every((x) => typeof x === "string")) throw invalid();
  return list as string[];
}

/** RegionId is required and must be a SWAS region. */
function region(call: Call): string {
  const id = param(call, "RegionId");
  if (id === undefined) throw missing("RegionId");
  if (!call.world.catalogue.alibaba.swas.regions.includes(id)) {
    throw new ApiError(
      "RegionIdNotMatchHost",
      "The parameter regionId does not match the endpoint host.",
      400,
    );
  }
  return id;
}

/** Metadata: PageNumber 1 to 1000 (default 1); SDK: PageSize at most 100 (default 10). */
function page(call: Call): { PageNumber: number; PageSize: number } {
  const PageNumber = integer(call, "PageNumber", invalidParam) ?? 1;
  const PageSize = integer(call, "PageSize", invalidParam) ?? 10;
  if (PageNumber < 1 || PageNumber > 1000 || PageSize < 1 || PageSize > 100) throw invalidParam();
  return { PageNumber, PageSize };
}

function paginate<T>(items: T[], p: { PageNumber: number; PageSize: number }): T[] {
  return items.slice((p.PageNumber - 1) * p.PageSize, p.PageNumber * p.PageSize);
}

/** SDK ListInstancesRequestTag: Tag.N.Key and Tag.N.Value, N 1 to 20, each 1 to 64 characters. */
function tagFilter(call: Call): Array<{ key: string; value?: string }> {
  const tags: Array<{ key: string; value?: string }> = [];
  for (const [name, raw] of Object.entries(call.params)) {
    const m = /^Tag\.(\d+)\.Key$/.exec(name);
    if (!m) continue;
    const n = Number(m[1]);
    const key = String(raw);
    const value = param(call, `Tag.${n}.Value`);
    if (n < 1 || n > 20 || key.length < 1 || key.length > 64 || (value?.length ?? 0) > 64)
      throw invalidParam();
    tags.push({ key, value });
  }
  return tags;
}

/** SDK ListInstances InstanceName: "*" is a wildcard; without one the name must match exactly. */
function nameMatches(pattern: string, name: string): boolean {
  const escaped = pattern.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`, "s").test(name);
}

/**
 * SDK UpdateInstanceAttribute: 8 to 30 characters from letters, digits and the listed specials,
 * with at least three of: upper case, lower case, digits, specials.
 */
function passwordValid(password: string): boolean {
  if (password.length < 8 || password.length > 30) return false;
  const chars = [...password];
  if (!chars.every((c) => /[A-Za-z0-9]/.test(c) || PASSWORD_SPECIALS.includes(c))) return false;
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/].filter((re) => re.test(password)).length;
  return classes + (chars.some((c) => PASSWORD_SPECIALS.includes(c)) ? 1 : 0) >= 3;
}

function hashPassword(password: string): string {
  const salt = randomBytes(16).toString("hex");
  return `sha256:${salt}:${createHash("sha256")
    .update(salt + password)
    .digest("hex")}`;
}

// ---- catalogue, time, servers ------------------------------------------------------------------

function findImage(world: World, id: string): SwasImage {
  const image = world.catalogue.alibaba.swas.images.find((i) => i.imageId === id);
  if (!image) throw notFound("ImageId");
  return image;
}

function findPlan(world: World, id: string): SwasPlan {
  const plan = world.catalogue.alibaba.swas.plans.find((p) => p.planId === id);
  if (!plan) throw notFound("PlanId");
  return plan;
}

/** Alibaba's time format: ISO 8601 in UTC without milliseconds, "2021-03-08T05:31:06Z". */
function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Adds whole months, keeping the time of day; the day is clamped to the month's last day. */
function addMonths(ms: number, n: number): number {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + n;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return Date.UTC(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/** The end of a subscription bought at `at`: midnight Beijing time after the same day `n` months later. */
function subscriptionEnd(at: number, n: number): number {
  const beijing = new Date(at + BEIJING_OFFSET_MS);
  const dayEnd = Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate(), 16);
  return addMonths(dayEnd, n);
}

function attrsOf(inst: Instance): SwasAttrs {
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
    inst.state = "Disabled";
    inst.next = { state: "GONE", at: inst.expiresAt + RELEASE_AFTER_EXPIRY_MS };
    a.BusinessStatus = "Expired";
    a.DisableReason = "EXPIRED";
  }
  return world.advance(inst);
}

/** The caller's servers in a region, transitions and expiry applied. */
function servers(call: Call, regionId: string): Instance[] {
  return call.world.list("swas", call.account, regionId).filter((i) => applyExpiry(call.world, i));
}

/** One of the caller's servers in the region, or InvalidInstanceId.NotFound (404). */
function server(call: Call, regionId: string, id: string): Instance {
  const inst = call.world.get(id);
  if (!inst || inst.service !== "swas" || inst.account !== call.account || inst.region !== regionId) {
    throw notFound("InstanceId");
  }
  if (!applyExpiry(call.world, inst)) throw notFound("InstanceId");
  return inst;
}

/** A 32-hex-character server id, like "3a658ca270df4df39f22e289b338****" (003 example). */
function newServerId(world: World): string {
  for (;;) {
    const id = randomBytes(16).toString("hex");
    if (!world.instances.has(id)) return id;
  }
}

/** Every account has a default resource group; derived from the account so it is stable. */
function defaultResourceGroup(account: string): string {
  return `rg-acfm${createHash("sha256").update(account).digest("hex").slice(0, 11)}`;
}

function resourceSpec(plan: SwasPlan): ResourceSpec {
  return {
    Cpu: plan.core,
    Memory: plan.memory,
    DiskSize: plan.diskSize,
    DiskCategory: plan.diskType,
    Bandwidth: plan.bandwidth,
    Flow: plan.flow,
  };
}

function newDisk(world: World, kind: "system" | "data", plan: SwasPlan, size: number, at: number): Disk {
  return {
    DiskId: world.newId("d-", 20),
    DiskName: kind === "system" ? "SystemDisk" : "DataDisk",
    DiskType: kind,
    Category: plan.diskType,
    Size: size,
    Device: kind === "system" ? "/dev/xvda" : "/dev/xvdb",
    CreationTime: isoTime(at),
  };
}

/**
 * ClientToken idempotency for the single-server actions: the same token with the same
 * parameters succeeds again without acting twice; with other parameters it is refused.
 */
function once(
  call: Call,
  token: string | undefined,
  fingerprint: Record<string, unknown>,
  act: () => void,
): void {
  const scope = `swas|${call.account}|${call.action}`;
  call.world.idempotent(
    scope,
    token,
    fingerprint,
    () => {
      act();
      return [];
    },
    parameterMismatch,
  );
}

// ---- responses ---------------------------------------------------------------------------------

/** SDK ListInstancesResponseBodyInstances. */
function describe(inst: Instance): Record<string, unknown> {
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
    CreationTime: isoTime(inst.createdAt),
    ExpiredTime: isoTime(inst.expiresAt ?? inst.createdAt),
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
    Tags: Object.entries(inst.tags).map(([Key, Value]) => ({ Key, Value })),
  };
}

// ---- CreateInstances ---------------------------------------------------------------------------

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
function checkImageFitsPlan(image: SwasImage, plan: SwasPlan): void {
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
    LIFECYCLE,
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

function CreateInstances(call: Call): Record<string, unknown> {
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

// ---- ListInstances, ListInstanceStatus ---------------------------------------------------------

function ListInstances(call: Call): Record<string, unknown> {
  const regionId = region(call);
  // SDK: InstanceIds and PublicIpAddresses are JSON arrays of at most 100 values.
  const ids = jsonList(call, "InstanceIds", 100, invalidParam);
  const ips = jsonList(call, "PublicIpAddresses", 100, () => valueNotSupported("PublicIpAddresses"));
  if (ips?.some((ip) => !IPV4.test(ip))) throw valueNotSupported("PublicIpAddresses");
  // SDK: ChargeType takes only PrePaid.
  const chargeType = param(call, "ChargeType");
  if (chargeType !== undefined && chargeType !== "PrePaid") throw valueNotSupported("ChargeType");
  const status = param(call, "Status");
  const name = param(call, "InstanceName");
  const resourceGroupId = param(call, "ResourceGroupId");
  const tags = tagFilter(call);
  const paging = page(call);
  const matching = servers(call, regionId).filter((inst) => {
    const a = attrsOf(inst);
    return (
      (!ids || ids.includes(inst.id)) &&
      (!ips || ips.some((ip) => inst.publicIps.includes(ip))) &&
      (!status || inst.state === status) &&
      (!name || nameMatches(name, inst.name)) &&
      (!resourceGroupId || a.ResourceGroupId === resourceGroupId) &&
      tags.every((t) => t.key in inst.tags && (t.value === undefined || inst.tags[t.key] === t.value))
    );
  });
  const visible = call.world.visible(matching);
  return { Instances: paginate(visible, paging).map(describe), TotalCount: visible.length, ...paging };
}

function ListInstanceStatus(call: Call): Record<string, unknown> {
  const regionId = region(call);
  // SDK: InstanceIds is a JSON array of at most 100 ids.
  const ids = jsonList(call, "InstanceIds", 100, invalidParam);
  const paging = page(call);
  const matching = servers(call, regionId).filter((inst) => !ids || ids.includes(inst.id));
  const visible = call.world.visible(matching);
  const InstanceStatuses = paginate(visible, paging).map((i) => ({ InstanceId: i.id, Status: i.state }));
  return { InstanceStatuses, TotalCount: visible.length, ...paging };
}

// ---- UpdateInstanceAttribute, Start/Stop/RebootInstance(s) ---------------------------------------

function UpdateInstanceAttribute(call: Call): Record<string, unknown> {
  requireAll(call, ["InstanceId", "RegionId"]);
  const regionId = region(call);
  const token = clientToken(call);
  const name = param(call, "InstanceName");
  const password = param(call, "Password");
  if (name !== undefined && !INSTANCE_NAME.test(name)) throw valueNotSupported("InstanceName");
  if (password !== undefined && !passwordValid(password)) throw valueNotSupported("Password");
  const inst = server(call, regionId, param(call, "InstanceId") as string);
  // SDK: a Windows server's password cannot start with "/".
  if (password?.startsWith("/") && attrsOf(inst).Platform === "Windows") throw valueNotSupported("Password");
  // The token store keeps a keyed digest of the password, never the password.
  const digest =
    password === undefined ? undefined : createHmac("sha256", TOKEN_KEY).update(password).digest("hex");
  once(call, token, { InstanceId: inst.id, InstanceName: name, Password: digest }, () => {
    if (name !== undefined) inst.name = name;
    if (password !== undefined) attrsOf(inst).PasswordHash = hashPassword(password);
  });
  return {};
}

/** InstanceId and RegionId are required; the server must be the caller's. */
function target(call: Call): { inst: Instance; token: string | undefined } {
  requireAll(call, ["InstanceId", "RegionId"]);
  const regionId = region(call);
  const token = clientToken(call);
  return { inst: server(call, regionId, param(call, "InstanceId") as string), token };
}

function StartInstance(call: Call): Record<string, unknown> {
  const { inst, token } = target(call);
  once(call, token, { InstanceId: inst.id }, () => {
    // SDK: starts a server that is in the Stopped state; otherwise IncorrectInstanceStatus (403).
    if (inst.state !== "Stopped") throw incorrectStatus();
    call.world.transition(inst, "Starting", "Running", call.world.settings.transitionMs);
  });
  return {};
}

function StopInstance(call: Call): Record<string, unknown> {
  const { inst, token } = target(call);
  once(call, token, { InstanceId: inst.id }, () => {
    // Metadata: IncorrectInstanceStatus (403) unless the server is Running.
    if (inst.state !== "Running") throw incorrectStatus();
    call.world.transition(inst, "Stopping", "Stopped", call.world.settings.transitionMs);
  });
  return {};
}

/** SDK RebootInstance: "Only ... servers that are in the Running state can be restarted"; they enter Starting. */
function reboot(world: World, inst: Instance): void {
  if (inst.state !== "Running") throw incorrectStatus();
  world.transition(inst, "Starting", "Running", world.settings.transitionMs);
}

function RebootInstance(call: Call): Record<string, unknown> {
  const { inst, token } = target(call);
  once(call, token, { InstanceId: inst.id }, () => reboot(call.world, inst));
  return {};
}

/**
 * The batch actions of SDK 4.0: InstanceIds is a JSON array of up to 100 ids, all of them the
 * caller's; a server in the wrong state refuses the whole call (IncorrectInstanceStatus).
 */
function batchOf(act: (world: World, inst: Instance) => void, check: (inst: Instance) => boolean) {
  return (call: Call): Record<string, unknown> => {
    requireAll(call, ["InstanceIds", "RegionId"]);
    const regionId = region(call);
    const token = clientToken(call);
    const ids = jsonList(call, "InstanceIds", 100, invalidParam) ?? [];
    if (ids.length === 0) throw invalidParam();
    const insts = [...new Set(ids)].map((id) => server(call, regionId, id));
    once(call, token, { InstanceIds: ids }, () => {
      if (!insts.every(check)) throw incorrectStatus();
      for (const inst of insts) act(call.world, inst);
    });
    return {};
  };
}

const StartInstances = batchOf(
  (world, inst) => world.transition(inst, "Starting", "Running", world.settings.transitionMs),
  (inst) => inst.state === "Stopped",
);
const StopInstances = batchOf(
  (world, inst) => world.transition(inst, "Stopping", "Stopped", world.settings.transitionMs),
  (inst) => inst.state === "Running",
);
const RebootInstances = batchOf(reboot, (inst) => inst.state === "Running");

// ---- RenewInstance, UpgradeInstance ------------------------------------------------------------

/**
 * Extends the subscription by `n` months from its end, or from today when it has already
 * ended; an expired server is re-enabled (Starting, then Running).
 */
function renew(world: World, inst: Instance, n: number): void {
  const from = Math.max(inst.expiresAt ?? 0, subscriptionEnd(world.now(), 0));
  inst.expiresAt = addMonths(from, n);
  const a = attrsOf(inst);
  if (a.BusinessStatus === "Expired") {
    a.BusinessStatus = "Normal";
    a.DisableReason = "";
    world.transition(inst, "Starting", "Running", world.settings.transitionMs);
  }
}

function RenewInstance(call: Call): Record<string, unknown> {
  requireAll(call, ["InstanceId", "RegionId", "Period"]);
  const regionId = region(call);
  // SDK: Period 1, 3, 6, 12, 24 or 36 months (InvalidPeriod.ValueNotSupported).
  const period = months(call, "Period") as number;
  const token = clientToken(call);
  const inst = server(call, regionId, param(call, "InstanceId") as string);
  once(call, token, { InstanceId: inst.id, Period: period }, () => renew(call.world, inst, period));
  return {};
}

/** Metadata: only a plan at least as large in every respect, and not the same one. */
function isUpgrade(from: ResourceSpec, to: SwasPlan): boolean {
  const pairs: Array<[number, number]> = [
    [from.Cpu, to.core],
    [from.Memory, to.memory],
    [from.DiskSize, to.diskSize],
    [from.Bandwidth, to.bandwidth],
    [from.Flow, to.flow],
  ];
  return pairs.every(([a, b]) => b >= a) && pairs.some(([a, b]) => b > a);
}

function upgrade(world: World, inst: Instance, plan: SwasPlan): void {
  const a = attrsOf(inst);
  if (inst.state !== "Running" && inst.state !== "Stopped") throw incorrectStatus();
  if (!isUpgrade(a.ResourceSpec, plan)) {
    throw new ApiError(
      "InvalidPlanIdUpgrade.ValueNotSupported",
      "The specification of the specified planId is lower than the current server specification.",
      400,
    );
  }
  if (!plan.supportPlatform.includes(a.Platform)) throw platformNotMatch();
  // Metadata: NotEnoughUpgradeStock is HTTP 500.
  world.checkStock(plan.planId, "NotEnoughUpgradeStock", "The upgrade stock is insufficient.", 500);
  a.PlanId = plan.planId;
  a.ResourceSpec = resourceSpec(plan);
  for (const d of a.Disks) {
    d.Category = plan.diskType;
    if (d.DiskType === "system") d.Size = plan.diskSize;
  }
  world.transition(inst, "Upgrading", "Running", world.settings.transitionMs);
}

function UpgradeInstance(call: Call): Record<string, unknown> {
  requireAll(call, ["InstanceId", "RegionId", "PlanId"]);
  const regionId = region(call);
  const token = clientToken(call);
  const plan = findPlan(call.world, param(call, "PlanId") as string);
  const inst = server(call, regionId, param(call, "InstanceId") as string);
  once(call, token, { InstanceId: inst.id, PlanId: plan.planId }, () => upgrade(call.world, inst, plan));
  return {};
}

// ---- ListPlans, ListImages ---------------------------------------------------------------------

/** SDK ListPlansResponseBodyPlans; SupportPlatform is a JSON array in a string, as Alibaba returns it. */
function ListPlans(call: Call): Record<string, unknown> {
  region(call);
  const Plans = call.world.catalogue.alibaba.swas.plans.map((p) => ({
    PlanId: p.planId,
    Core: p.core,
    Memory: p.memory,
    DiskSize: p.diskSize,
    DiskType: p.diskType,
    Bandwidth: p.bandwidth,
    Flow: p.flow,
    SupportPlatform: JSON.stringify(p.supportPlatform),
    OriginPrice: p.originPrice,
    Currency: "CNY",
    PublicIpNum: "1",
  }));
  return { Plans };
}

function ListImages(call: Call): Record<string, unknown> {
  region(call);
  // SDK: ImageIds is a JSON array of at most 50 ids.
  const ids = jsonList(call, "ImageIds", 50, invalidParam);
  // SDK: ImageType is system, app or custom.
  const type = param(call, "ImageType");
  if (type !== undefined && !IMAGE_TYPES.includes(type)) throw valueNotSupported("ImageType");
  const Images = call.world.catalogue.alibaba.swas.images
    .filter((i) => (!ids || ids.includes(i.imageId)) && (!type || i.imageType === type))
    .map((i) => ({
      ImageId: i.imageId,
      ImageName: i.imageName,
      ImageType: i.imageType,
      Platform: i.platform,
      Description: i.imageName,
    }));
  return { Images };
}

export const swasHandlers: Handlers = {
  CreateInstances,
  ListInstances,
  ListInstanceStatus,
  UpdateInstanceAttribute,
  StartInstance,
  StopInstance,
  RebootInstance,
  StartInstances,
  StopInstances,
  RebootInstances,
  RenewInstance,
  UpgradeInstance,
  ListPlans,
  ListImages,
};

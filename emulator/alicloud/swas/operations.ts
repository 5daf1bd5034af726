/**
 * The operations on servers: UpdateInstanceAttribute, Start/Stop/RebootInstance and their batch
 * forms, RenewInstance, UpgradeInstance, ResetSystem. Each is idempotent with its ClientToken.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import type { Call } from "../../call";
import type { World } from "../../world";
import type { Instance } from "../../instance";
import type { SwasPlan } from "../../catalogue";
import type { Process } from "../../lifecycle";
import { ApiError } from "../../errors";
import {
  incorrectStatus,
  invalidParam,
  parameterMismatch,
  platformNotMatch,
  valueNotSupported,
} from "./errors";
import { clientToken, jsonList, months, param, region, requireAll } from "./params";
import {
  SWAS_LIFECYCLE,
  ResourceSpec,
  addMonths,
  attrsOf,
  findImage,
  findPlan,
  resourceSpec,
  server,
  subscriptionEnd,
} from "./models";
import { checkImageFitsPlan } from "./create";

/**
 * SDK UpdateInstanceAttribute: a name is 2 to 50 characters, letters, digits, "_" and "-", starting
 * with a letter or digit; domain names are supported (so "."); the Chinese page adds Chinese characters.
 */
const INSTANCE_NAME = /^[A-Za-z0-9\p{Script=Han}][A-Za-z0-9\p{Script=Han}_.-]{1,49}$/u;

/** SDK UpdateInstanceAttribute: the special characters a password may hold. */
const PASSWORD_SPECIALS = "()`~!@#$%^&*-_+=|{}[]:;'<>,.?/";

/** Key of the password digests in ClientToken fingerprints (idempotency needs a stable digest). */
const TOKEN_KEY = randomBytes(32);

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

export function UpdateInstanceAttribute(call: Call): Record<string, unknown> {
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

/** The power actions: the state every server must be in (else IncorrectInstanceStatus, 403) and the process. */
interface Power {
  from: string;
  process: Process;
}

const POWER = {
  // SDK StartInstance: starts a server that is in the Stopped state.
  start: { from: "Stopped", process: SWAS_LIFECYCLE.processes.start },
  // Metadata: IncorrectInstanceStatus (403) unless the server is Running.
  stop: { from: "Running", process: SWAS_LIFECYCLE.processes.stop },
  // SDK RebootInstance: "Only ... servers that are in the Running state can be restarted".
  reboot: { from: "Running", process: SWAS_LIFECYCLE.processes.reboot },
} satisfies Record<string, Power>;

function power(world: World, insts: Instance[], kind: Power): void {
  if (!insts.every((inst) => inst.state === kind.from)) throw incorrectStatus();
  for (const inst of insts) world.begin(inst, kind.process);
}

function powerOne(kind: Power) {
  return (call: Call): Record<string, unknown> => {
    const { inst, token } = target(call);
    once(call, token, { InstanceId: inst.id }, () => power(call.world, [inst], kind));
    return {};
  };
}

/**
 * The batch actions of SDK 4.0: InstanceIds is a JSON array of up to 100 ids, all of them the
 * caller's; a server in the wrong state refuses the whole call (IncorrectInstanceStatus).
 */
function powerMany(kind: Power) {
  return (call: Call): Record<string, unknown> => {
    requireAll(call, ["InstanceIds", "RegionId"]);
    const regionId = region(call);
    const token = clientToken(call);
    const ids = jsonList(call, "InstanceIds", 100, invalidParam) ?? [];
    if (ids.length === 0) throw invalidParam();
    const insts = [...new Set(ids)].map((id) => server(call, regionId, id));
    once(call, token, { InstanceIds: ids }, () => power(call.world, insts, kind));
    return {};
  };
}

export const StartInstance = powerOne(POWER.start);
export const StopInstance = powerOne(POWER.stop);
export const RebootInstance = powerOne(POWER.reboot);
export const StartInstances = powerMany(POWER.start);
export const StopInstances = powerMany(POWER.stop);
export const RebootInstances = powerMany(POWER.reboot);

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
    world.begin(inst, SWAS_LIFECYCLE.processes.start);
  }
}

export function RenewInstance(call: Call): Record<string, unknown> {
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
  world.begin(inst, SWAS_LIFECYCLE.processes.upgrade);
}

export function UpgradeInstance(call: Call): Record<string, unknown> {
  requireAll(call, ["InstanceId", "RegionId", "PlanId"]);
  const regionId = region(call);
  const token = clientToken(call);
  const plan = findPlan(call.world, param(call, "PlanId") as string);
  const inst = server(call, regionId, param(call, "InstanceId") as string);
  once(call, token, { InstanceId: inst.id, PlanId: plan.planId }, () => upgrade(call.world, inst, plan));
  return {};
}

/**
 * A reinstall (SDK ResetSystem): ImageId (default: the current image) must fit the plan (as in
 * CreateInstances: PlatformNotMatch), LoginCredentials.Password follows UpdateInstanceAttribute's
 * rule. "Clears the disk data"; the server is Resetting, then Running. The SDK states no state it
 * needs: Running and Stopped servers are reset, others are IncorrectInstanceStatus (TF-ali retries it).
 */
export function ResetSystem(call: Call): Record<string, unknown> {
  const { inst, token } = target(call);
  const a = attrsOf(inst);
  const image = findImage(call.world, param(call, "ImageId") ?? a.ImageId);
  const password = param(call, "LoginCredentials.Password");
  if (password !== undefined && !passwordValid(password)) throw valueNotSupported("Password");
  const keyPair = param(call, "LoginCredentials.KeyPairName");
  checkImageFitsPlan(image, findPlan(call.world, a.PlanId));
  const digest =
    password === undefined ? undefined : createHmac("sha256", TOKEN_KEY).update(password).digest("hex");
  const fingerprint = { InstanceId: inst.id, ImageId: image.imageId, Password: digest, KeyPairName: keyPair };
  once(call, token, fingerprint, () => {
    if (inst.state !== "Running" && inst.state !== "Stopped") throw incorrectStatus();
    a.ImageId = image.imageId;
    a.Platform = image.platform;
    a.Image = {
      ImageName: image.imageName,
      ImageType: image.imageType,
      OsType: image.platform.toLowerCase(),
    };
    if (password !== undefined) a.PasswordHash = hashPassword(password);
    call.world.begin(inst, SWAS_LIFECYCLE.processes.reset);
  });
  return {};
}

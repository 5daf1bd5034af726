/**
 * The in-place operations on ECM instances: StartInstances, StopInstances, ResetInstancesPassword,
 * ResetInstancesMaxBandwidth and ResetInstances (a reinstall). Each takes InstanceIdSet (at most
 * 100, SDK), answers only a RequestId, and runs asynchronously: LatestOperation is the action,
 * LatestOperationState OPERATING until its process ends, then SUCCESS (SDK Instance.LatestOperation*;
 * ECM has no LatestOperationRequestId). Error codes: SDK errors <Action> (tencentcloud-sdk-go).
 */
import { createHash, randomBytes } from "node:crypto";
import type {
  ResetInstancesMaxBandwidthRequest,
  ResetInstancesPasswordRequest,
  ResetInstancesRequest,
  RunInstancesRequest,
  StartInstancesRequest,
  StopInstancesRequest,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/ecm/v20190719/ecm_models";
import type { Call } from "../../call";
import type { Instance } from "../../instance";
import type { Image } from "../../catalogue";
import type { Process } from "../../lifecycle";
import { ApiError } from "../../errors";
import { invalidParameterValue } from "../errors";
import { required } from "../common";
import { ECM_LIFECYCLE, findInstances } from "./models";
import { readEnhancedService, readLogin } from "./run-config";
import { operationNotAllowed } from "./errors";

/** The special characters of ResetInstancesPassword's rule (SDK ResetInstancesPasswordRequest.Password). */
const RESET_PASSWORD_SPECIALS = "()~!@#$%^&*-+=_|{}[]:;'<>,.?/";
/** States in which no operation is accepted: being destroyed. */
const DOOMED = ["TERMINATING", "SHUTDOWN"];

/**
 * Refused for every instance of the call when one is being destroyed (FailedOperation.OperationNotAllow)
 * or has an operation running (OperationDenied.InstanceOperationInProgress, where the action lists it).
 */
function checkFree(instances: Instance[], busyCode: string): void {
  for (const inst of instances) {
    if (DOOMED.includes(inst.state)) throw operationNotAllowed(inst.id, inst.state);
    const op = inst.latestOperation;
    if (op?.state === "OPERATING" || !["RUNNING", "STOPPED"].includes(inst.state)) {
      throw new ApiError(
        busyCode,
        `The instance \`${inst.id}\` has an operation in progress (${inst.state}).`,
      );
    }
  }
}

function begin(call: Call, instances: Instance[], process: Process): Record<string, unknown> {
  for (const inst of instances) {
    inst.latestOperation = { name: call.action, state: "OPERATING", requestId: call.requestId };
    call.world.begin(inst, process);
  }
  return {};
}

const find = (call: Call, ids: string[] | undefined, notFound = "InvalidParameterValue.InvalidInstanceID") =>
  findInstances(call, "InstanceIdSet", ids, notFound);

/** Start and stop: the state every instance must be in, the code otherwise, the process (SDK Start/StopInstances). */
interface Power {
  from: string;
  notFrom: string;
  busy: string;
  process: Process;
}

const POWER = {
  // "Only instances in the STOPPED state can be started" (SDK StartInstances).
  start: {
    from: "STOPPED",
    notFrom: "FailedOperation.InstanceNotAllStopped",
    busy: "OperationDenied.InstanceOperationInProgress",
    process: ECM_LIFECYCLE.processes.start,
  },
  // "Only instances in the RUNNING state can be stopped" (SDK StopInstances).
  stop: {
    from: "RUNNING",
    notFrom: "ResourceUnavailable.InstanceNotRunning",
    busy: "FailedOperation.OperationNotAllow",
    process: ECM_LIFECYCLE.processes.stop,
  },
} satisfies Record<string, Power>;

function power(call: Call, ids: string[] | undefined, kind: Power): Record<string, unknown> {
  const instances = find(call, ids);
  checkFree(instances, kind.busy);
  const wrong = instances.find((i) => i.state !== kind.from);
  if (wrong)
    throw new ApiError(kind.notFrom, `The instance \`${wrong.id}\` is ${wrong.state}, not ${kind.from}.`);
  return begin(call, instances, kind.process);
}

export function startInstances(call: Call, req: StartInstancesRequest): Record<string, unknown> {
  return power(call, req.InstanceIdSet, POWER.start);
}

/** StopType: SOFT_FIRST, HARD or SOFT (default) (SDK StopInstancesRequest.StopType). */
export function stopInstances(call: Call, req: StopInstancesRequest): Record<string, unknown> {
  const type = req.StopType ?? "SOFT";
  if (!["SOFT_FIRST", "HARD", "SOFT"].includes(type)) {
    throw invalidParameterValue(
      "StopType",
      "SOFT_FIRST, HARD or SOFT",
      "InvalidParameterValue.InvaildModifyParam",
    );
  }
  return power(call, req.InstanceIdSet, POWER.stop);
}

/**
 * "A running instance's password is reset only with ForceStop; without it only STOPPED instances
 * take a new password" (SDK ResetInstancesPassword): ForceStop stops a running one first (whether
 * it is started again the document does not say: it stays STOPPED here). The password is kept
 * only as a salted SHA-256 hash (attrs.PasswordHash).
 */
export function resetInstancesPassword(
  call: Call,
  req: ResetInstancesPasswordRequest,
): Record<string, unknown> {
  const instances = find(call, req.InstanceIdSet);
  const password = required(req.Password, "Password");
  // "Mixed Linux and Windows instances: the Windows rule" (SDK ResetInstancesPasswordRequest.Password).
  const windows = instances.some((i) => imageOf(call, i)?.platform === "WINDOWS");
  checkResetPassword(password, windows);
  if (req.UserName !== undefined && req.UserName.length > 64) {
    throw new ApiError(
      "InvalidParameterValue.ParameterValueTooLarge",
      "UserName has more than 64 characters.",
    );
  }
  checkFree(instances, "FailedOperation.OperationNotAllow");
  const running = instances.find((i) => i.state !== "STOPPED");
  if (running && !req.ForceStop) {
    throw new ApiError(
      "FailedOperation.InstanceNotAllStopped",
      `The instance \`${running.id}\` is ${running.state}: stop it first, or set ForceStop.`,
    );
  }
  for (const inst of instances) inst.attrs.PasswordHash = hashPassword(password);
  for (const inst of instances) {
    const process = inst.state === "RUNNING" ? ECM_LIFECYCLE.processes.stop : ECM_LIFECYCLE.processes.reset;
    begin(call, [inst], process);
  }
  return {};
}

/**
 * "Linux: 8-16 characters of at least two of [a-z, A-Z], [0-9] and the specials; Windows: 12-16 of
 * at least three; not starting with /" (SDK ResetInstancesPasswordRequest.Password).
 */
function checkResetPassword(password: string, windows: boolean): void {
  const [min, classes] = windows ? [12, 3] : [8, 2];
  const chars = [...password];
  const allowed = chars.every((c) => /[A-Za-z0-9]/.test(c) || RESET_PASSWORD_SPECIALS.includes(c));
  const kinds = [/[a-zA-Z]/.test(password), /[0-9]/.test(password)].filter(Boolean).length;
  const found = kinds + (chars.some((c) => RESET_PASSWORD_SPECIALS.includes(c)) ? 1 : 0);
  if (
    password.length < min ||
    password.length > 16 ||
    !allowed ||
    found < classes ||
    password.startsWith("/")
  ) {
    throw new ApiError(
      "InvalidParameterValue.InvaildPassword",
      `The password is invalid: ${windows ? "Windows" : "Linux"} instances take ${min} to 16 characters of at least ` +
        `${classes} kinds among letters, digits and ${RESET_PASSWORD_SPECIALS}, not starting with "/".`,
    );
  }
}

function hashPassword(password: string): string {
  const salt = randomBytes(16).toString("hex");
  return `sha256:${salt}:${createHash("sha256").update(`${salt}${password}`).digest("hex")}`;
}

/**
 * MaxBandwidthOut (required) and MaxBandwidthIn: positive Mbps (InvalidBandwidth,
 * InvalidBandwidthIn); the instance's state is not stated, so RUNNING and STOPPED ones take it.
 */
export function resetInstancesMaxBandwidth(
  call: Call,
  req: ResetInstancesMaxBandwidthRequest,
): Record<string, unknown> {
  const instances = find(call, req.InstanceIdSet, "ResourceNotFound.InstanceNotExist");
  const out = required(req.MaxBandwidthOut, "MaxBandwidthOut");
  if (!Number.isInteger(out) || out < 1) {
    throw new ApiError(
      "InvalidParameterValue.InvalidBandwidth",
      `MaxBandwidthOut ${out} is not a bandwidth.`,
    );
  }
  const inn = req.MaxBandwidthIn;
  if (inn !== undefined && (!Number.isInteger(inn) || inn < 1)) {
    throw new ApiError(
      "InvalidParameterValue.InvalidBandwidthIn",
      `MaxBandwidthIn ${inn} is not a bandwidth.`,
    );
  }
  checkFree(instances, "FailedOperation.OperationNotAllow");
  for (const inst of instances) {
    inst.attrs.InternetMaxBandwidthOut = out;
    if (inn !== undefined) inst.attrs.InternetMaxBandwidthIn = inn;
  }
  return begin(call, instances, ECM_LIFECYCLE.processes.reset);
}

/**
 * A reinstall: ImageId (default: each instance's own image), Password (else sent by message),
 * KeepImageLogin "TRUE"/"FALSE" (not with Password: InvalidParameter.ParameterConflict), KeepData
 * "true" (default) / "false", EnhancedService (SDK ResetInstancesRequest).
 */
export function resetInstances(call: Call, req: ResetInstancesRequest): Record<string, unknown> {
  const instances = find(call, req.InstanceIdSet, "ResourceNotFound.InstanceNotExist");
  const images = call.world.catalogue.tencent.ecm.images;
  const image = req.ImageId === undefined ? undefined : images.find((i) => i.imageId === req.ImageId);
  if (req.ImageId !== undefined && !image) {
    throw new ApiError(
      "InvalidParameterValue.InvalidImageID",
      `The image \`${req.ImageId}\` does not exist.`,
    );
  }
  if (req.KeepData !== undefined && !["true", "false"].includes(req.KeepData)) {
    throw invalidParameterValue("KeepData", '"true" or "false"', "InvalidParameter.InvalidDataFormat");
  }
  // The login rules of RunInstances (the SDK states none of its own for ResetInstances).
  const login = { Password: req.Password, KeepImageLogin: req.KeepImageLogin } as RunInstancesRequest;
  for (const inst of instances) readLogin(login, image ?? imageOf(call, inst)!);
  checkFree(instances, "OperationDenied.InstanceOperationInProgress");
  for (const inst of instances) {
    const to = image ?? imageOf(call, inst);
    if (to) {
      inst.attrs.ImageId = to.imageId;
      inst.attrs.EnhancedService = readEnhancedService(
        { EnhancedService: req.EnhancedService } as RunInstancesRequest,
        to,
      );
    }
    inst.attrs.PasswordHash = req.Password === undefined ? undefined : hashPassword(req.Password);
    if (req.KeepImageLogin !== undefined) inst.attrs.KeepImageLogin = req.KeepImageLogin;
  }
  return begin(call, instances, ECM_LIFECYCLE.processes.reset);
}

function imageOf(call: Call, inst: Instance): Image | undefined {
  return call.world.catalogue.tencent.ecm.images.find((i) => i.imageId === inst.attrs.ImageId);
}

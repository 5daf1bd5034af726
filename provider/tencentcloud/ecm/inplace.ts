/**
 * EcmInstance's in-place changes beyond names and security groups (attributes.ts), in this order:
 * imageId by ResetInstances (a reinstall: the system disk is wiped, the data disks kept), the
 * bandwidths by ResetInstancesMaxBandwidth, password by ResetInstancesPassword (it needs STOPPED
 * instances: running ones are stopped first and started again), then `running`. Each is waited for
 * until the instances show it (ECM has no LatestOperationRequestId: the action's name and its
 * result tell). The ids never change.
 */
import type { CheckFailure } from "../../core/check";
import type { Operation } from "../../core/context";
import { CloudError } from "../../core/errors";
import type { Props } from "../../core/props";
import { isUnknown } from "../../core/unknown";
import type { TencentTarget } from "../client";
import * as api from "./api";
import { diffEcm } from "./diff";
import { inState, setRunning } from "./power";
import type { EcmArgs } from "./schema";
import { waitDone } from "./wait";

type Live = Map<string, api.EcmInstanceModel>;

/** "8-16 characters (Windows 12-16), not starting with /" (SDK ResetInstancesPasswordRequest.Password). */
export const RESET_PASSWORD_MAX = 16;

/** The bandwidths an instance shows (its first public IP's, SDK PublicIPAddressInfo.MaxBandwidthOut/In). */
export function bandwidthOf(inst: api.EcmInstanceModel | undefined): { out?: number; in?: number } {
  const ip = inst?.Internet?.PublicIPAddressSet?.[0];
  return { out: ip?.MaxBandwidthOut, in: ip?.MaxBandwidthIn };
}

/** Every in-place change the arguments ask for on `ids`, then `running`. */
export async function applyInPlace(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  args: EcmArgs,
  oldPassword: unknown,
): Promise<void> {
  let live: Live = await api.describeInstances(op, t, ids);
  const reinstalled = await reinstall(op, t, ids, live, args);
  if (reinstalled.length) live = await api.describeInstances(op, t, ids);
  if (await resetBandwidth(op, t, ids, live, args)) live = await api.describeInstances(op, t, ids);
  if (args.password !== undefined && args.password !== oldPassword) {
    // A reinstall set the password already (ResetInstances Password).
    const rest = ids.filter((i) => !reinstalled.includes(i));
    if (rest.length) await resetPassword(op, t, rest, live, args);
  } else if (args.password === undefined && oldPassword !== undefined) {
    op.rt.log(`${op.what}: password removed from the arguments: the instances keep their current password`);
  }
  await setRunning(op, t, ids, args.running);
}

/** imageId: ResetInstances on the instances showing another image; the login and services as the arguments say. */
async function reinstall(op: Operation, t: TencentTarget, ids: string[], live: Live, args: EcmArgs) {
  const image = args.imageId;
  if (image === undefined) return [];
  const targets = ids.filter((i) => live.get(i)?.Image?.ImageId !== image);
  if (targets.length === 0) return [];
  op.rt.log(
    `${op.what}: ResetInstances to ${image} on ${targets.join(", ")} (a reinstall: the system disk is wiped, the data disks are kept)`,
  );
  const req = {
    InstanceIdSet: targets,
    ImageId: image,
    Password: args.password,
    KeepImageLogin: args.keepImageLogin,
    EnhancedService: args.enhancedService && api.ecmPascalize(args.enhancedService),
  };
  await callAndWait(
    op,
    t,
    targets,
    "ResetInstances",
    () => api.resetInstances(op, t, req),
    (inst) => inst.Image?.ImageId === image,
  );
  return targets;
}

/** The bandwidths: ResetInstancesMaxBandwidth on the instances showing others (0 or left out: kept). */
async function resetBandwidth(op: Operation, t: TencentTarget, ids: string[], live: Live, args: EcmArgs) {
  const out = args.internetMaxBandwidthOut || undefined;
  const inn = args.internetMaxBandwidthIn || undefined;
  const shows = (inst: api.EcmInstanceModel | undefined) => {
    const b = bandwidthOf(inst);
    return (out === undefined || b.out === out) && (inn === undefined || b.in === inn);
  };
  const targets = ids.filter((i) => !shows(live.get(i)));
  if (targets.length === 0) return false;
  // MaxBandwidthOut is required: without the argument, what the instances have.
  const send = out ?? bandwidthOf(live.get(targets[0])).out;
  if (send === undefined) throw new Error(`${op.what}: ${targets[0]} shows no outbound bandwidth to keep`);
  op.rt.log(
    `${op.what}: ResetInstancesMaxBandwidth (out ${send}${inn ? `, in ${inn}` : ""} Mbps) on ${targets.join(", ")}`,
  );
  const reset = () => api.resetBandwidth(op, t, targets, send, inn);
  await callAndWait(op, t, targets, "ResetInstancesMaxBandwidth", reset, shows);
  return true;
}

/**
 * password: ResetInstancesPassword takes only STOPPED instances without ForceStop (SDK): running
 * ones are stopped first, and started again unless `running` is false.
 */
async function resetPassword(op: Operation, t: TencentTarget, ids: string[], live: Live, args: EcmArgs) {
  const running = inState(ids, live, "RUNNING");
  await setRunning(op, t, running, false, live, " (ResetInstancesPassword needs them STOPPED)");
  op.rt.log(`${op.what}: ResetInstancesPassword on ${ids.join(", ")}`);
  await api.resetPassword(op, t, ids, args.password!);
  await waitDone(
    op,
    t,
    ids,
    "ResetInstancesPassword",
    (inst) => inst.LatestOperation === "ResetInstancesPassword",
  );
  if (args.running && running.length) {
    await setRunning(op, t, running, true, undefined, " again after ResetInstancesPassword");
  }
}

/**
 * One action on `ids`, then a wait until each shows it (`shows`) with the action as its last
 * operation. A call whose answer was lost is success when every instance shows the change.
 */
async function callAndWait(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  action: string,
  call: () => Promise<void>,
  shows: (inst: api.EcmInstanceModel) => boolean,
): Promise<void> {
  await call().catch(async (e: unknown) => {
    if (!(e instanceof CloudError && e.code === "NetworkError")) throw e;
    const now = await api.describeInstances(op, t, ids);
    if (ids.some((i) => !now.has(i) || !shows(now.get(i)!))) throw e;
  });
  await waitDone(op, t, ids, action, (inst) => shows(inst) && inst.LatestOperation === action);
}

/**
 * At check, for an existing resource: a new password ResetInstancesPassword cannot set (more than
 * 16 characters, or starting with "/") is refused, unless the change replaces the instances anyway
 * (RunInstances takes up to 30 characters).
 */
export function passwordChangeFailures(olds: Props, news: Props): CheckFailure[] {
  const p = news.password;
  if (typeof p !== "string" || isUnknown(olds.password) || olds.password === p) return [];
  if (!Array.isArray(olds.instanceIds) || olds.instanceIds.length === 0) return [];
  const failures = resetPasswordFailures(p, "a new password of existing instances");
  if (failures.length === 0 || diffEcm(olds, news).replaces.length) return [];
  return failures;
}

/** A password ResetInstancesPassword cannot set (`whose`: which password it is), else none. */
export function resetPasswordFailures(p: unknown, whose: string): CheckFailure[] {
  if (typeof p !== "string" || (p.length <= RESET_PASSWORD_MAX && !p.startsWith("/"))) return [];
  return [
    {
      property: "password",
      reason:
        `${whose} is set by ResetInstancesPassword, which takes 8-${RESET_PASSWORD_MAX} characters` +
        ` (Windows 12-${RESET_PASSWORD_MAX}) not starting with "/" (SDK ResetInstancesPasswordRequest.Password);` +
        ` this one ${p.startsWith("/") ? 'starts with "/"' : `has ${p.length} characters`}`,
    },
  ];
}

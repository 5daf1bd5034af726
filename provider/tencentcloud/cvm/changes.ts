/**
 * CvmInstance's in-place changes beyond the attributes (attributes.ts), each made by its action
 * (classes.ts) and waited for until our call's operation is done:
 * 1. in any state: project, renew flag, bandwidth, data disk sizes (CBS), the image (ResetInstance);
 * 2. on a stopped instance: key pairs, password, system disk size, instance type. A running
 *    instance is stopped for them (a progress line says so) and started again;
 * 3. the state `running` and `stoppedMode` ask for.
 */
import type { Operation } from "../../core/context";
import { sameIdSet } from "../../core/diff";
import type { TencentTarget } from "../client";
import * as api from "./api";
import { applyAttributes } from "./attributes";
import type { CvmArgs } from "./schema";
import { actAndWait, waitDisks } from "./wait";

type Live = Map<string, api.CvmInstanceModel>;
/** One in-place action on a group of instances, logged and waited for. */
type Act = <A extends api.InstancesAction>(
  group: string[],
  action: A,
  req: api.InstancesActions[A],
  applied?: (i: api.CvmInstanceModel) => boolean,
) => Promise<void>;

export async function applyChanges(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  live: Live,
  old: CvmArgs,
  args: CvmArgs,
  /** The resource's owner mark (core/adopt.ts). */
  owner: string,
): Promise<void> {
  if (ids.length === 0) return;
  const before = new Map(ids.map((id) => [id, live.get(id)?.LatestOperationRequestId ?? ""]));
  const act: Act = (group, action, req, applied) => {
    if (group.length === 0) return Promise.resolve();
    op.rt.log(`${op.what}: ${action} on ${group.join(", ")}`);
    return actAndWait(op, t, group, action, req, before, applied);
  };
  const which = (differs: (i: api.CvmInstanceModel) => boolean, m = live) =>
    ids.filter((id) => differs(m.get(id)!));

  await applyAttributes(op, t, ids, live, old, args, before, owner);
  const projectId = args.placement.projectId;
  if (projectId !== undefined) {
    await act(
      which((i) => (i.Placement?.ProjectId ?? 0) !== projectId),
      "ModifyInstancesProject",
      {
        ProjectId: projectId,
      },
    );
  }
  const renewFlag = args.instanceChargePrepaid?.renewFlag;
  if (renewFlag !== undefined) {
    await act(
      which((i) => i.RenewFlag !== renewFlag),
      "ModifyInstancesRenewFlag",
      { RenewFlag: renewFlag },
    );
  }
  await bandwidth(op, ids, live, args, act);
  await dataDisks(op, t, ids, live, args);
  const reinstall = args.imageId !== old.imageId;
  if (reinstall) {
    op.rt.log(`${op.what}: reinstalling ${ids.join(", ")} with ${args.imageId} (the system disk is wiped)`);
    await act(ids, "ResetInstance", { ImageId: args.imageId, LoginSettings: loginOf(args) });
  }

  // 2. On stopped instances.
  const now = await api.describeInstances(op, t, ids);
  const login = args.loginSettings;
  const keys =
    login && !/^true$/i.test(login.keepImageLogin ?? "") && !reinstall ? (login.keyIds ?? []) : undefined;
  const keyChange = keys ? which((i) => !sameIdSet(i.LoginSettings?.KeyIds, keys), now) : [];
  const password = login?.password;
  const passwordChange = password !== undefined && password !== old.loginSettings?.password && !reinstall;
  const type = args.instanceType;
  const typeChange = type === undefined ? [] : which((i) => i.InstanceType !== type, now);
  const systemSize = args.systemDisk?.diskSize;
  const systemGrow =
    systemSize === undefined ? [] : which((i) => (i.SystemDisk?.DiskSize ?? 0) < systemSize, now);
  const stopFor = [
    ...(keyChange.length ? ["key pairs"] : []),
    ...(passwordChange ? ["the password"] : []),
    ...(typeChange.length ? [`instance type ${type}`] : []),
  ];
  const stopMode = args.running === false ? args.stoppedMode : undefined;
  if (stopFor.length) {
    // Instances stopped without charging cannot change to a type of the same family
    // (UnsupportedOperation.StoppedModeStopChargingSameFamily): started, and stopped while charging
    // for a new type (which ends running: applyPower stops it again in its mode).
    const uncharged = typeChange.filter((id) => now.get(id)?.StopChargingMode === "STOP_CHARGING");
    await act(uncharged, "StartInstances", {}, (i) => i.InstanceState === "RUNNING");
    const running = ids.filter((id) => uncharged.includes(id) || now.get(id)?.InstanceState === "RUNNING");
    if (running.length) {
      op.rt.log(
        `${op.what}: stopping ${running.join(", ")} to change ${stopFor.join(", ")}` +
          (args.running === false ? " (they stay stopped: running is false)" : " (started again after)"),
      );
    }
    await act(
      running,
      "StopInstances",
      typeChange.length ? {} : { StoppedMode: stopMode },
      (i) => i.InstanceState === "STOPPED",
    );
    const have = (id: string) => now.get(id)?.LoginSettings?.KeyIds ?? [];
    for (const id of keyChange) {
      const drop = have(id).filter((k) => !keys!.includes(k));
      if (drop.length) await act([id], "DisassociateInstancesKeyPairs", { KeyIds: drop });
    }
    // Every key, so that the list is the same whether a binding adds to the keys or replaces them.
    if (keys?.length) await act(keyChange, "AssociateInstancesKeyPairs", { KeyIds: keys });
    if (passwordChange) await act(ids, "ResetInstancesPassword", { Password: password });
  }
  if (systemGrow.length) {
    const state = await api.describeInstances(op, t, systemGrow);
    for (const id of systemGrow) {
      // "如果是运行中的实例，必须指定ForceStop或ResizeOnline任意一个参数为true": online, not stopped.
      const online = state.get(id)?.InstanceState === "RUNNING";
      await act([id], "ResizeInstanceDisks", {
        SystemDisk: { DiskSize: systemSize },
        ...(online ? { ResizeOnline: true } : {}),
      });
    }
  }
  // "完成实例配置调整后，实例将自动显示为运行中": last of the stopped ones.
  for (const id of typeChange) await act([id], "ResetInstancesType", { InstanceType: type! });
  await applyPower(op, t, ids, args, before);
}

/** `running` and `stoppedMode`: started, stopped, or stopped again in the other mode. */
export async function applyPower(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  args: CvmArgs,
  before: Map<string, string> = new Map(),
): Promise<void> {
  const live = await api.describeInstances(op, t, ids);
  const state = (id: string) => live.get(id)?.InstanceState;
  const running = (i: api.CvmInstanceModel) => i.InstanceState === "RUNNING";
  const stopped = (i: api.CvmInstanceModel) => i.InstanceState === "STOPPED";
  if (args.running !== false) {
    const start = ids.filter((id) => state(id) === "STOPPED");
    if (start.length) op.rt.log(`${op.what}: starting ${start.join(", ")} (running is true)`);
    if (start.length) await actAndWait(op, t, start, "StartInstances", {}, before, running);
    return;
  }
  const mode = args.stoppedMode ?? "KEEP_CHARGING";
  const otherMode = ids.filter((id) => state(id) === "STOPPED" && live.get(id)?.StopChargingMode !== mode);
  if (otherMode.length) {
    op.rt.log(`${op.what}: starting ${otherMode.join(", ")} to stop them again with ${mode}`);
    await actAndWait(op, t, otherMode, "StartInstances", {}, before, running);
  }
  const stop = ids.filter((id) => state(id) === "RUNNING" || otherMode.includes(id));
  if (stop.length === 0) return;
  op.rt.log(`${op.what}: stopping ${stop.join(", ")} (running is false, ${mode})`);
  await actAndWait(op, t, stop, "StopInstances", { StoppedMode: mode }, before, stopped);
}

/** LoginSettings of a reinstall: the arguments' (else the cloud sets a random password). */
function loginOf(args: CvmArgs) {
  const l = args.loginSettings;
  if (!l) return undefined;
  return { Password: l.password, KeyIds: l.keyIds, KeepImageLogin: l.keepImageLogin?.toUpperCase() };
}

/**
 * ResetInstancesInternetMaxBandwidth. BANDWIDTH_PREPAID needs StartTime and EndTime: from today
 * ("StartTime不能早于当前日期，如果指定开始日期为当前日期，调整即时生效") to the instance's expiry.
 */
async function bandwidth(op: Operation, ids: string[], live: Live, args: CvmArgs, act: Act): Promise<void> {
  const want = args.internetAccessible?.internetMaxBandwidthOut;
  if (want === undefined) return;
  for (const id of ids) {
    const inst = live.get(id)!;
    if (inst.InternetAccessible?.InternetMaxBandwidthOut === want) continue;
    const prepaid = inst.InternetAccessible?.InternetChargeType === "BANDWIDTH_PREPAID";
    const dates = prepaid
      ? {
          StartTime: new Date(op.rt.clock.now()).toISOString().slice(0, 10),
          EndTime: (inst.ExpiredTime ?? "").slice(0, 10),
        }
      : {};
    await act([id], "ResetInstancesInternetMaxBandwidth", {
      InternetAccessible: { InternetMaxBandwidthOut: want },
      ...dates,
    });
  }
}

/** CBS ResizeDisk of each data disk to grow (in launch order, as DescribeInstances lists them), then the wait. */
async function dataDisks(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  live: Live,
  args: CvmArgs,
): Promise<void> {
  const grow: Array<{ diskId: string; size: number }> = [];
  for (const id of ids) {
    const disks = live.get(id)?.DataDisks ?? [];
    (args.dataDisks ?? []).forEach((d, i) => {
      const have = disks[i];
      if (have?.DiskId && (have.DiskSize ?? 0) < d.diskSize)
        grow.push({ diskId: have.DiskId, size: d.diskSize });
    });
  }
  if (grow.length === 0) return;
  op.rt.log(`${op.what}: CBS ResizeDisk ${grow.map((g) => `${g.diskId} to ${g.size} GB`).join(", ")}`);
  for (const g of grow) await api.resizeDisk(op, t, g.diskId, g.size);
  await waitDisks(op, t, grow);
}

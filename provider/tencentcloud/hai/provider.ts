/**
 * HaiInstance: the dynamic ResourceProvider for HAI RunInstances (2023-08-12).
 * check → diff → create → read → update → delete, then helpers.
 */
import { unsettledReasons, waitSettled as settleAll } from "../../core/settle";
import { deriveClientToken, launchWithToken } from "../../core/launch";
import { Props, idsOf, nameOf, parseProps, storedArgs, timeoutOf, tokenOf } from "../../core/props";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { CheckFailure, checkArgs, preflightFailures, userArgs } from "../../core/check";
import { ConfigureRequest, REGION_HELP, configure, preflightEnabled, tencentRegion } from "../../core/config";
import { Operation, Runtime, defaultRuntime, operation, progress } from "../../core/context";
import { DiffResult, diffArgs, guardClientToken } from "../../core/diff";
import { CloudError, InitFailedError, errorMessage } from "../../core/errors";
import { Poller } from "../../core/poller";
import { clean } from "../../core/case";
import { isUnknown, unknownPaths } from "../../core/unknown";
import { TencentTarget, tencentTarget } from "../client";
import * as api from "./api";
import { ARG_KEYS, HaiArgs, HaiInstanceArgsSchema, IN_PLACE, DOC } from "./schema";
import { Phase, census, launchError, phaseOf } from "./status";

const KIND = "HaiInstance";
/** Outputs beside the arguments. */
export const OUTPUT_KEYS = ["instanceIds", "instances", "launchToken", "launchGeneration"] as const;

export interface InstanceOutput {
  instanceId: string;
  instanceName: string;
  state: string;
  privateIpAddresses: string[];
  publicIpAddresses: string[];
  createdTime: string;
  /** HAI instances have no expiry time in DescribeInstances: always "". */
  expiredTime: string;
  applicationName: string;
  bundleName: string;
  gpuCount: number;
  /** GB. */
  gpuMemory: string;
  /** Cores. */
  cpu: string;
  /** GB. */
  memory: string;
  systemDisk: { diskType: string; diskSize: number };
  /** The login services the application offers, e.g. JupyterLab, WebUI. */
  loginServices: string[];
}

export interface HaiOutputs extends Record<string, unknown> {
  region: string;
  instanceIds: string[];
  instances: InstanceOutput[];
  launchToken: string;
  launchGeneration: number;
}

type Model = api.HaiInstanceModel;

interface Settled {
  last: Map<string, Model | undefined>;
  phases: Map<string, Phase>;
  failure?: unknown;
}

interface Launched extends Settled {
  ids: string[];
  token: string;
  generation: number;
}

export function makeHaiProvider(rt: Runtime = defaultRuntime) {
  const pollers = (t: TencentTarget) =>
    rt.pollers.get(
      `hai|${t.region}|${t.credentials.id}|${t.endpoint ?? ""}`,
      () =>
        new Poller<Model>({
          batchSize: 100,
          describe: (ids) =>
            api.describeInstances(operation(rt, "describing HAI instances", 120_000), t, ids),
          clock: rt.clock,
          minIntervalMs: rt.pollMinMs,
          maxIntervalMs: rt.pollMaxMs,
        }),
    );

  return {
    async configure(req: ConfigureRequest): Promise<void> {
      configure(req);
    },

    // ---- check ---------------------------------------------------------------------------
    async check(olds: Props, news: Props): Promise<dynamic.CheckResult> {
      const { args, failures } = checkArgs(HaiInstanceArgsSchema, news, KIND, OUTPUT_KEYS, { doc: DOC });
      if (!isUnknown(news.region) && !tencentRegion(news.region as string | undefined)) {
        failures.push({
          property: "region",
          reason: `is required by HAI (${DOC}: Region, a common parameter): ${REGION_HELP}`,
        });
      }
      failures.push(...shrinkFailures(olds ?? {}, news));
      const isNew = Object.keys(userArgs(olds ?? {})).length === 0;
      if (args && failures.length === 0 && isNew && preflightEnabled()) {
        failures.push(...(await preflight(args, news)));
      }
      return { inputs: news, failures };
    },

    // ---- diff ----------------------------------------------------------------------------
    async diff(_id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
      const d = diffHai(olds, news);
      return { changes: d.changes, replaces: d.replaces, deleteBeforeReplace: d.deleteBeforeReplace };
    },

    // ---- create --------------------------------------------------------------------------
    async create(inputs: Props): Promise<dynamic.CreateResult> {
      const args = parseArgs(inputs);
      const t = tencentTarget(resolveRegion(args));
      const op = operation(rt, `creating ${KIND} ${nameOf(inputs)}`, timeoutOf(args.timeouts, "create"));
      const launched = await launch(op, t, args, inputs, args.instanceCount, "");
      const outs = finish(op, inputs, args, launched);
      if (args.running) return { id: launched.ids.join(","), outs };
      try {
        await setRunning(op, t, launched.ids, false);
        const found = await api.describeInstances(op, t, launched.ids);
        return { id: launched.ids.join(","), outs: outputs(inputs, args, launched.ids, found, launched) };
      } catch (e) {
        throw new InitFailedError(
          prefixed(op, e),
          launched.ids.join(","),
          { ...inputs, ...outs, running: true },
          [errorMessage(e)],
          { cause: e },
        );
      }
    },

    // ---- read ----------------------------------------------------------------------------
    async read(id: string, props: Props): Promise<dynamic.ReadResult> {
      const args = storedArgsOf(props);
      const t = tencentTarget(String(props.region ?? resolveRegion(args)));
      const op = operation(rt, `reading ${KIND} ${nameOf(props)}`, timeoutOf(args.timeouts, "update"));
      const ids = idsOf(id, props);
      const found = await api.describeInstances(op, t, ids);
      const alive = ids.filter((i) => phaseOf(found.get(i)) !== "gone");
      if (alive.length === 0) return { id: "", props: {} };
      const outs = outputs(props, args, alive, found, tokenOf(props));
      // Drift of in-place arguments shows in the next diff and is put right by the next update.
      // (A rename in the console is not drift: HAI has no rename API, and it would replace GPU machines.)
      const live = alive.map((i) => found.get(i)!);
      const states = live.map((i) => i.InstanceState ?? "");
      const stopped = states.some((s) => s === "STOPPED_NO_CHARGE" || s === "STOPPING");
      const running = states.some((s) => s === "RUNNING" || s === "STARTING");
      if (args.running && stopped) outs.running = false;
      if (!args.running && running) outs.running = true;
      const wanted = args.systemDisk?.diskSize;
      const sizes = live.map((i) => i.SystemDisk?.DiskSize ?? 0).filter((s) => s > 0);
      if (wanted !== undefined && sizes.length && sizes.some((s) => s !== wanted)) {
        // The smallest live disk: what the next update has to grow.
        outs.systemDisk = { ...args.systemDisk, diskSize: Math.min(...sizes) };
      }
      return { id: alive.join(","), props: clean(outs) };
    },

    // ---- update --------------------------------------------------------------------------
    async update(_id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
      const args = parseArgs(news);
      const t = tencentTarget(String(olds.region ?? resolveRegion(args)));
      const op = operation(rt, `updating ${KIND} ${nameOf(news)}`, timeoutOf(args.timeouts, "update"));
      const before = idsOf("", olds);
      let ids = before;
      const launchState = tokenOf(olds);
      try {
        // Converge first: instances that failed to launch are replaced, pending ones waited for.
        ids = await converge(op, t, ids, args, news, launchState);
        ids = await replenish(op, t, ids, args, news, launchState);
        const live = await api.describeInstances(op, t, ids);
        // Refused before anything changes: prepaid instances can be neither stopped nor started.
        await refusePrepaid(op, t, runningTargets(ids, live, args.running), args.running);
        await resize(op, t, ids, live, args);
        await setRunning(op, t, ids, args.running, true);
        const final = await api.describeInstances(op, t, ids);
        return { outs: outputs(news, args, ids, final, launchState) };
      } catch (e) {
        if (e instanceof InitFailedError) throw e;
        // Nothing bought or dropped: Pulumi keeps the old state, the next update starts from the live one.
        if (ids.length === 0 || sameIds(ids, before)) throw new Error(prefixed(op, e), { cause: e });
        const found = await api.describeInstances(op, t, ids).catch(() => new Map<string, Model>());
        throw new InitFailedError(
          prefixed(op, e),
          ids.join(","),
          { ...news, ...outputs(news, args, ids, found, launchState) },
          [errorMessage(e)],
          { cause: e },
        );
      }
    },

    // ---- delete --------------------------------------------------------------------------
    async delete(id: string, props: Props): Promise<void> {
      const args = storedArgsOf(props);
      const t = tencentTarget(String(props.region ?? resolveRegion(args)));
      const op = operation(rt, `deleting ${KIND} ${nameOf(props)}`, timeoutOf(args.timeouts, "delete"));
      const ids = idsOf(id, props);
      if (ids.length === 0) return;
      await terminate(op, t, ids);
      await waitGone(op, t, ids);
    },
  };

  // ---- helpers -----------------------------------------------------------------------------

  async function preflight(args: HaiArgs, news: Props): Promise<CheckFailure[]> {
    try {
      const t = tencentTarget(resolveRegion(args));
      const op = operation(rt, `preflight of ${KIND} ${nameOf(news)}`, 60_000);
      await api.dryRun(op, t, api.runInstancesRequest(args, "preflight"));
      return [];
    } catch (e) {
      return preflightFailures(e, propertyOf);
    }
  }

  /**
   * RunInstances with an idempotency scheme, then wait until no instance is pending. The
   * ClientToken is the user's, or derived from the resource's identity, its request and a
   * generation: a create repeated after a crash or a lost response sends the same token and gets
   * the same instances back. When the cloud answers a derived token with instances that are all
   * terminated or gone (the resource was destroyed and is created again with the same inputs),
   * the generation goes up and a new set is launched.
   */
  async function launch(
    op: Operation,
    t: TencentTarget,
    args: HaiArgs,
    inputs: Props,
    count: number,
    salt: string,
  ): Promise<Launched> {
    return launchWithToken(op, {
      userToken: salt ? undefined : args.clientToken,
      tokenFor: (generation) => deriveToken(inputs, args, count, salt, generation),
      create: (token) => api.runInstances(op, t, api.runInstancesRequest(args, token, count)),
      settle: (ids) => waitSettled(op, t, ids),
      spent: (ids, s) => ids.every((i) => s.phases.get(i) === "gone"),
      action: "RunInstances",
      noun: "instance",
    });
  }

  /** Waits until no instance is pending (not found right after RunInstances counts as pending for a while). */
  function waitSettled(op: Operation, t: TencentTarget, ids: string[]): Promise<Settled> {
    return settleAll(op, pollers(t), ids, { phaseOf, census });
  }

  /** All RUNNING → outputs; else an init failure that keeps the instances recorded. */
  function finish(op: Operation, inputs: Props, args: HaiArgs, l: Launched, ids = l.ids): HaiOutputs {
    const outs = outputs(inputs, args, ids, l.last, l);
    const reasons = unsettledReasons(l, l.ids, { census, launchError, stateOf: (i) => i?.InstanceState });
    if (reasons.length === 0) return outs;
    throw new InitFailedError(
      `${op.what}: ${reasons.join("; ")}`,
      ids.join(","),
      // Recorded as running: the next update puts `running` right once they are up.
      { ...inputs, ...outs, running: true },
      reasons,
      { cause: l.failure },
    );
  }

  /** Waits for pending instances, then drops gone ones and terminates LAUNCH_FAILED ones. */
  async function converge(
    op: Operation,
    t: TencentTarget,
    ids: string[],
    args: HaiArgs,
    inputs: Props,
    launchState: { token: string; generation: number },
  ): Promise<string[]> {
    if (ids.length === 0) return ids;
    let states: Map<string, Model | undefined> = await api.describeInstances(op, t, ids);
    const present = ids.filter((i) => phaseOf(states.get(i)) !== "gone");
    if (present.some((i) => phaseOf(states.get(i)) === "pending")) {
      const settled = await waitSettled(op, t, present);
      if (settled.failure) finish(op, inputs, args, { ids: present, ...launchState, ...settled });
      states = settled.last;
    }
    const failed = present.filter((i) => phaseOf(states.get(i)) === "failed");
    if (failed.length) {
      op.rt.log(
        `${op.what}: terminating ${failed.length} instance(s) that failed to launch: ${failed.join(", ")}`,
      );
      await terminate(op, t, failed);
    }
    return present.filter((i) => !["failed", "gone"].includes(phaseOf(states.get(i))));
  }

  /** Fewer instances than instanceCount (failed or gone ones dropped): RunInstances for the difference. */
  async function replenish(
    op: Operation,
    t: TencentTarget,
    ids: string[],
    args: HaiArgs,
    inputs: Props,
    launchState: { token: string; generation: number },
  ): Promise<string[]> {
    const missing = args.instanceCount - ids.length;
    if (missing <= 0) return ids;
    const salt = `replenish:${[...ids].sort().join(",")}`;
    op.rt.log(`${op.what}: launching ${missing} instance(s) to make ${args.instanceCount}`);
    const extra = await launch(op, t, args, inputs, missing, salt);
    const all = [...ids, ...extra.ids];
    const found = await api.describeInstances(op, t, ids);
    for (const i of ids) extra.last.set(i, found.get(i));
    finish(op, inputs, args, { ...extra, ...launchState }, all);
    return all;
  }

  /** The instances a change of `running` has to stop (RUNNING ones) or start (STOPPED_NO_CHARGE ones). */
  function runningTargets(ids: string[], live: Map<string, Model>, running: boolean): string[] {
    const from = running ? "stopped" : "running";
    return ids.filter((i) => phaseOf(live.get(i)) === from);
  }

  /** "Prepaid instances can be neither stopped nor started" (SDK StopInstance / StartInstance): a clear refusal first. */
  async function refusePrepaid(op: Operation, t: TencentTarget, targets: string[], running: boolean) {
    if (targets.length === 0) return;
    const prepaid = [...(await api.prepaidInstances(op, t, targets))];
    if (prepaid.length === 0) return;
    const action = running ? "StartInstance" : "StopInstance";
    throw new Error(
      `${op.what}: cannot ${running ? "start" : "stop"} prepaid instance(s) ${prepaid.join(", ")}:` +
        ` HAI ${action} does not apply to prepaid (PREPAID_BY_MONTH) instances, only to postpaid ones` +
        ` (SDK ${action}); keep running: ${!running}`,
    );
  }

  /** A larger systemDisk.diskSize: one ResizeInstanceDisk per smaller disk, then wait until done. */
  async function resize(
    op: Operation,
    t: TencentTarget,
    ids: string[],
    live: Map<string, Model>,
    args: HaiArgs,
  ): Promise<void> {
    const want = args.systemDisk?.diskSize;
    if (want === undefined) return;
    const smaller = ids.filter((i) => (live.get(i)?.SystemDisk?.DiskSize ?? want) < want);
    if (smaller.length === 0) return;
    op.rt.log(`${op.what}: ResizeInstanceDisk to ${want} GB on ${smaller.join(", ")}`);
    for (const i of smaller) {
      await api
        .resizeInstanceDisk(op, t, i, want)
        .catch((e: unknown) => answerLost(op, t, i, e, (inst) => (inst.SystemDisk?.DiskSize ?? 0) >= want));
    }
    await waitFor(
      op,
      t,
      smaller,
      "ResizeInstanceDisk",
      `system disk(s) to grow to ${want} GB`,
      (inst) => (inst.SystemDisk?.DiskSize ?? 0) >= want,
    );
  }

  /**
   * running: StartInstance for STOPPED_NO_CHARGE instances; else StopInstance (STOP_CHARGE) for
   * RUNNING ones. Then wait until they are RUNNING / STOPPED_NO_CHARGE.
   */
  async function setRunning(
    op: Operation,
    t: TencentTarget,
    ids: string[],
    running: boolean,
    prepaidChecked = false,
  ): Promise<void> {
    const live = await api.describeInstances(op, t, ids);
    const targets = runningTargets(ids, live, running);
    const other = ids.filter((i) => !["running", "stopped"].includes(phaseOf(live.get(i))));
    if (other.length) {
      op.rt.log(
        `warning: ${op.what}: ${other.map((i) => `${i} is ${live.get(i)?.InstanceState ?? "gone"}`).join(", ")}; left as it is`,
      );
    }
    if (targets.length === 0) return;
    if (!prepaidChecked) await refusePrepaid(op, t, targets, running);
    const action = running ? "StartInstance" : "StopInstance";
    const goal = running ? "RUNNING" : "STOPPED_NO_CHARGE";
    op.rt.log(`${op.what}: ${action}${running ? "" : " (STOP_CHARGE)"} on ${targets.join(", ")}`);
    const onTheWay = running ? ["STARTING", "RUNNING"] : ["STOPPING", "STOPPED_NO_CHARGE"];
    for (const i of targets) {
      await (running ? api.startInstance(op, t, i) : api.stopInstance(op, t, i)).catch((e: unknown) =>
        answerLost(op, t, i, e, (inst) => onTheWay.includes(inst.InstanceState ?? "")),
      );
    }
    await waitFor(op, t, targets, action, `instance(s) to be ${goal}`, (inst) => inst.InstanceState === goal);
  }

  /**
   * After a failed start, stop or resize (not repeated: see api.ts): when the call did reach the
   * cloud before its answer was lost, or the instance is there already, `arrived` holds for the
   * instance and that is success; else the error stands.
   */
  async function answerLost(
    op: Operation,
    t: TencentTarget,
    id: string,
    e: unknown,
    arrived: (inst: Model) => boolean,
  ): Promise<void> {
    // FailedOperation.OperateInstanceRepeatedly: the same start or stop is under way already.
    const lost =
      e instanceof CloudError &&
      /^NetworkError|^UnsupportedOperation\.InstanceState|DiskSizeMustLargeThanCurrentDiskSize|^FailedOperation\.OperateInstanceRepeatedly/.test(
        e.code,
      );
    if (!lost) throw e;
    const inst = (await api.describeInstances(op, t, [id])).get(id);
    if (!inst || !arrived(inst)) throw e;
  }

  /**
   * Waits until `done` holds for every id and no operation is running on it; fails when the
   * action failed (LatestOperationState FAILED) or an instance disappeared.
   */
  async function waitFor(
    op: Operation,
    t: TencentTarget,
    ids: string[],
    action: string,
    what: string,
    done: (inst: Model) => boolean,
  ): Promise<void> {
    const show = progress(op);
    await pollers(t).wait(
      ids,
      (view) => {
        show(`waiting for ${ids.length} ${what}: ${census(view.states)}`);
        let pending = false;
        for (const i of ids) {
          const inst = view.states.get(i);
          if (!inst || phaseOf(inst) === "gone") return new Error(`${op.what}: ${i} is gone`);
          if (inst.LatestOperation === action && inst.LatestOperationState === "FAILED") {
            return new Error(`${op.what}: ${action} failed on ${i} (${inst.InstanceState})`);
          }
          if (!done(inst) || inst.LatestOperationState === "OPERATING") pending = true;
        }
        if (!pending) show(`${action} done: ${census(view.states)}`);
        return pending ? "pending" : "done";
      },
      op.deadline,
      `${ids.length} ${what} (${op.what})`,
    );
  }

  /** TerminateInstances for the ids that still exist and are not terminating already. */
  async function terminate(op: Operation, t: TencentTarget, ids: string[]): Promise<void> {
    const alive = async () => {
      const found = await api.describeInstances(op, t, ids);
      return ids.filter((i) => found.has(i) && phaseOf(found.get(i)) !== "gone");
    };
    const first = await alive();
    if (first.length === 0) return;
    try {
      await api.terminateInstances(op, t, first);
    } catch (e) {
      if (!(e instanceof CloudError)) throw e;
      if (e.code === "UnsupportedOperation.NotSupportTerminatePrePaidAndPostPaid") {
        // "Prepaid and postpaid instances cannot be terminated together" (SDK errors): one call each.
        const prepaid = await api.prepaidInstances(op, t, first);
        for (const group of [first.filter((i) => prepaid.has(i)), first.filter((i) => !prepaid.has(i))]) {
          if (group.length) await api.terminateInstances(op, t, group);
        }
        return;
      }
      // Some went away meanwhile: terminate the ones that still exist.
      if (!/InstanceIdNotFound|^UnsupportedOperation\.InstanceStateTermin/.test(e.code)) throw e;
      const rest = await alive();
      if (rest.length) await api.terminateInstances(op, t, rest);
    }
  }

  /** Waits until every id is TERMINATED or gone. */
  async function waitGone(op: Operation, t: TencentTarget, ids: string[]): Promise<void> {
    const show = progress(op);
    await pollers(t).wait(
      ids,
      (view) => {
        show(`waiting for ${ids.length} instance(s) to terminate: ${census(view.states, "gone")}`);
        const pending = ids.some((i) => {
          const s = view.states.get(i)?.InstanceState;
          return s !== undefined && s !== "TERMINATED";
        });
        return pending ? "pending" : "done";
      },
      op.deadline,
      `${ids.length} instance(s) of ${op.what} to terminate`,
    );
    show(`${ids.length} instance(s) terminated`);
  }

  function resolveRegion(args: Partial<HaiArgs>): string {
    const region = tencentRegion(args.region);
    if (!region) throw new Error(`${KIND}: region is required by HAI: ${REGION_HELP}`);
    return region;
  }

  function outputs(
    inputs: Props,
    args: Partial<HaiArgs>,
    ids: string[],
    found: Map<string, Model | undefined>,
    launchState: { token: string; generation: number },
  ): HaiOutputs {
    return clean({
      ...userArgs(inputs),
      // Kept so that read and delete, which get only the outputs, can name the resource.
      __identity: inputs.__identity,
      region: resolveRegion(args),
      instanceIds: ids,
      instances: ids.map((i) => instanceOutput(i, found.get(i))),
      launchToken: launchState.token,
      launchGeneration: launchState.generation,
    });
  }

  /**
   * systemDisk.diskSize smaller than what the instances have: ResizeInstanceDisk only grows
   * (SDK ResizeInstanceDiskRequest.DiskSize), so it is refused unless the change replaces anyway.
   */
  function shrinkFailures(olds: Props, news: Props): CheckFailure[] {
    const size = (news.systemDisk as Props | undefined)?.diskSize;
    if (typeof size !== "number" || isUnknown(olds.systemDisk)) return [];
    const current = Math.max(0, ...knownSizes(olds));
    if (size >= current) return [];
    // A replacement gets new instances: any size is fine then.
    const other = diffHai(olds, news).replaces.filter((k) => k !== "systemDisk");
    const oldType = (olds.systemDisk as Props | undefined)?.diskType;
    const newType = (news.systemDisk as Props | undefined)?.diskType;
    if (other.length || (newType !== undefined && oldType !== undefined && newType !== oldType)) return [];
    return [
      {
        property: "systemDisk.diskSize",
        reason:
          `cannot shrink the system disk from ${current} GB to ${size} GB: ResizeInstanceDisk only grows a disk` +
          ` (SDK ResizeInstanceDiskRequest.DiskSize: must be larger than the current size);` +
          ` keep at least ${current} GB, or create a new resource (another resource name) for a smaller disk`,
      },
    ];
  }
}

// ---- pure helpers ------------------------------------------------------------------------

/**
 * Old outputs against new inputs. `running` and a larger systemDisk.diskSize are made in place;
 * another disk type or a smaller size replaces; so does every other argument (HAI has no rename).
 */
export function diffHai(olds: Props, news: Props): DiffResult {
  const normalize = (p: Props, region: unknown) => ({
    ...p,
    region,
    instanceCount: p.instanceCount ?? 1,
    running: p.running ?? true,
  });
  const oldRegion = olds.region ?? tencentRegion();
  const newRegion = isUnknown(news.region) ? news.region : (news.region ?? tencentRegion());
  const keys = (ARG_KEYS as readonly string[]).filter((k) => k !== "systemDisk");
  const d = diffArgs(normalize(olds, oldRegion), normalize(news, newRegion), keys, IN_PLACE);
  const disk = diffSystemDisk(olds, news);
  if (disk === "none") return guardClientToken(d, olds, news);
  return guardClientToken(
    {
      changes: true,
      replaces: disk === "replace" ? [...d.replaces, "systemDisk"] : d.replaces,
      updates: disk === "update" ? [...d.updates, "systemDisk"] : d.updates,
      deleteBeforeReplace: d.deleteBeforeReplace,
    },
    olds,
    news,
  );
}

/**
 * systemDisk: another diskType replaces; a larger diskSize is an in-place resize, a smaller one
 * replaces (check refuses it unless something else replaces). An argument left out keeps what the
 * instances have; the old value is the old argument, else what the instances report.
 */
function diffSystemDisk(olds: Props, news: Props): "none" | "update" | "replace" {
  const n = news.systemDisk;
  const o = olds.systemDisk as Props | undefined;
  if (isUnknown(n)) return "replace";
  if (isUnknown(o)) return "replace";
  const next = (n ?? {}) as Props;
  const live = liveDisk(olds);
  let verdict: "none" | "update" | "replace" = "none";
  const raise = (v: "update" | "replace") => {
    if (v === "replace" || verdict === "none") verdict = v;
  };
  for (const k of Object.keys(o ?? {})) if (next[k] === undefined) raise("update");
  if (next.diskType !== undefined) {
    const was = o?.diskType ?? live?.diskType;
    if (isUnknown(next.diskType) || was === undefined || next.diskType !== was) raise("replace");
    else if (o?.diskType === undefined) raise("update");
  }
  if (next.diskSize !== undefined) {
    const was = (o?.diskSize ?? live?.diskSize) as number | undefined;
    if (isUnknown(next.diskSize) || was === undefined) raise("update");
    else if ((next.diskSize as number) < was) raise("replace");
    else if ((next.diskSize as number) > was || o?.diskSize === undefined) raise("update");
  }
  if (unknownPaths(next).length && verdict === "none") raise("update");
  return verdict;
}

/** The system disk the instances report in the old outputs (the first instance's). */
function liveDisk(olds: Props): { diskType?: string; diskSize?: number } | undefined {
  const instances = olds.instances;
  if (!Array.isArray(instances) || instances.length === 0) return undefined;
  const disk = (instances[0] as Partial<InstanceOutput>).systemDisk;
  if (!disk) return undefined;
  return { diskType: disk.diskType || undefined, diskSize: disk.diskSize || undefined };
}

/** Every system disk size the old properties know: the argument and each instance's. */
function knownSizes(olds: Props): number[] {
  const sizes: number[] = [];
  const arg = (olds.systemDisk as Props | undefined)?.diskSize;
  if (typeof arg === "number") sizes.push(arg);
  if (Array.isArray(olds.instances)) {
    for (const i of olds.instances as Array<Partial<InstanceOutput>>) {
      if (typeof i?.systemDisk?.diskSize === "number") sizes.push(i.systemDisk.diskSize);
    }
  }
  return sizes;
}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join(",") === [...b].sort().join(",");
}

/** The error's message, with the operation in front unless it is there already. */
function prefixed(op: Operation, e: unknown): string {
  const msg = errorMessage(e);
  return msg.startsWith(op.what) ? msg : `${op.what}: ${msg}`;
}

/** sha256 of the identity and the request (HAI's has no secrets); ≤ 64 ASCII like every ClientToken. */
export function deriveToken(
  inputs: Props,
  args: HaiArgs,
  count: number,
  salt: string,
  generation: number,
): string {
  const { ClientToken: _c, ...req } = api.runInstancesRequest(args, "", count);
  return deriveClientToken(String(inputs.__identity ?? ""), req, salt, generation);
}

function instanceOutput(id: string, inst: Model | undefined): InstanceOutput {
  return {
    instanceId: id,
    instanceName: inst?.InstanceName ?? "",
    state: inst?.InstanceState ?? "UNKNOWN",
    privateIpAddresses: inst?.PrivateIpAddresses ?? [],
    publicIpAddresses: inst?.PublicIpAddresses ?? [],
    createdTime: inst?.CreateTime ?? "",
    expiredTime: "",
    applicationName: inst?.ApplicationName ?? "",
    bundleName: inst?.BundleName ?? "",
    gpuCount: inst?.GPUCount ?? 0,
    gpuMemory: inst?.GPUMemory ?? "",
    cpu: inst?.CPU ?? "",
    memory: inst?.Memory ?? "",
    systemDisk: { diskType: inst?.SystemDisk?.DiskType ?? "", diskSize: inst?.SystemDisk?.DiskSize ?? 0 },
    loginServices: (inst?.LoginServices ?? []).map((s) => s.ServiceName ?? "").filter(Boolean),
  };
}

/** Which argument a DryRun refusal is about, by the cloud's error code (doc: error codes). */
function propertyOf(code: string): string {
  const map: Array<[RegExp, string]> = [
    [/ApplicationId/, "applicationId"],
    [/BundleType|BundleInventoryShortage/, "bundleType"],
    [/DiskSize|DiskType/, "systemDisk.diskSize"],
    [/InstanceName/, "instanceName"],
    [/InstanceCount/, "instanceCount"],
    [/ClientToken/, "clientToken"],
    [/Region|Arrears|Unauthorized|LimitExceeded|SecurityGroup|Vpc|Subnet|ChargeType/, "region"],
  ];
  return map.find(([re]) => re.test(code))?.[1] ?? "applicationId";
}

export const provider = makeHaiProvider();

const parseArgs = (props: Props): HaiArgs => parseProps(HaiInstanceArgsSchema, props, OUTPUT_KEYS, KIND);
/** For refresh and destroy: what the state holds. */
const storedArgsOf = (props: Props): Partial<HaiArgs> =>
  storedArgs(HaiInstanceArgsSchema, props, OUTPUT_KEYS);

/**
 * EcmInstance: the dynamic ResourceProvider for ECM RunInstances (2019-07-19).
 * check → diff → create → read → update → delete, then helpers.
 *
 * Idempotency without ClientToken (the document reserves it): every instance is tagged at create
 * with marks that name the resource (`pulumi:resource`, a hash of its identity), the generation of
 * its instance set (`pulumi:generation`) and the request it was made from (`pulumi:request`, a hash
 * of the replace-relevant parameters, never of the password). Before RunInstances the provider
 * looks for instances carrying the resource's mark: the newest generation, when it is alive and
 * was made from the same request, is an earlier attempt whose answer was lost, and is adopted
 * instead of buying twice. A lost RunInstances answer is never repeated blindly: the provider looks
 * for the marked instances first and buys only what is still missing. Two creates of the resource
 * at the same time (a killed `pulumi up` whose provider host finishes, and the next `pulumi up`)
 * may both buy: each then keeps the oldest complete set and terminates only its own purchase
 * beyond it (claim), so both record instances that stay.
 */
import { unsettledReasons, waitSettled as settleAll } from "../../core/settle";
import {
  Props,
  idsOf,
  nameOf,
  parseProps,
  sameSet,
  storedArgs,
  timeoutOf,
  validArgs,
} from "../../core/props";
import { createHash } from "node:crypto";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { checkArgs, userArgs } from "../../core/check";
import { ConfigureRequest, configure, tencentRegion } from "../../core/config";
import { Operation, Runtime, defaultRuntime, operation, progress } from "../../core/context";
import { DiffResult, diffArgs, sameValue } from "../../core/diff";
import { CloudError, InitFailedError, TimeoutError, errorMessage, initFailure } from "../../core/errors";
import { Poller } from "../../core/poller";
import { clean } from "../../core/case";
import { hasUnknown, isUnknown } from "../../core/unknown";
import { TencentTarget, tencentTarget } from "../client";
import * as api from "./api";
import { ARG_KEYS, EcmArgs, EcmInstanceArgsSchema, IN_PLACE, regionOfZone, DOC } from "./schema";
import { Phase, census, launchError, phaseOf } from "./status";

const KIND = "EcmInstance";
/** Outputs beside the arguments. */
export const OUTPUT_KEYS = ["instanceIds", "instances", "launchMark", "launchGeneration"] as const;
/** The tags that mark an instance as this resource's (their prefix is refused in tagSpecification). */
export const MARK_TAGS = {
  resource: "pulumi:resource",
  generation: "pulumi:generation",
  request: "pulumi:request",
} as const;
/** RunInstances calls per create whose answers may be lost before giving up. */
const MAX_PURCHASES = 3;
/** Searches for marked instances after a lost answer (they may take a moment to be listed). */
const RECHECK_ROUNDS = 4;
/** What ECM shows for an instance launched without a name (doc: InstanceName; 未命名 in the SDK doc). */
const UNNAMED = "未命名";

export interface InstanceOutput {
  instanceId: string;
  instanceName: string;
  state: string;
  privateIpAddresses: string[];
  publicIpAddresses: string[];
  createdTime: string;
  expiredTime: string;
  zone: string;
  region: string;
  isp: string;
  instanceType: string;
}

export interface EcmOutputs extends Record<string, unknown> {
  instanceIds: string[];
  instances: InstanceOutput[];
  launchMark: string;
  launchGeneration: number;
}

type States = Map<string, api.EcmInstanceModel | undefined>;

/** The marks of one instance set: which resource, which request, which generation. */
export interface Mark {
  resource: string;
  request: string;
  generation: number;
}

/** fit() failed: `have` are the instances of the set it holds (adopted, found again or bought). */
class PartialSetError extends Error {
  constructor(
    message: string,
    readonly have: api.EcmInstanceModel[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "PartialSetError";
  }
}

interface Settled {
  last: States;
  phases: Map<string, Phase>;
  failure?: unknown;
}

export function makeEcmProvider(rt: Runtime = defaultRuntime) {
  const pollers = (t: TencentTarget) =>
    rt.pollers.get(
      `ecm|${t.region}|${t.credentials.id}|${t.endpoint ?? ""}`,
      () =>
        new Poller<api.EcmInstanceModel>({
          // The `instance-id` filter takes at most 5 values.
          batchSize: api.DESCRIBE_BATCH,
          describe: (ids) =>
            api.describeInstances(operation(rt, "describing ECM instances", 120_000), t, ids),
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
    // ECM RunInstances has no DryRun: there is no preflight; everything the document states is checked here.
    async check(_olds: Props, news: Props): Promise<dynamic.CheckResult> {
      const { failures } = checkArgs(EcmInstanceArgsSchema, news, KIND, OUTPUT_KEYS, { doc: DOC });
      return { inputs: news, failures };
    },

    // ---- diff ----------------------------------------------------------------------------
    async diff(_id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
      const d = diffEcm(olds, news);
      return { changes: d.changes, replaces: d.replaces, deleteBeforeReplace: d.deleteBeforeReplace };
    },

    // ---- create --------------------------------------------------------------------------
    async create(inputs: Props): Promise<dynamic.CreateResult> {
      const args = parseArgs(inputs);
      const t = target(args);
      const op = operation(rt, `creating ${KIND} ${nameOf(inputs)}`, timeoutOf(args.timeouts, "create"));
      const { mark, adopted } = await survey(op, t, markOf(inputs, args, 0));
      if (adopted.length) {
        op.rt.log(
          `${op.what}: adopting ${adopted.length} instance(s) of an earlier attempt (${describeMark(mark)}): ` +
            adopted.map((i) => i.InstanceId).join(", "),
        );
      }
      let ids: string[];
      let bought: string[];
      try {
        // Instances of the set beyond the request were not bought here: another create of this
        // resource may hold them. They are left alone; the next update or delete terminates them.
        ({ ids, bought } = await fit(op, t, args, mark, adopted, async (excess) =>
          op.rt.log(
            `${op.what}: leaving ${excess.length} instance(s) of this set beyond the request to the next update: ${excess.join(", ")}`,
          ),
        ));
      } catch (e) {
        // Instances of the set exist (adopted or found after a lost answer): record them, never orphan them.
        const have = e instanceof PartialSetError ? e.have : [];
        if (have.length === 0) {
          throw e instanceof PartialSetError ? new Error(e.message, { cause: e.cause }) : e;
        }
        const kept = have.map((i) => i.InstanceId!);
        const found = new Map(have.map((i) => [i.InstanceId!, i]));
        throw new InitFailedError(
          errorMessage(e),
          kept.join(","),
          { ...inputs, ...outputs(inputs, args, kept, found, mark) },
          [errorMessage(e)],
          { cause: e },
        );
      }
      let settled = await waitSettled(op, t, ids);
      const claimed = await claim(op, t, args, mark, ids, bought, settled.last);
      if (!sameSet(claimed.ids, ids)) {
        ids = claimed.ids;
        settled = await waitSettled(op, t, ids);
      }
      const outs = finish(op, inputs, args, ids, mark, settled, claimed.others);
      // Instances adopted and bought separately carry names numbered per call: put them in order.
      const renamed =
        (adopted.length > 0 || claimed.others.length > 0) &&
        (await applyAttributes(op, t, ids, settled.last, args).catch((e: unknown) => {
          op.rt.log(
            `warning: ${op.what}: could not put the names in order (the next update will): ${errorMessage(e)}`,
          );
          return false;
        }));
      if (renamed) {
        return {
          id: ids.join(","),
          outs: outputs(inputs, args, ids, await api.describeInstances(op, t, ids), mark),
        };
      }
      return { id: ids.join(","), outs };
    },

    // ---- read ----------------------------------------------------------------------------
    async read(id: string, props: Props): Promise<dynamic.ReadResult> {
      const args = storedArgsOf(props);
      const t = target(args);
      const op = operation(rt, `reading ${KIND} ${nameOf(props)}`, timeoutOf(args.timeouts, "update"));
      const ids = idsOf(id, props);
      const found = await api.describeInstances(op, t, ids);
      const alive = ids.filter((i) => phaseOf(found.get(i)) !== "gone");
      if (alive.length === 0) return { id: "", props: {} };
      const outs = outputs(props, args, alive, found, storedMark(props));
      // Drift shows in the next diff: names and security groups are put right by the next update,
      // a change of tags replaces (ECM has no tag update here). The marks are not the user's tags.
      const live = ordered(alive, found).map((i) => found.get(i)!);
      const expected = expectedNames(args, live);
      if (expected && live.some((inst) => inst.InstanceName !== expected.get(inst.InstanceId!))) {
        outs.instanceName = live.find(
          (inst) => inst.InstanceName !== expected.get(inst.InstanceId!),
        )!.InstanceName;
      }
      const groups = live.find(
        (inst) => !sameSet(inst.SecurityGroupIds ?? [], args.securityGroupIds ?? []),
      )?.SecurityGroupIds;
      if (args.securityGroupIds && groups) outs.securityGroupIds = groups;
      const liveTags = userTags(live[0].TagSet);
      if (!sameValue(liveTags, instanceTags(args.tagSpecification)))
        outs.tagSpecification = withInstanceTags(args, liveTags);
      return { id: alive.join(","), props: clean(outs) };
    },

    // ---- update --------------------------------------------------------------------------
    async update(_id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
      const args = parseArgs(news);
      const t = target(args);
      const op = operation(rt, `updating ${KIND} ${nameOf(news)}`, timeoutOf(args.timeouts, "update"));
      const mark = markOfProps(olds, args);
      let ids = idsOf("", olds);
      try {
        await dropStrays(op, t, mark, ids);
        // Converge first: instances that failed to launch are replaced, pending ones waited for.
        ids = await converge(op, t, ids, args, news, mark).catch((e: unknown) => {
          // Keep what fit() holds, including instances it found after a lost answer.
          if (e instanceof PartialSetError) ids = e.have.map((i) => i.InstanceId!);
          throw e;
        });
        const live = await api.describeInstances(op, t, ids);
        const changed = await applyAttributes(op, t, ids, live, args);
        const final = changed ? await api.describeInstances(op, t, ids) : live;
        return { outs: outputs(news, args, ids, final, mark) };
      } catch (e) {
        if (e instanceof InitFailedError || ids.length === 0) throw e;
        const found = await api
          .describeInstances(op, t, ids)
          .catch(() => new Map<string, api.EcmInstanceModel>());
        throw initFailure(op.what, e, ids, { ...news, ...outputs(news, args, ids, found, mark) });
      }
    },

    // ---- delete --------------------------------------------------------------------------
    async delete(id: string, props: Props): Promise<void> {
      const args = storedArgsOf(props);
      const t = target(args);
      const op = operation(rt, `deleting ${KIND} ${nameOf(props)}`, timeoutOf(args.timeouts, "delete"));
      const ids = idsOf(id, props);
      // Strays of the set go too: nothing bought under this resource's marks outlives it. Their
      // request mark needs the arguments: without them, only the recorded instances go.
      const full = validArgs(EcmInstanceArgsSchema, props, OUTPUT_KEYS);
      const mark = full ? markOfProps(props, full) : undefined;
      const all = [...ids, ...(mark ? await strays(op, t, mark, ids) : [])];
      if (all.length === 0) return;
      await terminate(op, t, all);
      await waitGone(op, t, all);
    },
  };

  // ---- helpers -----------------------------------------------------------------------------

  /**
   * The resource's marked instances: the newest generation is adopted when it is alive and was
   * made from the same request (an earlier attempt whose answer was lost, or a create repeated
   * after a crash). Otherwise the next generation is launched: after a destroy (only terminating
   * instances left), or beside the live instances of a replaced incarnation (another request).
   */
  async function survey(
    op: Operation,
    t: TencentTarget,
    wanted: Mark,
  ): Promise<{ mark: Mark; adopted: api.EcmInstanceModel[] }> {
    const marked = await api.describeTagged(op, t, MARK_TAGS.resource, wanted.resource);
    const generations = marked.map(generationOf).filter((g): g is number => g !== undefined);
    if (generations.length === 0) return { mark: wanted, adopted: [] };
    const newest = Math.max(...generations);
    const alive = marked.filter((i) => generationOf(i) === newest && phaseOf(i) !== "gone");
    if (alive.length && alive.every((i) => tagOf(i, MARK_TAGS.request) === wanted.request)) {
      return { mark: { ...wanted, generation: newest }, adopted: alive };
    }
    return { mark: { ...wanted, generation: newest + 1 }, adopted: [] };
  }

  /**
   * Brings `present` (instances of this set, oldest first) to what the arguments ask for: buys what
   * is missing per zone and ISP; what is in excess (a double purchase) is left out of the set and
   * handed to `drop`. A RunInstances whose answer is lost is followed by a search for the marked
   * instances, and repeated only for what is still missing. Returns every id of the set, and the
   * ids RunInstances answered with (bought by this call, for certain).
   */
  async function fit(
    op: Operation,
    t: TencentTarget,
    args: EcmArgs,
    mark: Mark,
    present: api.EcmInstanceModel[],
    drop: (excess: string[]) => Promise<void>,
  ): Promise<{ ids: string[]; bought: string[] }> {
    let have = present;
    const fail = (message: string, cause?: unknown) => new PartialSetError(message, have, { cause });
    for (let purchase = 0; ; purchase++) {
      const { missing, excess } = plan(args, have);
      if (excess.length) {
        const extra = excess.map((i) => i.InstanceId!);
        await drop(extra).catch((e: unknown) => {
          throw fail(`${op.what}: terminating instances beyond the set: ${errorMessage(e)}`, e);
        });
        have = have.filter((i) => !extra.includes(i.InstanceId!));
      }
      const kept = have.map((i) => i.InstanceId!);
      const count = missing.reduce((n, s) => n + s.instanceCount, 0);
      if (count === 0) return { ids: kept, bought: [] };
      if (purchase >= MAX_PURCHASES) {
        throw fail(
          `${op.what} (${describeMark(mark)}): RunInstances got no answer ${MAX_PURCHASES} times and ${count} instance(s) are still missing`,
        );
      }
      try {
        const req = api.runInstancesRequest(args, missing, markTags(mark));
        const ids = await api.runInstances(op, t, req);
        op.rt.log(`${op.what}: RunInstances accepted ${ids.length} instance(s): ${ids.join(", ")}`);
        return { ids: [...kept, ...ids], bought: ids };
      } catch (e) {
        if (!answerLost(e)) {
          throw fail(`${op.what} (${describeMark(mark)}): ${errorMessage(e)}${hint(e)}`, e);
        }
        op.rt.log(
          `${op.what}: RunInstances got no answer (${errorMessage(e)}); looking for instances marked ${describeMark(mark)} before buying again`,
        );
        have = await recheck(op, t, args, mark, have).catch((err: unknown) => {
          throw fail(`${op.what}: looking for the instances of a lost answer: ${errorMessage(err)}`, err);
        });
      }
    }
  }

  /**
   * After a create's purchase, the set it records. Another create of the same resource may run at
   * the same time (the provider host of a killed `pulumi up` finishes its create while the next
   * `pulumi up` creates again), and both may have bought. Every create then keeps the same
   * instances: the oldest of the set (CreateTime, then id) that fill the request, its own or the
   * other's. It terminates only what it bought itself beyond them: instances another create keeps
   * are never touched, so a create that reports success never has its instances terminated by the
   * other. When no complete set exists (a launch failed), it keeps what it holds.
   */
  async function claim(
    op: Operation,
    t: TencentTarget,
    args: EcmArgs,
    mark: Mark,
    held: string[],
    bought: string[],
    known: States,
  ): Promise<{ ids: string[]; others: string[] }> {
    const usable = (i: api.EcmInstanceModel | undefined) =>
      i !== undefined && !["gone", "failed"].includes(phaseOf(i));
    const candidates = new Map<string, api.EcmInstanceModel>();
    for (const i of await api.describeTagged(op, t, MARK_TAGS.resource, mark.resource)) {
      if (inSet(i, mark) && usable(i)) candidates.set(i.InstanceId!, i);
    }
    // Our own, also while the tag search does not list them yet.
    for (const id of held) if (usable(known.get(id))) candidates.set(id, known.get(id)!);
    const oldestFirst = [...candidates.values()].sort(
      (a, b) =>
        (a.CreateTime ?? "").localeCompare(b.CreateTime ?? "") || a.InstanceId!.localeCompare(b.InstanceId!),
    );
    const { missing, excess } = plan(args, oldestFirst);
    if (missing.length) return { ids: held, others: [] };
    const extra = new Set(excess.map((i) => i.InstanceId!));
    const keep = oldestFirst.filter((i) => !extra.has(i.InstanceId!)).map((i) => i.InstanceId!);
    const others = keep.filter((i) => !held.includes(i));
    if (others.length === 0 && keep.length === held.length) return { ids: held, others: [] };
    const ours = bought.filter((i) => !keep.includes(i));
    op.rt.log(
      `${op.what}: another create of this resource bought instances of the same set at the same time; ` +
        `keeping the oldest: ${keep.join(", ")}` +
        (ours.length ? `; terminating the ${ours.length} bought here: ${ours.join(", ")}` : ""),
    );
    if (ours.length) await terminate(op, t, ours);
    return { ids: keep, others };
  }

  /**
   * Instances of this set (same resource, generation and request marks) that are not recorded:
   * bought by a RunInstances whose answer came too late for the create to see them.
   */
  async function strays(op: Operation, t: TencentTarget, mark: Mark, ids: string[]): Promise<string[]> {
    const marked = await api.describeTagged(op, t, MARK_TAGS.resource, mark.resource);
    return marked
      .filter((i) => inSet(i, mark) && phaseOf(i) !== "gone" && !ids.includes(i.InstanceId!))
      .map((i) => i.InstanceId!);
  }

  /** Terminates the strays of a set, with a line saying so. */
  async function dropStrays(op: Operation, t: TencentTarget, mark: Mark, ids: string[]): Promise<void> {
    const extra = await strays(op, t, mark, ids);
    if (extra.length === 0) return;
    op.rt.log(
      `warning: ${op.what}: terminating ${extra.length} instance(s) marked as this set's but not recorded ` +
        `(bought by a RunInstances whose answer came too late): ${extra.join(", ")}`,
    );
    await terminate(op, t, extra);
  }

  /** After a lost answer: the instances of this set, searched a few times until none is missing. */
  async function recheck(
    op: Operation,
    t: TencentTarget,
    args: EcmArgs,
    mark: Mark,
    have: api.EcmInstanceModel[],
  ): Promise<api.EcmInstanceModel[]> {
    let delay = rt.pollMinMs ?? 1000;
    let all = have;
    for (let round = 0; round < RECHECK_ROUNDS; round++) {
      const marked = await api.describeTagged(op, t, MARK_TAGS.resource, mark.resource);
      const mine = marked.filter((i) => inSet(i, mark) && phaseOf(i) !== "gone");
      const known = new Set(mine.map((i) => i.InstanceId));
      all = [...have.filter((i) => !known.has(i.InstanceId)), ...mine];
      if (plan(args, all).missing.length === 0) {
        op.rt.log(`${op.what}: found the ${mine.length} instance(s) of the lost answer: adopting them`);
        return all;
      }
      if (round + 1 < RECHECK_ROUNDS && op.rt.clock.now() + delay < op.deadline) {
        await op.rt.clock.sleep(delay);
        delay *= 2;
      }
    }
    return all;
  }

  /** Waits until no instance is pending (not found right after RunInstances counts as pending for a while). */
  function waitSettled(op: Operation, t: TencentTarget, ids: string[]): Promise<Settled> {
    return settleAll(op, pollers(t), ids, { phaseOf, census });
  }

  /**
   * All RUNNING → outputs; else an init failure that keeps the instances recorded, saying which of
   * them another create of this resource bought (`others`).
   */
  function finish(
    op: Operation,
    inputs: Props,
    args: EcmArgs,
    ids: string[],
    mark: Mark,
    s: Settled,
    others: string[] = [],
  ): EcmOutputs {
    const outs = outputs(inputs, args, ids, s.last, mark);
    const reasons = unsettledReasons(s, ids, { census, launchError, stateOf: (i) => i?.InstanceState });
    if (reasons.length === 0) return outs;
    if (others.length) {
      reasons.push(
        `${others.join(", ")} were bought by another create of this resource running at the same time, which holds them`,
      );
    }
    throw new InitFailedError(
      `${op.what}: ${reasons.join("; ")}`,
      ids.join(","),
      { ...inputs, ...outs },
      reasons,
      {
        cause: s.failure,
      },
    );
  }

  /**
   * Drops gone instances, terminates LAUNCH_FAILED ones, waits for pending ones, and buys what is
   * missing from the set (with the set's marks, so a lost answer is found again).
   */
  async function converge(
    op: Operation,
    t: TencentTarget,
    ids: string[],
    args: EcmArgs,
    inputs: Props,
    mark: Mark,
  ): Promise<string[]> {
    const found = await api.describeInstances(op, t, ids);
    const failed = ids.filter((i) => phaseOf(found.get(i)) === "failed");
    if (failed.length) {
      op.rt.log(
        `${op.what}: terminating ${failed.length} instance(s) that failed to launch: ${failed.join(", ")}`,
      );
      await terminate(op, t, failed);
    }
    const keep = ids.filter((i) => ["pending", "running"].includes(phaseOf(found.get(i))));
    if (keep.some((i) => phaseOf(found.get(i)) === "pending")) {
      finish(op, inputs, args, keep, mark, await waitSettled(op, t, keep));
    }
    const present = await api.describeInstances(op, t, keep);
    const { ids: all } = await fit(
      op,
      t,
      args,
      mark,
      ordered(keep, present).flatMap((i) => (present.has(i) ? [present.get(i)!] : [])),
      async (excess) => {
        op.rt.log(
          `${op.what}: terminating ${excess.length} instance(s) beyond the set asked for: ${excess.join(", ")}`,
        );
        await terminate(op, t, excess);
      },
    );
    if (all.some((i) => !keep.includes(i)))
      finish(op, inputs, args, all, mark, await waitSettled(op, t, all));
    return all;
  }

  /**
   * Names and security groups with ModifyInstancesAttribute. Omitting InstanceName clears the name
   * (SDK ModifyInstancesAttributeRequest.InstanceName), so every call sends the name each instance
   * should have: one call per name. Returns whether anything was changed.
   */
  async function applyAttributes(
    op: Operation,
    t: TencentTarget,
    ids: string[],
    live: States,
    args: EcmArgs,
  ): Promise<boolean> {
    const insts = ordered(ids, live).flatMap((i) => (live.get(i) ? [live.get(i)!] : []));
    const names = expectedNames(args, insts);
    const groups = args.securityGroupIds;
    const regroup = groups !== undefined && insts.some((i) => !sameSet(i.SecurityGroupIds ?? [], groups));
    const calls = new Map<string, string[]>();
    for (const inst of insts) {
      const want = names?.get(inst.InstanceId!) ?? inst.InstanceName ?? "";
      if (want === inst.InstanceName && !regroup) continue;
      calls.set(want, [...(calls.get(want) ?? []), inst.InstanceId!]);
    }
    for (const [name, group] of calls) {
      op.rt.log(
        `${op.what}: ModifyInstancesAttribute ${regroup ? "InstanceName and SecurityGroups" : "InstanceName"} on ${group.join(", ")}`,
      );
      await api.modifyAttributes(op, t, group, {
        InstanceName: name,
        ...(regroup ? { SecurityGroups: groups } : {}),
      });
    }
    return calls.size > 0;
  }

  /** TerminateInstances; ids already gone or already terminating count as done. */
  async function terminate(op: Operation, t: TencentTarget, ids: string[]): Promise<void> {
    try {
      await api.terminateInstances(op, t, ids);
    } catch (e) {
      // ResourceNotFound.InstanceNotExist: some are gone. FailedOperation.OperationNotAllow: some are
      // TERMINATING already (the whole call is refused). Terminate the ones still alive.
      if (!(e instanceof CloudError) || !/^ResourceNotFound|^FailedOperation\.OperationNotAllow/.test(e.code))
        throw e;
      const found = await api.describeInstances(op, t, ids);
      const alive = ids.filter((i) => found.has(i) && phaseOf(found.get(i)) !== "gone");
      if (alive.length) await api.terminateInstances(op, t, alive);
    }
  }

  /** Waits until every id is gone (not listed any more). */
  async function waitGone(op: Operation, t: TencentTarget, ids: string[]): Promise<void> {
    const show = progress(op);
    await pollers(t).wait(
      ids,
      (view) => {
        show(`waiting for ${ids.length} instance(s) to terminate: ${census(view.states, "gone")}`);
        const remaining = ids.filter((i) => {
          const inst = view.states.get(i);
          // SHUTDOWN after a finished TerminateInstances: destroyed, only still listed.
          const destroyed =
            inst?.InstanceState === "SHUTDOWN" &&
            inst.LatestOperation === "TerminateInstances" &&
            inst.LatestOperationState === "SUCCESS";
          return inst !== undefined && !destroyed;
        });
        return remaining.length ? "pending" : "done";
      },
      op.deadline,
      `${ids.length} instance(s) of ${op.what} to terminate`,
    );
  }

  /** ECM's Region is "not required" (doc): the argument, else stack config or env, else none. */
  function target(args: Partial<EcmArgs>): TencentTarget {
    return tencentTarget(tencentRegion(args.region) ?? "");
  }

  function outputs(
    inputs: Props,
    args: Partial<EcmArgs>,
    ids: string[],
    found: States,
    mark: Pick<Mark, "resource" | "generation">,
  ): EcmOutputs {
    return clean({
      ...userArgs(inputs),
      // The resource's identity stays with its outputs: read and delete see it too.
      __identity: inputs.__identity,
      region: tencentRegion(args.region),
      instanceIds: ids,
      instances: ids.map((i) => instanceOutput(i, found.get(i))),
      launchMark: mark.resource,
      launchGeneration: mark.generation,
    });
  }
}

// ---- pure helpers ------------------------------------------------------------------------

export function diffEcm(olds: Props, news: Props): DiffResult {
  const normalize = (p: Props, region: unknown) => ({
    ...p,
    region,
    // An unknown anywhere in the list: compared as it is (diffArgs counts it as a change).
    tagSpecification: hasUnknown(p.tagSpecification) ? p.tagSpecification : tagSpecMap(p.tagSpecification),
  });
  const oldRegion = olds.region ?? tencentRegion();
  const newRegion = isUnknown(news.region) ? news.region : (news.region ?? tencentRegion());
  const d = diffArgs(
    normalize(olds, oldRegion),
    normalize(news, newRegion),
    ARG_KEYS as readonly string[],
    IN_PLACE,
    {
      securityGroupIds: (a, b) => sameSet((a as string[]) ?? [], (b as string[]) ?? []),
      keyIds: (a, b) => sameSet((a as string[]) ?? [], (b as string[]) ?? []),
    },
  );
  // A new password alone leaves the request marks unchanged: the new set could not be told apart
  // from the old one, so the old one goes first.
  d.deleteBeforeReplace = d.replaces.length > 0 && d.replaces.every((k) => k === "password");
  return d;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x,
  );
}

/**
 * The marks of a resource's instance set: its identity (project/stack/name), and the request
 * without what is changed in place (name, security groups) and without the password (no secret
 * goes into a tag, not even hashed).
 */
export function markOf(inputs: Props, args: EcmArgs, generation: number): Mark {
  const req = api.runInstancesRequest(args) as unknown as Record<string, unknown>;
  delete req.Password;
  delete req.InstanceName;
  delete req.SecurityGroupIds;
  return {
    resource: sha256(`${KIND}|${String(inputs.__identity ?? "")}`).slice(0, 32),
    request: sha256(canonicalJson(req)).slice(0, 16),
    generation,
  };
}

/** The resource and generation marks the state records (the request mark needs the arguments). */
function storedMark(props: Props): Pick<Mark, "resource" | "generation"> {
  return {
    resource:
      typeof props.launchMark === "string" && props.launchMark
        ? props.launchMark
        : sha256(`${KIND}|${String(props.__identity ?? "")}`).slice(0, 32),
    generation: Number(props.launchGeneration ?? 0) || 0,
  };
}

function markOfProps(props: Props, args: EcmArgs): Mark {
  const mark = markOf(props, args, Number(props.launchGeneration ?? 0));
  return typeof props.launchMark === "string" && props.launchMark
    ? { ...mark, resource: props.launchMark }
    : mark;
}

function markTags(mark: Mark): Record<string, string> {
  return {
    [MARK_TAGS.resource]: mark.resource,
    [MARK_TAGS.generation]: String(mark.generation),
    [MARK_TAGS.request]: mark.request,
  };
}

function describeMark(mark: Mark): string {
  return `mark ${mark.resource.slice(0, 12)}.. generation ${mark.generation}`;
}

function tagOf(inst: api.EcmInstanceModel, key: string): string | undefined {
  return inst.TagSet?.find((t) => t.Key === key)?.Value;
}

/** Whether an instance carries the marks of this set: its generation and its request. */
function inSet(inst: api.EcmInstanceModel, mark: Mark): boolean {
  return generationOf(inst) === mark.generation && tagOf(inst, MARK_TAGS.request) === mark.request;
}

function generationOf(inst: api.EcmInstanceModel): number | undefined {
  const g = Number(tagOf(inst, MARK_TAGS.generation));
  return Number.isInteger(g) && g >= 0 ? g : undefined;
}

/** A RunInstances that may have been carried out although no answer came. */
function answerLost(e: unknown): boolean {
  return (e instanceof CloudError && e.code === "NetworkError") || e instanceof TimeoutError;
}

/** The rules check cannot apply (the image's platform is unknown there), named when the cloud refuses. */
function hint(e: unknown): string {
  if (!(e instanceof CloudError)) return "";
  if (/InvaildPassword|InvalidPassword/.test(e.code)) {
    return " (a Windows image needs 12-30 characters with letters, digits and special symbols: ECM RunInstances 2019-07-19: Password)";
  }
  if (/InvaildHostName|InvalidHostName/.test(e.code)) {
    return " (on Windows: 2-15 letters, digits and hyphens, no periods, not only digits: ECM RunInstances 2019-07-19: HostName)";
  }
  return "";
}

interface Group {
  entry: api.ZoneInstanceCountIsp;
  want: number;
  ips: string[];
  have: api.EcmInstanceModel[];
}

const entryKey = (s: { zone: string; isp: string; vpcId?: string; subnetId?: string }) =>
  [s.zone, s.isp, s.vpcId ?? "", s.subnetId ?? ""].join("|");

function instanceKey(inst: api.EcmInstanceModel): string {
  return entryKey({
    zone: zoneOf(inst),
    isp: inst.ISP ?? "",
    vpcId: inst.VirtualPrivateCloud?.VpcId,
    subnetId: inst.VirtualPrivateCloud?.SubnetId,
  });
}

/**
 * What is missing from `have` (oldest first) per zone, ISP and network, as ZoneInstanceCountISP
 * entries, and what is in excess (the newest beyond each entry's count).
 */
export function plan(
  args: EcmArgs,
  have: api.EcmInstanceModel[],
): { missing: api.ZoneInstanceCountIsp[]; excess: api.EcmInstanceModel[] } {
  if (have.length === 0) return { missing: args.zoneInstanceCountISPSet, excess: [] };
  const groups = new Map<string, Group>();
  for (const s of args.zoneInstanceCountISPSet) {
    const g = groups.get(entryKey(s));
    if (g) {
      g.want += s.instanceCount;
      g.ips.push(...(s.privateIpAddresses ?? []));
    } else {
      groups.set(entryKey(s), {
        entry: s,
        want: s.instanceCount,
        ips: [...(s.privateIpAddresses ?? [])],
        have: [],
      });
    }
  }
  const left: api.EcmInstanceModel[] = [];
  for (const inst of have) {
    const g = groups.get(instanceKey(inst));
    if (g && g.have.length < g.want) g.have.push(inst);
    else left.push(inst);
  }
  // The cloud may spell an instance's network differently: fall back to the zone alone.
  const excess = left.filter((inst) => {
    const g = [...groups.values()].find((x) => x.entry.zone === zoneOf(inst) && x.have.length < x.want);
    if (g) g.have.push(inst);
    return !g;
  });
  const missing = [...groups.values()]
    .filter((g) => g.have.length < g.want)
    .map((g) => {
      const used = new Set(g.have.flatMap(privateIps));
      const ips = g.ips.filter((ip) => !used.has(ip));
      return clean({
        ...g.entry,
        instanceCount: g.want - g.have.length,
        privateIpAddresses: g.entry.privateIpAddresses ? ips.slice(0, g.want - g.have.length) : undefined,
      });
    });
  return { missing, excess };
}

/** Ids by creation time (then launch order). */
function ordered(ids: string[], found: States): string[] {
  return [...ids].sort(
    (a, b) =>
      (found.get(a)?.CreateTime ?? "").localeCompare(found.get(b)?.CreateTime ?? "") ||
      ids.indexOf(a) - ids.indexOf(b),
  );
}

/**
 * The names the cloud gives instances launched together (doc: InstanceName): {R:x} patterns count
 * from x, else several instances get the suffixes 1..n, numbered per region and ISP independently.
 */
export function expectedNames(
  args: Partial<EcmArgs>,
  insts: api.EcmInstanceModel[],
): Map<string, string> | undefined {
  const base = args.instanceName;
  if (base === undefined || args.zoneInstanceCountISPSet === undefined) return undefined;
  const key = (zone: string, isp: string) => `${regionOfZone(zone)}|${isp}`;
  const size = new Map<string, number>();
  for (const s of args.zoneInstanceCountISPSet)
    size.set(key(s.zone, s.isp), (size.get(key(s.zone, s.isp)) ?? 0) + s.instanceCount);
  const used = new Map<string, number>();
  const out = new Map<string, string>();
  for (const inst of insts) {
    const k = key(zoneOf(inst), inst.ISP ?? "");
    const i = used.get(k) ?? 0;
    used.set(k, i + 1);
    out.set(inst.InstanceId!, nameAt(base, i, size.get(k) ?? 1));
  }
  return out;
}

function nameAt(base: string, i: number, n: number): string {
  if (!base) return UNNAMED;
  if (/\{R:\d+\}/.test(base)) return base.replace(/\{R:(\d+)\}/g, (_m, x: string) => String(Number(x) + i));
  return n > 1 ? `${base}${i + 1}` : base;
}

function zoneOf(inst: api.EcmInstanceModel | undefined): string {
  return inst?.Position?.ZoneInfo?.Zone ?? "";
}

function privateIps(inst: api.EcmInstanceModel | undefined): string[] {
  return (inst?.Internet?.PrivateIPAddressSet ?? []).map((p) => p.PrivateIPAddress).filter(Boolean);
}

function instanceOutput(id: string, inst: api.EcmInstanceModel | undefined): InstanceOutput {
  const zone = zoneOf(inst);
  return {
    instanceId: id,
    instanceName: inst?.InstanceName ?? "",
    state: inst?.InstanceState ?? "UNKNOWN",
    privateIpAddresses: privateIps(inst),
    publicIpAddresses: (inst?.Internet?.PublicIPAddressSet ?? [])
      .map((p) => p.PublicIPAddress)
      .filter(Boolean),
    createdTime: inst?.CreateTime ?? "",
    expiredTime: inst?.ExpireTime ?? "",
    zone,
    region: inst?.Position?.RegionInfo?.Region ?? (zone ? regionOfZone(zone) : ""),
    isp: inst?.ISP ?? "",
    instanceType: inst?.InstanceTypeConfig?.InstanceType ?? "",
  };
}

/** The instance's tags without the marks. */
function userTags(tags: Array<{ Key?: string; Value?: string }> | undefined): Record<string, string> {
  return Object.fromEntries(
    (tags ?? []).filter((t) => !(t.Key ?? "").startsWith("pulumi:")).map((t) => [t.Key ?? "", t.Value ?? ""]),
  );
}

function instanceTags(spec: EcmArgs["tagSpecification"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of spec ?? []) if (s.resourceType === "instance") for (const t of s.tags) out[t.key] = t.value;
  return out;
}

/** tagSpecification as {resourceType: {key: value}}: order-insensitive for the diff. */
function tagSpecMap(spec: unknown): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const s of (spec as EcmArgs["tagSpecification"]) ?? []) {
    out[s.resourceType] = {
      ...out[s.resourceType],
      ...Object.fromEntries(s.tags.map((t) => [t.key, t.value])),
    };
  }
  return Object.fromEntries(Object.entries(out).filter(([, tags]) => Object.keys(tags).length));
}

/** The arguments' tagSpecification with the instance tags seen live (module tags kept). */
function withInstanceTags(args: Partial<EcmArgs>, live: Record<string, string>): EcmArgs["tagSpecification"] {
  const others = (args.tagSpecification ?? []).filter((s) => s.resourceType !== "instance");
  const tags = Object.entries(live).map(([key, value]) => ({ key, value }));
  const spec = [...others, ...(tags.length ? [{ resourceType: "instance" as const, tags }] : [])];
  return spec.length ? spec : undefined;
}

export const provider = makeEcmProvider();

const parseArgs = (props: Props): EcmArgs => parseProps(EcmInstanceArgsSchema, props, OUTPUT_KEYS, KIND);
/** For refresh and destroy: what the state holds. */
const storedArgsOf = (props: Props): Partial<EcmArgs> =>
  storedArgs(EcmInstanceArgsSchema, props, OUTPUT_KEYS);

/**
 * CvmInstance: the dynamic ResourceProvider for CVM RunInstances (2017-03-12).
 * check → diff → create → read → update → delete, then helpers.
 */
import { unsettledReasons, waitSettled as settleAll } from "../../core/settle";
import { deriveClientToken, launchWithToken } from "../../core/launch";
import { Props, idsOf, nameOf, parseProps, sameSet, storedArgs, timeoutOf, tokenOf } from "../../core/props";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { CheckFailure, checkArgs, preflightFailures, userArgs } from "../../core/check";
import { ConfigureRequest, REGION_HELP, configure, preflightEnabled, tencentRegion } from "../../core/config";
import { Operation, Runtime, defaultRuntime, operation, progress } from "../../core/context";
import { DiffResult, diffArgs, guardClientToken, sameValue } from "../../core/diff";
import { CloudError, InitFailedError, initFailure } from "../../core/errors";
import { Poller } from "../../core/poller";
import { clean } from "../../core/case";
import { keepNumbers } from "../../core/names";
import { hasUnknown, isUnknown } from "../../core/unknown";
import { TencentTarget, tencentTarget } from "../client";
import { regionOfZone } from "../zones";
import * as api from "./api";
import { ARG_KEYS, CvmArgs, CvmInstanceArgsSchema, IN_PLACE, DOC } from "./schema";
import { Phase, census, launchError, phaseOf } from "./status";

const DEFAULT_KIND = "CvmInstance";
/** Outputs beside the arguments. */
export const OUTPUT_KEYS = ["instanceIds", "instances", "launchToken", "launchGeneration"] as const;

export interface InstanceOutput {
  instanceId: string;
  instanceName: string;
  state: string;
  privateIpAddresses: string[];
  publicIpAddresses: string[];
  createdTime: string;
  expiredTime: string;
  zone: string;
  instanceType: string;
}

export interface CvmOutputs extends Record<string, unknown> {
  region: string;
  instanceIds: string[];
  instances: InstanceOutput[];
  launchToken: string;
  launchGeneration: number;
}

interface Settled {
  last: Map<string, api.CvmInstanceModel | undefined>;
  phases: Map<string, Phase>;
  failure?: unknown;
}

interface Launched extends Settled {
  ids: string[];
  token: string;
  generation: number;
}

/**
 * `kind` names the resource in progress lines and errors (CvmHourlyInstance builds on this
 * provider).
 */
export function makeCvmProvider(rt: Runtime = defaultRuntime, opts: { kind?: string } = {}) {
  const KIND = opts.kind ?? DEFAULT_KIND;
  const pollers = (t: TencentTarget) =>
    rt.pollers.get(
      `cvm|${t.region}|${t.credentials.id}|${t.endpoint ?? ""}`,
      () =>
        new Poller<api.CvmInstanceModel>({
          batchSize: 100,
          describe: (ids) =>
            api.describeInstances(operation(rt, "describing CVM instances", 120_000), t, ids),
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
      const { args, failures } = checkArgs(CvmInstanceArgsSchema, news, KIND, OUTPUT_KEYS, { doc: DOC });
      const region = isUnknown(news.region) ? undefined : tencentRegion(news.region as string | undefined);
      if (!isUnknown(news.region) && !region) {
        failures.push({
          property: "region",
          reason: `is required (${DOC}: Region, a common parameter): ${REGION_HELP}`,
        });
      }
      failures.push(...zoneFailures(news, region));
      const isNew = Object.keys(userArgs(olds ?? {})).length === 0;
      if (args && failures.length === 0 && isNew && preflightEnabled()) {
        failures.push(...(await preflight(args, news)));
      }
      return { inputs: news, failures };
    },

    // ---- diff ----------------------------------------------------------------------------
    async diff(_id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
      const d = diffCvm(olds, news);
      return { changes: d.changes, replaces: d.replaces, deleteBeforeReplace: d.deleteBeforeReplace };
    },

    // ---- create --------------------------------------------------------------------------
    async create(inputs: Props): Promise<dynamic.CreateResult> {
      const args = parseArgs(inputs);
      const t = tencentTarget(resolveRegion(args));
      const op = operation(rt, `creating ${KIND} ${nameOf(inputs)}`, timeoutOf(args.timeouts, "create"));
      const launched = await launch(op, t, args, inputs, args.instanceCount, "");
      return { id: launched.ids.join(","), outs: finish(op, inputs, args, launched) };
    },

    // ---- read ----------------------------------------------------------------------------
    async read(id: string, props: Props): Promise<dynamic.ReadResult> {
      const args = storedArgsOf(props);
      const t = tencentTarget(String(props.region ?? resolveRegion(args)));
      const op = operation(rt, `reading ${KIND} ${nameOf(props)}`, timeoutOf(args.timeouts, "update"));
      const ids = idsOf(id, props);
      const found = await api.describeInstances(op, t, ids);
      const alive = ids.filter((i) => {
        const p = phaseOf(found.get(i));
        return p !== "gone";
      });
      if (alive.length === 0) return { id: "", props: {} };
      const outs = outputs(props, args, alive, found, tokenOf(props));
      // Drift of in-place arguments shows in the next diff and is put right by the next update.
      const live = alive.map((i) => found.get(i)!);
      const liveNames = live.map((i) => i.InstanceName ?? "");
      if (
        args.instanceName !== undefined &&
        !sameValue(
          liveNames,
          numberedNames(liveNames, [args.instanceName], args.instanceName, args.instanceCount ?? live.length),
        )
      )
        outs.instanceName = live[0].InstanceName;
      const groups = live[0].SecurityGroupIds ?? [];
      if (args.securityGroupIds && !sameSet(groups, args.securityGroupIds)) outs.securityGroupIds = groups;
      const liveTags = tagMap(live[0].Tags);
      if (!sameValue(liveTags, desiredTags(args))) {
        outs.tagSpecification = Object.keys(liveTags).length
          ? [
              {
                resourceType: "instance",
                tags: Object.entries(liveTags).map(([key, value]) => ({ key, value })),
              },
            ]
          : undefined;
      }
      return { id: alive.join(","), props: clean(outs) };
    },

    // ---- update --------------------------------------------------------------------------
    async update(_id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
      const args = parseArgs(news);
      const old = parseArgs(olds);
      const t = tencentTarget(String(olds.region ?? resolveRegion(args)));
      const op = operation(rt, `updating ${KIND} ${nameOf(news)}`, timeoutOf(args.timeouts, "update"));
      let ids = idsOf("", olds);
      const launchState = tokenOf(olds);
      try {
        // Converge first: instances that failed to launch are replaced, pending ones waited for.
        ids = await converge(op, t, ids, args, news, launchState);
        ids = await scale(op, t, ids, args, news, launchState);
        const live = await api.describeInstances(op, t, ids);
        await applyAttributes(op, t, ids, live, old, args);
        const final = await api.describeInstances(op, t, ids);
        return { outs: outputs(news, args, ids, final, launchState) };
      } catch (e) {
        if (e instanceof InitFailedError || ids.length === 0) throw e;
        const found = await api
          .describeInstances(op, t, ids)
          .catch(() => new Map<string, api.CvmInstanceModel>());
        throw initFailure(op.what, e, ids, { ...news, ...outputs(news, args, ids, found, launchState) });
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
      const shutdown = await waitGone(op, t, ids);
      if (shutdown.length && args.releasePrepaid) {
        op.rt.log(
          `${op.what}: releasing ${shutdown.length} prepaid instance(s) from the recycle bin: ${shutdown.join(", ")}`,
        );
        await terminate(op, t, shutdown);
        await waitGone(op, t, shutdown, true);
      } else if (shutdown.length) {
        op.rt.log(
          `warning: ${op.what}: ${shutdown.length} prepaid instance(s) are in the recycle bin, not released: ${shutdown.join(", ")}` +
            ` (set releasePrepaid: true to release them)`,
        );
      }
    },
  };

  // ---- helpers -----------------------------------------------------------------------------

  async function preflight(args: CvmArgs, news: Props): Promise<CheckFailure[]> {
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
   * ClientToken is the user's, or derived from the resource's identity, its request (without the
   * password) and a generation: a create repeated after a crash or a lost response sends the same
   * token and gets the same instances back. When the cloud answers a derived token with instances
   * that are all terminated or gone (the resource was destroyed and is created again with the same
   * inputs), the generation goes up and a new set is launched.
   */
  async function launch(
    op: Operation,
    t: TencentTarget,
    args: CvmArgs,
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
  function finish(op: Operation, inputs: Props, args: CvmArgs, l: Launched, ids = l.ids): CvmOutputs {
    const outs = outputs(inputs, args, ids, l.last, l);
    const reasons = unsettledReasons(l, l.ids, { census, launchError, stateOf: (i) => i?.InstanceState });
    if (reasons.length === 0) return outs;
    throw new InitFailedError(
      `${op.what}: ${reasons.join("; ")}`,
      ids.join(","),
      { ...inputs, ...outs },
      reasons,
      {
        cause: l.failure,
      },
    );
  }

  /** Drops gone instances, terminates LAUNCH_FAILED ones and waits for pending ones. */
  async function converge(
    op: Operation,
    t: TencentTarget,
    ids: string[],
    args: CvmArgs,
    inputs: Props,
    launchState: { token: string; generation: number },
  ): Promise<string[]> {
    if (ids.length === 0) return ids;
    const found = await api.describeInstances(op, t, ids);
    const failed = ids.filter((i) => phaseOf(found.get(i)) === "failed");
    if (failed.length) {
      // UnsupportedOperation.InstanceStateLaunchFailed: a failed launch is not terminated (nor
      // charged); the cloud clears it. It counts as gone.
      op.rt.log(
        `${op.what}: dropping ${failed.length} instance(s) that failed to launch (the cloud clears them): ${failed.join(", ")}`,
      );
    }
    const keep = ids.filter((i) => ["pending", "running"].includes(phaseOf(found.get(i))));
    if (keep.some((i) => phaseOf(found.get(i)) === "pending")) {
      finish(op, inputs, args, { ids: keep, ...launchState, ...(await waitSettled(op, t, keep)) });
    }
    return keep;
  }

  /** instanceCount: scale out with RunInstances for the difference, scale in by terminating the newest. */
  async function scale(
    op: Operation,
    t: TencentTarget,
    ids: string[],
    args: CvmArgs,
    inputs: Props,
    launchState: { token: string; generation: number },
  ): Promise<string[]> {
    const want = args.instanceCount;
    if (ids.length < want) {
      const salt = `scale:${[...ids].sort().join(",")}`;
      op.rt.log(`${op.what}: launching ${want - ids.length} more instance(s)`);
      const extra = await launch(op, t, args, inputs, want - ids.length, salt);
      const all = [...ids, ...extra.ids];
      const found = await api.describeInstances(op, t, ids);
      for (const i of ids) extra.last.set(i, found.get(i));
      finish(op, inputs, args, { ...extra, ...launchState }, all);
      return all;
    }
    if (ids.length > want) {
      const found = await api.describeInstances(op, t, ids);
      // Newest first: by creation time, then by launch order.
      const newestFirst = [...ids].sort(
        (a, b) =>
          created(found.get(b)).localeCompare(created(found.get(a))) || ids.indexOf(b) - ids.indexOf(a),
      );
      const victims = newestFirst.slice(0, ids.length - want);
      op.rt.log(`${op.what}: terminating the ${victims.length} newest instance(s): ${victims.join(", ")}`);
      await terminate(op, t, victims);
      await waitGone(op, t, victims);
      return ids.filter((i) => !victims.includes(i));
    }
    return ids;
  }

  /** Name, security groups, host name, CAM role (one ModifyInstancesAttribute each) and tags. */
  async function applyAttributes(
    op: Operation,
    t: TencentTarget,
    ids: string[],
    live: Map<string, api.CvmInstanceModel>,
    old: CvmArgs,
    args: CvmArgs,
  ): Promise<void> {
    const ordered = [...ids].sort(
      // Instances launched together share a CreatedTime: then the launch order, which RunInstances
      // names them in (InstanceIdSet order, kept in instanceIds).
      (a, b) => created(live.get(a)).localeCompare(created(live.get(b))) || ids.indexOf(a) - ids.indexOf(b),
    );
    // The operation each instance showed before our calls: seen again right after a call, it is stale.
    const before = new Map(ids.map((id) => [id, live.get(id)?.LatestOperationRequestId ?? ""]));
    const modify = (group: string[], attr: api.Attribute) => modifyAndWait(op, t, group, attr, before);
    if (args.instanceName !== undefined) {
      // Each instance keeps the number its live name carries (under the old name or already the new one).
      const liveNames = ordered.map((id) => live.get(id)?.InstanceName ?? "");
      const names = numberedNames(liveNames, [old.instanceName, args.instanceName], args.instanceName);
      const byName = new Map<string, string[]>();
      ordered.forEach((id, i) => {
        if (liveNames[i] !== names[i]) byName.set(names[i], [...(byName.get(names[i]) ?? []), id]);
      });
      for (const [name, group] of byName) await modify(group, { InstanceName: name });
    }
    if (
      args.securityGroupIds &&
      !ordered.every((id) => sameSet(live.get(id)?.SecurityGroupIds ?? [], args.securityGroupIds!))
    ) {
      await modify(ids, { SecurityGroups: args.securityGroupIds });
    }
    if (args.hostName !== undefined && args.hostName !== old.hostName)
      await modify(ids, { HostName: args.hostName });
    if (args.camRoleName !== undefined && args.camRoleName !== old.camRoleName) {
      await modify(ids, { CamRoleName: args.camRoleName });
    }
    const want = desiredTags(args);
    for (const id of ids) {
      const have = tagMap(live.get(id)?.Tags);
      if (sameValue(have, want)) continue;
      const remove = Object.keys(have).filter((k) => !(k in want));
      await api.modifyTags(op, t, id, want, remove);
    }
  }

  /**
   * One ModifyInstancesAttribute, then wait until it is done on every instance. Right after the
   * call DescribeInstances may still show the PREVIOUS operation, so LatestOperationState counts
   * only when LatestOperationRequestId is our call's. When another caller's later operation has
   * replaced ours (the cloud runs one at a time, so ours is over), the attribute itself tells.
   * `before` holds the request id each instance showed before; it becomes ours once we are done.
   */
  async function modifyAndWait(
    op: Operation,
    t: TencentTarget,
    ids: string[],
    attr: api.Attribute,
    before: Map<string, string>,
  ): Promise<void> {
    const what = Object.keys(attr)[0];
    op.rt.log(`${op.what}: ModifyInstancesAttribute ${what} on ${ids.join(", ")}`);
    const ours = await api.modifyAttribute(op, t, ids, attr);
    await pollers(t).wait(
      ids,
      (view) => {
        const failed: string[] = [];
        let pending = false;
        for (const id of ids) {
          const inst = view.states.get(id);
          const rid = inst?.LatestOperationRequestId ?? "";
          if (!inst) pending = true;
          else if (rid === ours.get(id)) {
            if (inst.LatestOperationState === "FAILED") {
              failed.push(`${id}${inst.LatestOperationErrorMsg ? ` (${inst.LatestOperationErrorMsg})` : ""}`);
            } else if (inst.LatestOperationState !== "SUCCESS") pending = true;
          } else if (rid === before.get(id) || !applied(inst, attr)) pending = true;
        }
        if (failed.length) {
          return new Error(`${op.what}: ModifyInstancesAttribute ${what} failed on ${failed.join(", ")}`);
        }
        return pending ? "pending" : "done";
      },
      op.deadline,
      `${op.what}: ModifyInstancesAttribute ${what}`,
    );
    for (const id of ids) before.set(id, ours.get(id) ?? "");
  }

  /**
   * TerminateInstances. Instances that are gone, terminating or failed to launch (which the cloud
   * does not terminate: it clears them) count as done; prepaid ones the cloud will not take back
   * fail the call with what the user can do.
   */
  async function terminate(op: Operation, t: TencentTarget, ids: string[]): Promise<void> {
    const call = (batch: string[]) =>
      api.terminateInstances(op, t, batch).catch(async (e: unknown) => {
        throw e instanceof CloudError && UNRETURNABLE.test(e.code) ? await unreturnable(op, t, batch, e) : e;
      });
    try {
      await call(ids);
    } catch (e) {
      if (!(e instanceof CloudError) || !TERMINATED_OR_FAILED.test(e.code)) throw e;
      // Some are gone, terminating or failed to launch: terminate the others.
      const found = await api.describeInstances(op, t, ids);
      const alive = ids.filter(
        (i) => found.has(i) && !["TERMINATING", "LAUNCH_FAILED"].includes(found.get(i)!.InstanceState ?? ""),
      );
      if (alive.length) await call(alive);
    }
  }

  /** The cloud keeps prepaid instances it will not take back early: they stay in the state, and the user is told what to do. */
  async function unreturnable(op: Operation, t: TencentTarget, ids: string[], e: CloudError): Promise<Error> {
    const found = await api
      .describeInstances(op, t, ids)
      .catch(() => new Map<string, api.CvmInstanceModel>());
    const list = ids.map(
      (i) => `${i}${found.get(i)?.ExpiredTime ? ` (expires ${found.get(i)!.ExpiredTime})` : ""}`,
    );
    const why = e.code.startsWith("LimitExceeded")
      ? "the account's quota of prepaid instances returned early is used up"
      : "they cannot be returned early";
    return new Error(
      `${op.what}: ${e.message}. The prepaid instance(s) ${list.join(", ")} keep running and stay in this stack: ` +
        `${why}. Let them expire (turn auto-renewal off in the console), then run \`pulumi destroy\` again; ` +
        `or release them in the console and run \`pulumi refresh\`; or stop managing them with \`pulumi state delete <urn>\``,
      { cause: e },
    );
  }

  /** Waits until every id is gone; returns the ones parked in the recycle bin (SHUTDOWN) unless `release`. */
  async function waitGone(
    op: Operation,
    t: TencentTarget,
    ids: string[],
    release = false,
  ): Promise<string[]> {
    const show = progress(op);
    const last = await pollers(t).wait(
      ids,
      (view) => {
        show(`waiting for ${ids.length} instance(s) to terminate: ${census(view.states, "gone")}`);
        const pending = ids.some((i) => {
          const inst = view.states.get(i);
          const s = inst?.InstanceState;
          const parked = s === "SHUTDOWN" && inst?.LatestOperationState !== "OPERATING" && !release;
          // A failed launch counts as gone: the cloud clears it.
          return s !== undefined && s !== "LAUNCH_FAILED" && !parked;
        });
        return pending ? "pending" : "done";
      },
      op.deadline,
      `${ids.length} instance(s) of ${op.what} to terminate`,
    );
    return ids.filter((i) => last.get(i)?.InstanceState === "SHUTDOWN");
  }

  function resolveRegion(args: Partial<CvmArgs>): string {
    const region = tencentRegion(args.region);
    if (!region) throw new Error(`${KIND}: region is required: ${REGION_HELP}`);
    return region;
  }

  function outputs(
    inputs: Props,
    args: Partial<CvmArgs>,
    ids: string[],
    found: Map<string, api.CvmInstanceModel | undefined>,
    launchState: { token: string; generation: number },
  ): CvmOutputs {
    return clean({
      ...userArgs(inputs),
      // The resource's identity stays with its outputs: read and delete see it too.
      __identity: inputs.__identity,
      region: resolveRegion(args),
      instanceIds: ids,
      instances: ids.map((i) => instanceOutput(i, found.get(i))),
      launchToken: launchState.token,
      launchGeneration: launchState.generation,
    });
  }
}

// ---- pure helpers ------------------------------------------------------------------------

export function diffCvm(olds: Props, news: Props): DiffResult {
  const normalize = (p: Props, region: unknown) => ({
    ...p,
    region,
    instanceChargeType: p.instanceChargeType ?? "POSTPAID_BY_HOUR",
    instanceCount: p.instanceCount ?? 1,
    // An unknown anywhere in the list: compared as it is (diffArgs counts it as a change).
    tagSpecification: hasUnknown(p.tagSpecification) ? p.tagSpecification : tagMapOf(p.tagSpecification),
  });
  const oldRegion = olds.region ?? tencentRegion();
  const newRegion = isUnknown(news.region) ? news.region : (news.region ?? tencentRegion());
  const d = guardClientToken(
    diffArgs(
      normalize(olds, oldRegion),
      normalize(news, newRegion),
      ARG_KEYS as readonly string[],
      IN_PLACE,
      {
        securityGroupIds: (a, b) => sameSet((a as string[]) ?? [], (b as string[]) ?? []),
      },
    ),
    olds,
    news,
  );
  // The derived ClientToken leaves the password out: a new password alone would get the old
  // instances back from the cloud, so the old ones go first.
  const withoutPassword = (l: unknown) => (l && typeof l === "object" ? { ...l, password: undefined } : l);
  const passwordOnly =
    d.replaces.length === 1 &&
    d.replaces[0] === "loginSettings" &&
    sameValue(withoutPassword(olds.loginSettings), withoutPassword(news.loginSettings));
  return passwordOnly ? { ...d, deleteBeforeReplace: true } : d;
}

/** sha256 of the identity and the request without the password; ≤ 64 ASCII as the API requires. */
export function deriveToken(
  inputs: Props,
  args: CvmArgs,
  count: number,
  salt: string,
  generation: number,
): string {
  const req = api.runInstancesRequest(args, "", count) as Record<string, unknown>;
  delete req.ClientToken;
  if (req.LoginSettings) req.LoginSettings = { ...(req.LoginSettings as object), Password: undefined };
  return deriveClientToken(String(inputs.__identity ?? ""), req, salt, generation);
}

/**
 * The patterns of SDK RunInstancesRequest.InstanceName: {R:x} counts from x; {R:x,F:y} (y from 0
 * to 8) pads to y digits, with more digits where the number needs them. Anything else is text.
 */
const NAME_PATTERN = /\{R:(\d+)(?:,F:([0-8]))?\}/g;

/** The name the cloud gives the i-th of n instances launched together (RunInstances InstanceName rules). */
export function nameAt(name: string, i: number, n: number): string {
  if (!new RegExp(NAME_PATTERN.source).test(name)) return n > 1 ? `${name}${i + 1}` : name;
  return name.replace(NAME_PATTERN, (_m, x: string, y?: string) =>
    String(Number(x) + i).padStart(Number(y ?? 0), "0"),
  );
}

/**
 * The number (0-based) a live name carries under an instanceName: what its {R:x} patterns count
 * from x (every pattern agreeing), else the suffix 1..n; undefined when the name is not of it.
 */
export function numberIn(name: string, live: string): number | undefined {
  const parts = name.split(new RegExp(NAME_PATTERN.source));
  // split() puts each pattern's captures (x, y) between the literal parts.
  const literals = parts.filter((_, i) => i % 3 === 0);
  const starts = parts.filter((_, i) => i % 3 === 1).map(Number);
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  if (starts.length === 0) {
    if (live === name) return 0;
    const m = new RegExp(`^${escape(name)}(\\d+)$`).exec(live);
    return m ? Number(m[1]) - 1 : undefined;
  }
  const m = new RegExp(`^${literals.map(escape).join("(\\d+)")}$`).exec(live);
  if (!m) return undefined;
  const numbers = starts.map((x, k) => Number(m[k + 1]) - x);
  return numbers.every((n) => n === numbers[0]) ? numbers[0] : undefined;
}

/**
 * The name each instance (in launch order) of a set of `count` should have under `name`: the number
 * its live name carries under one of `from` (the names it may have been given, oldest first) is
 * kept; the others take the free numbers.
 */
export function numberedNames(
  live: string[],
  from: Array<string | undefined>,
  name: string,
  count = live.length,
): string[] {
  const numbers = keepNumbers(live, count, (l) =>
    from.map((f) => (f === undefined ? undefined : numberIn(f, l))).find((n) => n !== undefined),
  );
  return numbers.map((i) => nameAt(name, i, count));
}

function instanceOutput(id: string, inst: api.CvmInstanceModel | undefined): InstanceOutput {
  return {
    instanceId: id,
    instanceName: inst?.InstanceName ?? "",
    state: inst?.InstanceState ?? "UNKNOWN",
    privateIpAddresses: inst?.PrivateIpAddresses ?? [],
    publicIpAddresses: inst?.PublicIpAddresses ?? [],
    createdTime: inst?.CreatedTime ?? "",
    expiredTime: inst?.ExpiredTime ?? "",
    zone: inst?.Placement?.Zone ?? "",
    instanceType: inst?.InstanceType ?? "",
  };
}

/**
 * Whether the instance shows a change made: the attribute's new value, and a state that is not
 * on the way (a host name is not described, but its change reboots the instance).
 */
function applied(inst: api.CvmInstanceModel, attr: api.Attribute): boolean {
  if (inst.InstanceState !== "RUNNING" && inst.InstanceState !== "STOPPED") return false;
  if ("InstanceName" in attr) return inst.InstanceName === attr.InstanceName;
  if ("SecurityGroups" in attr) return sameSet(inst.SecurityGroupIds ?? [], attr.SecurityGroups);
  if ("CamRoleName" in attr) return inst.CamRoleName === attr.CamRoleName;
  return true;
}

function created(inst: api.CvmInstanceModel | undefined): string {
  return inst?.CreatedTime ?? "";
}

function tagMap(tags: Array<{ Key?: string; Value?: string }> | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""]));
}

function tagMapOf(spec: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of (spec as CvmArgs["tagSpecification"]) ?? []) for (const t of s.tags) out[t.key] = t.value;
  return out;
}

function desiredTags(args: Partial<CvmArgs>): Record<string, string> {
  return tagMapOf(args.tagSpecification);
}

/** TerminateInstances codes for instances some of which are done already (SDK codes). */
const TERMINATED_OR_FAILED =
  /^InvalidInstanceId\.NotFound|^UnsupportedOperation\.InstanceStateTerminating|^UnsupportedOperation\.InstanceStateLaunchFailed/;
/** TerminateInstances codes for prepaid instances the cloud will not take back early (SDK codes). */
const UNRETURNABLE = /^FailedOperation\.Unreturnable|^LimitExceeded\.UserReturnQuota/;

/** placement.zone in another region than the resource's: RunInstances would refuse it. */
function zoneFailures(news: Props, region: string | undefined): CheckFailure[] {
  const zone = (news.placement as Props | undefined)?.zone;
  // A zone that is not even shaped like one has its own failure.
  if (region === undefined || typeof zone !== "string" || !/^[a-z]+(-[a-z0-9]+)+-\d+$/.test(zone)) return [];
  const of = regionOfZone(zone);
  if (of === region) return [];
  return [
    {
      property: "placement.zone",
      reason:
        `${zone} is a zone of ${of}, not of ${region}, the region the instances are created in: ` +
        `set region to ${of} or choose a zone of ${region} (${DOC}: Placement.Zone; InvalidZone.MismatchRegion)`,
    },
  ];
}

/** Which argument a DryRun refusal is about, by the cloud's error code. */
function propertyOf(code: string): string {
  const map: Array<[RegExp, string]> = [
    [/^InvalidImageId|InstanceImageNotSupport|InvalidImageState/, "imageId"],
    [/^InvalidZone|ZoneNotSupported|VpcIdZoneIdNotMatch/, "placement.zone"],
    [/InstanceType|CloudDisk|SpecifiedInstanceType/, "instanceType"],
    [/InstanceQuota|InstancesQuotaLimitExceeded|InvalidParameterValue\.Range/, "instanceCount"],
    [/InvalidPassword|KeyPair/, "loginSettings"],
    [/HostName/, "hostName"],
    [/SecurityGroup|USGQuota/, "securityGroupIds"],
    [/InvalidHostId/, "placement.hostIds"],
    [/Subnet|Vpc|InvalidIpFormat/, "virtualPrivateCloud"],
    [/InvalidPeriod/, "instanceChargePrepaid.period"],
    [/InvalidInstanceName/, "instanceName"],
    [/UserData/, "userData"],
    [/HpcCluster/, "hpcClusterId"],
    [/CamRole/, "camRoleName"],
    [/Spot|InsufficientPrice|InsufficientOffering/, "instanceMarketOptions"],
    [/InsufficientBalance|AccountQualification/, "instanceChargeType"],
  ];
  return map.find(([re]) => re.test(code))?.[1] ?? "imageId";
}

export const provider = makeCvmProvider();

const parseArgs = (props: Props): CvmArgs =>
  parseProps(CvmInstanceArgsSchema, props, OUTPUT_KEYS, DEFAULT_KIND);
/** For refresh and destroy: what the state holds. */
const storedArgsOf = (props: Props): Partial<CvmArgs> =>
  storedArgs(CvmInstanceArgsSchema, props, OUTPUT_KEYS);

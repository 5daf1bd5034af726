/**
 * SwasInstance: the dynamic ResourceProvider for SWAS CreateInstances (swas-open 2020-06-01).
 * check → diff → create → read → update → delete, then helpers.
 *
 * SWAS servers are subscriptions paid up front and the API cannot release one. So: a create never
 * buys twice (idempotent ClientToken), a change is made in place or refused at preview unless the
 * user opts in to buying replacements (`allowReplacement`), and a delete stops the servers (or
 * leaves them running) and says plainly that they stay paid until they expire.
 * The documented limit is 10 calls a minute per account: every call goes through the shared
 * limiter, all waits share one ListInstanceStatus poller and all describes one ListInstances
 * batcher per (region, credentials).
 */
import { deriveClientToken, launchWithToken } from "../../core/launch";
import { Props, idsOf, nameOf, parseProps, storedArgs, timeoutOf, tokenOf } from "../../core/props";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { CheckFailure, checkArgs, userArgs } from "../../core/check";
import { ConfigureRequest, alicloudRegion, configure, preflightEnabled } from "../../core/config";
import { Operation, Runtime, defaultRuntime, operation, progress } from "../../core/context";
import { DiffResult, diffArgs, sameValue } from "../../core/diff";
import { CloudError, InitFailedError, TimeoutError, errorMessage } from "../../core/errors";
import { Poller } from "../../core/poller";
import { documentedLimit } from "../../core/ratelimit";
import { clean } from "../../core/case";
import { isUnknown, unknownPaths } from "../../core/unknown";
import { AlicloudTarget, alicloudTarget } from "../client";
import * as api from "./api";
import {
  ARG_KEYS,
  IN_PLACE,
  MIN_DATA_DISK_GB,
  REFUSED_BECAUSE,
  SwasArgs,
  SwasInstanceArgsSchema,
  refusal,
  DOC,
} from "./schema";
import { Phase, census, disabledReason, phaseOf } from "./status";

const KIND = "SwasInstance";
/** Outputs beside the arguments. */
export const OUTPUT_KEYS = ["instanceIds", "instances", "launchToken", "launchGeneration"] as const;
/** At 10 calls a minute, a create of many servers with a password takes minutes: 30 by default. */
export const DEFAULT_TIMEOUT_MS = 30 * 60_000;
/** How long ListPlans answers are reused (plans change rarely; the call costs a tenth of a minute's budget). */
const PLANS_TTL_MS = 10 * 60_000;
export const REGION_HELP =
  "set the regionId argument, `pulumi config set alicloud:region cn-hangzhou`, or ALIBABA_CLOUD_REGION_ID";

export interface InstanceOutput {
  instanceId: string;
  instanceName: string;
  /** SDK ListInstances Status: Pending, Starting, Running, Stopping, Stopped, Resetting, Upgrading, Disabled. */
  state: string;
  privateIpAddresses: string[];
  publicIpAddresses: string[];
  createdTime: string;
  /** The end of the subscription (the server stays paid until then). */
  expiredTime: string;
  /** Normal, Expired, ... (SDK ListInstances BusinessStatus). */
  businessStatus: string;
  disableReason: string;
  planId: string;
  imageId: string;
}

export interface SwasOutputs extends Record<string, unknown> {
  regionId: string;
  instanceIds: string[];
  instances: InstanceOutput[];
  launchToken: string;
  launchGeneration: number;
}

type Statuses = Map<string, string | undefined>;

interface Launched {
  ids: string[];
  token: string;
  generation: number;
  /** The statuses of the last poll. */
  last: Statuses;
  /** The wait failed (timeout, describe errors): the servers exist but are not settled. */
  failure?: unknown;
}

/** A wait that ended without every server settled: the last statuses seen, the poller's error as cause. */
class NotSettledError extends Error {
  constructor(
    message: string,
    readonly last: Statuses,
    options: { cause: unknown },
  ) {
    super(message, options);
    this.name = "NotSettledError";
  }
}

export function makeSwasProvider(rt: Runtime = defaultRuntime) {
  const pollKey = (t: AlicloudTarget) => `${t.regionId}|${t.credentials.id}|${t.endpoint ?? ""}`;
  /** Waits: one ListInstanceStatus per round for every waiting server, no faster than the limit allows. */
  const statusPoller = (t: AlicloudTarget) =>
    rt.pollers.get(`swas|${pollKey(t)}`, () => {
      const limit = documentedLimit("swas", "ListInstanceStatus");
      const minIntervalMs = Math.max(rt.pollMinMs ?? 0, Math.ceil(limit.windowMs / limit.calls));
      return new Poller<string>({
        batchSize: api.MAX_IDS_PER_CALL,
        describe: (ids) => api.listInstanceStatus(operation(rt, "polling SWAS servers", 120_000), t, ids),
        clock: rt.clock,
        minIntervalMs,
        maxIntervalMs: Math.max(minIntervalMs, rt.pollMaxMs ?? 30_000),
      });
    });
  /** Describes: the resources that need ListInstances at about the same time share one call. */
  const describer = (t: AlicloudTarget) =>
    rt.pollers.get(
      `swas-describe|${pollKey(t)}`,
      () =>
        new Poller<api.SwasServerModel>({
          batchSize: api.MAX_IDS_PER_CALL,
          describe: (ids) => api.listInstances(operation(rt, "describing SWAS servers", 120_000), t, ids),
          clock: rt.clock,
          minIntervalMs: 200,
          maxIntervalMs: 5_000,
        }),
    );
  const plansCache = new Map<string, { at: number; plans: api.SwasPlanModel[] }>();

  return {
    async configure(req: ConfigureRequest): Promise<void> {
      configure(req);
    },

    // ---- check ---------------------------------------------------------------------------
    async check(olds: Props, news: Props): Promise<dynamic.CheckResult> {
      const { args, failures } = checkArgs(SwasInstanceArgsSchema, news, KIND, OUTPUT_KEYS, { doc: DOC });
      if (!isUnknown(news.regionId) && !alicloudRegion(news.regionId as string | undefined)) {
        failures.push({
          property: "regionId",
          reason: `is required (SWAS CreateInstances 2020-06-01: RegionId): ${REGION_HELP}`,
        });
      }
      const isNew = Object.keys(userArgs(olds ?? {})).length === 0;
      if (failures.length === 0 && !isNew) failures.push(...(await refusedChanges(olds, news)));
      if (args && failures.length === 0 && isNew && preflightEnabled()) {
        failures.push(...(await preflight(args, news)));
      }
      return { inputs: news, failures };
    },

    // ---- diff ----------------------------------------------------------------------------
    async diff(_id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
      const downgrade = await isDowngrade(olds, news);
      const d = diffSwas(olds, news, downgrade);
      return { changes: d.changes, replaces: d.replaces, deleteBeforeReplace: d.deleteBeforeReplace };
    },

    // ---- create --------------------------------------------------------------------------
    async create(inputs: Props): Promise<dynamic.CreateResult> {
      const args = parseArgs(inputs);
      const t = alicloudTarget(resolveRegion(args));
      const op = operation(
        rt,
        `creating ${KIND} ${nameOf(inputs)}`,
        timeoutOf(args.timeouts, "create", DEFAULT_TIMEOUT_MS),
      );
      // Nothing is bought until CreateInstances answers: an error before that is a plain one.
      const launched = await launch(op, t, args, inputs, args.amount, "");
      const { ids } = launched;
      try {
        settled(launched);
        const live = await bringUp(op, t, ids, args, args.password === undefined ? [] : ids);
        const outs = outputs(inputs, args, ids, live ?? (await describe(op, t, ids)), launched);
        return { id: ids.join(","), outs };
      } catch (e) {
        throw await initFailed(op, t, e, inputs, args, ids, launched);
      }
    },

    // ---- read ----------------------------------------------------------------------------
    async read(id: string, props: Props): Promise<dynamic.ReadResult> {
      const args = storedArgsOf(props);
      const t = alicloudTarget(String(props.regionId ?? resolveRegion(args)));
      const op = operation(
        rt,
        `reading ${KIND} ${nameOf(props)}`,
        timeoutOf(args.timeouts, "update", DEFAULT_TIMEOUT_MS),
      );
      const ids = idsOf(id, props);
      const live = await describe(op, t, ids);
      const alive = ids.filter((i) => live.has(i));
      if (alive.length === 0) return { id: "", props: {} };
      const outs: Props = outputs(props, args, alive, live, tokenOf(props));
      // Drift of in-place arguments shows in the next diff and is put right by the next update.
      const servers = alive.map((i) => live.get(i)!);
      const expected = expectedNames(args.instanceName, alive.length);
      const names = servers.map((s) => s.instanceName ?? "");
      if (expected && !sameValue(names, expected)) outs.instanceName = names[0];
      const statuses = servers.map((s) => s.status ?? "");
      if (args.running && statuses.some((s) => s !== "Running")) outs.running = false;
      if (!args.running && statuses.some((s) => s === "Running")) outs.running = true;
      const plans = servers.map((s) => s.planId ?? "");
      if (args.planId !== undefined && plans.some((p) => p !== args.planId))
        outs.planId = plans.find((p) => p !== args.planId);
      return { id: alive.join(","), props: clean(outs) };
    },

    // ---- update --------------------------------------------------------------------------
    async update(_id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
      const args = parseArgs(news);
      const old = parseArgs(olds);
      const t = alicloudTarget(String(olds.regionId ?? resolveRegion(args)));
      const op = operation(
        rt,
        `updating ${KIND} ${nameOf(news)}`,
        timeoutOf(args.timeouts, "update", DEFAULT_TIMEOUT_MS),
      );
      // Never silently ignored: a change that cannot be made in place stops here, before any call.
      const refused = knownRefusals(olds, news, await isDowngrade(olds, news));
      if (refused.length) {
        throw new Error(`${op.what}: ${refused.map((r) => `${r.key}: ${r.reason}`).join("; ")}`);
      }
      const launchState = tokenOf(olds);
      let ids = idsOf("", olds);
      try {
        const held = ids.length;
        const { keep, dropped } = await converge(op, t, ids, args);
        ids = keep;
        // Servers are bought for an amount the user raised (the preview showed it), and to replace
        // lost ones only with allowReplacement. Otherwise the outputs show the lower amount, so
        // the next preview shows what an up would buy.
        const requested = Math.max(0, args.amount - held);
        const replacements = args.allowReplacement ? dropped.length : 0;
        if (dropped.length && !args.allowReplacement) {
          op.rt.log(
            `warning: ${op.what}: not buying replacements for ${dropped.length} lost server(s) without allowReplacement: true`,
          );
        }
        const toBuy = Math.min(args.amount - ids.length, requested + replacements);
        if (ids.length + toBuy === 0) {
          throw new Error(
            `${op.what}: none of its servers exists any more: \`pulumi refresh\` removes it from the state ` +
              `(the next up then buys new ones), or set allowReplacement: true to buy them now`,
          );
        }
        let fresh: string[] = [];
        if (toBuy > 0) {
          const salt = `scale:${[...ids].sort().join(",")}`;
          op.rt.log(`${op.what}: buying ${toBuy} more server(s) (amount ${args.amount})`);
          const extra = await launch(op, t, args, news, toBuy, salt);
          fresh = extra.ids;
          ids = [...ids, ...fresh];
          settled(extra);
        }
        const passwordChanged = args.password !== undefined && args.password !== old.password;
        if (old.password !== undefined && args.password === undefined) {
          op.rt.log(
            `${op.what}: password removed from the arguments: the servers keep their current password (SWAS cannot unset one)`,
          );
        }
        const live = await bringUp(
          op,
          t,
          ids,
          args,
          passwordChanged ? ids : args.password === undefined ? [] : fresh,
        );
        return { outs: outputs(news, args, ids, live ?? (await describe(op, t, ids)), launchState) };
      } catch (e) {
        if (e instanceof InitFailedError || ids.length === 0) throw e;
        throw await initFailed(op, t, e, news, args, ids, launchState);
      }
    },

    // ---- delete --------------------------------------------------------------------------
    async delete(id: string, props: Props): Promise<void> {
      const args = storedArgsOf(props);
      const t = alicloudTarget(String(props.regionId ?? resolveRegion(args)));
      const op = operation(
        rt,
        `deleting ${KIND} ${nameOf(props)}`,
        timeoutOf(args.timeouts, "delete", DEFAULT_TIMEOUT_MS),
      );
      const ids = idsOf(id, props);
      if (ids.length === 0) return;
      const statuses = await api.listInstanceStatus(op, t, ids);
      const alive = ids.filter((i) => statuses.has(i));
      if (alive.length === 0) return;
      const stoppable = alive.filter((i) => statuses.get(i) !== "Disabled");
      if (args.onDelete === "stop" && stoppable.length) {
        op.rt.log(`${op.what}: stopping ${stoppable.length} server(s): ${stoppable.join(", ")}`);
        await setPower(op, t, stoppable, "stopped", statuses);
      }
      const live = await describe(op, t, alive);
      const list = alive
        .map((i) => `${i} (${live.get(i)?.status ?? "?"}, expires ${live.get(i)?.expiredTime ?? "?"})`)
        .join(", ");
      const renewing = alive.filter((i) => args.autoRenew && live.get(i)?.businessStatus !== "Expired");
      op.rt.log(
        `warning: ${op.what}: SWAS has no API to release a server: ${alive.length} server(s) ` +
          `${args.onDelete === "stop" ? "stopped" : "left running (onDelete: retain)"} and still paid until they expire: ${list}.` +
          (renewing.length
            ? ` Auto-renewal is ON: they will be renewed and charged again unless you turn it off in the console.`
            : ` They stay in your account until the subscription ends.`) +
          ` Creating this resource again with the same name and arguments within the ClientToken's validity adopts them.`,
      );
    },
  };

  // ---- helpers -----------------------------------------------------------------------------

  /** ListPlans and ListImages: the plan and the image exist, fit each other and the data disk. */
  async function preflight(args: SwasArgs, news: Props): Promise<CheckFailure[]> {
    const failures: CheckFailure[] = [];
    try {
      const t = alicloudTarget(resolveRegion(args));
      const op = operation(rt, `preflight of ${KIND} ${nameOf(news)}`, 120_000);
      const plan = (await plansOf(op, t)).find((p) => p.planId === args.planId);
      const image = (await api.listImages(op, t, [args.imageId])).find((i) => i.imageId === args.imageId);
      if (!plan) {
        failures.push({
          property: "planId",
          reason: `${args.planId} is not a plan of ${t.regionId} (ListPlans; CreateInstances would answer InvalidPlanId.NotFound)`,
        });
      }
      if (!image) {
        failures.push({
          property: "imageId",
          reason: `${args.imageId} is not an image of ${t.regionId} (ListImages; CreateInstances would answer InvalidImageId.NotFound)`,
        });
      }
      if (plan && image) {
        const platforms = api.supportedPlatforms(plan);
        if (image.platform && !platforms.includes(image.platform)) {
          failures.push({
            property: "planId",
            reason: `plan ${args.planId} supports ${platforms.join(", ") || "no platform"}, image ${args.imageId} is ${image.platform} (CreateInstances: PlatformNotMatch)`,
          });
        }
      }
      const min = plan ? MIN_DATA_DISK_GB[plan.diskType as keyof typeof MIN_DATA_DISK_GB] : undefined;
      if (min !== undefined && args.dataDiskSize > 0 && args.dataDiskSize < min) {
        failures.push({
          property: "dataDiskSize",
          reason: `must be at least ${min} GB on ${plan!.diskType} plan ${args.planId} (SWAS CreateInstances 2020-06-01: DataDiskSize; InvalidDataDiskSize.ValueNotSupported)`,
        });
      }
      if (image?.platform === "Windows" && args.password?.startsWith("/")) {
        failures.push({
          property: "password",
          reason: `must not start with "/" on a Windows image (swas-open SDK UpdateInstanceAttributeRequest: Password)`,
        });
      }
      return failures;
    } catch (e) {
      if (e instanceof CloudError) {
        return [
          {
            property: /Region/i.test(e.code) ? "regionId" : "planId",
            reason: `refused by the cloud at preflight: ${e.code}: ${e.cloudMessage}${e.requestId ? ` (RequestId ${e.requestId})` : ""}`,
          },
        ];
      }
      return [{ property: "regionId", reason: `preflight could not run: ${errorMessage(e)}` }];
    }
  }

  async function plansOf(op: Operation, t: AlicloudTarget): Promise<api.SwasPlanModel[]> {
    const key = pollKey(t);
    const hit = plansCache.get(key);
    if (hit && rt.clock.now() - hit.at < PLANS_TTL_MS) return hit.plans;
    const plans = await api.listPlans(op, t);
    plansCache.set(key, { at: rt.clock.now(), plans });
    return plans;
  }

  /** A change of planId that ListPlans shows is not an upgrade; false when unknown or unreachable. */
  async function isDowngrade(olds: Props, news: Props): Promise<boolean> {
    const from = olds.planId;
    const to = news.planId;
    if (typeof from !== "string" || typeof to !== "string" || isUnknown(to) || from === to) return false;
    try {
      const regionId = String(olds.regionId ?? alicloudRegion(news.regionId as string | undefined) ?? "");
      if (!regionId) return false;
      const t = alicloudTarget(regionId);
      const plans = await plansOf(operation(rt, `comparing plans of ${KIND} ${nameOf(news)}`, 60_000), t);
      const a = plans.find((p) => p.planId === from);
      const b = plans.find((p) => p.planId === to);
      return a !== undefined && b !== undefined && !isUpgrade(a, b);
    } catch {
      // The update tells (UpgradeInstance refuses a smaller plan), before anything is bought.
      return false;
    }
  }

  /** check on an existing resource: every change that cannot be made in place, unless opted in. */
  async function refusedChanges(olds: Props, news: Props): Promise<CheckFailure[]> {
    if (news.allowReplacement === true || isUnknown(news.allowReplacement)) return [];
    const refused = knownRefusals(olds, news, await isDowngrade(olds, news));
    return refused.map((r) => ({ property: r.key, reason: r.reason }));
  }

  /**
   * CreateInstances with an idempotency scheme, then wait until no server is pending. The ClientToken
   * is the user's, or derived from the resource's identity, its request and a generation: a create
   * repeated after a crash or a lost response sends the same token and gets the same servers back.
   * When the servers of a derived token no longer exist (released after their subscription ended),
   * the generation goes up and a new set is bought.
   */
  async function launch(
    op: Operation,
    t: AlicloudTarget,
    args: SwasArgs,
    inputs: Props,
    amount: number,
    salt: string,
  ): Promise<Launched> {
    return launchWithToken(op, {
      userToken: salt ? undefined : args.clientToken,
      tokenFor: (generation) => deriveToken(inputs, args, t.regionId, amount, salt, generation),
      create: (token) =>
        api.createInstances(op, t, api.createInstancesRequest(args, t.regionId, token, amount)),
      settle: async (ids) => {
        try {
          return { last: await waitSettled(op, t, ids) };
        } catch (e) {
          return { last: e instanceof NotSettledError ? e.last : new Map(), failure: e };
        }
      },
      spent: (ids, s) => ids.every((i) => s.last.get(i) === undefined),
      action: "CreateInstances",
      noun: "server",
      hint: (e) =>
        e instanceof CloudError && e.code === "IdempotentParameterMismatch"
          ? `: clientToken was used before by a CreateInstances with other parameters; change or remove it`
          : "",
    });
  }

  /** After a launch: every server up (Running, or Stopped when adopted), else an error naming them. */
  function settled(l: Launched): void {
    if (l.failure) throw l.failure;
    const bad = l.ids.filter((i) => !["running", "stopped"].includes(phaseOf(l.last.get(i))));
    if (bad.length) {
      const reasons = bad.map((i) =>
        l.last.get(i) === undefined ? `${i} is gone` : `${i} is ${l.last.get(i)} after the launch`,
      );
      throw new Error(
        `${reasons.join("; ")}. SWAS cannot start or release a Disabled server: set allowReplacement: true ` +
          `and run up again to buy replacements (the failed ones stay in your account)`,
      );
    }
  }

  /** Waits until no server is pending (not found right after CreateInstances counts as pending for a while). */
  async function waitSettled(op: Operation, t: AlicloudTarget, ids: string[]): Promise<Statuses> {
    const show = progress(op);
    let last: Statuses = new Map();
    try {
      return await statusPoller(t).wait(
        ids,
        (view) => {
          last = view.states;
          show(`waiting for ${ids.length} server(s): ${census(view.states)}`);
          const phases = ids.map((i) => phaseOf(view.states.get(i), view.notFoundRounds(i)));
          if (phases.includes("pending")) return "pending";
          // Not found after the grace rounds: gone (undefined in the answer).
          return "done";
        },
        op.deadline,
        `${ids.length} server(s) of ${op.what} to settle`,
      );
    } catch (e) {
      const what = e instanceof TimeoutError ? "timed out" : errorMessage(e);
      throw new NotSettledError(`${what}: ${census(last)}`, last, { cause: e });
    }
  }

  /**
   * An existing resource before an update: servers that no longer exist are dropped, pending
   * ones waited for; Disabled ones (failed launch, expired) stop the update unless allowReplacement,
   * which drops them too (they cannot be released) so that replacements are bought.
   */
  async function converge(
    op: Operation,
    t: AlicloudTarget,
    ids: string[],
    args: SwasArgs,
  ): Promise<{ keep: string[]; dropped: string[] }> {
    if (ids.length === 0) return { keep: ids, dropped: [] };
    const found: Statuses = await api.listInstanceStatus(op, t, ids);
    if (ids.some((i) => phaseOf(found.get(i)) === "pending")) {
      const last = await waitSettled(
        op,
        t,
        ids.filter((i) => found.has(i)),
      );
      for (const [i, s] of last) found.set(i, s);
    }
    const gone = ids.filter((i) => found.get(i) === undefined);
    if (gone.length) {
      op.rt.log(
        `warning: ${op.what}: ${gone.length} server(s) no longer exist (released after their subscription ended): ${gone.join(", ")}`,
      );
    }
    const keep = ids.filter((i) => found.get(i) !== undefined);
    const disabled = keep.filter((i) => phaseOf(found.get(i)) === "disabled");
    if (disabled.length === 0) return { keep, dropped: gone };
    const live = await describe(op, t, disabled);
    const list = disabled.map(
      (i) => `${disabledReason(i, live.get(i))}, expires ${live.get(i)?.expiredTime ?? "?"}`,
    );
    if (!args.allowReplacement) {
      throw new Error(
        `${list.join("; ")}. SWAS cannot start or release a Disabled server: renew it if its subscription ended ` +
          `(RenewInstance), or set allowReplacement: true to buy ${disabled.length} replacement server(s) ` +
          `(the Disabled ones stay in your account until they expire)`,
      );
    }
    op.rt.log(
      `warning: ${op.what}: dropping ${disabled.length} Disabled server(s) from this resource ` +
        `(allowReplacement); SWAS cannot release them, they stay in your account: ${list.join("; ")}`,
    );
    return { keep: keep.filter((i) => !disabled.includes(i)), dropped: [...gone, ...disabled] };
  }

  /**
   * Brings settled servers to the arguments: a larger plan (UpgradeInstance), names and passwords
   * (UpdateInstanceAttribute, one call per server), a restart where a password changed (the SDK:
   * it takes effect after a restart), then Running or Stopped as `running` says.
   */
  async function bringUp(
    op: Operation,
    t: AlicloudTarget,
    ids: string[],
    args: SwasArgs,
    passwordFor: string[],
  ): Promise<Map<string, api.SwasServerModel> | undefined> {
    let live = await describe(op, t, ids);
    const missing = ids.filter((i) => !live.has(i));
    if (missing.length) throw new Error(`server(s) not found: ${missing.join(", ")}`);

    const toUpgrade = ids.filter((i) => live.get(i)!.planId !== args.planId);
    if (toUpgrade.length) {
      op.rt.log(`${op.what}: UpgradeInstance to ${args.planId} on ${toUpgrade.join(", ")}`);
      await each(toUpgrade, async (i) => {
        try {
          await api.upgradeInstance(op, t, i, args.planId);
        } catch (e) {
          if (e instanceof CloudError && /^InvalidPlanIdUpgrade/.test(e.code)) {
            throw new Error(
              `${e.message}: UpgradeInstance only moves to a plan at least as large in every respect; ` +
                `set allowReplacement: true to buy new servers with plan ${args.planId} instead`,
              { cause: e },
            );
          }
          throw e;
        }
      });
      await waitSettled(op, t, ids);
      live = await describe(op, t, ids);
    }

    const names = expectedNames(args.instanceName, ids.length);
    const changes = ids
      .map((id, n) => ({
        id,
        instanceName: names && live.get(id)!.instanceName !== names[n] ? names[n] : undefined,
        password: passwordFor.includes(id) ? args.password : undefined,
      }))
      .filter((c) => c.instanceName !== undefined || c.password !== undefined);
    if (changes.length) {
      const what = [
        changes.some((c) => c.instanceName !== undefined) ? "name" : "",
        changes.some((c) => c.password !== undefined) ? "password" : "",
      ]
        .filter(Boolean)
        .join(" and ");
      op.rt.log(`${op.what}: UpdateInstanceAttribute (${what}) on ${changes.map((c) => c.id).join(", ")}`);
      await each(changes, (c) =>
        api.updateInstanceAttribute(op, t, c.id, { instanceName: c.instanceName, password: c.password }),
      );
    }

    const withNewPassword = changes.filter((c) => c.password !== undefined).map((c) => c.id);
    if (args.running && withNewPassword.length) {
      // Stopped servers take the new password when they start.
      const running = withNewPassword.filter((i) => live.get(i)!.status === "Running");
      if (running.length) {
        op.rt.log(
          `${op.what}: RebootInstances on ${running.length} server(s) so that the new password takes effect ` +
            `(UpdateInstanceAttribute: it applies after RebootInstance)`,
        );
        await api.power(op, t, "RebootInstances", running).catch((e: unknown) => {
          // The state changed under us: the wait below looks again, and a start applies the password too.
          if (!(e instanceof CloudError && e.code === "IncorrectInstanceStatus")) throw e;
        });
        await setPower(op, t, ids, "running");
        return undefined;
      }
    }
    const known = statusesOf(live);
    const after = await setPower(op, t, ids, args.running ? "running" : "stopped", known);
    // Nothing changed: what was read is still true, and another ListInstances (10 a minute) is saved.
    return after === known && toUpgrade.length === 0 && changes.length === 0 ? live : undefined;
  }

  /** StartInstances / StopInstances where needed (one call for up to 100), until every server is in the wanted state. */
  async function setPower(
    op: Operation,
    t: AlicloudTarget,
    ids: string[],
    want: "running" | "stopped",
    /** Statuses just read: used instead of a first poll when none is pending. */
    known?: Statuses,
  ): Promise<Statuses> {
    for (let attempt = 0; attempt < 4; attempt++) {
      const fresh =
        attempt === 0 && known && ids.every((i) => ["running", "stopped"].includes(phaseOf(known.get(i))));
      const last = fresh ? known : await waitSettled(op, t, ids);
      const phases = new Map<string, Phase>(ids.map((i) => [i, phaseOf(last.get(i))]));
      const broken = ids.filter((i) => ["disabled", "gone"].includes(phases.get(i)!));
      if (broken.length) {
        const live = await describe(op, t, broken);
        throw new Error(
          `${broken.map((i) => (live.has(i) ? disabledReason(i, live.get(i)) : `${i} is gone`)).join("; ")}: ` +
            `cannot make it ${want === "running" ? "Running" : "Stopped"}`,
        );
      }
      const wrong = ids.filter((i) => phases.get(i) !== want);
      if (wrong.length === 0) return last;
      const action = want === "running" ? "StartInstances" : "StopInstances";
      op.rt.log(`${op.what}: ${action} on ${wrong.join(", ")}`);
      try {
        await api.power(op, t, action, wrong);
      } catch (e) {
        // The state of one changed under us (or a retried call went through): look again.
        if (!(e instanceof CloudError && e.code === "IncorrectInstanceStatus")) throw e;
      }
    }
    throw new Error(`${op.what}: servers ${ids.join(", ")} did not become ${want} after 4 attempts`);
  }

  /** ListInstances for these ids, batched with every other describe in the process. */
  async function describe(
    op: Operation,
    t: AlicloudTarget,
    ids: string[],
  ): Promise<Map<string, api.SwasServerModel>> {
    const found = await describer(t).wait(ids, () => "done", op.deadline, `ListInstances for ${op.what}`);
    const out = new Map<string, api.SwasServerModel>();
    for (const [i, s] of found) if (s) out.set(i, s);
    return out;
  }

  /** Errors after servers were bought: recorded (ErrorResourceInitFailed), never orphaned. */
  async function initFailed(
    op: Operation,
    t: AlicloudTarget,
    e: unknown,
    inputs: Props,
    args: SwasArgs,
    ids: string[],
    launchState: { token: string; generation: number },
  ): Promise<InitFailedError> {
    if (e instanceof InitFailedError) return e;
    const found = await describe(op, t, ids).catch(() => new Map<string, api.SwasServerModel>());
    const reason = errorMessage(e);
    return new InitFailedError(
      `${op.what}: ${reason}`,
      ids.join(","),
      { ...inputs, ...outputs(inputs, args, ids, found, launchState) },
      [reason],
      { cause: e },
    );
  }

  function outputs(
    inputs: Props,
    args: Partial<SwasArgs>,
    ids: string[],
    found: Map<string, api.SwasServerModel | undefined>,
    launchState: { token: string; generation: number },
  ): SwasOutputs {
    return clean({
      ...userArgs(inputs),
      // The resource's identity stays with its outputs: read and delete see it too.
      __identity: inputs.__identity,
      // Fewer servers than asked for (lost, or a purchase that failed): the next diff shows it.
      amount: ids.length === args.amount ? inputs.amount : ids.length,
      regionId: resolveRegion(args),
      instanceIds: ids,
      instances: ids.map((i) => instanceOutput(i, found.get(i))),
      launchToken: launchState.token,
      launchGeneration: launchState.generation,
    });
  }
}

// ---- pure helpers ------------------------------------------------------------------------

/** Old and new arguments with defaults, the region resolved: what diff and the refusals compare. */
function normalize(p: Props, regionId: unknown): Props {
  return {
    ...p,
    regionId,
    autoRenew: p.autoRenew ?? false,
    dataDiskSize: p.dataDiskSize ?? 0,
    amount: p.amount ?? 1,
    chargeType: p.chargeType ?? "PrePaid",
    running: p.running ?? true,
    onDelete: p.onDelete ?? "stop",
    allowReplacement: p.allowReplacement ?? false,
  };
}

function normalized(olds: Props, news: Props): { a: Props; b: Props } {
  const oldRegion = olds.regionId ?? alicloudRegion();
  const newRegion = isUnknown(news.regionId) ? news.regionId : (news.regionId ?? alicloudRegion());
  return { a: normalize(olds, oldRegion), b: normalize(news, newRegion) };
}

/**
 * The known changes that cannot be made in place, with the reason: the arguments of
 * REFUSED_BECAUSE, amount downwards (no release API), and planId to a plan that is not larger.
 */
export function knownRefusals(
  olds: Props,
  news: Props,
  downgrade: boolean,
): Array<{ key: string; reason: string }> {
  const { a, b } = normalized(olds, news);
  const out: Array<{ key: string; reason: string }> = [];
  for (const [key, why] of Object.entries(REFUSED_BECAUSE)) {
    if (unknownPaths(b[key]).length) continue;
    if (!sameValue(a[key], b[key])) out.push({ key, reason: refusal(key, why) });
  }
  if (typeof a.amount === "number" && typeof b.amount === "number" && b.amount < a.amount) {
    out.push({
      key: "amount",
      reason: refusal(
        "amount",
        `the servers cannot be released, so the amount cannot go down from ${a.amount} to ${b.amount}`,
      ),
    });
  }
  if (downgrade) {
    out.push({
      key: "planId",
      reason: refusal(
        "planId",
        `UpgradeInstance only moves to a plan at least as large in every respect, and ${a.planId} → ${b.planId} is not one`,
      ),
    });
  }
  return out;
}

/**
 * Diff of the old outputs against the new inputs. A replacement is planned only when the user set
 * allowReplacement: true; otherwise a known change that cannot be made in place is an error (check
 * refuses it first), and an unknown one is planned as an update (the update refuses it if it turns
 * out to be a change).
 */
export function diffSwas(olds: Props, news: Props, downgrade = false): DiffResult {
  const { a, b } = normalized(olds, news);
  const d = diffArgs(a, b, ARG_KEYS as readonly string[], IN_PLACE);
  const refused = knownRefusals(olds, news, downgrade).map((r) => r.key);
  const allowed = news.allowReplacement === true;
  const unknownRefusable = d.replaces.filter((k) => !refused.includes(k));
  if (refused.length && !allowed) {
    throw new Error(
      `${KIND}: ${knownRefusals(olds, news, downgrade)
        .map((r) => `${r.key}: ${r.reason}`)
        .join("; ")}`,
    );
  }
  const replaces = allowed ? [...new Set([...refused, ...unknownRefusable])] : [];
  const updates = [...new Set([...d.updates, ...(allowed ? [] : unknownRefusable)])].filter(
    (k) => !replaces.includes(k),
  );
  return { changes: replaces.length + updates.length > 0, replaces, updates, deleteBeforeReplace: false };
}

/** Metadata of UpgradeInstance: a plan at least as large in every respect, and not the same. */
function isUpgrade(from: api.SwasPlanModel, to: api.SwasPlanModel): boolean {
  const dims: Array<keyof api.SwasPlanModel> = ["core", "memory", "diskSize", "bandwidth", "flow"];
  const pairs = dims.map((k) => [Number(from[k] ?? 0), Number(to[k] ?? 0)]);
  return pairs.every(([x, y]) => y >= x) && pairs.some(([x, y]) => y > x);
}

function resolveRegion(args: Partial<SwasArgs>): string {
  const region = alicloudRegion(args.regionId);
  if (!region) throw new Error(`${KIND}: regionId is required: ${REGION_HELP}`);
  return region;
}

function statusesOf(live: Map<string, api.SwasServerModel>): Statuses {
  return new Map([...live].map(([i, s]) => [i, s.status]));
}

/** Runs one call per item (the limiter paces them); waits for all, then throws the first error. */
async function each<T>(items: T[], fn: (item: T) => Promise<void>): Promise<void> {
  const results = await Promise.allSettled(items.map(fn));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}

/**
 * sha256 of the identity and the CreateInstances request (which holds no password), the salt and
 * the generation: at most 64 ASCII characters, as the API requires.
 */
export function deriveToken(
  inputs: Props,
  args: SwasArgs,
  regionId: string,
  amount: number,
  salt: string,
  generation: number,
): string {
  const req = { ...api.createInstancesRequest(args, regionId, "", amount) } as Record<string, unknown>;
  delete req.clientToken;
  return deriveClientToken(String(inputs.__identity ?? ""), req, salt, generation);
}

/** The names of n servers: the name itself for one, "<name>-1" ... "<name>-n" for more. */
export function expectedNames(name: string | undefined, n: number): string[] | undefined {
  if (name === undefined) return undefined;
  return n === 1 ? [name] : Array.from({ length: n }, (_, i) => `${name}-${i + 1}`);
}

function instanceOutput(id: string, s: api.SwasServerModel | undefined): InstanceOutput {
  const network = s?.networkAttributes ?? [];
  const ips = (own: string | undefined, more: Array<string | undefined>) => [
    ...new Set([own, ...more].filter((x): x is string => !!x)),
  ];
  return {
    instanceId: id,
    instanceName: s?.instanceName ?? "",
    state: s?.status ?? "UNKNOWN",
    privateIpAddresses: ips(
      s?.innerIpAddress,
      network.map((n) => n.privateIpAddress),
    ),
    publicIpAddresses: ips(
      s?.publicIpAddress,
      network.map((n) => n.publicIpAddress),
    ),
    createdTime: s?.creationTime ?? "",
    expiredTime: s?.expiredTime ?? "",
    businessStatus: s?.businessStatus ?? "",
    disableReason: s?.disableReason ?? "",
    planId: s?.planId ?? "",
    imageId: s?.imageId ?? "",
  };
}

export const provider = makeSwasProvider();

const parseArgs = (props: Props): SwasArgs => parseProps(SwasInstanceArgsSchema, props, OUTPUT_KEYS, KIND);
/** For refresh and destroy: what the state holds. */
const storedArgsOf = (props: Props): Partial<SwasArgs> =>
  storedArgs(SwasInstanceArgsSchema, props, OUTPUT_KEYS);

/**
 * SwasInstance: the dynamic ResourceProvider for SWAS CreateInstances (swas-open 2020-06-01).
 * check → diff → create → read → update → delete, then the converge step of an update.
 *
 * SWAS servers are subscriptions paid up front and the API cannot release one. So: a create never
 * buys twice (idempotent ClientToken), a change is made in place or refused at preview unless the
 * user opts in to buying replacements (`allowReplacement`, refusals.ts), and a delete stops the
 * servers (or leaves them running) and says plainly that they stay paid until they expire.
 * The documented limit is 10 calls a minute per account: every call goes through the shared
 * limiter, and waits and describes are shared per (region, credentials) (wait.ts).
 */
import { checkArgs, isNew, regionFailures } from "../../core/check";
import { alicloudRegion } from "../../core/config";
import { Operation, Runtime, defaultRuntime } from "../../core/context";
import { sameValue } from "../../core/diff";
import { dropUndefined } from "../../core/drop-undefined";
import { recordFailure } from "../../core/partial";
import { wantsPreflight } from "../../core/preflight";
import { Props, idsOf, parseProps, storedArgs, tokenOf } from "../../core/props";
import { dynamicProvider, step } from "../../core/provider";
import { AlicloudTarget, REGION_HELP, alicloudTarget, regionOf } from "../client";
import { adoptIdsOf } from "../../core/adopt";
import * as api from "./api";
import { adoptServers, adoptionChecks, adoptionPreflight, markOwned, releaseMarks } from "./adopt";
import { bringUp, expectedNames } from "./attributes";
import { diffSwas } from "./diff";
import { launch, requireUp } from "./launch";
import { OUTPUT_KEYS, outputs, recorded } from "./outputs";
import { SwasHost, isDowngrade } from "./plans";
import { setPower } from "./power";
import { listingFailures } from "./preflight";
import { knownRefusals, refusedChanges } from "./refusals";
import { DOC, SwasArgs, SwasInstanceArgsSchema } from "./schema";
import { Statuses, disabledReason, phaseOf } from "./status";
import { describe, settledStatuses } from "./wait";

export { diffSwas } from "./diff";
export { expectedNames } from "./attributes";
export { deriveToken } from "./launch";
export { OUTPUT_KEYS } from "./outputs";
export type { InstanceOutput, SwasOutputs } from "./outputs";
export { knownRefusals } from "./refusals";
export { REGION_HELP } from "../client";

const KIND = "SwasInstance";
/** At 10 calls a minute, a create of many servers with a password takes minutes: 30 by default. */
export const DEFAULT_TIMEOUT_MS = 30 * 60_000;

export function makeSwasProvider(rt: Runtime = defaultRuntime) {
  const h: SwasHost = { rt, kind: KIND, plans: new Map() };
  return dynamicProvider(h, { check, diff, create, read, update, delete: remove });
}

export const provider = makeSwasProvider();

// ---- check -------------------------------------------------------------------------------------

async function check(h: SwasHost, olds: Props, news: Props) {
  const { args, failures } = checkArgs(SwasInstanceArgsSchema, news, h.kind, OUTPUT_KEYS, { doc: DOC });
  failures.push(
    ...regionFailures(news, "regionId", alicloudRegion, `is required (${DOC}: RegionId): ${REGION_HELP}`),
  );
  if (failures.length === 0 && !isNew(olds)) failures.push(...(await refusedChanges(h, olds, news)));
  if (failures.length === 0) failures.push(...(await adoptionChecks(h, olds, news)));
  if (wantsPreflight(args, failures, olds)) {
    const adopting = adoptIdsOf(news).length > 0;
    failures.push(...(await (adopting ? adoptionPreflight : listingFailures)(h, args, news)));
  }
  return { inputs: news, failures };
}

// ---- diff --------------------------------------------------------------------------------------

async function diff(h: SwasHost, _id: string, olds: Props, news: Props) {
  return diffSwas(olds, news, await isDowngrade(h, olds, news));
}

// ---- create ------------------------------------------------------------------------------------

async function create(h: SwasHost, inputs: Props) {
  const args = parseArgs(inputs);
  const t = alicloudTarget(regionOf(h.kind, args.regionId));
  const op = step(h, "creating", inputs, args.timeouts, DEFAULT_TIMEOUT_MS);
  if (adoptIdsOf(inputs).length) return adoptServers(h, op, t, args, inputs);
  // Nothing is bought until CreateInstances answers: an error before that is a plain one.
  const launched = await launch(op, t, args, inputs, args.amount, "");
  const { ids } = launched;
  const placed = { regionId: t.regionId, amount: args.amount };
  try {
    // CreateInstances takes no tags: the owner mark comes right after (adopt.ts).
    await markOwned(op, t, ids, inputs);
    await requireUp(op, t, inputs, args, launched, { ids, launchState: launched });
    const live = await bringUp(op, t, ids, args, args.password === undefined ? [] : ids);
    return {
      id: ids.join(","),
      outs: outputs(inputs, placed, ids, live ?? (await describe(op, t, ids)), launched),
    };
  } catch (e) {
    throw await recordFailure(op, e, ids, (i) => recorded(op, t, inputs, placed, i, launched));
  }
}

// ---- read --------------------------------------------------------------------------------------

async function read(h: SwasHost, id: string, props: Props) {
  const args = storedArgsOf(props);
  const t = alicloudTarget(String(props.regionId ?? regionOf(h.kind, args.regionId)));
  const op = step(h, "reading", props, args.timeouts, DEFAULT_TIMEOUT_MS);
  const ids = idsOf(id, props);
  const live = await describe(op, t, ids);
  const alive = ids.filter((i) => live.has(i));
  if (alive.length === 0) return { id: "", props: {} };
  const placed = { regionId: regionOf(h.kind, args.regionId), amount: args.amount };
  const outs: Props = outputs(props, placed, alive, live, tokenOf(props));
  // Drift of in-place arguments shows in the next diff and is put right by the next update.
  const servers = alive.map((i) => live.get(i)!);
  const expected = expectedNames(args.instanceName, alive.length);
  const names = servers.map((s) => s.instanceName ?? "");
  if (expected && !sameValue(names, expected)) outs.instanceName = names[0];
  const statuses = servers.map((s) => s.status ?? "");
  if (args.running && statuses.some((s) => s !== "Running")) outs.running = false;
  if (!args.running && statuses.some((s) => s === "Running")) outs.running = true;
  const image = servers.find((s) => args.imageId !== undefined && s.imageId !== args.imageId)?.imageId;
  if (image) outs.imageId = image;
  const plans = servers.map((s) => s.planId ?? "");
  if (args.planId !== undefined && plans.some((p) => p !== args.planId))
    outs.planId = plans.find((p) => p !== args.planId);
  return { id: alive.join(","), props: dropUndefined(outs) };
}

// ---- update ------------------------------------------------------------------------------------

async function update(h: SwasHost, _id: string, olds: Props, news: Props) {
  const args = parseArgs(news);
  const old = parseArgs(olds);
  const t = alicloudTarget(String(olds.regionId ?? regionOf(h.kind, args.regionId)));
  const op = step(h, "updating", news, args.timeouts, DEFAULT_TIMEOUT_MS);
  // Never silently ignored: a change that cannot be made in place stops here, before any call.
  const refused = knownRefusals(olds, news, await isDowngrade(h, olds, news));
  if (refused.length) {
    throw new Error(`${op.what}: ${refused.map((r) => `${r.key}: ${r.reason}`).join("; ")}`);
  }
  const launchState = tokenOf(olds);
  const placed = { regionId: regionOf(h.kind, args.regionId), amount: args.amount };
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
      await markOwned(op, t, fresh, news);
      await requireUp(op, t, news, args, extra, { ids, launchState });
    }
    const passwordChanged = args.password !== undefined && args.password !== old.password;
    if (old.password !== undefined && args.password === undefined) {
      op.rt.log(
        `${op.what}: password removed from the arguments: the servers keep their current password (SWAS cannot unset one)`,
      );
    }
    const passwordFor = passwordChanged ? ids : args.password === undefined ? [] : fresh;
    const live = await bringUp(op, t, ids, args, passwordFor);
    return { outs: outputs(news, placed, ids, live ?? (await describe(op, t, ids)), launchState) };
  } catch (e) {
    throw await recordFailure(op, e, ids, (i) => recorded(op, t, news, placed, i, launchState));
  }
}

// ---- delete ------------------------------------------------------------------------------------

async function remove(h: SwasHost, id: string, props: Props) {
  const args = storedArgsOf(props);
  const t = alicloudTarget(String(props.regionId ?? regionOf(h.kind, args.regionId)));
  const op = step(h, "deleting", props, args.timeouts, DEFAULT_TIMEOUT_MS);
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
  await releaseMarks(op, t, live, props);
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
      ` Creating this resource again with the same name and arguments within the ClientToken's validity adopts them` +
      ` (so does adoptInstanceIds, at any time).`,
  );
}

// ---- converge ----------------------------------------------------------------------------------

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
    const last = await settledStatuses(
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

const parseArgs = (props: Props): SwasArgs => parseProps(SwasInstanceArgsSchema, props, OUTPUT_KEYS, KIND);
/** For refresh and destroy: what the state holds. */
const storedArgsOf = (props: Props): Partial<SwasArgs> =>
  storedArgs(SwasInstanceArgsSchema, props, OUTPUT_KEYS);

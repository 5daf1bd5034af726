/**
 * EcmInstance: the dynamic ResourceProvider for ECM RunInstances (2019-07-19).
 * check → diff → create → read → update → delete, then the converge step of an update.
 *
 * Idempotency without ClientToken (the document reserves it): every instance carries the marks of
 * its set (marks.ts). Before RunInstances the provider looks for instances carrying the resource's
 * mark: the newest generation, when it is alive and was made from the same request, is an earlier
 * attempt whose answer was lost, and is adopted instead of buying twice. A lost RunInstances answer
 * is never repeated blindly: the provider looks for the marked instances first and buys only what
 * is still missing. Two creates of the resource at the same time (a killed `pulumi up` whose
 * provider host finishes, and the next `pulumi up`) may both buy: each then keeps the oldest
 * complete set and terminates only its own purchase beyond it (claim, launch.ts), so both record
 * instances that stay.
 */
import { adoptIdsOf, ownerMark } from "../../core/adopt";
import { checkArgs } from "../../core/check";
import { tencentRegion } from "../../core/config";
import { Operation, Runtime, defaultRuntime } from "../../core/context";
import { sameIdSet, sameValue } from "../../core/diff";
import { dropUndefined } from "../../core/drop-undefined";
import { errorMessage } from "../../core/errors";
import { initFailure, recordFailure } from "../../core/partial";
import { Props, idsOf, parseProps, storedArgs, validArgs } from "../../core/props";
import { Host, dynamicProvider, step } from "../../core/provider";
import { TencentTarget, tencentTarget } from "../client";
import { adoptInstances, adoptionCheck } from "./adopt";
import * as api from "./api";
import { applyAttributes, expectedNames } from "./attributes";
import { diffEcm } from "./diff";
import { applyInPlace, bandwidthOf, passwordChangeFailures } from "./inplace";
import { PartialSetError, claim, finish, fit } from "./launch";
import { Mark, describeMark, markOf, markOfProps, storedMark, strays, survey } from "./marks";
import { OUTPUT_KEYS, outputs, recorded } from "./outputs";
import { DOC, EcmArgs, EcmInstanceArgsSchema } from "./schema";
import { setRunning } from "./power";
import { ordered, phaseOf } from "./status";
import { instanceTags, userTags, withInstanceTags } from "./tags";
import { terminate } from "./terminate";
import { waitGone, waitSettled } from "./wait";

export { diffEcm } from "./diff";
export { expectedNames } from "./attributes";
export { allocateZones } from "./launch";
export { MARK_TAGS, markOf } from "./marks";
export type { Mark } from "./marks";
export { OUTPUT_KEYS } from "./outputs";
export type { EcmOutputs, InstanceOutput } from "./outputs";

const KIND = "EcmInstance";

export function makeEcmProvider(rt: Runtime = defaultRuntime) {
  return dynamicProvider({ rt, kind: KIND }, { check, diff, create, read, update, delete: remove });
}

export const provider = makeEcmProvider();

/** ECM's Region is "not required" (doc): the argument, else stack config or env, else none. */
const regionArg = (args: Partial<EcmArgs>) => tencentRegion(args.region);
const target = (args: Partial<EcmArgs>): TencentTarget => tencentTarget(regionArg(args) ?? "");

// ---- check -------------------------------------------------------------------------------------

// ECM RunInstances has no DryRun: everything the document states is checked here. The preflight
// (runinstances:preflight) is that of an adoption: the refusals the describe of the ids finds.
async function check(h: Host, olds: Props, news: Props) {
  const { args, failures } = checkArgs(EcmInstanceArgsSchema, news, h.kind, OUTPUT_KEYS, { doc: DOC });
  if (failures.length === 0) failures.push(...passwordChangeFailures(olds, news));
  failures.push(...(await adoptionCheck(h, olds, news, args, failures, () => target(args ?? {}))));
  return { inputs: news, failures };
}

// ---- diff --------------------------------------------------------------------------------------

function diff(_h: Host, _id: string, olds: Props, news: Props) {
  return diffEcm(olds, news);
}

// ---- create ------------------------------------------------------------------------------------

async function create(h: Host, inputs: Props) {
  const args = parseArgs(inputs);
  const t = target(args);
  const op = step(h, "creating", inputs, args.timeouts);
  if (adoptIdsOf(inputs).length) return adoptInstances(op, t, inputs, args, regionArg(args));
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
    ({ ids, bought } = await fit(op, t, args, mark, ownerMark(inputs.__identity), adopted, async (excess) =>
      op.rt.log(
        `${op.what}: leaving ${excess.length} instance(s) of this set beyond the request to the next update: ${excess.join(", ")}`,
      ),
    ));
  } catch (e) {
    // Instances of the set exist (adopted or found after a lost answer): record them, never orphan them.
    const have = e instanceof PartialSetError ? e.have : [];
    if (have.length === 0) throw e instanceof PartialSetError ? new Error(e.message, { cause: e.cause }) : e;
    const kept = have.map((i) => i.InstanceId!);
    const found = new Map(have.map((i) => [i.InstanceId!, i]));
    const properties = { ...inputs, ...outputs(inputs, regionArg(args), kept, found, mark) };
    throw initFailure(op.what, [errorMessage(e)], { ids: kept, properties }, e);
  }
  let settled = await waitSettled(op, t, ids);
  const claimed = await claim(op, t, args, mark, ids, bought, settled.last);
  if (!sameIdSet(claimed.ids, ids)) {
    ids = claimed.ids;
    settled = await waitSettled(op, t, ids);
  }
  const outs = await finish(op, inputs, regionArg(args), ids, mark, settled, claimed.others);
  if (!args.running) {
    await setRunning(op, t, ids, false).catch((e: unknown) => {
      // Recorded as running: the next update stops them.
      throw initFailure(
        op.what,
        [errorMessage(e)],
        { ids, properties: { ...inputs, ...outs, running: true } },
        e,
      );
    });
  }
  // Instances adopted and bought separately carry names numbered per call: put them in order.
  const renamed =
    (adopted.length > 0 || claimed.others.length > 0) &&
    (await applyAttributes(op, t, ids, settled.last, args).catch((e: unknown) => {
      op.rt.log(
        `warning: ${op.what}: could not put the names in order (the next update will): ${errorMessage(e)}`,
      );
      return false;
    }));
  if (!renamed && args.running) return { id: ids.join(","), outs };
  const found = await api.describeInstances(op, t, ids);
  return { id: ids.join(","), outs: outputs(inputs, regionArg(args), ids, found, mark) };
}

// ---- read --------------------------------------------------------------------------------------

async function read(h: Host, id: string, props: Props) {
  const args = storedArgsOf(props);
  const t = target(args);
  const op = step(h, "reading", props, args.timeouts);
  const ids = idsOf(id, props);
  const found = await api.describeInstances(op, t, ids);
  const alive = ids.filter((i) => phaseOf(found.get(i)) !== "gone");
  if (alive.length === 0) return { id: "", props: {} };
  const outs: Props = outputs(props, regionArg(args), alive, found, storedMark(props));
  // Drift shows in the next diff: names and security groups are put right by the next update,
  // a change of tags replaces (ECM has no tag update here). The marks are not the user's tags.
  const live = ordered(alive, found).map((i) => found.get(i)!);
  const expected = expectedNames(args, live);
  const misnamed = expected && live.find((inst) => inst.InstanceName !== expected.get(inst.InstanceId!));
  if (misnamed) outs.instanceName = misnamed.InstanceName;
  const groups = live.find(
    (inst) => !sameIdSet(inst.SecurityGroupIds, args.securityGroupIds),
  )?.SecurityGroupIds;
  if (args.securityGroupIds && groups) outs.securityGroupIds = groups;
  // running, imageId and the bandwidths: what the instances show, for the next update to put right.
  const states = live.map((i) => i.InstanceState ?? "");
  if (args.running !== false && states.some((s) => s === "STOPPED" || s === "STOPPING")) outs.running = false;
  if (args.running === false && states.some((s) => s === "RUNNING" || s === "STARTING")) outs.running = true;
  const image = live.find((i) => args.imageId !== undefined && i.Image?.ImageId !== args.imageId)?.Image
    ?.ImageId;
  if (image) outs.imageId = image;
  const bandwidths = live.map(bandwidthOf);
  const out = bandwidths.find(
    (b) => args.internetMaxBandwidthOut && b.out !== args.internetMaxBandwidthOut,
  )?.out;
  if (out !== undefined) outs.internetMaxBandwidthOut = out;
  const inn = bandwidths.find((b) => args.internetMaxBandwidthIn && b.in !== args.internetMaxBandwidthIn)?.in;
  if (inn !== undefined) outs.internetMaxBandwidthIn = inn;
  const liveTags = userTags(live[0].TagSet);
  if (!sameValue(liveTags, instanceTags(args.tagSpecification)))
    outs.tagSpecification = withInstanceTags(args, liveTags);
  return { id: alive.join(","), props: dropUndefined(outs) };
}

// ---- update ------------------------------------------------------------------------------------

async function update(h: Host, _id: string, olds: Props, news: Props) {
  const args = parseArgs(news);
  const t = target(args);
  const op = step(h, "updating", news, args.timeouts);
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
    await applyAttributes(op, t, ids, live, args);
    await applyInPlace(op, t, ids, args, olds.password);
    const final = await api.describeInstances(op, t, ids);
    return { outs: outputs(news, regionArg(args), ids, final, mark) };
  } catch (e) {
    throw await recordFailure(op, e, ids, (i) => recorded(op, t, news, regionArg(args), i, mark));
  }
}

// ---- delete ------------------------------------------------------------------------------------

async function remove(h: Host, id: string, props: Props) {
  const args = storedArgsOf(props);
  const t = target(args);
  const op = step(h, "deleting", props, args.timeouts);
  const ids = idsOf(id, props);
  // Strays of the set go too: nothing bought under this resource's marks outlives it. Their
  // request mark needs the arguments: without them, only the recorded instances go.
  const full = validArgs(EcmInstanceArgsSchema, props, OUTPUT_KEYS);
  const mark = full ? markOfProps(props, full) : undefined;
  const all = [...ids, ...(mark ? await strays(op, t, mark, ids) : [])];
  if (all.length === 0) return;
  await terminate(op, t, all);
  await waitGone(op, t, all);
}

// ---- converge ----------------------------------------------------------------------------------

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
  const keep = ids.filter((i) => ["pending", "running", "stopped"].includes(phaseOf(found.get(i))));
  if (keep.some((i) => phaseOf(found.get(i)) === "pending")) {
    await finish(op, inputs, regionArg(args), keep, mark, await waitSettled(op, t, keep));
  }
  const present = await api.describeInstances(op, t, keep);
  const { ids: all } = await fit(
    op,
    t,
    args,
    mark,
    ownerMark(inputs.__identity),
    ordered(keep, present).flatMap((i) => (present.has(i) ? [present.get(i)!] : [])),
    async (excess) => {
      op.rt.log(
        `${op.what}: terminating ${excess.length} instance(s) beyond the set asked for: ${excess.join(", ")}`,
      );
      await terminate(op, t, excess);
    },
  );
  if (all.some((i) => !keep.includes(i)))
    await finish(op, inputs, regionArg(args), all, mark, await waitSettled(op, t, all));
  return all;
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

const parseArgs = (props: Props): EcmArgs => parseProps(EcmInstanceArgsSchema, props, OUTPUT_KEYS, KIND);
/** For refresh and destroy: what the state holds. */
const storedArgsOf = (props: Props): Partial<EcmArgs> =>
  storedArgs(EcmInstanceArgsSchema, props, OUTPUT_KEYS);

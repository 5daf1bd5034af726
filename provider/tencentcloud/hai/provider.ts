/**
 * HaiInstance: the dynamic ResourceProvider for HAI RunInstances (2023-08-12).
 * check → diff → create → read → update → delete, then the converge step of an update.
 */
import { adoptIdsOf, adoptionFailures, adoptionPreflight } from "../../core/adopt";
import { checkArgs, regionFailures } from "../../core/check";
import { REGION_HELP, tencentRegion } from "../../core/config";
import { Operation, Runtime, defaultRuntime } from "../../core/context";
import { dropUndefined } from "../../core/drop-undefined";
import { errorMessage } from "../../core/errors";
import type { LaunchState } from "../../core/outputs";
import { initFailure, recordFailure } from "../../core/partial";
import { wantsPreflight } from "../../core/preflight";
import { Props, idsOf, parseProps, storedArgs, tokenOf } from "../../core/props";
import { Host, dynamicProvider, step } from "../../core/provider";
import { TencentTarget, regionOf, tencentTarget } from "../client";
import { dryRun } from "../dry-run";
import { createAdopted, haiAdoption } from "./adopt";
import * as api from "./api";
import { diffHai } from "./diff";
import { shrinkFailures } from "./disk";
import { finish, launch } from "./launch";
import { OUTPUT_KEYS, outputs, recorded } from "./outputs";
import { applyInPlace, setRunning } from "./power";
import { DOC, HaiArgs, HaiInstanceArgsSchema } from "./schema";
import { phaseOf } from "./status";
import { terminate } from "./terminate";
import { waitGone, waitSettled } from "./wait";

export { diffHai } from "./diff";
export { deriveToken } from "./launch";
export { OUTPUT_KEYS } from "./outputs";
export type { HaiOutputs, InstanceOutput } from "./outputs";

const KIND = "HaiInstance";

export function makeHaiProvider(rt: Runtime = defaultRuntime) {
  return dynamicProvider({ rt, kind: KIND }, { check, diff, create, read, update, delete: remove });
}

export const provider = makeHaiProvider();

/** HAI requires a region (a common parameter, no default). */
const region = (kind: string, arg: string | undefined) => regionOf(kind, arg, "HAI");

// ---- check -------------------------------------------------------------------------------------

async function check(h: Host, olds: Props, news: Props) {
  const { args, failures } = checkArgs(HaiInstanceArgsSchema, news, h.kind, OUTPUT_KEYS, { doc: DOC });
  failures.push(
    ...regionFailures(
      news,
      "region",
      tencentRegion,
      `is required by HAI (${DOC}: Region, a common parameter): ${REGION_HELP}`,
    ),
  );
  failures.push(...shrinkFailures(olds ?? {}, news));
  failures.push(
    ...adoptionFailures(olds ?? {}, news, { argument: "instanceCount", default: 1 }, () =>
      diffHai(olds ?? {}, news),
    ),
  );
  if (wantsPreflight(args, failures, olds)) {
    const target = () => tencentTarget(region(h.kind, args.region));
    failures.push(
      ...(adoptIdsOf(news).length
        ? await adoptionPreflight(h, news, () => haiAdoption(target(), args, news))
        : await dryRun(
            h,
            news,
            target,
            (op, t) => api.dryRun(op, t, api.runInstancesRequest(args, "preflight")),
            propertyOf,
          )),
    );
  }
  return { inputs: news, failures };
}

// ---- diff --------------------------------------------------------------------------------------

function diff(_h: Host, _id: string, olds: Props, news: Props) {
  return diffHai(olds, news);
}

// ---- create ------------------------------------------------------------------------------------

async function create(h: Host, inputs: Props) {
  const args = parseArgs(inputs);
  const where = region(h.kind, args.region);
  const t = tencentTarget(where);
  const op = step(h, "creating", inputs, args.timeouts);
  if (adoptIdsOf(inputs).length) return createAdopted(op, t, args, inputs, where);
  const launched = await launch(op, t, args, inputs, args.instanceCount, "");
  const outs = await finish(op, inputs, where, launched);
  if (args.running) return { id: launched.ids.join(","), outs };
  try {
    await setRunning(op, t, launched.ids, false);
    const found = await api.describeInstances(op, t, launched.ids);
    return { id: launched.ids.join(","), outs: outputs(inputs, where, launched.ids, found, launched) };
  } catch (e) {
    // Recorded as running: the next update stops them.
    const properties = { ...inputs, ...outs, running: true };
    throw initFailure(op.what, [errorMessage(e)], { ids: launched.ids, properties }, e);
  }
}

// ---- read --------------------------------------------------------------------------------------

async function read(h: Host, id: string, props: Props) {
  const args = storedArgsOf(props);
  const t = tencentTarget(String(props.region ?? region(h.kind, args.region)));
  const op = step(h, "reading", props, args.timeouts);
  const ids = idsOf(id, props);
  const found = await api.describeInstances(op, t, ids);
  const alive = ids.filter((i) => phaseOf(found.get(i)) !== "gone");
  if (alive.length === 0) return { id: "", props: {} };
  const outs: Props = outputs(props, region(h.kind, args.region), alive, found, tokenOf(props));
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
  return { id: alive.join(","), props: dropUndefined(outs) };
}

// ---- update ------------------------------------------------------------------------------------

async function update(h: Host, _id: string, olds: Props, news: Props) {
  const args = parseArgs(news);
  const where = region(h.kind, args.region);
  const t = tencentTarget(String(olds.region ?? where));
  const op = step(h, "updating", news, args.timeouts);
  let ids = idsOf("", olds);
  const launchState = tokenOf(olds);
  try {
    // Converge first: instances that failed to launch are replaced, pending ones waited for.
    ids = await converge(op, t, ids, news, where, launchState);
    ids = await replenish(op, t, ids, args, news, where, launchState);
    // Refused before anything changes: prepaid instances can be neither stopped nor started.
    await applyInPlace(op, t, ids, args);
    const final = await api.describeInstances(op, t, ids);
    return { outs: outputs(news, where, ids, final, launchState) };
  } catch (e) {
    // Instances exist: recorded as they are now, so that none is orphaned (as every resource does).
    throw await recordFailure(op, e, ids, (i) => recorded(op, t, news, where, i, launchState));
  }
}

// ---- delete ------------------------------------------------------------------------------------

async function remove(h: Host, id: string, props: Props) {
  const args = storedArgsOf(props);
  const t = tencentTarget(String(props.region ?? region(h.kind, args.region)));
  const op = step(h, "deleting", props, args.timeouts);
  const ids = idsOf(id, props);
  if (ids.length === 0) return;
  await terminate(op, t, ids);
  await waitGone(op, t, ids);
}

// ---- converge ----------------------------------------------------------------------------------

/** Waits for pending instances, then drops gone ones and terminates LAUNCH_FAILED ones. */
async function converge(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  inputs: Props,
  where: string,
  launchState: LaunchState,
): Promise<string[]> {
  if (ids.length === 0) return ids;
  let states: Map<string, api.HaiInstanceModel | undefined> = await api.describeInstances(op, t, ids);
  const present = ids.filter((i) => phaseOf(states.get(i)) !== "gone");
  if (present.some((i) => phaseOf(states.get(i)) === "pending")) {
    const settled = await waitSettled(op, t, present);
    if (settled.failure) await finish(op, inputs, where, { ids: present, ...launchState, ...settled });
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
  where: string,
  launchState: LaunchState,
): Promise<string[]> {
  const missing = args.instanceCount - ids.length;
  if (missing <= 0) return ids;
  const salt = `replenish:${[...ids].sort().join(",")}`;
  op.rt.log(`${op.what}: launching ${missing} instance(s) to make ${args.instanceCount}`);
  const extra = await launch(op, t, args, inputs, missing, salt);
  const all = [...ids, ...extra.ids];
  const found = await api.describeInstances(op, t, ids);
  for (const i of ids) extra.last.set(i, found.get(i));
  await finish(op, inputs, where, { ...extra, ...launchState }, all);
  return all;
}

// ---- what check knows ----------------------------------------------------------------------------

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

const parseArgs = (props: Props): HaiArgs => parseProps(HaiInstanceArgsSchema, props, OUTPUT_KEYS, KIND);
/** For refresh and destroy: what the state holds. */
const storedArgsOf = (props: Props): Partial<HaiArgs> =>
  storedArgs(HaiInstanceArgsSchema, props, OUTPUT_KEYS);

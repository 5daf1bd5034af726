/**
 * CvmInstance: the dynamic ResourceProvider for CVM RunInstances (2017-03-12).
 * check → diff → create → read → update → delete, then the converge step of an update.
 */
import { adoptIdsOf, adoptionFailures, adoptionPreflight, ownerMark, withoutMarks } from "../../core/adopt";
import { CheckFailure, checkArgs, regionFailures } from "../../core/check";
import { REGION_HELP, tencentRegion } from "../../core/config";
import { Operation, Runtime, defaultRuntime } from "../../core/context";
import { sameValue } from "../../core/diff";
import { dropUndefined } from "../../core/drop-undefined";
import { LaunchState } from "../../core/outputs";
import { recordFailure } from "../../core/partial";
import { wantsPreflight } from "../../core/preflight";
import { Props, idsOf, parseProps, storedArgs, tokenOf } from "../../core/props";
import { Host, dynamicProvider, step } from "../../core/provider";
import { isUnknown } from "../../core/unknown";
import { TencentTarget, regionOf, tencentTarget } from "../client";
import { dryRun } from "../dry-run";
import { regionOfZone } from "../zones";
import * as api from "./api";
import { adoptInstances, adoption } from "./adopt";
import { applyChanges, applyPower } from "./changes";
import { refusedChanges } from "./refused";
import { diffCvm } from "./diff";
import { finish, launch } from "./launch";
import { numberedNames } from "./names";
import { OUTPUT_KEYS, outputs, recorded } from "./outputs";
import { CvmArgs, CvmInstanceArgsSchema, DOC } from "./schema";
import { createdOf, phaseOf } from "./status";
import { tagMap, tagMapOf, tagSpecificationOf } from "./tags";
import { emptyRecycleBin, terminate } from "./terminate";
import { waitGone, waitSettled } from "./wait";

export { diffCvm } from "./diff";
export { deriveToken } from "./launch";
export { OUTPUT_KEYS } from "./outputs";
export type { CvmOutputs, InstanceOutput } from "./outputs";
export { nameAt, numberIn, numberedNames } from "./names";

const KIND = "CvmInstance";

/** `kind` names the resource in progress lines and errors (CvmHourlyInstance builds on this provider). */
export function makeCvmProvider(rt: Runtime = defaultRuntime, opts: { kind?: string } = {}) {
  return dynamicProvider(
    { rt, kind: opts.kind ?? KIND },
    { check, diff, create, read, update, delete: remove },
  );
}

export const provider = makeCvmProvider();

// ---- check -------------------------------------------------------------------------------------

async function check(h: Host, olds: Props, news: Props) {
  const { args, failures } = checkArgs(CvmInstanceArgsSchema, news, h.kind, OUTPUT_KEYS, { doc: DOC });
  failures.push(
    ...regionFailures(
      news,
      "region",
      tencentRegion,
      `is required (${DOC}: Region, a common parameter): ${REGION_HELP}`,
    ),
  );
  failures.push(
    ...zoneFailures(news, isUnknown(news.region) ? undefined : tencentRegion(news.region as string)),
  );
  if (failures.length === 0) failures.push(...refusedChanges(olds, news));
  failures.push(
    ...adoptionFailures(olds, news, { argument: "instanceCount", default: 1 }, () => diffCvm(olds, news)),
  );
  if (wantsPreflight(args, failures, olds) && adoptIdsOf(news).length) {
    const t = tencentTarget(regionOf(h.kind, args.region));
    failures.push(...(await adoptionPreflight(h, news, () => adoption(t, news, args))));
  } else if (wantsPreflight(args, failures, olds)) {
    failures.push(
      ...(await dryRun(
        h,
        news,
        () => tencentTarget(regionOf(h.kind, args.region)),
        (op, t) => api.dryRun(op, t, api.runInstancesRequest(args, "preflight")),
        propertyOf,
      )),
    );
  }
  return { inputs: news, failures };
}

// ---- diff --------------------------------------------------------------------------------------

function diff(_h: Host, _id: string, olds: Props, news: Props) {
  return diffCvm(olds, news);
}

// ---- create ------------------------------------------------------------------------------------

async function create(h: Host, inputs: Props) {
  const args = parseArgs(inputs);
  const region = regionOf(h.kind, args.region);
  const op = step(h, "creating", inputs, args.timeouts);
  const t = tencentTarget(region);
  if (adoptIdsOf(inputs).length) return adoptInstances(op, t, inputs, args);
  const launched = await launch(op, t, args, inputs, args.instanceCount, "");
  const outs = await finish(op, inputs, region, launched);
  if (args.running !== false) return { id: launched.ids.join(","), outs };
  // running: false: stopped once up.
  try {
    await applyPower(op, t, launched.ids, args);
  } catch (e) {
    throw await recordFailure(op, e, launched.ids, (i) => recorded(op, t, inputs, region, i, launched));
  }
  const found = await api.describeInstances(op, t, launched.ids);
  return { id: launched.ids.join(","), outs: outputs(inputs, region, launched.ids, found, launched) };
}

// ---- read --------------------------------------------------------------------------------------

async function read(h: Host, id: string, props: Props) {
  const args = storedArgsOf(props);
  const t = tencentTarget(String(props.region ?? regionOf(h.kind, args.region)));
  const op = step(h, "reading", props, args.timeouts);
  const ids = idsOf(id, props);
  const found = await api.describeInstances(op, t, ids);
  const alive = ids.filter((i) => phaseOf(found.get(i)) !== "gone");
  if (alive.length === 0) return { id: "", props: {} };
  const outs: Props = outputs(props, regionOf(h.kind, args.region), alive, found, tokenOf(props));
  // Drift of in-place arguments shows in the next diff and is put right by the next update.
  const live = alive.map((i) => found.get(i)!);
  const liveNames = live.map((i) => i.InstanceName ?? "");
  const name = args.instanceName;
  if (
    name !== undefined &&
    !sameValue(liveNames, numberedNames(liveNames, [name], name, args.instanceCount ?? live.length))
  )
    outs.instanceName = live[0].InstanceName;
  const groups = live[0].SecurityGroupIds ?? [];
  // The order is the priority.
  if (args.securityGroupIds && !sameValue(groups, args.securityGroupIds)) outs.securityGroupIds = groups;
  const liveTags = withoutMarks(tagMap(live[0].Tags));
  if (!sameValue(liveTags, tagMapOf(args.tagSpecification)))
    outs.tagSpecification = tagSpecificationOf(liveTags);
  return { id: alive.join(","), props: dropUndefined(outs) };
}

// ---- update ------------------------------------------------------------------------------------

async function update(h: Host, _id: string, olds: Props, news: Props) {
  const args = parseArgs(news);
  const old = parseArgs(olds);
  const region = regionOf(h.kind, args.region);
  const t = tencentTarget(String(olds.region ?? region));
  const op = step(h, "updating", news, args.timeouts);
  let ids = idsOf("", olds);
  const launchState = tokenOf(olds);
  try {
    // Converge first: instances that failed to launch are replaced, pending ones waited for.
    ids = await converge(op, t, ids, news, region, launchState);
    ids = await scale(op, t, ids, args, news, region, launchState);
    const live = await api.describeInstances(op, t, ids);
    await applyChanges(op, t, ids, live, old, args, ownerMark(news.__identity));
    const final = await api.describeInstances(op, t, ids);
    return { outs: outputs(news, region, ids, final, launchState) };
  } catch (e) {
    throw await recordFailure(op, e, ids, (i) => recorded(op, t, news, region, i, launchState));
  }
}

// ---- delete ------------------------------------------------------------------------------------

async function remove(h: Host, id: string, props: Props) {
  const args = storedArgsOf(props);
  const t = tencentTarget(String(props.region ?? regionOf(h.kind, args.region)));
  const op = step(h, "deleting", props, args.timeouts);
  const ids = idsOf(id, props);
  if (ids.length === 0) return;
  await terminate(op, t, ids);
  await emptyRecycleBin(op, t, await waitGone(op, t, ids), args.releasePrepaid === true);
}

// ---- converge ----------------------------------------------------------------------------------

/** Drops gone instances and failed launches (the cloud clears them), and waits for pending ones. */
async function converge(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  inputs: Props,
  region: string,
  launchState: LaunchState,
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
    await finish(op, inputs, region, { ids: keep, ...launchState, ...(await waitSettled(op, t, keep)) });
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
  region: string,
  launchState: LaunchState,
): Promise<string[]> {
  const want = args.instanceCount;
  if (ids.length < want) {
    const salt = `scale:${[...ids].sort().join(",")}`;
    op.rt.log(`${op.what}: launching ${want - ids.length} more instance(s)`);
    const extra = await launch(op, t, args, inputs, want - ids.length, salt);
    const all = [...ids, ...extra.ids];
    const found = await api.describeInstances(op, t, ids);
    for (const i of ids) extra.last.set(i, found.get(i));
    await finish(op, inputs, region, { ...extra, ...launchState }, all);
    return all;
  }
  if (ids.length > want) {
    const found = await api.describeInstances(op, t, ids);
    // Newest first: by creation time, then by launch order.
    const newestFirst = [...ids].sort(
      (a, b) =>
        createdOf(found.get(b)).localeCompare(createdOf(found.get(a))) || ids.indexOf(b) - ids.indexOf(a),
    );
    const victims = newestFirst.slice(0, ids.length - want);
    op.rt.log(`${op.what}: terminating the ${victims.length} newest instance(s): ${victims.join(", ")}`);
    await terminate(op, t, victims);
    await waitGone(op, t, victims);
    return ids.filter((i) => !victims.includes(i));
  }
  return ids;
}

// ---- what check knows ----------------------------------------------------------------------------

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

const parseArgs = (props: Props): CvmArgs => parseProps(CvmInstanceArgsSchema, props, OUTPUT_KEYS, KIND);
/** For refresh and destroy: what the state holds. */
const storedArgsOf = (props: Props): Partial<CvmArgs> =>
  storedArgs(CvmInstanceArgsSchema, props, OUTPUT_KEYS);

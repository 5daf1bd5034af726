/**
 * EcmInstance adoption (`adoptInstanceIds`, core/adopt.ts): the first create takes ECM instances
 * bought outside Pulumi instead of buying new ones.
 *
 * 1. Describe the ids (DescribeInstances by instance-id). ECM lists an account's instances of
 *    every region: one outside the regions of the resource's zones counts as missing.
 * 2. Refuse, with no mutating call: a missing id; an instance LAUNCH_FAILED, SHUTDOWN or
 *    TERMINATING; a count other than the sum of zoneInstanceCountISPSet; another resource's owner
 *    mark (or another EcmInstance's `pulumi:resource` mark); an argument that cannot change in
 *    place and that the instance shows otherwise: its zone and ISP, module, model, disks and user
 *    tags; and imageId, whose in-place change is a reinstall that wipes the system disk.
 * 3. Wait for pending instances, put the owner mark on each (Tag API ModifyResourceTags: ECM has
 *    no tag action), then make the in-place changes as update does, from what the instances show:
 *    names and security groups, bandwidths, the password (ResetInstancesPassword; a describe does
 *    not show it), `running`.
 * 4. Record them like created instances (the set's marks at generation 0).
 *
 * What a describe does not show and no action changes is taken as given: hostName, userData,
 * keyIds, keepImageLogin, enhancedService, instanceChargeType and the module's tags.
 */
import {
  Adoption,
  OWNER_TAG,
  adopt,
  adoptIdsOf,
  adoptionFailures,
  adoptionPreflight,
  ownerMark,
} from "../../core/adopt";
import type { CheckFailure } from "../../core/check";
import { isNew } from "../../core/check";
import type { Operation } from "../../core/context";
import { recordFailure } from "../../core/partial";
import { wantsPreflight } from "../../core/preflight";
import type { Props } from "../../core/props";
import type { Host } from "../../core/provider";
import type { TencentTarget } from "../client";
import { regionOfZone } from "../zones";
import * as api from "./api";
import { applyAttributes } from "./attributes";
import { ARGUMENT_CLASSES } from "./classes";
import { diffEcm } from "./diff";
import { applyInPlace, resetPasswordFailures } from "./inplace";
import { finish } from "./launch";
import { MARK_TAGS, markOf } from "./marks";
import { EcmOutputs, recorded } from "./outputs";
import type { EcmArgs } from "./schema";
import { phaseOf, zoneOf } from "./status";
import { instanceTags, userTags } from "./tags";
import { waitSettled } from "./wait";

type Model = api.EcmInstanceModel;

/** The number of instances the arguments ask for: the sum over zoneInstanceCountISPSet (undefined while unknown). */
function countOf(news: Props): number | undefined {
  const set = news.zoneInstanceCountISPSet;
  if (!Array.isArray(set)) return undefined;
  const counts = set.map((s) => (s as { instanceCount?: unknown } | null)?.instanceCount);
  return counts.every((n) => typeof n === "number")
    ? (counts as number[]).reduce((a, b) => a + b, 0)
    : undefined;
}

const tagOf = (m: Model, key: string) => m.TagSet?.find((t) => t.Key === key)?.Value;
const regionOfInstance = (m: Model) => m.Position?.RegionInfo?.Region ?? regionOfZone(zoneOf(m));
const place = (zone: string, isp: string, vpc?: string, subnet?: string) =>
  [zone, isp, vpc && `${vpc}/${subnet ?? ""}`].filter(Boolean).join(" ");

/**
 * The instances the entries of zoneInstanceCountISPSet leave no place for: each takes a place of
 * an entry of its zone and ISP (and of its VPC and subnet, where the entry names them), in order.
 */
function misplacedOf(args: EcmArgs, insts: Model[]): string[] {
  const left = args.zoneInstanceCountISPSet.map((s) => s.instanceCount);
  return insts.flatMap((m) => {
    const vpc = m.VirtualPrivateCloud;
    const at = args.zoneInstanceCountISPSet.findIndex(
      (s, i) =>
        left[i] > 0 &&
        s.zone === zoneOf(m) &&
        s.isp === m.ISP &&
        (s.vpcId === undefined || (s.vpcId === vpc?.VpcId && s.subnetId === vpc?.SubnetId)),
    );
    if (at < 0) return [m.InstanceId!];
    left[at]--;
    return [];
  });
}

/** What the adoption of `inputs.adoptInstanceIds` knows of ECM (core/adopt.ts Adoption). */
export function ecmAdoption(t: TencentTarget, inputs: Props, args: EcmArgs): Adoption<Model> {
  const regions = [...new Set(args.zoneInstanceCountISPSet.map((s) => regionOfZone(s.zone)))];
  const resource = markOf(inputs, args, 0).resource;
  const owner = ownerMark(inputs.__identity);
  // The instances the zones, ISPs and counts of zoneInstanceCountISPSet leave no place for.
  let misplaced = new Set<string>();
  const gone = (m: Model) => (["gone", "failed"].includes(phaseOf(m)) ? m.InstanceState : undefined);
  return {
    ids: adoptIdsOf(inputs),
    count: { argument: "zoneInstanceCountISPSet", value: countOf(inputs) ?? 0 },
    region: regions.join(", "),
    owner,
    classes: ARGUMENT_CLASSES,
    async describe(op, ids) {
      const found = await api.describeInstances(op, t, ids);
      const here = new Map([...found].filter(([, m]) => regions.includes(regionOfInstance(m))));
      const usable = ids.flatMap((i) => {
        const m = here.get(i);
        return m && gone(m) === undefined ? [m] : [];
      });
      misplaced = new Set(misplacedOf(args, usable));
      return here;
    },
    gone,
    ownerOf(m) {
      const mark = tagOf(m, OWNER_TAG);
      if (mark !== undefined) return mark;
      // Bought by an EcmInstance before owner marks: its resource mark names it.
      const other = tagOf(m, MARK_TAGS.resource);
      if (other === undefined) return undefined;
      return other === resource ? owner : `(none; ${MARK_TAGS.resource} is ${other})`;
    },
    fixed: (m) => [
      ...(misplaced.has(m.InstanceId!)
        ? [
            {
              path: "zoneInstanceCountISPSet",
              given: args.zoneInstanceCountISPSet
                .map((s) => `${place(s.zone, s.isp, s.vpcId, s.subnetId)} x${s.instanceCount}`)
                .join(", "),
              live: place(
                zoneOf(m),
                m.ISP ?? "",
                m.VirtualPrivateCloud?.VpcId,
                m.VirtualPrivateCloud?.SubnetId,
              ),
            },
          ]
        : []),
      { path: "moduleId", given: args.moduleId, live: m.SimpleModule?.ModuleId },
      { path: "instanceType", given: args.instanceType, live: m.InstanceTypeConfig?.InstanceType },
      {
        path: "imageId",
        given: args.imageId,
        live: m.Image?.ImageId,
        why: "in place it is ResetInstances, a reinstall that wipes the system disk: an adoption never makes it",
      },
      // 0 or left out: the module's default, whatever the instance has.
      { path: "systemDiskSize", given: args.systemDiskSize || undefined, live: m.SystemDiskSize },
      { path: "dataDiskSize", given: args.dataDiskSize || undefined, live: m.DataDiskSize },
      {
        path: "systemDisk",
        given: args.systemDisk,
        live: args.systemDisk && {
          ...(args.systemDisk.diskType !== undefined ? { diskType: m.SystemDisk?.DiskType } : {}),
          ...(args.systemDisk.diskSize !== undefined ? { diskSize: m.SystemDisk?.DiskSize } : {}),
        },
      },
      {
        path: "dataDisks",
        // SDK DataDisk.DiskType: LOCAL_BASIC by default.
        given: args.dataDisks?.map((d) => ({ diskSize: d.diskSize, diskType: d.diskType ?? "LOCAL_BASIC" })),
        live: m.DataDisks?.map((d) => ({ diskSize: d.DiskSize, diskType: d.DiskType })),
      },
      { path: "tagSpecification", given: instanceTags(args.tagSpecification), live: userTags(m.TagSet) },
    ],
  };
}

/**
 * check: the count and the replacement refusals (core/adopt.ts), a password ResetInstancesPassword
 * cannot set, and with `runinstances:preflight` the refusals the describe finds, at preview.
 */
export async function adoptionCheck(
  h: Host,
  olds: Props,
  news: Props,
  args: EcmArgs | undefined,
  failures: CheckFailure[],
  t: () => TencentTarget,
): Promise<CheckFailure[]> {
  if (adoptIdsOf(news).length === 0) return [];
  const found = adoptionFailures(
    olds,
    news,
    { argument: "zoneInstanceCountISPSet", default: 0, of: countOf },
    () => diffEcm(olds, news),
  );
  if (isNew(olds)) found.push(...resetPasswordFailures(news.password, "the password of adopted instances"));
  if (!wantsPreflight(args, [...failures, ...found], olds)) return found;
  return adoptionPreflight(h, news, () => ecmAdoption(t(), news, args));
}

/**
 * create with `adoptInstanceIds`: the refusals, then the owner mark and the in-place changes on
 * the live instances, recorded like created ones. A failure after the first change records the
 * instances (without the password, so that the next update sets it).
 */
export async function adoptInstances(
  op: Operation,
  t: TencentTarget,
  inputs: Props,
  args: EcmArgs,
  region: string | undefined,
): Promise<{ id: string; outs: EcmOutputs }> {
  const a = ecmAdoption(t, inputs, args);
  await adopt(op, a);
  const ids = [...a.ids];
  const mark = markOf(inputs, args, 0);
  const settled = await waitSettled(op, t, ids);
  try {
    for (const id of ids) {
      const m = settled.last.get(id);
      if (m && tagOf(m, OWNER_TAG) !== a.owner) {
        op.rt.log(`${op.what}: ModifyResourceTags ${OWNER_TAG} on ${id}`);
        await api.tagInstance(op, t, regionOfInstance(m), id, { [OWNER_TAG]: a.owner });
      }
    }
    await applyAttributes(op, t, ids, await api.describeInstances(op, t, ids), args);
    // The old password is unknown: a given one is set (ResetInstancesPassword).
    await applyInPlace(op, t, ids, args, undefined);
    const outs = await finish(op, inputs, region, ids, mark, await waitSettled(op, t, ids));
    return { id: ids.join(","), outs };
  } catch (e) {
    const { password: _unset, ...given } = inputs;
    throw await recordFailure(op, e, ids, (i) => recorded(op, t, given, region, i, mark));
  }
}

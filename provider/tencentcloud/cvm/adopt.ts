/**
 * Adopting CVM instances (core/adopt.ts): DescribeInstances in the region; the refusals (an
 * argument that cannot change in place, or whose change would wipe the system disk, differing
 * from the instance; a disk that would shrink); then update's own in-place actions (changes.ts),
 * the owner mark among the tags, and the outputs of a created resource.
 */
import { Adoption, OWNER_TAG, adopt, adoptIdsOf, ownerMark } from "../../core/adopt";
import type { Operation } from "../../core/context";
import type { LaunchState } from "../../core/outputs";
import { recordFailure } from "../../core/partial";
import type { Props } from "../../core/props";
import type { TencentTarget } from "../client";
import * as api from "./api";
import { applyChanges } from "./changes";
import { ARGUMENT_CLASSES } from "./classes";
import { outputs, recorded } from "./outputs";
import { refusedChanges } from "./refused";
import type { CvmArgs } from "./schema";
import { phaseOf } from "./status";
import { tagMap } from "./tags";
import { waitSettled } from "./wait";

/** Adopted instances were bought by no ClientToken of ours: scale-out derives its own. */
const ADOPTED: LaunchState = { token: "", generation: 0 };

export function adoption(t: TencentTarget, inputs: Props, args: CvmArgs): Adoption<api.CvmInstanceModel> {
  return {
    ids: adoptIdsOf(inputs),
    count: { argument: "instanceCount", value: args.instanceCount },
    region: t.region,
    owner: ownerMark(inputs.__identity),
    describe: (op, ids) => api.describeInstances(op, t, ids),
    gone: (m) => (["gone", "failed"].includes(phaseOf(m)) ? m.InstanceState : undefined),
    ownerOf: (m) => tagMap(m.Tags)[OWNER_TAG],
    fixed: (m) => [
      { path: "placement.zone", given: args.placement.zone, live: m.Placement?.Zone },
      {
        path: "imageId",
        given: args.imageId,
        live: m.ImageId,
        why: "adoption never reinstalls (ResetInstance wipes the system disk): give the instance's image, and change imageId after",
      },
      { path: "instanceChargeType", given: args.instanceChargeType, live: m.InstanceChargeType },
      { path: "systemDisk.diskType", given: args.systemDisk?.diskType, live: m.SystemDisk?.DiskType },
      { path: "dataDisks", given: (args.dataDisks ?? []).length, live: (m.DataDisks ?? []).length },
      {
        path: "dataDisks[].diskType",
        given: args.dataDisks?.map((d) => d.diskType),
        live: m.DataDisks?.map((d) => d.DiskType),
      },
      {
        path: "virtualPrivateCloud",
        given: args.virtualPrivateCloud && {
          vpcId: args.virtualPrivateCloud.vpcId,
          subnetId: args.virtualPrivateCloud.subnetId,
        },
        live: { vpcId: m.VirtualPrivateCloud?.VpcId, subnetId: m.VirtualPrivateCloud?.SubnetId },
      },
      {
        path: "internetAccessible.internetChargeType",
        given: args.internetAccessible?.internetChargeType,
        live: m.InternetAccessible?.InternetChargeType,
      },
    ],
    refused: (m) => refusedChanges(liveProps(inputs, m), inputs),
    classes: ARGUMENT_CLASSES,
  };
}

/** The inputs with the sizes and type that the in-place actions start from as the instance has them. */
function liveProps(inputs: Props, m: api.CvmInstanceModel): Props {
  const args = inputs as Partial<CvmArgs>;
  return {
    ...inputs,
    instanceType: m.InstanceType,
    systemDisk: { ...args.systemDisk, diskSize: m.SystemDisk?.DiskSize },
    dataDisks: args.dataDisks?.map((d, i) => ({ ...d, diskSize: m.DataDisks?.[i]?.DiskSize })),
    internetAccessible: {
      ...args.internetAccessible,
      internetMaxBandwidthOut: m.InternetAccessible?.InternetMaxBandwidthOut,
    },
  };
}

/**
 * The create of a resource with `adoptInstanceIds`: no instance is bought. What a describe cannot
 * show (password, key pairs' absence, user data, host name, CAM role) is applied as given.
 */
export async function adoptInstances(
  op: Operation,
  t: TencentTarget,
  inputs: Props,
  args: CvmArgs,
): Promise<{ id: string; outs: Props }> {
  const a = adoption(t, inputs, args);
  const live = await adopt(op, a);
  const ids = [...a.ids];
  try {
    const pending = ids.filter((i) => phaseOf(live.get(i)) === "pending");
    if (pending.length) await waitSettled(op, t, pending);
    const now = await api.describeInstances(op, t, ids);
    const first = now.get(ids[0]);
    const asLive: CvmArgs = {
      ...args,
      imageId: first?.ImageId ?? args.imageId,
      instanceName: undefined,
      loginSettings: undefined,
      hostName: undefined,
      camRoleName: undefined,
      userData: undefined,
    };
    await applyChanges(op, t, ids, now, asLive, args, a.owner);
    const found = await api.describeInstances(op, t, ids);
    return { id: ids.join(","), outs: outputs(inputs, t.region, ids, found, ADOPTED) };
  } catch (e) {
    throw await recordFailure(op, e, ids, (i) => recorded(op, t, inputs, t.region, i, ADOPTED));
  }
}

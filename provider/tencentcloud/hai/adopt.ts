/**
 * HaiInstance adoption (`adoptInstanceIds`, core/adopt.ts): the first create takes HAI instances
 * bought outside Pulumi instead of calling RunInstances.
 *
 * What DescribeInstances shows (SDK Instance) is verified: the region (the instances are described
 * in it), the count, instanceName and systemDisk.diskType (no action changes them), and
 * systemDisk.diskSize (ResizeInstanceDisk only grows a disk: a smaller size is refused). What it
 * does not show is taken as given: applicationId and bundleType (the Instance model has only
 * ApplicationName and BundleName), and clientToken (a create's only). `running` and a larger
 * diskSize are then made in place like an update's.
 *
 * HAI has no tags: neither RunInstancesRequest nor Instance has Tags (SDK hai_models 2023-08-12),
 * and HAI takes no tag action, so the instances carry no owner mark and a second adoption of
 * the same ids is not detected.
 */
import { Adoption, adopt, adoptIdsOf, ownerMark } from "../../core/adopt";
import type { Operation } from "../../core/context";
import { recordFailure } from "../../core/partial";
import type { Props } from "../../core/props";
import type { TencentTarget } from "../client";
import * as api from "./api";
import { ARGUMENT_CLASSES } from "./classes";
import { outputs, recorded } from "./outputs";
import { applyInPlace, refusePrepaid, runningTargets } from "./power";
import type { HaiArgs } from "./schema";
import { phaseOf } from "./status";
import { waitFor } from "./wait";

/** No RunInstances: the adopted instances have no launch token. */
const ADOPTED = { token: "", generation: 0 };

/** What the adoption of `inputs`' adoptInstanceIds is told about HAI. */
export function haiAdoption(t: TencentTarget, args: HaiArgs, inputs: Props): Adoption<api.HaiInstanceModel> {
  return {
    ids: adoptIdsOf(inputs),
    count: { argument: "instanceCount", value: args.instanceCount },
    region: t.region,
    owner: ownerMark(inputs.__identity),
    describe: (op, ids) => api.describeInstances(op, t, ids),
    gone: (m) => (["gone", "failed", "arrears"].includes(phaseOf(m)) ? m.InstanceState : undefined),
    ownerOf: () => undefined,
    fixed: (m) => {
      const size = args.systemDisk?.diskSize;
      const liveSize = m.SystemDisk?.DiskSize;
      return [
        { path: "instanceName", given: args.instanceName, live: m.InstanceName },
        { path: "systemDisk.diskType", given: args.systemDisk?.diskType, live: m.SystemDisk?.DiskType },
        ...(size !== undefined && liveSize !== undefined && size < liveSize
          ? [
              {
                path: "systemDisk.diskSize",
                given: size,
                live: liveSize,
                why: "ResizeInstanceDisk only grows a disk (HAI ResizeInstanceDisk 2023-08-12)",
              },
            ]
          : []),
      ];
    },
    classes: ARGUMENT_CLASSES,
  };
}

/**
 * create with adoptInstanceIds: refused with no mutating call (core adopt), then the pending
 * instances waited for, `running` and the disk made in place, the instances recorded like
 * created ones. A failure once they are being changed records them (init failure).
 */
export async function createAdopted(
  op: Operation,
  t: TencentTarget,
  args: HaiArgs,
  inputs: Props,
  where: string,
): Promise<{ id: string; outs: Props }> {
  const a = haiAdoption(t, args, inputs);
  const ids = [...a.ids];
  let live = await adopt(op, a);
  const pending = ids.filter((i) => phaseOf(live.get(i)) === "pending");
  if (pending.length) {
    await waitFor(op, t, pending, "", "adopted instance(s) to settle", (m) => phaseOf(m) !== "pending");
    // Once more on the settled instances: one whose launch failed is refused too.
    live = await adopt(op, a);
  }
  // Refused before anything changes: prepaid instances can be neither stopped nor started.
  await refusePrepaid(op, t, runningTargets(ids, live, args.running), args.running);
  try {
    await applyInPlace(op, t, ids, args);
    const found = await api.describeInstances(op, t, ids);
    return { id: ids.join(","), outs: outputs(inputs, where, ids, found, ADOPTED) };
  } catch (e) {
    throw await recordFailure(op, e, ids, (i) => recorded(op, t, inputs, where, i, ADOPTED));
  }
}

/**
 * SwasInstance's adoption (`adoptInstanceIds`, core/adopt.ts): the first create takes servers
 * bought outside Pulumi instead of buying new ones. ListInstances shows, and the adoption holds
 * against the arguments: that each server is in the region and not Disabled, the owner mark (tag
 * pulumi:owner), imageId (another image means ResetSystem, a reinstall that clears the disk:
 * refused), planId (UpgradeInstance only moves to a larger plan: any other is refused),
 * dataDiskSize (the data disk of Disks) and chargeType. Then come the mark (TagResources), and the
 * in-place changes as an update makes them (attributes.ts): a larger plan, the names, the
 * password (UpdateInstanceAttribute, then a reboot), running. ListInstances does not show period,
 * autoRenew and autoRenewPeriod: they are taken as given, not verified.
 *
 * SWAS CreateInstances takes no tags: the servers a resource buys get the mark by TagResources
 * right after. SWAS cannot release a server, so a delete takes the mark off the servers it leaves.
 */
import type { CheckFailure } from "../../core/check";
import { isNew } from "../../core/check";
import type { Operation } from "../../core/context";
import {
  ADOPT_KEY,
  Adoption,
  OWNER_TAG,
  adopt,
  adoptIdsOf,
  adoptionFailures,
  adoptionRefusals,
  ownerMark,
} from "../../core/adopt";
import type { DiffResult } from "../../core/diff";
import { recordFailure } from "../../core/partial";
import type { Props } from "../../core/props";
import type { AlicloudTarget } from "../client";
import * as api from "./api";
import { bringUp } from "./attributes";
import { ARGUMENT_CLASSES } from "./classes";
import { diffSwas } from "./diff";
import { outputs, recorded } from "./outputs";
import { SwasHost, isDowngrade, isUpgrade, plansOf } from "./plans";
import { swasPreflight } from "./preflight";
import type { SwasArgs } from "./schema";
import { describe, settledStatuses } from "./wait";

/** SDK TagResourcesRequestTag Value: at most 64 characters. */
const MAX_TAG_VALUE = 64;

/** Adopted servers were not launched: no ClientToken, generation 0. */
const NOT_LAUNCHED = { token: "", generation: 0 };

/** Disabled, with the cloud's reasons (an expired subscription, a failed launch). */
const disabledReason = (s: api.SwasServerModel) => {
  const why = [s.businessStatus, s.disableReason].filter((x) => x && x !== "Normal");
  return `Disabled${why.length ? ` (${why.join(", ")})` : ""}`;
};

/** The owner mark of the resource with these inputs. */
const ownerOf = (inputs: Props) => ownerMark(inputs.__identity, MAX_TAG_VALUE);

/** The owner mark on a server as ListInstances shows it. */
const markOn = (s: api.SwasServerModel | undefined) => s?.tags?.find((x) => x.key === OWNER_TAG)?.value;

/** The servers of the resource with these inputs get its owner mark (TagResources). */
export function markOwned(op: Operation, t: AlicloudTarget, ids: string[], inputs: Props): Promise<void> {
  return ids.length ? api.tagResources(op, t, ids, { [OWNER_TAG]: ownerOf(inputs) }) : Promise.resolve();
}

/** At delete: the servers stay in the account (no release API); this resource's mark comes off them. */
export async function releaseMarks(
  op: Operation,
  t: AlicloudTarget,
  live: Map<string, api.SwasServerModel>,
  props: Props,
): Promise<void> {
  const held = [...live].filter(([, s]) => markOn(s) === ownerOf(props)).map(([i]) => i);
  if (held.length) await api.untagResources(op, t, held, [OWNER_TAG]);
}

/** What the adoption of these arguments needs of SWAS: ListInstances, and ListPlans for upgrades. */
async function adoptionOf(
  h: SwasHost,
  op: Operation,
  t: AlicloudTarget,
  args: SwasArgs,
  inputs: Props,
): Promise<Adoption<api.SwasServerModel>> {
  const plans = await plansOf(h, op, t);
  const plan = (id: string | undefined) => plans.find((p) => p.planId === id);
  const upgradable = (from: string | undefined) => {
    const a = plan(from);
    const b = plan(args.planId);
    return from === args.planId || (a !== undefined && b !== undefined && isUpgrade(a, b));
  };
  return {
    ids: adoptIdsOf(inputs),
    count: { argument: "amount", value: args.amount },
    region: t.regionId,
    owner: ownerOf(inputs),
    describe: (o, ids) => describe(o, t, ids),
    gone: (s) => (s.status === "Disabled" ? `${disabledReason(s)}: SWAS cannot start it` : undefined),
    ownerOf: markOn,
    fixed: (s) => [
      {
        path: "imageId",
        given: args.imageId,
        live: s.imageId,
        why: "another image means ResetSystem, a reinstall that clears the disk: adoption never does that",
      },
      ...(upgradable(s.planId)
        ? []
        : [
            {
              path: "planId",
              given: args.planId,
              live: s.planId,
              why: "UpgradeInstance only moves to a plan at least as large in every respect",
            },
          ]),
      {
        path: "dataDiskSize",
        given: args.dataDiskSize,
        live: s.disks && (s.disks.find((d) => d.diskType?.toLowerCase() === "data")?.size ?? 0),
      },
      { path: "chargeType", given: args.chargeType, live: s.chargeType },
    ],
    classes: ARGUMENT_CLASSES,
  };
}

/**
 * check: the number of ids against amount, and a replacement (allowReplacement) that would adopt
 * the servers it holds. A refused change is no replacement (refusals.ts reports it).
 */
export async function adoptionChecks(h: SwasHost, olds: Props, news: Props): Promise<CheckFailure[]> {
  if (adoptIdsOf(news).length === 0) return [];
  const downgrade = isNew(olds) ? false : await isDowngrade(h, olds, news);
  const diff = (): DiffResult => {
    try {
      return diffSwas(olds, news, downgrade);
    } catch {
      return { changes: true, replaces: [], updates: [], deleteBeforeReplace: false };
    }
  };
  return adoptionFailures(olds, news, { argument: "amount", default: 1 }, diff);
}

/** check with runinstances:preflight: the adoption's refusals, instead of the plan and image listing. */
export function adoptionPreflight(h: SwasHost, args: SwasArgs, news: Props): Promise<CheckFailure[]> {
  return swasPreflight(
    h,
    args,
    news,
    async (op, t) => (await adoptionRefusals(op, await adoptionOf(h, op, t, args, news))).refusals,
    () => ADOPT_KEY,
  );
}

/**
 * create with adoptInstanceIds: the refusals before any mutating call; then the mark, the wait
 * until no server is pending, and the in-place changes; the servers recorded like bought ones.
 */
export async function adoptServers(
  h: SwasHost,
  op: Operation,
  t: AlicloudTarget,
  args: SwasArgs,
  inputs: Props,
): Promise<{ id: string; outs: Props }> {
  const a = await adoptionOf(h, op, t, args, inputs);
  await adopt(op, a);
  const ids = [...a.ids];
  const placed = { regionId: t.regionId, amount: args.amount };
  try {
    await markOwned(op, t, ids, inputs);
    await settledStatuses(op, t, ids);
    const live = await bringUp(op, t, ids, args, args.password === undefined ? [] : ids);
    const found = live ?? (await describe(op, t, ids));
    return { id: ids.join(","), outs: outputs(inputs, placed, ids, found, NOT_LAUNCHED) };
  } catch (e) {
    throw await recordFailure(op, e, ids, (i) => recorded(op, t, inputs, placed, i, NOT_LAUNCHED));
  }
}

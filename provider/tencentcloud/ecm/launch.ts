/**
 * Buying an ECM instance set without a ClientToken: what is missing per zone and ISP is bought
 * with the set's marks (marks.ts), a RunInstances whose answer was lost is followed by a search
 * for the marked instances and repeated only for what is still missing, and two creates of the
 * resource at the same time both keep the oldest complete set (claim).
 */
import { OWNER_TAG } from "../../core/adopt";
import type { Operation } from "../../core/context";
import { dropUndefined } from "../../core/drop-undefined";
import { CloudError, TimeoutError, errorMessage } from "../../core/errors";
import { requireRunning } from "../../core/partial";
import type { Props } from "../../core/props";
import type { Settled } from "../../core/settle";
import type { TencentTarget } from "../client";
import * as api from "./api";
import { Mark, describeMark, inSet, markTags, marked } from "./marks";
import { EcmOutputs, outputs } from "./outputs";
import type { EcmArgs } from "./schema";
import { Phase, STATUS, phaseOf, privateIps, zoneOf } from "./status";
import { terminate } from "./terminate";

/** RunInstances calls per create whose answers may be lost before giving up. */
const MAX_PURCHASES = 3;
/** Searches for marked instances after a lost answer (they may take a moment to be listed). */
const RECHECK_ROUNDS = 4;

type States = Map<string, api.EcmInstanceModel | undefined>;

/** fit() failed: `have` are the instances of the set it holds (adopted, found again or bought). */
export class PartialSetError extends Error {
  constructor(
    message: string,
    readonly have: api.EcmInstanceModel[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "PartialSetError";
  }
}

/**
 * Brings `present` (instances of this set, oldest first) to what the arguments ask for: buys what
 * is missing per zone and ISP, with the set's marks and the resource's owner mark (`owner`, added
 * to the request after the marks are derived); what is in excess (a double purchase) is left out
 * of the set and handed to `drop`. A RunInstances whose answer is lost is followed by a search for
 * the marked instances, and repeated only for what is still missing. Returns every id of the set,
 * and the ids RunInstances answered with (bought by this call, for certain).
 */
export async function fit(
  op: Operation,
  t: TencentTarget,
  args: EcmArgs,
  mark: Mark,
  owner: string,
  present: api.EcmInstanceModel[],
  drop: (excess: string[]) => Promise<void>,
): Promise<{ ids: string[]; bought: string[] }> {
  let have = present;
  const fail = (message: string, cause?: unknown) => new PartialSetError(message, have, { cause });
  for (let purchase = 0; ; purchase++) {
    const { missing, excess } = allocateZones(args, have);
    if (excess.length) {
      const extra = excess.map((i) => i.InstanceId!);
      await drop(extra).catch((e: unknown) => {
        throw fail(`${op.what}: terminating instances beyond the set: ${errorMessage(e)}`, e);
      });
      have = have.filter((i) => !extra.includes(i.InstanceId!));
    }
    const kept = have.map((i) => i.InstanceId!);
    const count = missing.reduce((n, s) => n + s.instanceCount, 0);
    if (count === 0) return { ids: kept, bought: [] };
    if (purchase >= MAX_PURCHASES) {
      throw fail(
        `${op.what} (${describeMark(mark)}): RunInstances got no answer ${MAX_PURCHASES} times and ${count} instance(s) are still missing`,
      );
    }
    try {
      const req = api.runInstancesRequest(args, missing, { ...markTags(mark), [OWNER_TAG]: owner });
      const ids = await api.runInstances(op, t, req);
      op.rt.log(`${op.what}: RunInstances accepted ${ids.length} instance(s): ${ids.join(", ")}`);
      return { ids: [...kept, ...ids], bought: ids };
    } catch (e) {
      if (!answerLost(e)) {
        throw fail(`${op.what} (${describeMark(mark)}): ${errorMessage(e)}${hint(e)}`, e);
      }
      op.rt.log(
        `${op.what}: RunInstances got no answer (${errorMessage(e)}); looking for instances marked ${describeMark(mark)} before buying again`,
      );
      have = await recheck(op, t, args, mark, have).catch((err: unknown) => {
        throw fail(`${op.what}: looking for the instances of a lost answer: ${errorMessage(err)}`, err);
      });
    }
  }
}

/**
 * After a create's purchase, the set it records. Another create of the same resource may run at
 * the same time (the provider host of a killed `pulumi up` finishes its create while the next
 * `pulumi up` creates again), and both may have bought. Every create then keeps the same
 * instances: the oldest of the set (CreateTime, then id) that fill the request, its own or the
 * other's. It terminates only what it bought itself beyond them: instances another create keeps
 * are never touched, so a create that reports success never has its instances terminated by the
 * other. When no complete set exists (a launch failed), it keeps what it holds.
 */
export async function claim(
  op: Operation,
  t: TencentTarget,
  args: EcmArgs,
  mark: Mark,
  held: string[],
  bought: string[],
  known: States,
): Promise<{ ids: string[]; others: string[] }> {
  const usable = (i: api.EcmInstanceModel | undefined) =>
    i !== undefined && !["gone", "failed"].includes(phaseOf(i));
  const candidates = new Map<string, api.EcmInstanceModel>();
  for (const i of await marked(op, t, mark)) {
    if (inSet(i, mark) && usable(i)) candidates.set(i.InstanceId!, i);
  }
  // Our own, also while the tag search does not list them yet.
  for (const id of held) if (usable(known.get(id))) candidates.set(id, known.get(id)!);
  const oldestFirst = [...candidates.values()].sort(
    (a, b) =>
      (a.CreateTime ?? "").localeCompare(b.CreateTime ?? "") || a.InstanceId!.localeCompare(b.InstanceId!),
  );
  const { missing, excess } = allocateZones(args, oldestFirst);
  if (missing.length) return { ids: held, others: [] };
  const extra = new Set(excess.map((i) => i.InstanceId!));
  const keep = oldestFirst.filter((i) => !extra.has(i.InstanceId!)).map((i) => i.InstanceId!);
  const others = keep.filter((i) => !held.includes(i));
  if (others.length === 0 && keep.length === held.length) return { ids: held, others: [] };
  const ours = bought.filter((i) => !keep.includes(i));
  op.rt.log(
    `${op.what}: another create of this resource bought instances of the same set at the same time; ` +
      `keeping the oldest: ${keep.join(", ")}` +
      (ours.length ? `; terminating the ${ours.length} bought here: ${ours.join(", ")}` : ""),
  );
  if (ours.length) await terminate(op, t, ours);
  return { ids: keep, others };
}

/** After a lost answer: the instances of this set, searched a few times until none is missing. */
async function recheck(
  op: Operation,
  t: TencentTarget,
  args: EcmArgs,
  mark: Mark,
  have: api.EcmInstanceModel[],
): Promise<api.EcmInstanceModel[]> {
  let delay = op.rt.pollMinMs ?? 1000;
  let all = have;
  for (let round = 0; round < RECHECK_ROUNDS; round++) {
    const mine = (await marked(op, t, mark)).filter((i) => inSet(i, mark) && phaseOf(i) !== "gone");
    const known = new Set(mine.map((i) => i.InstanceId));
    all = [...have.filter((i) => !known.has(i.InstanceId)), ...mine];
    if (allocateZones(args, all).missing.length === 0) {
      op.rt.log(`${op.what}: found the ${mine.length} instance(s) of the lost answer: adopting them`);
      return all;
    }
    if (round + 1 < RECHECK_ROUNDS && op.rt.clock.now() + delay < op.deadline) {
      await op.rt.clock.sleep(delay);
      delay *= 2;
    }
  }
  return all;
}

/**
 * The outputs when every instance of the set is RUNNING; else a partial failure that records them,
 * saying which of them another create of this resource bought (`others`).
 */
export async function finish(
  op: Operation,
  inputs: Props,
  region: string | undefined,
  ids: string[],
  mark: Mark,
  s: Settled<api.EcmInstanceModel, Phase>,
  others: string[] = [],
): Promise<EcmOutputs> {
  const outs = outputs(inputs, region, ids, s.last, mark);
  const notes = others.length
    ? [
        `${others.join(", ")} were bought by another create of this resource running at the same time, which holds them`,
      ]
    : [];
  await requireRunning(op, s, ids, STATUS, () => ({ ids, properties: { ...inputs, ...outs } }), notes);
  return outs;
}

/** A RunInstances that may have been carried out although no answer came. */
function answerLost(e: unknown): boolean {
  return (e instanceof CloudError && e.code === "NetworkError") || e instanceof TimeoutError;
}

/** The rules check cannot apply (the image's platform is unknown there), named when the cloud refuses. */
function hint(e: unknown): string {
  if (!(e instanceof CloudError)) return "";
  if (/InvaildPassword|InvalidPassword/.test(e.code)) {
    return " (a Windows image needs 12-30 characters with letters, digits and special symbols: ECM RunInstances 2019-07-19: Password)";
  }
  if (/InvaildHostName|InvalidHostName/.test(e.code)) {
    return " (on Windows: 2-15 letters, digits and hyphens, no periods, not only digits: ECM RunInstances 2019-07-19: HostName)";
  }
  return "";
}

interface Group {
  entry: api.ZoneInstanceCountIsp;
  want: number;
  ips: string[];
  have: api.EcmInstanceModel[];
}

const entryKey = (s: { zone: string; isp: string; vpcId?: string; subnetId?: string }) =>
  [s.zone, s.isp, s.vpcId ?? "", s.subnetId ?? ""].join("|");

function instanceKey(inst: api.EcmInstanceModel): string {
  return entryKey({
    zone: zoneOf(inst),
    isp: inst.ISP ?? "",
    vpcId: inst.VirtualPrivateCloud?.VpcId,
    subnetId: inst.VirtualPrivateCloud?.SubnetId,
  });
}

/**
 * Allocates the instances of `have` (oldest first) to the entries of ZoneInstanceCountISPSet by
 * zone, ISP and network: what is missing per entry, as ZoneInstanceCountISP entries to buy, and
 * what is in excess (the newest beyond each entry's count).
 */
export function allocateZones(
  args: EcmArgs,
  have: api.EcmInstanceModel[],
): { missing: api.ZoneInstanceCountIsp[]; excess: api.EcmInstanceModel[] } {
  if (have.length === 0) return { missing: args.zoneInstanceCountISPSet, excess: [] };
  const groups = new Map<string, Group>();
  for (const s of args.zoneInstanceCountISPSet) {
    const g = groups.get(entryKey(s));
    if (g) {
      g.want += s.instanceCount;
      g.ips.push(...(s.privateIpAddresses ?? []));
    } else {
      groups.set(entryKey(s), {
        entry: s,
        want: s.instanceCount,
        ips: [...(s.privateIpAddresses ?? [])],
        have: [],
      });
    }
  }
  const left: api.EcmInstanceModel[] = [];
  for (const inst of have) {
    const g = groups.get(instanceKey(inst));
    if (g && g.have.length < g.want) g.have.push(inst);
    else left.push(inst);
  }
  // The cloud may spell an instance's network differently: fall back to the zone alone.
  const excess = left.filter((inst) => {
    const g = [...groups.values()].find((x) => x.entry.zone === zoneOf(inst) && x.have.length < x.want);
    if (g) g.have.push(inst);
    return !g;
  });
  const missing = [...groups.values()]
    .filter((g) => g.have.length < g.want)
    .map((g) => {
      const used = new Set(g.have.flatMap(privateIps));
      const ips = g.ips.filter((ip) => !used.has(ip));
      return dropUndefined({
        ...g.entry,
        instanceCount: g.want - g.have.length,
        privateIpAddresses: g.entry.privateIpAddresses ? ips.slice(0, g.want - g.have.length) : undefined,
      });
    });
  return { missing, excess };
}

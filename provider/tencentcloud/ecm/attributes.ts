/**
 * EcmInstance's in-place changes: names and security groups with ModifyInstancesAttribute, and the
 * names the cloud gives instances launched together.
 */
import type { Operation } from "../../core/context";
import { sameIdSet } from "../../core/diff";
import type { TencentTarget } from "../client";
import { regionOfZone } from "../zones";
import * as api from "./api";
import type { EcmArgs } from "./schema";
import { ordered, zoneOf } from "./status";

/** What ECM shows for an instance launched without a name (doc: InstanceName; 未命名 in the SDK doc). */
const UNNAMED = "未命名";

/**
 * The names the cloud gives instances launched together (doc: InstanceName): {R:x} patterns count
 * from x, else several instances get the suffixes 1..n, numbered per region and ISP independently.
 */
export function expectedNames(
  args: Partial<EcmArgs>,
  insts: api.EcmInstanceModel[],
): Map<string, string> | undefined {
  const base = args.instanceName;
  if (base === undefined || args.zoneInstanceCountISPSet === undefined) return undefined;
  const key = (zone: string, isp: string) => `${regionOfZone(zone)}|${isp}`;
  const size = new Map<string, number>();
  for (const s of args.zoneInstanceCountISPSet)
    size.set(key(s.zone, s.isp), (size.get(key(s.zone, s.isp)) ?? 0) + s.instanceCount);
  const used = new Map<string, number>();
  const out = new Map<string, string>();
  for (const inst of insts) {
    const k = key(zoneOf(inst), inst.ISP ?? "");
    const i = used.get(k) ?? 0;
    used.set(k, i + 1);
    out.set(inst.InstanceId!, nameAt(base, i, size.get(k) ?? 1));
  }
  return out;
}

function nameAt(base: string, i: number, n: number): string {
  if (!base) return UNNAMED;
  if (/\{R:\d+\}/.test(base)) return base.replace(/\{R:(\d+)\}/g, (_m, x: string) => String(Number(x) + i));
  return n > 1 ? `${base}${i + 1}` : base;
}

/**
 * Names and security groups with ModifyInstancesAttribute. Omitting InstanceName clears the name
 * (SDK ModifyInstancesAttributeRequest.InstanceName), so every call sends the name each instance
 * should have: one call per name. Returns whether anything was changed.
 */
export async function applyAttributes(
  op: Operation,
  t: TencentTarget,
  ids: string[],
  live: Map<string, api.EcmInstanceModel | undefined>,
  args: EcmArgs,
): Promise<boolean> {
  const insts = ordered(ids, live).flatMap((i) => (live.get(i) ? [live.get(i)!] : []));
  const names = expectedNames(args, insts);
  const groups = args.securityGroupIds;
  const regroup = groups !== undefined && insts.some((i) => !sameIdSet(i.SecurityGroupIds, groups));
  const calls = new Map<string, string[]>();
  for (const inst of insts) {
    const want = names?.get(inst.InstanceId!) ?? inst.InstanceName ?? "";
    if (want === inst.InstanceName && !regroup) continue;
    calls.set(want, [...(calls.get(want) ?? []), inst.InstanceId!]);
  }
  for (const [name, group] of calls) {
    op.rt.log(
      `${op.what}: ModifyInstancesAttribute ${regroup ? "InstanceName and SecurityGroups" : "InstanceName"} on ${group.join(", ")}`,
    );
    await api.modifyAttributes(op, t, group, {
      InstanceName: name,
      ...(regroup ? { SecurityGroups: groups } : {}),
    });
  }
  return calls.size > 0;
}

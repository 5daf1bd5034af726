/**
 * SWAS plans: ListPlans answers, reused for a while by each provider (plans change rarely, and the
 * call costs a tenth of a minute's budget), and which plan UpgradeInstance can move to.
 */
import { alicloudRegion } from "../../core/config";
import { Operation, operation } from "../../core/context";
import { Props, nameOf } from "../../core/props";
import type { Host } from "../../core/provider";
import { isUnknown } from "../../core/unknown";
import { AlicloudTarget, alicloudTarget } from "../client";
import * as api from "./api";

/** How long ListPlans answers are reused. */
const PLANS_TTL_MS = 10 * 60_000;

/** The host of a SwasInstance provider: it keeps the ListPlans answers it got. */
export interface SwasHost extends Host {
  plans: Map<string, { at: number; plans: api.SwasPlanModel[] }>;
}

export async function plansOf(h: SwasHost, op: Operation, t: AlicloudTarget): Promise<api.SwasPlanModel[]> {
  const key = `${t.regionId}|${t.credentials.id}|${t.endpoint ?? ""}`;
  const hit = h.plans.get(key);
  if (hit && h.rt.clock.now() - hit.at < PLANS_TTL_MS) return hit.plans;
  const plans = await api.listPlans(op, t);
  h.plans.set(key, { at: h.rt.clock.now(), plans });
  return plans;
}

/** Metadata of UpgradeInstance: a plan at least as large in every respect, and not the same. */
export function isUpgrade(from: api.SwasPlanModel, to: api.SwasPlanModel): boolean {
  const dims: Array<keyof api.SwasPlanModel> = ["core", "memory", "diskSize", "bandwidth", "flow"];
  const pairs = dims.map((k) => [Number(from[k] ?? 0), Number(to[k] ?? 0)]);
  return pairs.every(([x, y]) => y >= x) && pairs.some(([x, y]) => y > x);
}

/** A change of planId that ListPlans shows is not an upgrade; false when unknown or unreachable. */
export async function isDowngrade(h: SwasHost, olds: Props, news: Props): Promise<boolean> {
  const from = olds.planId;
  const to = news.planId;
  if (typeof from !== "string" || typeof to !== "string" || isUnknown(to) || from === to) return false;
  try {
    const regionId = String(olds.regionId ?? alicloudRegion(news.regionId as string | undefined) ?? "");
    if (!regionId) return false;
    const t = alicloudTarget(regionId);
    const plans = await plansOf(
      h,
      operation(h.rt, `comparing plans of ${h.kind} ${nameOf(news)}`, 60_000),
      t,
    );
    const a = plans.find((p) => p.planId === from);
    const b = plans.find((p) => p.planId === to);
    return a !== undefined && b !== undefined && !isUpgrade(a, b);
  } catch {
    // The update tells (UpgradeInstance refuses a smaller plan), before anything is bought.
    return false;
  }
}

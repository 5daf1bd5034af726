/**
 * The preflight of a Tencent Cloud resource (core/preflight.ts): the create call with DryRun=true,
 * which the cloud checks in full and carries out not at all.
 */
import type { CheckFailure } from "../core/check";
import type { Operation } from "../core/context";
import { preflight, preflightFailures } from "../core/preflight";
import { Props, nameOf } from "../core/props";
import type { Host } from "../core/provider";
import type { TencentTarget } from "./client";

/** The DryRun's refusal as a failure on the argument `propertyOf` names for its code. */
export function dryRun(
  h: Host,
  news: Props,
  target: () => TencentTarget,
  call: (op: Operation, t: TencentTarget) => Promise<void>,
  propertyOf: (code: string) => string,
): Promise<CheckFailure[]> {
  return preflight(
    h.rt,
    `preflight of ${h.kind} ${nameOf(news)}`,
    60_000,
    async (op) => {
      await call(op, target());
      return [];
    },
    (e) => preflightFailures(e, propertyOf),
  );
}

/**
 * How a change of each SwasInstance argument is made: in place (by which swas-open 2020-06-01
 * action of @alicloud/swas-open20200601 4.0.0, and whether the servers are stopped for it), or
 * refused at check (why: REFUSED_BECAUSE). SWAS cannot release a server, so nothing is replaced
 * unless the user sets allowReplacement: true, which turns each refusal into a replacement.
 * test/provider/alicloud/swas/classes.test.ts holds the diff and check to it (core/classes.ts).
 */
import { ADOPT_CLASS, ArgumentClass } from "../../core/diff";
import { REFUSED_BECAUSE, SwasArgs } from "./schema";

const refused = (why: string): ArgumentClass => ({ kind: "refused", why });
const own = { kind: "in-place", action: "none: this package's own setting", stops: false } as const;

export const ARGUMENT_CLASSES: Record<keyof SwasArgs, ArgumentClass> = {
  regionId: refused(REFUSED_BECAUSE.regionId),
  imageId: { kind: "in-place", action: "ResetSystem", stops: false },
  planId: {
    kind: "in-place",
    action: "UpgradeInstance (a larger plan; a smaller one is refused)",
    stops: false,
  },
  period: refused(REFUSED_BECAUSE.period),
  autoRenew: refused(REFUSED_BECAUSE.autoRenew),
  autoRenewPeriod: refused(REFUSED_BECAUSE.autoRenewPeriod),
  dataDiskSize: refused(REFUSED_BECAUSE.dataDiskSize),
  amount: {
    kind: "in-place",
    action: "CreateInstances for the difference (upwards; downwards is refused: no server can be released)",
    stops: false,
  },
  chargeType: refused(REFUSED_BECAUSE.chargeType),
  clientToken: { kind: "in-place", action: "none: only the create that used it", stops: false },
  instanceName: { kind: "in-place", action: "UpdateInstanceAttribute", stops: false },
  password: { kind: "in-place", action: "UpdateInstanceAttribute, then RebootInstances", stops: false },
  running: { kind: "in-place", action: "StartInstances / StopInstances", stops: false },
  onDelete: own,
  allowReplacement: own,
  timeouts: own,
  adoptInstanceIds: ADOPT_CLASS,
};

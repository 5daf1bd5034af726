/**
 * SwasInstance's preflight (core/preflight.ts): SWAS has no DryRun, so check asks ListPlans and
 * ListImages whether the plan and the image exist and fit each other and the data disk.
 */
import type { CheckFailure } from "../../core/check";
import { preflight, preflightFailures } from "../../core/preflight";
import { Props, nameOf } from "../../core/props";
import type { Operation } from "../../core/context";
import { AlicloudTarget, alicloudTarget, regionOf } from "../client";
import * as api from "./api";
import { SwasHost, plansOf } from "./plans";
import { MIN_DATA_DISK_GB, SwasArgs } from "./schema";

export function listingFailures(h: SwasHost, args: SwasArgs, news: Props): Promise<CheckFailure[]> {
  return swasPreflight(
    h,
    args,
    news,
    async (op, t) => {
      const plan = (await plansOf(h, op, t)).find((p) => p.planId === args.planId);
      const image = (await api.listImages(op, t, [args.imageId])).find((i) => i.imageId === args.imageId);
      return fitFailures(args, t.regionId, plan, image);
    },
    (code) => (/Region/i.test(code) ? "regionId" : "planId"),
  );
}

/**
 * A preflight of SWAS (core/preflight.ts): `ask` in the resource's region; what the cloud refuses
 * becomes a failure on `propertyOf` its code, worded for what refused (a listing: SWAS has no DryRun).
 */
export function swasPreflight(h: SwasHost, args: SwasArgs, news: Props, ask: Ask, propertyOf: PropertyOf) {
  const what = `preflight of ${h.kind} ${nameOf(news)}`;
  const t = () => alicloudTarget(regionOf(h.kind, args.regionId));
  const refused = (e: unknown) => preflightFailures(e, propertyOf, "regionId", "the cloud at preflight");
  return preflight(h.rt, what, 120_000, (op) => ask(op, t()), refused);
}

type Ask = (op: Operation, t: AlicloudTarget) => Promise<CheckFailure[]>;
type PropertyOf = (code: string) => string;

/** The plan and image as ListPlans and ListImages show them against the arguments. */
function fitFailures(
  args: SwasArgs,
  regionId: string,
  plan: api.SwasPlanModel | undefined,
  image: api.SwasImageModel | undefined,
): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (!plan) {
    failures.push({
      property: "planId",
      reason: `${args.planId} is not a plan of ${regionId} (ListPlans; CreateInstances would answer InvalidPlanId.NotFound)`,
    });
  }
  if (!image) {
    failures.push({
      property: "imageId",
      reason: `${args.imageId} is not an image of ${regionId} (ListImages; CreateInstances would answer InvalidImageId.NotFound)`,
    });
  }
  if (plan && image) {
    const platforms = api.supportedPlatforms(plan);
    if (image.platform && !platforms.includes(image.platform)) {
      failures.push({
        property: "planId",
        reason: `plan ${args.planId} supports ${platforms.join(", ") || "no platform"}, image ${args.imageId} is ${image.platform} (CreateInstances: PlatformNotMatch)`,
      });
    }
  }
  const min = plan ? MIN_DATA_DISK_GB[plan.diskType as keyof typeof MIN_DATA_DISK_GB] : undefined;
  if (min !== undefined && args.dataDiskSize > 0 && args.dataDiskSize < min) {
    failures.push({
      property: "dataDiskSize",
      reason: `must be at least ${min} GB on ${plan!.diskType} plan ${args.planId} (SWAS CreateInstances 2020-06-01: DataDiskSize; InvalidDataDiskSize.ValueNotSupported)`,
    });
  }
  if (image?.platform === "Windows" && args.password?.startsWith("/")) {
    failures.push({
      property: "password",
      reason: `must not start with "/" on a Windows image (swas-open SDK UpdateInstanceAttributeRequest: Password)`,
    });
  }
  return failures;
}

/**
 * CvmHourlyInstance's preflight: the translation (DescribeZones, DescribeInstanceTypeConfigs),
 * then the CvmInstance provider's check with its DryRun, each failure put back on the legacy
 * argument it is about.
 */
import type { CheckFailure } from "../../core/check";
import { errorMessage } from "../../core/errors";
import { preflight } from "../../core/preflight";
import { Props, nameOf } from "../../core/props";
import type { Host, ResourceProvider } from "../../core/provider";
import { regionOf, tencentTarget } from "../client";
import { cvmInputs } from "./delegate";
import type { CvmHourlyArgs } from "./schema";
import { TranslationError, resolve } from "./translate";

/** Request values the translation looked up: shown beside a refusal that names them. */
const TRANSLATED = ["instanceType", "placement.zone"];

export async function translatedFailures(
  h: Host,
  cvm: ResourceProvider,
  args: CvmHourlyArgs,
  news: Props,
): Promise<CheckFailure[]> {
  let inputs: Props = {};
  const refused = await preflight(
    h.rt,
    `preflight of ${h.kind} ${nameOf(news)}`,
    60_000,
    async (op) => {
      inputs = cvmInputs(news, args, await resolve(op, tencentTarget(regionOf(h.kind, args.region)), args));
      return [];
    },
    (e) =>
      e instanceof TranslationError
        ? [{ property: e.property, reason: e.reason }]
        : [{ property: "region", reason: `preflight could not run: ${errorMessage(e)}` }],
  );
  if (refused.length) return refused;
  const r = await cvm.check({}, inputs);
  return (r.failures ?? []).map((f) => {
    // The translated value where it is not the user's own (never anything under loginSettings).
    const value = TRANSLATED.includes(f.property) ? ` ${String(valueAt(inputs, f.property))}` : "";
    return {
      property: legacyProperty(f.property, args),
      reason: `${f.reason} (API 3.0 ${f.property}${value})`,
    };
  });
}

/**
 * Which legacy argument a CvmInstance check failure (its schema or the cloud's DryRun) is about.
 * The delegate's property comes first, then the legacy one.
 */
function legacyProperty(property: string, args: CvmHourlyArgs): string {
  const map: Array<[RegExp, string]> = [
    [/^placement\.projectId/, "projectId"],
    [/^placement/, "zoneId"],
    [/^imageId/, "imageId"],
    [/^instanceType/, "instanceType"],
    [/^systemDisk/, "rootSize"],
    [/^dataDisks/, "storageSize"],
    [/^virtualPrivateCloud\.subnetId/, "subnetId"],
    [/^virtualPrivateCloud\.privateIpAddresses/, "privateIpAddresses"],
    [/^virtualPrivateCloud/, "vpcId"],
    [/^internetAccessible/, "bandwidth"],
    [/^instanceCount/, "goodsNum"],
    [/^adoptInstanceIds/, "adoptInstanceIds"],
    [/^instanceName/, "instanceName"],
    [/^loginSettings/, args.keyId !== undefined ? "keyId" : "password"],
    [/^enhancedService/, "needSecurityAgent"],
    [/^clientToken/, "clientToken"],
    // InsufficientBalance and the like: the account cannot pay for that many.
    [/^instanceChargeType/, "goodsNum"],
    [/^region/, "region"],
    [/^timeouts/, "timeouts"],
  ];
  return map.find(([re]) => re.test(property))?.[1] ?? "imageId";
}

function valueAt(props: Props, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (v as Props | undefined)?.[k], props);
}

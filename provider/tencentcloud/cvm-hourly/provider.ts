/**
 * CvmHourlyInstance: the dynamic ResourceProvider for the legacy RunInstancesHour parameter set.
 * It checks and diffs the legacy arguments itself, translates them (translate.ts) and hands
 * create, read, update and delete to the CvmInstance provider, which waits, retries, scales and
 * never orphans an instance. check → diff → create → read → update → delete, then helpers.
 */
import { Props, nameOf, parseProps, storedArgs, timeoutOf, validArgs } from "../../core/props";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { CheckFailure, OWN_KEYS, checkArgs, userArgs } from "../../core/check";
import { ConfigureRequest, REGION_HELP, configure, preflightEnabled, tencentRegion } from "../../core/config";
import { Runtime, defaultRuntime, operation } from "../../core/context";
import { DiffResult, diffArgs, guardClientToken } from "../../core/diff";
import { InitFailedError, errorMessage } from "../../core/errors";
import { clean } from "../../core/case";
import { isUnknown } from "../../core/unknown";
import { tencentTarget } from "../client";
import type { CvmArgs } from "../cvm/schema";
import { InstanceOutput, makeCvmProvider } from "../cvm/provider";
import { ARG_KEYS, CvmHourlyArgs, CvmHourlyInstanceArgsSchema, DEFAULTS, IN_PLACE, DOC } from "./schema";
import {
  Resolved,
  TranslatedRequest,
  TranslationError,
  resolve,
  resolvedOf,
  toCvmArgs,
  translatedRequest,
} from "./translate";

const KIND = "CvmHourlyInstance";
/** Outputs beside the arguments. */
export const OUTPUT_KEYS = [
  "instanceIds",
  "unInstanceIds",
  "instances",
  "launchToken",
  "launchGeneration",
  "translatedRequest",
] as const;

export interface CvmHourlyOutputs extends Record<string, unknown> {
  region: string;
  instanceIds: string[];
  /** The same ids under the legacy response's name. */
  unInstanceIds: string[];
  instances: InstanceOutput[];
  launchToken: string;
  launchGeneration: number;
  /** The API 3.0 RunInstances request the arguments became (no password). */
  translatedRequest: TranslatedRequest;
}

export function makeCvmHourlyProvider(rt: Runtime = defaultRuntime) {
  // The CvmInstance provider on the same limiter and pollers; its lines name this resource's kind.
  const cvm = makeCvmProvider(rt, { kind: KIND });

  return {
    async configure(req: ConfigureRequest): Promise<void> {
      configure(req);
    },

    // ---- check ---------------------------------------------------------------------------
    // No cloud call unless preflight is on: the translation runs at create and update.
    async check(olds: Props, news: Props): Promise<dynamic.CheckResult> {
      const { args, failures } = checkArgs(CvmHourlyInstanceArgsSchema, news, KIND, OUTPUT_KEYS, {
        doc: DOC,
        pascal: false,
      });
      if (!isUnknown(news.region) && !tencentRegion(news.region as string | undefined)) {
        failures.push({
          property: "region",
          reason: `is required (${DOC}: region, a common parameter): ${REGION_HELP}`,
        });
      }
      const isNew = Object.keys(userArgs(olds ?? {})).length === 0;
      if (args && failures.length === 0 && isNew && preflightEnabled()) {
        failures.push(...(await preflight(args, news)));
      }
      return { inputs: news, failures };
    },

    // ---- diff ----------------------------------------------------------------------------
    async diff(_id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
      const d = diffCvmHourly(olds, news);
      return { changes: d.changes, replaces: d.replaces, deleteBeforeReplace: d.deleteBeforeReplace };
    },

    // ---- create --------------------------------------------------------------------------
    async create(inputs: Props): Promise<dynamic.CreateResult> {
      const args = parseArgs(inputs);
      const t = tencentTarget(resolveRegion(args));
      const op = operation(rt, `creating ${KIND} ${nameOf(inputs)}`, timeoutOf(args.timeouts, "create"));
      let resolved: Resolved;
      try {
        resolved = await resolve(op, t, args);
      } catch (e) {
        // Nothing was bought: a plain error, the next `up` creates again.
        throw new Error(`${op.what}: translating to RunInstances: ${errorMessage(e)}`, { cause: e });
      }
      op.rt.log(
        `${op.what}: zoneId ${args.zoneId} is ${resolved.zone}, instance type ${resolved.instanceType}`,
      );
      try {
        const r = await cvm.create(cvmInputs(inputs, args, resolved));
        return { id: r.id, outs: outputs(inputs, args, resolved, r.outs) };
      } catch (e) {
        throw hourlyError(e, inputs, args, resolved);
      }
    },

    // ---- read ----------------------------------------------------------------------------
    // Refresh and destroy need no translation: the CvmInstance provider reads and deletes the
    // recorded instances from what the state holds.
    async read(id: string, props: Props): Promise<dynamic.ReadResult> {
      const args = storedArgsOf(props);
      let r: dynamic.ReadResult;
      try {
        r = await cvm.read(id, storedCvmState(props, args));
      } catch (e) {
        throw hourlyError(e);
      }
      if (!r.id) return { id: "", props: {} };
      const outs = outputs(props, validArgsOf(props), resolvedOf(props.translatedRequest), r.props ?? {});
      // An out-of-band rename shows in the next diff and is put right by the next update.
      if (r.props?.instanceName !== args.instanceName) outs.instanceName = r.props?.instanceName;
      return { id: r.id, props: clean(outs) };
    },

    // ---- update --------------------------------------------------------------------------
    // Only instanceName, goodsNum, timeouts and clientToken change in place: zoneId, cpu, mem and
    // instanceType replace, so the zone and type translated at create still hold.
    async update(id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
      const args = parseArgs(news);
      const resolved = await resolvedFor(olds, args, "updating", "update");
      const old = toCvmArgs(parseArgs(olds), resolved);
      try {
        const r = await cvm.update(id, cvmState(olds, old), cvmInputs(news, args, resolved));
        return { outs: outputs(news, args, resolved, r.outs ?? {}) };
      } catch (e) {
        throw hourlyError(e, news, args, resolved);
      }
    },

    // ---- delete --------------------------------------------------------------------------
    async delete(id: string, props: Props): Promise<void> {
      try {
        await cvm.delete(id, storedCvmState(props, storedArgsOf(props)));
      } catch (e) {
        throw hourlyError(e);
      }
    },
  };

  // ---- helpers -----------------------------------------------------------------------------

  /** Translates (DescribeZones, DescribeInstanceTypeConfigs), then CvmInstance's check with its DryRun. */
  async function preflight(args: CvmHourlyArgs, news: Props): Promise<CheckFailure[]> {
    let inputs: Props;
    try {
      const t = tencentTarget(resolveRegion(args));
      const op = operation(rt, `preflight of ${KIND} ${nameOf(news)}`, 60_000);
      inputs = cvmInputs(news, args, await resolve(op, t, args));
    } catch (e) {
      if (e instanceof TranslationError) return [{ property: e.property, reason: e.reason }];
      return [{ property: "region", reason: `preflight could not run: ${errorMessage(e)}` }];
    }
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

  /** The zone and type of the state's translatedRequest; translated again only if the state has none. */
  async function resolvedFor(
    props: Props,
    args: CvmHourlyArgs,
    verb: string,
    which: "update",
  ): Promise<Resolved> {
    const kept = resolvedOf(props.translatedRequest);
    if (kept) return kept;
    const t = tencentTarget(String(props.region ?? resolveRegion(args)));
    return resolve(
      operation(rt, `${verb} ${KIND} ${nameOf(props)}`, timeoutOf(args.timeouts, which)),
      t,
      args,
    );
  }
}

// ---- pure helpers ------------------------------------------------------------------------

export function diffCvmHourly(olds: Props, news: Props): DiffResult {
  const normalize = (p: Props, region: unknown): Props => {
    const out: Props = { ...p, region };
    for (const [k, d] of Object.entries(DEFAULTS)) out[k] = p[k] ?? d;
    // wanIp only matters with bandwidth: compare whether a public IP is assigned.
    const bandwidth = out.bandwidth;
    if (!isUnknown(p.wanIp) && typeof bandwidth === "number") {
      out.wanIp = bandwidth > 0 && p.wanIp !== 0 ? 1 : 0;
    }
    return out;
  };
  const oldRegion = olds.region ?? tencentRegion();
  const newRegion = isUnknown(news.region) ? news.region : (news.region ?? tencentRegion());
  const d = guardClientToken(
    diffArgs(normalize(olds, oldRegion), normalize(news, newRegion), ARG_KEYS as readonly string[], IN_PLACE),
    olds,
    news,
  );
  // The derived ClientToken leaves the password out: a new password alone would get the old
  // instances back from the cloud, so the old ones go first.
  return d.replaces.length === 1 && d.replaces[0] === "password" ? { ...d, deleteBeforeReplace: true } : d;
}

/** The CvmInstance provider's inputs: the translated arguments and the hidden keys (`__identity`, ...). */
function cvmInputs(props: Props, args: CvmHourlyArgs, resolved: Resolved): Props {
  return clean({ ...hiddenKeys(props), ...toCvmArgs(args, resolved) });
}

/** The CvmInstance provider's view of a stored state: its arguments and its outputs. */
function cvmState(props: Props, cvmArgs: CvmArgs): Props {
  return clean({
    ...hiddenKeys(props),
    ...cvmArgs,
    region: props.region,
    instanceIds: props.instanceIds,
    instances: props.instances,
    launchToken: props.launchToken,
    launchGeneration: props.launchGeneration,
  });
}

/**
 * The CvmInstance provider's view of a stored state for refresh and destroy: the recorded instances
 * and what of the arguments the state holds (no translation).
 */
function storedCvmState(props: Props, args: Partial<CvmHourlyArgs>): Props {
  return clean({
    ...hiddenKeys(props),
    region: props.region ?? args.region,
    instanceName: args.instanceName,
    instanceCount: args.goodsNum,
    timeouts: args.timeouts,
    instanceIds: props.instanceIds,
    instances: props.instances,
    launchToken: props.launchToken,
    launchGeneration: props.launchGeneration,
  });
}

/**
 * This resource's outputs from the CvmInstance provider's. The translated request is made from the
 * arguments and the zone and type they were translated to; without them, the stored one is kept.
 */
function outputs(
  inputs: Props,
  args: CvmHourlyArgs | undefined,
  resolved: Resolved | undefined,
  cvmOuts: Props,
): CvmHourlyOutputs {
  const ids = Array.isArray(cvmOuts.instanceIds) ? cvmOuts.instanceIds.map(String) : [];
  const launchToken = String(cvmOuts.launchToken ?? "");
  const echoed = userArgs(inputs);
  for (const k of OUTPUT_KEYS) delete echoed[k];
  return clean({
    ...echoed,
    // The resource's identity stays with its outputs: read and delete see it too.
    __identity: inputs.__identity,
    region: String(cvmOuts.region ?? resolveRegion(args ?? {})),
    instanceIds: ids,
    unInstanceIds: ids,
    instances: (cvmOuts.instances as InstanceOutput[] | undefined) ?? [],
    launchToken,
    launchGeneration: Number(cvmOuts.launchGeneration ?? 0),
    translatedRequest:
      args && resolved
        ? translatedRequest(toCvmArgs(args, resolved), launchToken)
        : (inputs.translatedRequest as TranslatedRequest),
  });
}

/**
 * The delegated provider's errors: an init failure keeps its
 * instances recorded, with this resource's inputs (and `__provider`) and outputs as properties.
 */
function hourlyError(e: unknown, inputs?: Props, args?: CvmHourlyArgs, resolved?: Resolved): unknown {
  if (e instanceof InitFailedError && inputs && args && resolved) {
    return new InitFailedError(
      e.message,
      e.id,
      { ...inputs, ...outputs(inputs, args, resolved, e.properties) },
      e.reasons,
      { cause: e },
    );
  }
  return e;
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

/** Request values the translation looked up: shown beside a refusal that names them. */
const TRANSLATED = ["instanceType", "placement.zone"];

function valueAt(props: Props, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (v as Props | undefined)?.[k], props);
}

function resolveRegion(args: Partial<CvmHourlyArgs>): string {
  const region = tencentRegion(args.region);
  if (!region) throw new Error(`${KIND}: region is required: ${REGION_HELP}`);
  return region;
}

/** The keys this package keeps beside the arguments (`__identity`), without the provider text. */
function hiddenKeys(props: Props): Props {
  return Object.fromEntries(
    Object.entries(props).filter(([k]) => OWN_KEYS.includes(k) && k !== "__provider"),
  );
}

export const provider = makeCvmHourlyProvider();

const parseArgs = (props: Props): CvmHourlyArgs =>
  parseProps(CvmHourlyInstanceArgsSchema, props, OUTPUT_KEYS, KIND);
/** For refresh and destroy: what the state holds. */
const storedArgsOf = (props: Props): Partial<CvmHourlyArgs> =>
  storedArgs(CvmHourlyInstanceArgsSchema, props, OUTPUT_KEYS);
const validArgsOf = (props: Props): CvmHourlyArgs | undefined =>
  validArgs(CvmHourlyInstanceArgsSchema, props, OUTPUT_KEYS);

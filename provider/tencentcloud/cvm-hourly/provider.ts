/**
 * CvmHourlyInstance: the dynamic ResourceProvider for the legacy RunInstancesHour parameter set.
 * It checks and diffs the legacy arguments itself, translates them (translate.ts) and hands
 * create, read, update and delete to the CvmInstance provider (delegate.ts), which waits,
 * retries, scales and never orphans an instance. check → diff → create → read → update → delete.
 */
import { adoptionFailures } from "../../core/adopt";
import { checkArgs, regionFailures } from "../../core/check";
import { REGION_HELP, tencentRegion } from "../../core/config";
import { Runtime, defaultRuntime } from "../../core/context";
import { dropUndefined } from "../../core/drop-undefined";
import { errorMessage } from "../../core/errors";
import { wantsPreflight } from "../../core/preflight";
import { Props, parseProps, storedArgs, validArgs } from "../../core/props";
import { Host, ResourceProvider, dynamicProvider, step } from "../../core/provider";
import { regionOf, tencentTarget } from "../client";
import { makeCvmProvider } from "../cvm/provider";
import { cvmInputs, cvmState, hourlyError, storedCvmState } from "./delegate";
import { diffCvmHourly } from "./diff";
import { refusedChanges } from "./refused";
import { OUTPUT_KEYS, outputs } from "./outputs";
import { translatedFailures } from "./preflight";
import { CvmHourlyArgs, CvmHourlyInstanceArgsSchema, DOC } from "./schema";
import { Resolved, resolve, resolvedOf, toCvmArgs } from "./translate";

export { diffCvmHourly } from "./diff";
export { OUTPUT_KEYS } from "./outputs";
export type { CvmHourlyOutputs } from "./outputs";

const KIND = "CvmHourlyInstance";

/** The host, and the CvmInstance provider on the same limiter and pollers, its lines naming this kind. */
interface HourlyHost extends Host {
  cvm: ResourceProvider;
}

export function makeCvmHourlyProvider(rt: Runtime = defaultRuntime) {
  const h: HourlyHost = { rt, kind: KIND, cvm: makeCvmProvider(rt, { kind: KIND }) };
  return dynamicProvider(h, { check, diff, create, read, update, delete: remove });
}

export const provider = makeCvmHourlyProvider();

// ---- check -------------------------------------------------------------------------------------

// No cloud call unless preflight is on: the translation runs at create and update.
async function check(h: HourlyHost, olds: Props, news: Props) {
  const { args, failures } = checkArgs(CvmHourlyInstanceArgsSchema, news, h.kind, OUTPUT_KEYS, {
    doc: DOC,
    pascal: false,
  });
  failures.push(
    ...regionFailures(
      news,
      "region",
      tencentRegion,
      `is required (${DOC}: region, a common parameter): ${REGION_HELP}`,
    ),
  );
  if (failures.length === 0) failures.push(...refusedChanges(olds, news));
  failures.push(
    ...adoptionFailures(olds, news, { argument: "goodsNum", default: 1 }, () => diffCvmHourly(olds, news)),
  );
  if (wantsPreflight(args, failures, olds))
    failures.push(...(await translatedFailures(h, h.cvm, args, news)));
  return { inputs: news, failures };
}

// ---- diff --------------------------------------------------------------------------------------

function diff(_h: HourlyHost, _id: string, olds: Props, news: Props) {
  return diffCvmHourly(olds, news);
}

// ---- create ------------------------------------------------------------------------------------

async function create(h: HourlyHost, inputs: Props) {
  const args = parseArgs(inputs);
  const t = tencentTarget(regionOf(h.kind, args.region));
  const op = step(h, "creating", inputs, args.timeouts);
  let resolved: Resolved;
  try {
    resolved = await resolve(op, t, args);
  } catch (e) {
    // Nothing was bought: a plain error, the next `up` creates again.
    throw new Error(`${op.what}: translating to RunInstances: ${errorMessage(e)}`, { cause: e });
  }
  op.rt.log(`${op.what}: zoneId ${args.zoneId} is ${resolved.zone}, instance type ${resolved.instanceType}`);
  try {
    const r = await h.cvm.create(cvmInputs(inputs, args, resolved));
    return { id: r.id, outs: outputs(inputs, args, resolved, r.outs) };
  } catch (e) {
    throw hourlyError(e, inputs, args, resolved);
  }
}

// ---- read --------------------------------------------------------------------------------------

// Refresh and destroy need no translation: the CvmInstance provider reads and deletes the
// recorded instances from what the state holds.
async function read(h: HourlyHost, id: string, props: Props) {
  const args = storedArgsOf(props);
  const r = await h.cvm.read(id, storedCvmState(props, args));
  if (!r.id) return { id: "", props: {} };
  const outs: Props = outputs(props, validArgsOf(props), resolvedOf(props.translatedRequest), r.props ?? {});
  // An out-of-band rename shows in the next diff and is put right by the next update.
  if (r.props?.instanceName !== args.instanceName) outs.instanceName = r.props?.instanceName;
  return { id: r.id, props: dropUndefined(outs) };
}

// ---- update ------------------------------------------------------------------------------------

// The CvmInstance provider makes the changes (classes.ts) on the translated arguments: the zone
// translated at create holds (zoneId replaces); a new cpu or mem is translated again.
async function update(h: HourlyHost, id: string, olds: Props, news: Props) {
  const args = parseArgs(news);
  const before = parseArgs(olds);
  const kept = await resolvedFor(h, olds, before);
  const resized = args.cpu !== before.cpu || args.mem !== before.mem;
  const resolved = resized ? await resolvedFor(h, { ...olds, translatedRequest: undefined }, args) : kept;
  const old = toCvmArgs(before, kept);
  try {
    const r = await h.cvm.update(id, cvmState(olds, old), cvmInputs(news, args, resolved));
    return { outs: outputs(news, args, resolved, r.outs ?? {}) };
  } catch (e) {
    throw hourlyError(e, news, args, resolved);
  }
}

// ---- delete ------------------------------------------------------------------------------------

async function remove(h: HourlyHost, id: string, props: Props) {
  await h.cvm.delete(id, storedCvmState(props, storedArgsOf(props)));
}

/** The zone and type of the state's translatedRequest; translated again only if the state has none. */
async function resolvedFor(h: HourlyHost, props: Props, args: CvmHourlyArgs): Promise<Resolved> {
  const kept = resolvedOf(props.translatedRequest);
  if (kept) return kept;
  const t = tencentTarget(String(props.region ?? regionOf(h.kind, args.region)));
  return resolve(step(h, "updating", props, args.timeouts), t, args);
}

const parseArgs = (props: Props): CvmHourlyArgs =>
  parseProps(CvmHourlyInstanceArgsSchema, props, OUTPUT_KEYS, KIND);
/** For refresh and destroy: what the state holds. */
const storedArgsOf = (props: Props): Partial<CvmHourlyArgs> =>
  storedArgs(CvmHourlyInstanceArgsSchema, props, OUTPUT_KEYS);
const validArgsOf = (props: Props): CvmHourlyArgs | undefined =>
  validArgs(CvmHourlyInstanceArgsSchema, props, OUTPUT_KEYS);

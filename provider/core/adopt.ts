/**
 * Adoption (`adoptInstanceIds`): the first create of a resource takes instances bought outside
 * Pulumi instead of buying new ones, the import that dynamic resources cannot have (the engine's
 * `pulumi import` reads with no stored provider). Create describes the ids and refuses, with no
 * mutating call, when one is missing, gone or in another region, when their number is not the count
 * argument, when an argument that cannot change in place differs from the live instance, or when
 * another resource's owner mark is on one. Then the resource applies its in-place differences
 * and records the instances like created ones. Every instance a resource creates or adopts
 * carries its owner mark (`pulumi:owner`, the resource's identity), where the product has tags.
 */
import { createHash } from "node:crypto";
import type { CheckFailure } from "./check";
import { isNew } from "./check";
import type { Operation, Runtime } from "./context";
import { ADOPT_KEY, ArgumentClasses, DiffResult, sameValue } from "./diff";
import { preflight, preflightFailures } from "./preflight";
import { Props, nameOf } from "./props";
import { isUnknown, unknownPaths } from "./unknown";

export { ADOPT_KEY };

/** Tags under this prefix are the resources' marks: refused in a user's tags, left out of drift. */
export const MARK_PREFIX = "pulumi:";

/** The tag that names the resource holding an instance. */
export const OWNER_TAG = "pulumi:owner";

/**
 * The owner mark's value: the identity (`project/stack/name`) when it is at most `max` characters
 * of those every cloud's tag values take, else its legal part shortened and a hash of it.
 */
export function ownerMark(identity: unknown, max = 128): string {
  const id = String(identity ?? "");
  if (id.length <= max && /^[A-Za-z0-9 +\-=._:/@]*$/.test(id)) return id;
  const legal = id.replace(/[^A-Za-z0-9 +\-=._:/@]/g, "_").slice(0, max - 41);
  return `${legal}=${createHash("sha256").update(id).digest("hex").slice(0, 40)}`;
}

/** The user's tags without the marks. */
export function withoutMarks(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([k]) => !k.startsWith(MARK_PREFIX)));
}

/** The ids to adopt, when the inputs name any. */
export function adoptIdsOf(inputs: Props): string[] {
  const v = inputs[ADOPT_KEY];
  return Array.isArray(v) ? v.map(String) : [];
}

/** What a resource tells the adoption about its product. */
export interface Adoption<M> {
  /** The ids to adopt (`adoptInstanceIds`). */
  ids: readonly string[];
  /** The count argument (`instanceCount`, `amount`, ...) and its value. */
  count: { argument: string; value: number };
  /** The region the resource's instances are in. */
  region: string;
  /** This resource's owner mark (ownerMark of its identity). */
  owner: string;
  /** The live instances in the region, by id; missing ones absent or undefined. */
  describe(op: Operation, ids: string[]): Promise<Map<string, M | undefined>>;
  /** The instance's state when it cannot be adopted (terminated, terminating, failed), else undefined. */
  gone(m: M): string | undefined;
  /** The owner mark on the instance, if any. */
  ownerOf(m: M): string | undefined;
  /**
   * The arguments that cannot change in place, as the instance shows them and as given (by the
   * path the class table uses): a pair whose sides differ is refused. Sides the describe or the
   * arguments do not have are left out. `why`: the reason, where the class table's is not it
   * (an in-place change that an adoption must not make, such as a reinstall).
   */
  fixed(m: M): Array<{ path: string; given: unknown; live: unknown; why?: string }>;
  /** What else the resource's in-place actions refuse (a disk that would shrink), by argument. */
  refused?(m: M): CheckFailure[];
  /** Why each path cannot change in place (the resource's ARGUMENT_CLASSES). */
  classes: ArgumentClasses;
}

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** The refusals of an adoption (check failures), and the live instances it found. */
export async function adoptionRefusals<M>(
  op: Operation,
  a: Adoption<M>,
): Promise<{ refusals: CheckFailure[]; live: Map<string, M> }> {
  const refusals: CheckFailure[] = countRefusal(a.ids, a.count);
  const refuse = (property: string, reason: string) => refusals.push({ property, reason });
  const found = await a.describe(op, [...a.ids]);
  const live = new Map<string, M>();
  for (const id of a.ids) {
    const m = found.get(id);
    if (m === undefined) {
      refuse(
        ADOPT_KEY,
        `${id} is not an instance of region ${a.region}: it does not exist, is already released, or is in another region`,
      );
      continue;
    }
    const state = a.gone(m);
    if (state !== undefined) {
      refuse(ADOPT_KEY, `${id} cannot be adopted: it is ${state}`);
      continue;
    }
    const owner = a.ownerOf(m);
    if (owner !== undefined && owner !== a.owner) {
      refuse(
        ADOPT_KEY,
        `${id} is held by another resource: ${OWNER_TAG} is ${owner} (if that resource no longer ` +
          `manages it, e.g. it was destroyed with retainOnDelete, delete the tag ${OWNER_TAG} from the instance)`,
      );
      continue;
    }
    for (const f of a.fixed(m)) {
      if (f.given === undefined || f.live === undefined || sameValue(f.given, f.live)) continue;
      const c = a.classes[f.path];
      const why = f.why ?? (c && c.kind !== "in-place" ? `it cannot change in place (${c.why})` : "");
      refuse(f.path, `is ${show(f.given)}, but ${id} has ${show(f.live)}${why ? `: ${why}` : ""}`);
    }
    for (const r of a.refused?.(m) ?? []) refuse(r.property, `${r.reason} (${id})`);
    live.set(id, m);
  }
  return { refusals, live };
}

/** The live instances to adopt; one error naming every refusal, before any mutating call. */
export async function adopt<M>(op: Operation, a: Adoption<M>): Promise<Map<string, M>> {
  const { refusals, live } = await adoptionRefusals(op, a);
  if (refusals.length) {
    throw new Error(
      `${op.what}: cannot adopt ${a.ids.join(", ")} (nothing was changed): ` +
        refusals.map((r) => `${r.property}: ${r.reason}`).join("; "),
    );
  }
  op.rt.log(`${op.what}: adopting ${a.ids.join(", ")} (no instance is bought)`);
  return live;
}

function countRefusal(ids: readonly string[], count: { argument: string; value: number }): CheckFailure[] {
  if (ids.length === count.value) return [];
  return [
    {
      property: count.argument,
      reason:
        `is ${count.value}, but adoptInstanceIds names ${ids.length} instance(s): they must be the same ` +
        `(argument adoptInstanceIds: one id per instance the resource holds)`,
    },
  ];
}

/**
 * What check knows of an adoption without asking the cloud: the number of ids against the count
 * argument (`count`: its name and default; `of`, the count when it is not the argument's value,
 * e.g. a sum over a list, undefined while unknown), and a replacement that would adopt what it
 * deletes (replacingAdopted).
 */
export function adoptionFailures(
  olds: Props,
  news: Props,
  count: { argument: string; default: number; of?: (news: Props) => number | undefined },
  diff: () => DiffResult,
): CheckFailure[] {
  const ids = adoptIdsOf(news);
  if (ids.length === 0 || isUnknown(news[ADOPT_KEY]) || unknownPaths(news[ADOPT_KEY]).length) return [];
  const value = count.of ? count.of(news) : (news[count.argument] ?? count.default);
  const failures =
    isNew(olds) && typeof value === "number" ? countRefusal(ids, { argument: count.argument, value }) : [];
  return [...failures, ...replacingAdopted(olds, news, diff)];
}

/**
 * A replacement (create first, or delete first) creates the resource again with its inputs: with
 * `adoptInstanceIds` still naming the instances it holds, it would adopt them and then delete
 * them. Check refuses that change: the ids are for the first create only.
 */
function replacingAdopted(olds: Props, news: Props, diff: () => DiffResult): CheckFailure[] {
  const ids = adoptIdsOf(news);
  if (ids.length === 0 || isNew(olds)) return [];
  const held = Array.isArray(olds.instanceIds) ? olds.instanceIds.map(String) : [];
  const both = ids.filter((i) => held.includes(i));
  if (both.length === 0) return [];
  const d = diff();
  if (d.replaces.length === 0) return [];
  return [
    {
      property: ADOPT_KEY,
      reason:
        `names ${both.join(", ")}, which this resource holds, and the change of ${d.replaces.join(", ")} ` +
        `replaces its instances: the replacement would adopt them again and then delete them. ` +
        `Remove adoptInstanceIds to replace them with new instances (the adoptInstanceIds argument is read by the first create only)`,
    },
  ];
}

/**
 * check's preflight of an adoption (`runinstances:preflight`), for the resource `h` runs: the
 * refusals of `adoption` (adoptionRefusals), from describes only; a call that fails is a failure
 * on adoptInstanceIds.
 */
export function adoptionPreflight<M>(
  h: { rt: Runtime; kind: string },
  news: Props,
  adoption: () => Adoption<M>,
): Promise<CheckFailure[]> {
  return preflight(
    h.rt,
    `preflight of ${h.kind} ${nameOf(news)}`,
    60_000,
    async (op) => (await adoptionRefusals(op, adoption())).refusals,
    (e) => preflightFailures(e, () => ADOPT_KEY, ADOPT_KEY, "the describe of adoptInstanceIds"),
  );
}

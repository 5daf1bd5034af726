/**
 * ECM's idempotency marks, in place of a ClientToken (the document reserves it): every instance is
 * tagged at create with marks that name the resource (`pulumi:resource`, a hash of its identity),
 * the generation of its instance set (`pulumi:generation`) and the request it was made from
 * (`pulumi:request`, a hash of the replace-relevant parameters, never of the password). Stacks
 * that exist hold these bytes: they must never change (test/provider/core/golden.test.ts).
 */
import { createHash } from "node:crypto";
import { Operation, Runtime, operation } from "../../core/context";
import { Poller } from "../../core/poller";
import type { Props } from "../../core/props";
import { documentedLimit, perSecond } from "../../core/ratelimit";
import { stableJson } from "../../core/stable-json";
import type { TencentTarget } from "../client";
import * as api from "./api";
import type { EcmArgs } from "./schema";
import { phaseOf } from "./status";

const KIND = "EcmInstance";

/** The tags that mark an instance as this resource's (their prefix is refused in tagSpecification). */
export const MARK_TAGS = {
  resource: "pulumi:resource",
  generation: "pulumi:generation",
  request: "pulumi:request",
} as const;

/** The marks of one instance set: which resource, which request, which generation. */
export interface Mark {
  resource: string;
  request: string;
  generation: number;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const resourceMark = (identity: unknown) => sha256(`${KIND}|${String(identity ?? "")}`).slice(0, 32);

/**
 * The marks of a resource's instance set: its identity (project/stack/name), and the request
 * without what is changed in place (name, security groups) and without the password (no secret
 * goes into a tag, not even hashed).
 */
export function markOf(inputs: Props, args: EcmArgs, generation: number): Mark {
  const req = api.runInstancesRequest(args) as unknown as Record<string, unknown>;
  delete req.Password;
  delete req.InstanceName;
  delete req.SecurityGroupIds;
  return {
    resource: resourceMark(inputs.__identity),
    request: sha256(stableJson(req)).slice(0, 16),
    generation,
  };
}

/** The resource and generation marks the state records (the request mark needs the arguments). */
export function storedMark(props: Props): Pick<Mark, "resource" | "generation"> {
  return {
    resource:
      typeof props.launchMark === "string" && props.launchMark
        ? props.launchMark
        : resourceMark(props.__identity),
    generation: Number(props.launchGeneration ?? 0) || 0,
  };
}

/** The marks of the set the state records, its request from the arguments. */
export function markOfProps(props: Props, args: EcmArgs): Mark {
  const mark = markOf(props, args, Number(props.launchGeneration ?? 0));
  return typeof props.launchMark === "string" && props.launchMark
    ? { ...mark, resource: props.launchMark }
    : mark;
}

export function markTags(mark: Mark): Record<string, string> {
  return {
    [MARK_TAGS.resource]: mark.resource,
    [MARK_TAGS.generation]: String(mark.generation),
    [MARK_TAGS.request]: mark.request,
  };
}

export function describeMark(mark: Mark): string {
  return `mark ${mark.resource.slice(0, 12)}.. generation ${mark.generation}`;
}

function tagOf(inst: api.EcmInstanceModel, key: string): string | undefined {
  return inst.TagSet?.find((t) => t.Key === key)?.Value;
}

/** Whether an instance carries the marks of this set: its generation and its request. */
export function inSet(inst: api.EcmInstanceModel, mark: Mark): boolean {
  return generationOf(inst) === mark.generation && tagOf(inst, MARK_TAGS.request) === mark.request;
}

function generationOf(inst: api.EcmInstanceModel): number | undefined {
  const g = Number(tagOf(inst, MARK_TAGS.generation));
  return Number.isInteger(g) && g >= 0 ? g : undefined;
}

/**
 * The mark searches of every EcmInstance in the process made at about the same time share one
 * DescribeInstances, up to 5 marks a call (as 5 ids): 50 resources created at once search in 10
 * calls, not in 50 at the describe's 20 a second. A failed search fails its waiters at once (the
 * call has retried what it may).
 */
function searches(rt: Runtime, t: TencentTarget): Poller<api.EcmInstanceModel[]> {
  return rt.pollers.get(
    `ecm-marks|${t.region}|${t.credentials.id}|${t.endpoint ?? ""}`,
    () =>
      new Poller<api.EcmInstanceModel[]>({
        batchSize: api.DESCRIBE_BATCH,
        describe: async (values) => {
          const op = operation(rt, "searching ECM instances by their marks", 120_000);
          const out = new Map(values.map((v) => [v, [] as api.EcmInstanceModel[]]));
          for (const i of await api.describeTagged(op, t, MARK_TAGS.resource, values)) {
            out.get(tagOf(i, MARK_TAGS.resource) ?? "")?.push(i);
          }
          return out;
        },
        clock: rt.clock,
        // Searches that start within 50 ms of each other share a call: the engine starts a
        // resource's create some ms after the one before, and a call takes 5 marks.
        minIntervalMs: 50,
        callsPerSecond: perSecond(documentedLimit("ecm", "DescribeInstances")),
        maxConsecutiveErrors: 1,
      }),
  );
}

/** Every instance carrying the resource's mark, oldest first. */
export async function marked(
  op: Operation,
  t: TencentTarget,
  mark: Pick<Mark, "resource">,
): Promise<api.EcmInstanceModel[]> {
  const what = `the instances marked ${MARK_TAGS.resource}=${mark.resource}`;
  const found = await searches(op.rt, t).wait([mark.resource], () => "done", op.deadline, what);
  return found.get(mark.resource) ?? [];
}

/**
 * The resource's marked instances: the newest generation is adopted when it is alive and was
 * made from the same request (an earlier attempt whose answer was lost, or a create repeated
 * after a crash). Otherwise the next generation is launched: after a destroy (only terminating
 * instances left), or beside the live instances of a replaced incarnation (another request).
 */
export async function survey(
  op: Operation,
  t: TencentTarget,
  wanted: Mark,
): Promise<{ mark: Mark; adopted: api.EcmInstanceModel[] }> {
  const all = await marked(op, t, wanted);
  const generations = all.map(generationOf).filter((g): g is number => g !== undefined);
  if (generations.length === 0) return { mark: wanted, adopted: [] };
  const newest = Math.max(...generations);
  const alive = all.filter((i) => generationOf(i) === newest && phaseOf(i) !== "gone");
  if (alive.length && alive.every((i) => tagOf(i, MARK_TAGS.request) === wanted.request)) {
    return { mark: { ...wanted, generation: newest }, adopted: alive };
  }
  return { mark: { ...wanted, generation: newest + 1 }, adopted: [] };
}

/**
 * Instances of this set (same resource, generation and request marks) that are not recorded:
 * bought by a RunInstances whose answer came too late for the create to see them.
 */
export async function strays(op: Operation, t: TencentTarget, mark: Mark, ids: string[]): Promise<string[]> {
  return (await marked(op, t, mark))
    .filter((i) => inSet(i, mark) && phaseOf(i) !== "gone" && !ids.includes(i.InstanceId!))
    .map((i) => i.InstanceId!);
}

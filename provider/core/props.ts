/**
 * Reading a resource's stored properties back: its arguments, identity, instance ids, launch
 * state and timeouts. The same for every resource.
 */
import type { z } from "zod";
import { checkArgs, userArgs } from "./check";
import { parseDuration } from "./duration";
import { DEFAULT_TIMEOUT_MS, Timeouts } from "./rules";

export type Props = Record<string, unknown>;

/** The arguments in stored inputs or outputs (outputs hold the arguments too), defaults applied. */
export function parseProps<T>(
  schema: z.ZodType<T>,
  props: Props,
  outputKeys: readonly string[],
  kind: string,
): T {
  const { args, failures } = checkArgs(schema, props, kind, outputKeys);
  if (args === undefined) {
    throw new Error(
      `${kind}: invalid arguments: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`,
    );
  }
  return args;
}

/** The stored arguments when every one of them is valid, else undefined. */
export function validArgs<T>(
  schema: z.ZodType<T>,
  props: Props,
  outputKeys: readonly string[],
): T | undefined {
  const r = schema.safeParse(argsIn(props, outputKeys));
  return r.success ? r.data : undefined;
}

function argsIn(props: Props, outputKeys: readonly string[]): Props {
  const input = userArgs(props);
  for (const k of outputKeys) delete input[k];
  return input;
}

/**
 * The arguments in stored properties for refresh and destroy, which work from whatever the state
 * holds: each argument as stored when it is valid on its own, else its default when it has one,
 * else left out. Never throws.
 */
export function storedArgs<S extends z.ZodObject>(
  schema: S,
  props: Props,
  outputKeys: readonly string[],
): Partial<z.output<S>> {
  const input = argsIn(props, outputKeys);
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const r = field.safeParse(input[key]);
    if (r.success && r.data !== undefined) out[key] = r.data;
  }
  return out as Partial<z.output<S>>;
}

/** The resource's name for messages: the last part of its identity (`project/stack/name`). */
export function nameOf(props: Props): string {
  const identity = String(props.__identity ?? "");
  return identity.split("/").pop() || String(props.instanceName ?? "");
}

/** The instance ids: the `instanceIds` output, else the resource id (ids joined by ","). */
export function idsOf(id: string, props: Props): string[] {
  const fromProps = props.instanceIds;
  if (Array.isArray(fromProps) && fromProps.length) return fromProps.map(String);
  return id ? id.split(",").filter(Boolean) : [];
}

/** The ClientToken and generation of the last launch. */
export function tokenOf(props: Props): { token: string; generation: number } {
  return { token: String(props.launchToken ?? ""), generation: Number(props.launchGeneration ?? 0) };
}

/** An operation's timeout: `timeouts.create` / `update` / `delete`, default 15 minutes. */
export function timeoutOf(
  timeouts: Timeouts | undefined,
  which: "create" | "update" | "delete",
  fallback = DEFAULT_TIMEOUT_MS,
): number {
  const v = timeouts?.[which];
  return v ? parseDuration(v) : fallback;
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join(",") === [...b].sort().join(",");
}

/**
 * Reading a resource's stored properties back: its arguments, identity, instance ids, launch
 * state and timeouts. The same for every resource.
 */
import type { z } from "zod";
import { userArgs } from "./check";
import { parseDuration } from "./clock";
import { DEFAULT_TIMEOUT_MS, Timeouts } from "./rules";

export type Props = Record<string, unknown>;

/** The arguments in stored inputs or outputs (outputs hold the arguments too), defaults applied. */
export function parseProps<T>(
  schema: z.ZodType<T>,
  props: Props,
  outputKeys: readonly string[],
  kind: string,
): T {
  const input = userArgs(props);
  for (const k of outputKeys) delete input[k];
  const r = schema.safeParse(input);
  if (!r.success) {
    throw new Error(
      `${kind}: invalid arguments: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  return r.data;
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

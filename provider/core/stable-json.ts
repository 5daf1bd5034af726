/**
 * JSON with the keys of every object sorted: the same value gives the same text, whatever order its
 * keys were set in. The derived ClientToken, ECM's marks and the diff's equality are built on it.
 */
import stringify from "fast-json-stable-stringify";

/**
 * The value as JSON, object keys sorted at every depth; undefined members are left out and
 * undefined list elements are null, as JSON.stringify does (undefined itself is "null").
 */
export function stableJson(value: unknown): string {
  return stringify(value) ?? "null";
}

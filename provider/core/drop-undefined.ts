/** Values Pulumi cannot hold: outputs go through Struct.fromJavaScript, which refuses undefined at any depth. */

/** The value without undefined members, at every depth (list elements are mapped, not dropped). */
export function dropUndefined<T>(v: T): T {
  if (Array.isArray(v)) return v.map(dropUndefined) as T;
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, dropUndefined(x)]),
    ) as T;
  }
  return v;
}

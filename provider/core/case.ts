/** camelCase arguments ↔ PascalCase API parameters, nesting kept. */

export type Pascal<T> =
  T extends Array<infer U>
    ? Array<Pascal<U>>
    : T extends object
      ? { [K in keyof T as Capitalize<K & string>]: Pascal<T[K]> }
      : T;

export type Camel<T> =
  T extends Array<infer U>
    ? Array<Camel<U>>
    : T extends object
      ? { [K in keyof T as Uncapitalize<K & string>]: Camel<T[K]> }
      : T;

export function pascalize<T>(v: T): Pascal<T> {
  if (Array.isArray(v)) return v.map(pascalize) as Pascal<T>;
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k.charAt(0).toUpperCase() + k.slice(1), pascalize(x)]),
    ) as Pascal<T>;
  }
  return v as Pascal<T>;
}

/** Drops undefined (also nested): Pulumi outputs cannot hold it. */
export function clean<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clean) as T;
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, clean(x)]),
    ) as T;
  }
  return v;
}

/** camelCase arguments → PascalCase API parameters, nesting kept. */

/** Names an API spells otherwise than by capitalizing (ECM: `Isp` is ISP). */
type Spelled<K, A> = K extends keyof A ? A[K] : K;

/** T with every key capitalized at every depth, the keys of A spelled as A says. */
export type Pascal<T, A = Record<never, never>> =
  T extends Array<infer U>
    ? Array<Pascal<U, A>>
    : T extends object
      ? { [K in keyof T as Spelled<Capitalize<K & string>, A> & string]: Pascal<T[K], A> }
      : T;

/** The value with every key capitalized (the keys of `spelled` as it says), undefined members left out. */
export function pascalize<T, A extends Record<string, string> = Record<never, never>>(
  v: T,
  spelled?: A,
): Pascal<T, A> {
  if (Array.isArray(v)) return v.map((x) => pascalize(x, spelled)) as Pascal<T, A>;
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => {
          const key = k.charAt(0).toUpperCase() + k.slice(1);
          return [spelled?.[key] ?? key, pascalize(x, spelled)];
        }),
    ) as Pascal<T, A>;
  }
  return v as Pascal<T, A>;
}

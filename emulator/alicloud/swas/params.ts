/**
 * How SWAS reads its parameters: query-string values (strings), an empty one counting as absent,
 * with Alibaba's answers (Missing<Name>, Invalid<Name>.ValueNotSupported, InvalidParam). Alibaba
 * ignores parameters it does not know, so unknown ones are ignored here too.
 */
import type { Call } from "../../call";
import { ApiError } from "../../errors";
import { invalidParam, missing, valueNotSupported } from "./errors";

/** 003: Period and AutoRenewPeriod take {"1", "3", "6", "12", "24", "36"} months (SDK: RenewInstance too). */
const PERIODS = [1, 3, 6, 12, 24, 36];

/** A parameter's value; an empty string counts as absent. */
export function param(call: Call, name: string): string | undefined {
  const v = call.params[name];
  return v === undefined || v === null || v === "" ? undefined : String(v);
}

/** Required parameters, checked in the document's order. */
export function requireAll(call: Call, names: string[]): void {
  for (const name of names) if (param(call, name) === undefined) throw missing(name);
}

export function integer(call: Call, name: string, invalid: () => ApiError): number | undefined {
  const v = param(call, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw invalid();
  return Number(v);
}

export function boolean(call: Call, name: string): boolean | undefined {
  const v = param(call, name);
  if (v === undefined) return undefined;
  if (v !== "true" && v !== "false") throw invalidParam();
  return v === "true";
}

/** 003: a subscription length in months, one of 1, 3, 6, 12, 24, 36. */
export function months(call: Call, name: string): number | undefined {
  const n = integer(call, name, () => valueNotSupported(name));
  if (n !== undefined && !PERIODS.includes(n)) throw valueNotSupported(name);
  return n;
}

/** 003: ClientToken holds only ASCII characters, at most 64. */
export function clientToken(call: Call): string | undefined {
  const token = param(call, "ClientToken");
  if (token !== undefined && (token.length > 64 || !/^[\x20-\x7e]+$/.test(token))) throw invalidParam();
  return token;
}

/** A string parameter holding a JSON array of strings (SDK: InstanceIds, PublicIpAddresses, ImageIds). */
export function jsonList(
  call: Call,
  name: string,
  max: number,
  invalid: () => ApiError,
): string[] | undefined {
  const raw = param(call, name);
  if (raw === undefined) return undefined;
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    throw invalid();
  }
  if (!Array.isArray(list) || list.length > max || !list.every((x) => typeof x === "string")) throw invalid();
  return list as string[];
}

/** RegionId is required and must be a SWAS region. */
export function region(call: Call): string {
  const id = param(call, "RegionId");
  if (id === undefined) throw missing("RegionId");
  if (!call.world.catalogue.alibaba.swas.regions.includes(id)) {
    throw new ApiError(
      "RegionIdNotMatchHost",
      "The parameter regionId does not match the endpoint host.",
      400,
    );
  }
  return id;
}

/** Metadata: PageNumber 1 to 1000 (default 1); SDK: PageSize at most 100 (default 10). */
export function page(call: Call): { PageNumber: number; PageSize: number } {
  const PageNumber = integer(call, "PageNumber", invalidParam) ?? 1;
  const PageSize = integer(call, "PageSize", invalidParam) ?? 10;
  if (PageNumber < 1 || PageNumber > 1000 || PageSize < 1 || PageSize > 100) throw invalidParam();
  return { PageNumber, PageSize };
}

export function paginate<T>(items: T[], p: { PageNumber: number; PageSize: number }): T[] {
  return items.slice((p.PageNumber - 1) * p.PageSize, p.PageNumber * p.PageSize);
}

/** SDK ListInstancesRequestTag: Tag.N.Key and Tag.N.Value, N 1 to 20, each 1 to 64 characters. */
export function tagFilter(call: Call): Array<{ key: string; value?: string }> {
  const tags: Array<{ key: string; value?: string }> = [];
  for (const [name, raw] of Object.entries(call.params)) {
    const m = /^Tag\.(\d+)\.Key$/.exec(name);
    if (!m) continue;
    const n = Number(m[1]);
    const key = String(raw);
    const value = param(call, `Tag.${n}.Value`);
    if (n < 1 || n > 20 || key.length < 1 || key.length > 64 || (value?.length ?? 0) > 64)
      throw invalidParam();
    tags.push({ key, value });
  }
  return tags;
}

/** SDK ListInstances InstanceName: "*" is a wildcard; without one the name must match exactly. */
export function nameMatches(pattern: string, name: string): boolean {
  const escaped = pattern.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`, "s").test(name);
}

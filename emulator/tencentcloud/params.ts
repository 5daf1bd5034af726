/**
 * Request parameters of Tencent Cloud API 3.0 actions: names, types, presence, with the
 * cloud's answers (UnknownParameter, InvalidParameter, MissingParameter). Shared by the
 * ECM and HAI handlers.
 */
import { ApiError, missingParameter, unknownParameter } from "../errors";

export type Obj = Record<string, unknown>;

/** Tencent Cloud refuses parameters the action does not define (UnknownParameter). */
export function allowOnly(obj: Obj, names: readonly string[], prefix = ""): void {
  for (const key of Object.keys(obj)) {
    if (!names.includes(key)) throw unknownParameter(prefix ? `${prefix}.${key}` : key);
  }
}

export function wrongType(path: string, kind: string): ApiError {
  return new ApiError("InvalidParameter", `The value of parameter \`${path}\` must be of type ${kind}.`);
}

export function invalidValue(path: string, why: string): ApiError {
  return new ApiError("InvalidParameterValue", `The value of parameter \`${path}\` is invalid: ${why}.`);
}

export function required<T>(value: T | undefined, path: string): T {
  if (value === undefined) throw missingParameter(path);
  return value;
}

export function field(obj: Obj, name: string, prefix: string): [unknown, string] {
  return [obj[name], prefix ? `${prefix}.${name}` : name];
}

export function optStr(obj: Obj, name: string, prefix = ""): string | undefined {
  const [v, path] = field(obj, name, prefix);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw wrongType(path, "String");
  return v;
}

export function optInt(obj: Obj, name: string, prefix = ""): number | undefined {
  const [v, path] = field(obj, name, prefix);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v)) throw wrongType(path, "Integer");
  return v;
}

export function optBool(obj: Obj, name: string, prefix = ""): boolean | undefined {
  const [v, path] = field(obj, name, prefix);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean") throw wrongType(path, "Boolean");
  return v;
}

export function optObj(obj: Obj, name: string, prefix = ""): Obj | undefined {
  const [v, path] = field(obj, name, prefix);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object" || Array.isArray(v)) throw wrongType(path, "Object");
  return v as Obj;
}

export function optStrList(obj: Obj, name: string, prefix = ""): string[] | undefined {
  const [v, path] = field(obj, name, prefix);
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw wrongType(path, "Array of String");
  return v as string[];
}

export function optObjList(obj: Obj, name: string, prefix = ""): Obj[] | undefined {
  const [v, path] = field(obj, name, prefix);
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => !x || typeof x !== "object" || Array.isArray(x))) {
    throw wrongType(path, "Array of Object");
  }
  return v as Obj[];
}

/** "YYYY-MM-DD HH:MM:SS" in Beijing time, as ECM and HAI format times. */
export function beijingTime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace("T", " ").slice(0, 19);
}

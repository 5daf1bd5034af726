/**
 * The one way the Tencent Cloud services read request parameters. Each action declares its
 * request shape with the SDK's own request model as the type (`obj<RunInstancesRequest>({...})`):
 * Fields<T> needs one entry per field of the model, so a field the model has and the shape lacks,
 * or the other way round, fails to compile. Every request is checked against its shape before the
 * action runs: a name the model does not have is UnknownParameter, a value of the wrong type
 * InvalidParameter; null counts as absent.
 */
import { ApiError } from "../errors";
import { unknownParameter } from "./errors";

export type Spec = "string" | "integer" | "boolean" | { array: Spec } | { fields: Record<string, Spec> };
/** One spec per field of the SDK model T: a field missing or added here fails to compile. */
export type Fields<T> = { [K in keyof Required<T>]: Spec };

export const S = "string";
export const I = "integer";
export const B = "boolean";
export const arr = (of: Spec): Spec => ({ array: of });

/** The shape of model T; `legacy` names fields of earlier versions of the model that are still accepted. */
export function obj<T>(fields: Fields<T>, legacy: Record<string, Spec> = {}): Spec {
  return { fields: { ...fields, ...legacy } };
}

/** An action whose request model is `null` in the SDK: it takes no parameter. */
export const NO_PARAMETERS: Spec = { fields: {} };

/** The request checked against its shape, as the model type, without its null values. */
export function readRequest<T>(params: Record<string, unknown>, spec: Spec): T {
  return read(params, spec, "") as T;
}

function read(value: unknown, spec: Spec, path: string): unknown {
  if (typeof spec === "string") return readScalar(value, spec, path);
  if ("array" in spec) {
    if (!Array.isArray(value)) throw invalidType(path, "an array");
    return value.map((item, i) => read(item, spec.array, `${path}.${i}`));
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw invalidType(path, "an object");
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const name = path ? `${path}.${key}` : key;
    const sub = spec.fields[key];
    if (!sub) throw unknownParameter(name);
    if (item !== null && item !== undefined) out[key] = read(item, sub, name);
  }
  return out;
}

function readScalar(value: unknown, type: "string" | "integer" | "boolean", path: string): unknown {
  if (type === "string" && typeof value !== "string") throw invalidType(path, "a string");
  if (type === "integer" && !Number.isInteger(value)) throw invalidType(path, "an integer");
  if (type === "boolean" && typeof value !== "boolean") throw invalidType(path, "a boolean");
  return value;
}

function invalidType(name: string, what: string): ApiError {
  return new ApiError("InvalidParameter", `The parameter \`${name}\` must be ${what}.`);
}

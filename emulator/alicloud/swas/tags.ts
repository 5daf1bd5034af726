/**
 * TagResources and UntagResources on servers (SDK TagResourcesRequest, UntagResourcesRequest).
 * ResourceType takes instance, snapshot, customimage, command, firewallrule or disk; only servers
 * are emulated, so the ids of any other type are not found. Every id is looked up before anything
 * changes: one unknown id refuses the whole call. Servers take tags in any state.
 */
import type { Call } from "../../call";
import { invalidParam, missing, notFound, valueNotSupported } from "./errors";
import { boolean, clientToken, param, region, requireAll, tagFilter } from "./params";
import { server } from "./models";

/** SDK TagResourcesRequest ResourceType. */
const RESOURCE_TYPES = ["instance", "snapshot", "customimage", "command", "firewallrule", "disk"];

/** SDK: ResourceId holds up to 50 ids; Tag and TagKey up to 20 entries. */
const MAX_RESOURCES = 50;
const MAX_TAGS = 20;

/**
 * SDK TagResourcesRequestTag Key: not empty, at most 64 characters, no "http://" or "https://",
 * not starting with "acs:" or "aliyun"; Value: at most 64 characters, may be empty.
 */
function validKey(key: string): boolean {
  return key.length >= 1 && key.length <= 64 && !/https?:\/\//.test(key) && !/^(acs:|aliyun)/.test(key);
}

/** The values of a list parameter as the SDK flattens it: Name.1, Name.2, ... */
function numbered(call: Call, name: string): string[] {
  const re = new RegExp(`^${name}\\.(\\d+)$`);
  return Object.keys(call.params)
    .map((k) => re.exec(k))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((m) => String(call.params[m[0]]));
}

/** The servers a call names (ResourceType, ResourceId.N), all found, or the call is refused. */
function resources(call: Call) {
  const regionId = region(call);
  requireAll(call, ["ResourceType"]);
  clientToken(call);
  const type = param(call, "ResourceType")!;
  if (!RESOURCE_TYPES.includes(type)) throw valueNotSupported("ResourceType");
  const ids = numbered(call, "ResourceId");
  if (ids.length === 0) throw missing("ResourceId");
  if (ids.length > MAX_RESOURCES) throw invalidParam();
  if (type !== "instance") throw notFound("InstanceId");
  return ids.map((id) => server(call, regionId, id));
}

/** SDK TagResources: adds the tags; a key already on a server takes the new value. */
export function TagResources(call: Call): Record<string, unknown> {
  const tags = tagFilter(call);
  const targets = resources(call);
  if (tags.length === 0) throw missing("Tag");
  if (tags.length > MAX_TAGS || !tags.every((t) => validKey(t.key) && (t.value ?? "").length <= 64))
    throw invalidParam();
  for (const inst of targets) for (const t of tags) inst.tags[t.key] = t.value ?? "";
  return {};
}

/** SDK UntagResources: removes the keys TagKey.N, or every tag with All true when no key is named. */
export function UntagResources(call: Call): Record<string, unknown> {
  const targets = resources(call);
  const keys = numbered(call, "TagKey");
  const all = boolean(call, "All") ?? false;
  if (keys.length > MAX_TAGS) throw invalidParam();
  if (keys.length === 0 && !all) throw missing("TagKey");
  for (const inst of targets) {
    for (const k of keys.length ? keys : Object.keys(inst.tags)) delete inst.tags[k];
  }
  return {};
}

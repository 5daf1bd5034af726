/** ModifyResourceTags: replaces and deletes the tags of one of the caller's instances. */
import type { ModifyResourceTagsRequest } from "tencentcloud-sdk-nodejs/tencentcloud/services/tag/v20180813/tag_models";
import type { Call } from "../../call";
import type { InstanceService } from "../../instance";
import { ApiError } from "../../errors";
import { missingParameter } from "../errors";
import { MAX_TAGS_PER_REQUEST, MAX_TAGS_PER_RESOURCE, tagProblem } from "./rules";
import { MODIFY_CODES, resourceNotFound } from "./errors";

/** Services whose instances the emulator keeps and the resource prefix of their instances. */
const TAGGABLE: Partial<Record<string, InstanceService>> = { cvm: "cvm", ecm: "ecm", hai: "hai" };

export function modifyResourceTags(call: Call, req: ModifyResourceTagsRequest): Record<string, unknown> {
  if (req.Resource === undefined) throw missingParameter("Resource");
  const target = parseResource(req.Resource);
  // "ReplaceTags和DeleteTags二者必须存在其一 ... 可以不传该参数，但不能是空数组" (ModifyResourceTagsRequest).
  if (req.ReplaceTags === undefined && req.DeleteTags === undefined) throw missingParameter("ReplaceTags");
  const replace = checkReplaceTags(req.ReplaceTags);
  const remove = checkDeleteTags(req.DeleteTags);
  // "二者不能包含相同的标签键".
  const both = remove.find((key) => key in replace);
  if (both !== undefined) {
    throw new ApiError(
      "InvalidParameterValue.DeleteTagsParamError",
      `DeleteTags cannot contain the tag key \`${both}\` of ReplaceTags.`,
    );
  }
  const inst = findResource(call, target);
  const tags = { ...inst.tags };
  for (const key of remove) delete tags[key];
  Object.assign(tags, replace);
  if (Object.keys(tags).length > MAX_TAGS_PER_RESOURCE) {
    throw new ApiError(
      "LimitExceeded.ResourceAttachedTags",
      `A resource can carry at most ${MAX_TAGS_PER_RESOURCE} tags; \`${req.Resource}\` would carry ${Object.keys(tags).length}.`,
    );
  }
  inst.tags = tags;
  return {};
}

interface ResourceName {
  service: string;
  region: string;
  prefix: string;
  id: string;
}

/** The six-segment description `qcs:<project>:<service>:<region>:uin/<uin>:<prefix>/<id>` (the uin may be empty). */
function parseResource(resource: string): ResourceName {
  const parts = resource.split(":");
  const account = parts[4] ?? "";
  const last = /^([A-Za-z]+)\/(.+)$/.exec(parts[5] ?? "");
  if (
    parts.length !== 6 ||
    parts[0] !== "qcs" ||
    !/^[a-z]+$/.test(parts[2]) ||
    !/^uin\/\d*$/.test(account) ||
    !last
  ) {
    throw new ApiError(
      "InvalidParameterValue.ResourceDescriptionError",
      `The resource description \`${resource}\` is not a six-segment description qcs::<service>:<region>:uin/<uin>:<type>/<id>.`,
    );
  }
  return { service: parts[2], region: parts[3], prefix: last[1], id: last[2] };
}

/** The caller's instance the description names, in the region it names. */
function findResource(call: Call, target: ResourceName) {
  const service = TAGGABLE[target.service];
  const inst = service && target.prefix === "instance" ? call.world.get(target.id) : undefined;
  if (!inst || inst.service !== service || inst.account !== call.account || inst.region !== target.region) {
    throw resourceNotFound(`qcs::${target.service}:${target.region}:uin/:${target.prefix}/${target.id}`);
  }
  return inst;
}

function checkTagCount(name: string, count: number): void {
  if (count === 0) {
    throw new ApiError("InvalidParameter.Tag", `The parameter \`${name}\` cannot be an empty array.`);
  }
  if (count > MAX_TAGS_PER_REQUEST) {
    throw new ApiError(
      "InvalidParameter.Tag",
      `The parameter \`${name}\` holds at most ${MAX_TAGS_PER_REQUEST} tags.`,
    );
  }
}

function checkReplaceTags(tags: ModifyResourceTagsRequest["ReplaceTags"]): Record<string, string> {
  if (tags === undefined) return {};
  checkTagCount("ReplaceTags", tags.length);
  const out: Record<string, string> = {};
  tags.forEach((tag, i) => {
    if (tag.TagKey === undefined) throw missingParameter(`ReplaceTags.${i}.TagKey`);
    if (tag.TagValue === undefined) throw missingParameter(`ReplaceTags.${i}.TagValue`);
    const problem = tagProblem(tag.TagKey, tag.TagValue);
    if (problem) throw new ApiError(MODIFY_CODES[problem.problem], problem.message);
    if (tag.TagKey in out) {
      throw new ApiError("InvalidParameter.Tag", `ReplaceTags holds the tag key \`${tag.TagKey}\` twice.`);
    }
    out[tag.TagKey] = tag.TagValue;
  });
  return out;
}

function checkDeleteTags(tags: ModifyResourceTagsRequest["DeleteTags"]): string[] {
  if (tags === undefined) return [];
  checkTagCount("DeleteTags", tags.length);
  return tags.map((tag, i) => {
    if (tag.TagKey === undefined) throw missingParameter(`DeleteTags.${i}.TagKey`);
    if (tag.TagKey.length === 0) throw new ApiError(MODIFY_CODES.KeyEmpty, "The tag key cannot be empty.");
    return tag.TagKey;
  });
}

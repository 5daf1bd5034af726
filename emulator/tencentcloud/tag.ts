/**
 * Tencent Cloud Tag API 2018-08-13: ModifyResourceTags, applied to the emulated instances.
 *
 * Request shape: the SDK's ModifyResourceTagsRequest (tencentcloud-sdk-nodejs tag_models.d.ts).
 * Error codes: those the SDK lists for ModifyResourceTags (tencentcloud-sdk-go tag/v20180813
 * client.go); an unknown resource answers the common code ResourceNotFound.
 * The tag service is global: the request's Region header is not checked; the region is the
 * fourth segment of the six-segment resource description.
 */
import type { Call, Handlers } from "../call";
import type { InstanceService } from "../instance";
import { ApiError, missingParameter, unknownParameter } from "../errors";

/** Keys are at most 127 characters, values at most 255 (Tencent Cloud tag limits). */
const MAX_KEY_LENGTH = 127;
const MAX_VALUE_LENGTH = 255;
/** Letters (any script), digits, spaces and + - = . _ : / @ ( ) [ ] （ ） 【 】. */
const TAG_CHARACTERS = /^[\p{L}\p{N} +\-=._:/@()[\]（）【】]*$/u;
/** "系统预留标签键 qcloud、tencent和project 禁止创建" (tag errors.go, InvalidParameter.ReservedTagKey). */
const RESERVED_PREFIX = /^(qcloud|tencent|project)/i;
/** ReplaceTags / DeleteTags: "标签数量不超过10个" (ModifyResourceTagsRequest). */
const MAX_TAGS_PER_REQUEST = 10;
/** Tags one resource may carry. */
export const MAX_TAGS_PER_RESOURCE = 50;

export type TagProblem =
  | "KeyEmpty"
  | "KeyLengthExceeded"
  | "KeyCharacterIllegal"
  | "ReservedKey"
  | "ValueLengthExceeded"
  | "ValueCharacterIllegal";

/** What is wrong with a tag, if anything; each API maps the problem to its own error code. */
export function tagProblem(
  key: string,
  value?: string,
): { problem: TagProblem; message: string } | undefined {
  if (key.length === 0) return { problem: "KeyEmpty", message: "The tag key cannot be empty." };
  if ([...key].length > MAX_KEY_LENGTH) {
    return {
      problem: "KeyLengthExceeded",
      message: `The tag key \`${key}\` exceeds ${MAX_KEY_LENGTH} characters.`,
    };
  }
  if (!TAG_CHARACTERS.test(key)) {
    return {
      problem: "KeyCharacterIllegal",
      message: `The tag key \`${key}\` contains an illegal character.`,
    };
  }
  if (RESERVED_PREFIX.test(key)) {
    return {
      problem: "ReservedKey",
      message: `The tag key \`${key}\` is reserved: keys starting with qcloud, tencent or project cannot be created.`,
    };
  }
  if (value === undefined) return undefined;
  if ([...value].length > MAX_VALUE_LENGTH) {
    return {
      problem: "ValueLengthExceeded",
      message: `The value of tag \`${key}\` exceeds ${MAX_VALUE_LENGTH} characters.`,
    };
  }
  if (!TAG_CHARACTERS.test(value)) {
    return {
      problem: "ValueCharacterIllegal",
      message: `The value of tag \`${key}\` contains an illegal character.`,
    };
  }
  return undefined;
}

// ---- ModifyResourceTags -------------------------------------------------------------------------

interface ModifyResourceTagsParams {
  Resource?: string;
  ReplaceTags?: Array<{ TagKey?: string; TagValue?: string; Category?: string }>;
  DeleteTags?: Array<{ TagKey?: string }>;
}

/** ModifyResourceTags code of each tag problem (SDK error list of the action). */
const MODIFY_CODES: Record<TagProblem, string> = {
  KeyEmpty: "InvalidParameterValue.TagKeyEmpty",
  KeyLengthExceeded: "InvalidParameterValue.TagKeyLengthExceeded",
  KeyCharacterIllegal: "InvalidParameterValue.TagKeyCharacterIllegal",
  ReservedKey: "InvalidParameter.ReservedTagKey",
  ValueLengthExceeded: "InvalidParameterValue.TagValueLengthExceeded",
  ValueCharacterIllegal: "InvalidParameterValue.TagValueCharacterIllegal",
};

/** Services whose instances the emulator keeps and the resource prefix of their instances. */
const TAGGABLE: Partial<Record<string, InstanceService>> = { cvm: "cvm", ecm: "ecm", hai: "hai" };

function modifyResourceTags(call: Call): Record<string, unknown> {
  const req = checkModifyShape(call.params);
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

/** Parameters the SDK model knows, with their types; anything else is UnknownParameter. */
function checkModifyShape(params: Record<string, unknown>): ModifyResourceTagsParams {
  const known: Record<string, string[]> = {
    ReplaceTags: ["TagKey", "TagValue", "Category"],
    DeleteTags: ["TagKey"],
  };
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    if (name === "Resource") {
      if (typeof value !== "string") throw invalidType(name, "a string");
      continue;
    }
    const fields = known[name];
    if (!fields) throw unknownParameter(name);
    if (!Array.isArray(value)) throw invalidType(name, "an array");
    value.forEach((item: unknown, i) => {
      if (!item || typeof item !== "object" || Array.isArray(item)) {
        throw invalidType(`${name}.${i}`, "an object");
      }
      for (const [field, v] of Object.entries(item)) {
        if (!fields.includes(field)) throw unknownParameter(`${name}.${i}.${field}`);
        if (v !== null && v !== undefined && typeof v !== "string") {
          throw invalidType(`${name}.${i}.${field}`, "a string");
        }
      }
    });
  }
  return params as ModifyResourceTagsParams;
}

function invalidType(name: string, what: string): ApiError {
  return new ApiError("InvalidParameter", `The parameter \`${name}\` must be ${what}.`);
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
    throw new ApiError(
      "ResourceNotFound",
      `The resource \`qcs::${target.service}:${target.region}:uin/:${target.prefix}/${target.id}\` does not exist.`,
    );
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

function checkReplaceTags(tags: ModifyResourceTagsParams["ReplaceTags"]): Record<string, string> {
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

function checkDeleteTags(tags: ModifyResourceTagsParams["DeleteTags"]): string[] {
  if (tags === undefined) return [];
  checkTagCount("DeleteTags", tags.length);
  return tags.map((tag, i) => {
    if (tag.TagKey === undefined) throw missingParameter(`DeleteTags.${i}.TagKey`);
    if (tag.TagKey.length === 0) throw new ApiError(MODIFY_CODES.KeyEmpty, "The tag key cannot be empty.");
    return tag.TagKey;
  });
}

export const tagHandlers: Handlers = {
  ModifyResourceTags: modifyResourceTags,
};

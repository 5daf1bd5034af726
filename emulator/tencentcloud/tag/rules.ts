/**
 * Tencent Cloud's tag rules: what a key and a value may hold, how many tags a resource carries.
 * Each API that takes tags maps a problem to its own error code (Tag's ModifyResourceTags,
 * CVM's RunInstances).
 */

/** Keys are at most 127 characters, values at most 255 (Tencent Cloud tag limits). */
const MAX_KEY_LENGTH = 127;
const MAX_VALUE_LENGTH = 255;
/** Letters (any script), digits, spaces and + - = . _ : / @ ( ) [ ] （ ） 【 】. */
const TAG_CHARACTERS = /^[\p{L}\p{N} +\-=._:/@()[\]（）【】]*$/u;
/** "系统预留标签键 qcloud、tencent和project 禁止创建" (tag errors.go, InvalidParameter.ReservedTagKey). */
const RESERVED_PREFIX = /^(qcloud|tencent|project)/i;
/** ReplaceTags / DeleteTags: "标签数量不超过10个" (ModifyResourceTagsRequest). */
export const MAX_TAGS_PER_REQUEST = 10;
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

/** The ModifyResourceTags errors (the SDK's error list of the action; ResourceNotFound is a common code). */
import { ApiError } from "../../errors";
import type { TagProblem } from "./rules";

/** ModifyResourceTags code of each tag problem. */
export const MODIFY_CODES: Record<TagProblem, string> = {
  KeyEmpty: "InvalidParameterValue.TagKeyEmpty",
  KeyLengthExceeded: "InvalidParameterValue.TagKeyLengthExceeded",
  KeyCharacterIllegal: "InvalidParameterValue.TagKeyCharacterIllegal",
  ReservedKey: "InvalidParameter.ReservedTagKey",
  ValueLengthExceeded: "InvalidParameterValue.TagValueLengthExceeded",
  ValueCharacterIllegal: "InvalidParameterValue.TagValueCharacterIllegal",
};

export function resourceNotFound(description: string): ApiError {
  return new ApiError("ResourceNotFound", `The resource \`${description}\` does not exist.`);
}

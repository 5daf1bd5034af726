/** The request shape of Tag 2018-08-13: the SDK's request model (tencentcloud-sdk-nodejs tag_models.d.ts). */
import type {
  ModifyResourceTagsRequest,
  Tag,
  TagKeyObject,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/tag/v20180813/tag_models";
import { S, arr, obj } from "../shapes";

export const MODIFY_RESOURCE_TAGS = obj<ModifyResourceTagsRequest>({
  Resource: S,
  ReplaceTags: arr(obj<Tag>({ TagKey: S, TagValue: S, Category: S })),
  DeleteTags: arr(obj<TagKeyObject>({ TagKey: S })),
});

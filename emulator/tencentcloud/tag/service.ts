/**
 * Tencent Cloud Tag API 2018-08-13: ModifyResourceTags, applied to the emulated instances.
 *
 * Request shape: the SDK's ModifyResourceTagsRequest (shapes.ts). Error codes: those the SDK lists
 * for ModifyResourceTags (tencentcloud-sdk-go tag/v20180813 client.go); an unknown resource answers
 * the common code ResourceNotFound. The tag service is global: the request's Region header is not
 * checked; the region is the fourth segment of the six-segment resource description.
 */
import type { ServiceDefinition } from "../../call";
import { action } from "../common";
import { MODIFY_RESOURCE_TAGS } from "./shapes";
import { modifyResourceTags } from "./modify";

export const tag: ServiceDefinition = {
  service: "tag",
  version: "2018-08-13",
  handlers: { ModifyResourceTags: action(MODIFY_RESOURCE_TAGS, modifyResourceTags) },
  rateLimits: { default: { calls: 20, windowMs: 1000 } },
};

/**
 * RunInstances (001): what comes with the instances - a termination timer, placement groups,
 * tags, spot options, user data, metadata.
 */
import type {
  ActionTimer,
  InstanceMarketOptionsRequest,
  Metadata,
  TagSpecification,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import type { World } from "../../world";
import { ApiError } from "../../errors";
import { invalidParameterValue, missingParameter } from "../errors";
import { MAX_TAGS_PER_RESOURCE, TagProblem, tagProblem } from "../tag/rules";

const USER_DATA_MAX = 16 * 1024;

/** SDK ActionTimer: TimerAction TerminateInstances only; ActionTime YYYY-MM-DDThh:mm:ssZ, 5 minutes ahead at least. */
export function checkActionTimer(world: World, timer: ActionTimer | undefined): number | undefined {
  if (!timer) return undefined;
  if (timer.TimerAction === undefined) throw missingParameter("ActionTimer.TimerAction");
  if (timer.TimerAction !== "TerminateInstances") {
    throw invalidParameterValue("ActionTimer.TimerAction", "only TerminateInstances is supported");
  }
  if (timer.ActionTime === undefined) throw missingParameter("ActionTimer.ActionTime");
  const at = Date.parse(timer.ActionTime);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(timer.ActionTime) || Number.isNaN(at)) {
    throw new ApiError(
      "InvalidParameterValue.InvalidTimeFormat",
      `ActionTimer.ActionTime \`${timer.ActionTime}\` is not in the format YYYY-MM-DDThh:mm:ssZ.`,
    );
  }
  if (at < world.now() + 5 * 60_000) {
    throw invalidParameterValue("ActionTimer.ActionTime", "the time must be at least 5 minutes from now");
  }
  return at;
}

/** 001 DisasterRecoverGroupIds: "You can only specify one"; ids ps-xxxxxxxx. */
export function checkDisasterRecoverGroups(ids: string[] | undefined): void {
  if (!ids) return;
  if (ids.length > 1) {
    throw new ApiError(
      "InvalidParameterValue.LimitExceeded",
      "Only one DisasterRecoverGroupIds can be specified.",
    );
  }
  const bad = ids.find((id) => !/^ps-[a-z0-9]{8}$/.test(id));
  if (bad !== undefined) {
    throw new ApiError(
      "FailedOperation.DisasterRecoverGroupNotFound",
      `The placement group \`${bad}\` does not exist.`,
    );
  }
}

/** RunInstances code of each tag problem (001 / SDK codes). */
const RUN_TAG_CODES: Record<TagProblem, string> = {
  KeyEmpty: "FailedOperation.IllegalTagKey",
  KeyLengthExceeded: "FailedOperation.IllegalTagKey",
  KeyCharacterIllegal: "FailedOperation.IllegalTagKey",
  ReservedKey: "FailedOperation.TagKeyReserved",
  ValueLengthExceeded: "FailedOperation.IllegalTagValue",
  ValueCharacterIllegal: "FailedOperation.IllegalTagValue",
};

/** TagSpecification (SDK): tags for the instance ("instance") and its disks ("disk"). */
export function checkTagSpecification(specs: TagSpecification[] | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  (specs ?? []).forEach((spec, i) => {
    if (spec.ResourceType === undefined) throw missingParameter(`TagSpecification.${i}.ResourceType`);
    if (!["instance", "disk"].includes(spec.ResourceType)) {
      throw invalidParameterValue(
        `TagSpecification.${i}.ResourceType`,
        "RunInstances tags resources of type instance or disk",
      );
    }
    if (spec.Tags === undefined) throw missingParameter(`TagSpecification.${i}.Tags`);
    spec.Tags.forEach((tag, j) => {
      if (tag.Key === undefined) throw missingParameter(`TagSpecification.${i}.Tags.${j}.Key`);
      if (tag.Value === undefined) throw missingParameter(`TagSpecification.${i}.Tags.${j}.Value`);
      const problem = tagProblem(tag.Key, tag.Value);
      if (problem) throw new ApiError(RUN_TAG_CODES[problem.problem], problem.message);
      if (spec.ResourceType !== "instance") return;
      if (tag.Key in tags) {
        throw new ApiError(
          "InvalidParameterValue.DuplicateTags",
          `The tag key \`${tag.Key}\` is given twice.`,
        );
      }
      tags[tag.Key] = tag.Value;
    });
  });
  if (Object.keys(tags).length > MAX_TAGS_PER_RESOURCE) {
    throw new ApiError(
      "InvalidParameterValue.TagQuotaLimitExceeded",
      `An instance can carry at most ${MAX_TAGS_PER_RESOURCE} tags; ${Object.keys(tags).length} were given.`,
    );
  }
  return tags;
}

/** InstanceMarketOptions (SDK): spot options for SPOTPAID; MarketType spot, SpotInstanceType one-time. */
export function checkMarketOptions(
  options: InstanceMarketOptionsRequest | undefined,
  chargeType: string,
): void {
  if (!options) return;
  if (chargeType !== "SPOTPAID") {
    throw new ApiError(
      "InvalidParameterCombination",
      "InstanceMarketOptions requires InstanceChargeType SPOTPAID.",
    );
  }
  if (options.MarketType !== undefined && options.MarketType !== "spot") {
    throw invalidParameterValue("InstanceMarketOptions.MarketType", "only spot is supported");
  }
  const spot = options.SpotOptions;
  if (!spot) throw missingParameter("InstanceMarketOptions.SpotOptions");
  if (spot.MaxPrice === undefined) throw missingParameter("InstanceMarketOptions.SpotOptions.MaxPrice");
  if (!/^\d+(\.\d+)?$/.test(spot.MaxPrice)) {
    throw invalidParameterValue(
      "InstanceMarketOptions.SpotOptions.MaxPrice",
      "the price must be a decimal number",
    );
  }
  if (spot.SpotInstanceType !== undefined && spot.SpotInstanceType !== "one-time") {
    throw invalidParameterValue(
      "InstanceMarketOptions.SpotOptions.SpotInstanceType",
      "only one-time is supported",
    );
  }
}

/** 001 UserData: "encoded in base64 format with the maximum size of 16KB". */
export function checkUserData(userData: string | undefined): void {
  if (userData === undefined) return;
  const base64 = userData.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(userData);
  if (!base64 || userData.length > USER_DATA_MAX) {
    throw new ApiError(
      "InvalidParameterValue.InvalidUserDataFormat",
      "Incorrect UserData format. Use the Base64-encoded format, at most 16 KB.",
    );
  }
}

/** SDK MetadataItem: keys of [A-Za-z0-9_-] up to 128 bytes, values up to 256 KB. */
export function checkMetadata(metadata: Metadata | undefined): void {
  const items = metadata?.Items ?? [];
  const keys = new Set<string>();
  items.forEach((item, i) => {
    if (item.Key === undefined) throw missingParameter(`Metadata.Items.${i}.Key`);
    if (item.Value === undefined) throw missingParameter(`Metadata.Items.${i}.Value`);
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(item.Key)) {
      throw invalidParameterValue(`Metadata.Items.${i}.Key`, "keys hold 1 to 128 of A-Z a-z 0-9 _ -");
    }
    if (Buffer.byteLength(item.Value) > 256 * 1024) {
      throw invalidParameterValue(`Metadata.Items.${i}.Value`, "values hold at most 256 KB");
    }
    if (keys.has(item.Key)) {
      throw new ApiError(
        "InvalidParameterValue.Duplicate",
        `The metadata key \`${item.Key}\` is given twice.`,
      );
    }
    keys.add(item.Key);
  });
}

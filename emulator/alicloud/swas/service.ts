/**
 * Alibaba Cloud Simple Application Server (swas-open 2020-06-01).
 *
 * CreateInstances follows its API document (swas-open 2020-06-01, "003" in the comments:
 * https://help.aliyun.com/zh/simple-application-server/developer-reference/api-swas-open-2020-06-01-createinstances); the other
 * actions follow the request/response models and doc comments of @alicloud/swas-open20200601
 * ("SDK"), with the error codes and HTTP statuses of the swas-open API metadata ("metadata").
 * Parameters arrive as query-string values (params.ts).
 *
 * Choices where the documents are silent (see each function):
 * - an injected launch failure ends in Disabled: SWAS has no LAUNCH_FAILED state;
 * - a new server is named after its id;
 * - an unknown RegionId is RegionIdNotMatchHost: each real endpoint serves one region;
 * - a subscription ends at midnight Beijing time; then AutoRenew renews it, or the server is
 *   Disabled (BusinessStatus Expired, DisableReason EXPIRED) and released 15 days later;
 * - the password is kept only as a salted SHA-256 hash (attrs.PasswordHash), never returned;
 * - a batch Start/Stop/RebootInstances with a server in the wrong state refuses the whole call.
 */
import type { ServiceDefinition } from "../../call";
import { CreateInstances } from "./create";
import { ListImages, ListInstanceStatus, ListInstances, ListPlans } from "./list";
import {
  RebootInstance,
  RebootInstances,
  RenewInstance,
  ResetSystem,
  StartInstance,
  StartInstances,
  StopInstance,
  StopInstances,
  UpdateInstanceAttribute,
  UpgradeInstance,
} from "./operations";
import { TagResources, UntagResources } from "./tags";

export const swas: ServiceDefinition = {
  service: "swas",
  version: "2020-06-01",
  handlers: {
    CreateInstances,
    ListInstances,
    ListInstanceStatus,
    UpdateInstanceAttribute,
    StartInstance,
    StopInstance,
    RebootInstance,
    StartInstances,
    StopInstances,
    RebootInstances,
    RenewInstance,
    UpgradeInstance,
    ResetSystem,
    ListPlans,
    ListImages,
    TagResources,
    UntagResources,
  },
  // Documented: 10 calls per minute per account for each action (ResetSystem included).
  rateLimits: { default: { calls: 10, windowMs: 60_000 } },
};

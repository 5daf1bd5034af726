/**
 * Tencent Cloud HAI (high-performance application service), API 2023-08-12: RunInstances,
 * DescribeInstances, TerminateInstances, StartInstance, StopInstance, ResizeInstanceDisk.
 *
 * Sources, cited at each rule:
 * - "doc": HAI RunInstances 2023-08-12, https://cloud.tencent.com/document/api/1721/101517 (with its error codes).
 * - "SDK <Model>.<Field>": the request models of tencentcloud-sdk-nodejs
 *   (tencentcloud/services/hai/v20230812/hai_models.d.ts) and its client's action notes.
 * - "SDK errors <Action>": the per-action error lists of tencentcloud-sdk-go hai/v20230812/client.go.
 */
import type { ServiceDefinition } from "../../call";
import { action } from "../common";
import { haiRegion } from "./models";
import {
  DESCRIBE_INSTANCES,
  RESIZE_INSTANCE_DISK,
  RUN_INSTANCES,
  START_INSTANCE,
  STOP_INSTANCE,
  TERMINATE_INSTANCES,
} from "./shapes";
import { runInstances } from "./run";
import { describeInstances } from "./describe";
import { resizeInstanceDisk, startInstance, stopInstance, terminateInstances } from "./operations";

export const hai: ServiceDefinition = {
  service: "hai",
  version: "2023-08-12",
  handlers: {
    RunInstances: action(RUN_INSTANCES, runInstances, haiRegion),
    DescribeInstances: action(DESCRIBE_INSTANCES, describeInstances, haiRegion),
    TerminateInstances: action(TERMINATE_INSTANCES, terminateInstances, haiRegion),
    StartInstance: action(START_INSTANCE, startInstance, haiRegion),
    StopInstance: action(STOP_INSTANCE, stopInstance, haiRegion),
    ResizeInstanceDisk: action(RESIZE_INSTANCE_DISK, resizeInstanceDisk, haiRegion),
  },
  rateLimits: { default: { calls: 20, windowMs: 1000 } },
};

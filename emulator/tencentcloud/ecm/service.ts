/**
 * Tencent Cloud ECM (edge computing machine), API 2019-07-19: RunInstances, DescribeInstances,
 * TerminateInstances, ModifyInstancesAttribute, and the in-place operations (operations.ts):
 * StartInstances, StopInstances, ResetInstancesPassword, ResetInstancesMaxBandwidth, ResetInstances.
 *
 * Sources, cited at each rule:
 * - "doc": ECM RunInstances 2019-07-19, https://www.tencentcloud.com/document/product/1119/45708 (with its error codes).
 * - "SDK <Model>.<Field>": the request models of tencentcloud-sdk-nodejs
 *   (tencentcloud/services/ecm/v20190719/ecm_models.d.ts), for what the document does not state.
 * - "SDK errors <Action>": the per-action error lists of tencentcloud-sdk-go ecm/v20190719/client.go.
 *
 * ECM calls may carry no X-TC-Region ("Region: not required", doc): an instance's region is its
 * zone's ECM region, and an account sees all of its ECM instances whatever the call's region.
 */
import type { ServiceDefinition } from "../../call";
import { action } from "../common";
import {
  DESCRIBE_INSTANCES,
  MODIFY_INSTANCES_ATTRIBUTE,
  RESET_INSTANCES,
  RESET_INSTANCES_MAX_BANDWIDTH,
  RESET_INSTANCES_PASSWORD,
  RUN_INSTANCES,
  START_INSTANCES,
  STOP_INSTANCES,
  TERMINATE_INSTANCES,
} from "./shapes";
import { runInstances } from "./run";
import { describeInstances } from "./describe";
import { modifyInstancesAttribute, terminateInstances } from "./instances";
import {
  resetInstances,
  resetInstancesMaxBandwidth,
  resetInstancesPassword,
  startInstances,
  stopInstances,
} from "./operations";

export const ecm: ServiceDefinition = {
  service: "ecm",
  version: "2019-07-19",
  handlers: {
    RunInstances: action(RUN_INSTANCES, runInstances),
    DescribeInstances: action(DESCRIBE_INSTANCES, describeInstances),
    TerminateInstances: action(TERMINATE_INSTANCES, terminateInstances),
    ModifyInstancesAttribute: action(MODIFY_INSTANCES_ATTRIBUTE, modifyInstancesAttribute),
    StartInstances: action(START_INSTANCES, startInstances),
    StopInstances: action(STOP_INSTANCES, stopInstances),
    ResetInstancesPassword: action(RESET_INSTANCES_PASSWORD, resetInstancesPassword),
    ResetInstancesMaxBandwidth: action(RESET_INSTANCES_MAX_BANDWIDTH, resetInstancesMaxBandwidth),
    ResetInstances: action(RESET_INSTANCES, resetInstances),
  },
  // "20 requests per second" for every instance action (the ECM action pages).
  rateLimits: { default: { calls: 20, windowMs: 1000 } },
};

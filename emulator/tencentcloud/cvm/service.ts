/**
 * Tencent Cloud CVM API 2017-03-12: RunInstances (document 001, "001" in the comments),
 * DescribeInstances, TerminateInstances, ModifyInstancesAttribute, DescribeZones,
 * DescribeInstanceTypeConfigs.
 *
 * Request shapes are the SDK's request models (shapes.ts; "SDK" in the comments: the doc comments
 * of tencentcloud-sdk-nodejs cvm_models.d.ts). Error codes are the document's; where it is silent,
 * those the SDK lists for the action (tencentcloud-sdk-go cvm/v20170312 client.go, "SDK codes").
 */
import type { ServiceDefinition } from "../../call";
import { action } from "../common";
import { regionOf } from "./models";
import {
  DESCRIBE_INSTANCES,
  DESCRIBE_INSTANCE_TYPE_CONFIGS,
  DESCRIBE_ZONES,
  MODIFY_INSTANCES_ATTRIBUTE,
  RUN_INSTANCES,
  TERMINATE_INSTANCES,
} from "./shapes";
import { runInstances } from "./run";
import { describeInstances } from "./describe";
import { terminateInstances } from "./terminate";
import { modifyInstancesAttribute } from "./modify";
import { describeInstanceTypeConfigs, describeZones } from "./zones";

const perSecond = (calls: number) => ({ calls, windowMs: 1000 });

export const cvm: ServiceDefinition = {
  service: "cvm",
  version: "2017-03-12",
  handlers: {
    RunInstances: action(RUN_INSTANCES, runInstances, regionOf),
    DescribeInstances: action(DESCRIBE_INSTANCES, describeInstances, regionOf),
    TerminateInstances: action(TERMINATE_INSTANCES, terminateInstances, regionOf),
    ModifyInstancesAttribute: action(MODIFY_INSTANCES_ATTRIBUTE, modifyInstancesAttribute, regionOf),
    DescribeZones: action(DESCRIBE_ZONES, describeZones, regionOf),
    DescribeInstanceTypeConfigs: action(
      DESCRIBE_INSTANCE_TYPE_CONFIGS,
      describeInstanceTypeConfigs,
      regionOf,
    ),
  },
  // Documented: RunInstances, TerminateInstances, ModifyInstancesAttribute 10/s; DescribeInstances 40/s.
  rateLimits: {
    default: perSecond(10),
    actions: {
      DescribeInstances: perSecond(40),
      DescribeInstanceTypeConfigs: perSecond(40),
      DescribeZones: perSecond(20),
    },
  },
};

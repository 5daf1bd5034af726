/**
 * Tencent Cloud CVM API 2017-03-12: RunInstances (document 001, "001" in the comments),
 * DescribeInstances, TerminateInstances, ModifyInstancesAttribute, DescribeZones,
 * DescribeInstanceTypeConfigs; the in-place changes StartInstances, StopInstances,
 * ResetInstancesType, ResetInstancesPassword, Associate/DisassociateInstancesKeyPairs,
 * ResetInstance, ResizeInstanceDisks, ResetInstancesInternetMaxBandwidth, ModifyInstancesProject,
 * ModifyInstancesRenewFlag (each on 213/15689 and its own page, cited in its file).
 *
 * Request shapes are the SDK's request models (shapes.ts; "SDK" in the comments: the doc comments
 * of tencentcloud-sdk-nodejs cvm_models.d.ts). Error codes are the document's; where it is silent,
 * those the SDK lists for the action (tencentcloud-sdk-go cvm/v20170312 client.go, "SDK codes").
 */
import type { ServiceDefinition } from "../../call";
import { action } from "../common";
import { regionOf } from "./models";
import {
  ASSOCIATE_INSTANCES_KEY_PAIRS,
  DISASSOCIATE_INSTANCES_KEY_PAIRS,
  MODIFY_INSTANCES_PROJECT,
  MODIFY_INSTANCES_RENEW_FLAG,
  RESET_INSTANCE,
  RESET_INSTANCES_INTERNET_MAX_BANDWIDTH,
  RESET_INSTANCES_PASSWORD,
  RESET_INSTANCES_TYPE,
  RESIZE_INSTANCE_DISKS,
  START_INSTANCES,
  STOP_INSTANCES,
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
import { modifyInstancesAttribute, modifyInstancesProject, modifyInstancesRenewFlag } from "./modify";
import { startInstances, stopInstances } from "./power";
import {
  associateInstancesKeyPairs,
  disassociateInstancesKeyPairs,
  resetInstance,
  resetInstancesPassword,
  resetInstancesType,
} from "./reset";
import { resetInstancesInternetMaxBandwidth, resizeInstanceDisks } from "./resize";
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
    ModifyInstancesProject: action(MODIFY_INSTANCES_PROJECT, modifyInstancesProject, regionOf),
    ModifyInstancesRenewFlag: action(MODIFY_INSTANCES_RENEW_FLAG, modifyInstancesRenewFlag, regionOf),
    StartInstances: action(START_INSTANCES, startInstances, regionOf),
    StopInstances: action(STOP_INSTANCES, stopInstances, regionOf),
    ResetInstancesType: action(RESET_INSTANCES_TYPE, resetInstancesType, regionOf),
    ResetInstancesPassword: action(RESET_INSTANCES_PASSWORD, resetInstancesPassword, regionOf),
    AssociateInstancesKeyPairs: action(ASSOCIATE_INSTANCES_KEY_PAIRS, associateInstancesKeyPairs, regionOf),
    DisassociateInstancesKeyPairs: action(
      DISASSOCIATE_INSTANCES_KEY_PAIRS,
      disassociateInstancesKeyPairs,
      regionOf,
    ),
    ResetInstance: action(RESET_INSTANCE, resetInstance, regionOf),
    ResizeInstanceDisks: action(RESIZE_INSTANCE_DISKS, resizeInstanceDisks, regionOf),
    ResetInstancesInternetMaxBandwidth: action(
      RESET_INSTANCES_INTERNET_MAX_BANDWIDTH,
      resetInstancesInternetMaxBandwidth,
      regionOf,
    ),
    DescribeZones: action(DESCRIBE_ZONES, describeZones, regionOf),
    DescribeInstanceTypeConfigs: action(
      DESCRIBE_INSTANCE_TYPE_CONFIGS,
      describeInstanceTypeConfigs,
      regionOf,
    ),
  },
  // Documented (213/15689): RunInstances, TerminateInstances and every in-place action 10/s;
  // DescribeInstances 40/s.
  rateLimits: {
    default: perSecond(10),
    actions: {
      DescribeInstances: perSecond(40),
      DescribeInstanceTypeConfigs: perSecond(40),
      DescribeZones: perSecond(20),
    },
  },
};

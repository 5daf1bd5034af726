/**
 * Tencent Cloud CBS API 2017-03-12 (the version CVM uses; routing.ts tells them apart by the
 * action): ResizeDisk and DescribeDisks over the disks of the emulated CVM instances.
 * Rate limits (362/15634): ResizeDisk 20/s, DescribeDisks 100/s. Error codes: those the SDK lists
 * for each action (tencentcloud-sdk-go cbs/v20170312 client.go).
 */
import type { ServiceDefinition } from "../../call";
import { action } from "../common";
import { regionOf } from "../cvm/models";
import { DESCRIBE_DISKS, RESIZE_DISK } from "./shapes";
import { describeDisks, resizeDisk } from "./disks";

export const cbs: ServiceDefinition = {
  service: "cbs",
  version: "2017-03-12",
  handlers: {
    ResizeDisk: action(RESIZE_DISK, resizeDisk, regionOf),
    DescribeDisks: action(DESCRIBE_DISKS, describeDisks, regionOf),
  },
  rateLimits: {
    default: { calls: 20, windowMs: 1000 },
    actions: { DescribeDisks: { calls: 100, windowMs: 1000 } },
  },
};

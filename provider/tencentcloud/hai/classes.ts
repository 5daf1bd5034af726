/**
 * How a change of each HaiInstance argument is made: in place (by which HAI 2023-08-12 action of
 * tencentcloud-sdk-nodejs 4.1.313, and whether the instances are stopped for it), by replacing the
 * instances (why), or refused at check (why). HAI's in-place instance actions are StartInstance,
 * StopInstance, ResizeInstanceDisk and ResetInstancesPassword; the last has no argument here (HAI
 * RunInstances takes no password). test/provider/tencentcloud/hai/classes.test.ts holds the diff to it.
 */
import { ADOPT_CLASS, ArgumentClass } from "../../core/diff";
import type { HaiArgs } from "./schema";

const replace = (why: string): ArgumentClass => ({ kind: "replace", why });

/** The system disk's two fields are classed apart. */
type Key = Exclude<keyof HaiArgs, "systemDisk"> | "systemDisk.diskType" | "systemDisk.diskSize";

export const ARGUMENT_CLASSES: Record<Key, ArgumentClass> = {
  region: replace("the instances are in the region; HAI has no action that moves one"),
  applicationId: replace("HAI has no reinstall: the application is installed at launch"),
  bundleType: replace("HAI has no action that changes an instance's bundle"),
  "systemDisk.diskType": replace("ResizeInstanceDisk takes only DiskSize: no action changes the disk type"),
  "systemDisk.diskSize": {
    kind: "in-place",
    action: "ResizeInstanceDisk (larger only; a smaller size is refused at check: it only grows a disk)",
    stops: false,
  },
  instanceCount: replace("a different count is another set of instances (RunInstances InstanceCount)"),
  instanceName: replace("HAI has no rename action"),
  clientToken: { kind: "in-place", action: "none: only the create that used it", stops: false },
  running: { kind: "in-place", action: "StartInstance / StopInstance (STOP_CHARGE)", stops: false },
  timeouts: { kind: "in-place", action: "none: the provider's own setting", stops: false },
  adoptInstanceIds: ADOPT_CLASS,
};

/**
 * How a change of each CvmInstance argument is made: in place by the API action named (and
 * whether the instance is stopped for it, then started again unless `running: false`), by a
 * replacement, or refused at check. The diff (diff.ts) is this table; docs-inplace-cvm.md is this
 * table for the README. Pages: https://cloud.tencent.com/document/api/213/<n>.
 */
import { ADOPT_CLASS, ArgumentClasses } from "../../core/diff";

const attribute = { kind: "in-place", action: "ModifyInstancesAttribute", stops: false } as const;
const stateOnly = { kind: "in-place", action: "(none: the provider's own setting)", stops: false } as const;
const replace = (why: string) => ({ kind: "replace", why }) as const;

export const ARGUMENT_CLASSES: ArgumentClasses = {
  region: replace("an instance cannot move to another region"),
  "placement.zone": replace("no action moves an instance to another availability zone"),
  "placement.projectId": { kind: "in-place", action: "ModifyInstancesProject", stops: false },
  "placement.hostIds": replace("no action moves an instance to another dedicated host"),
  "placement.hostId": replace("no action moves an instance to another dedicated host"),
  imageId: {
    kind: "in-place",
    action: "ResetInstance",
    stops: false,
    note: 'a reinstall: the system disk is wiped; `replaceOnChanges: ["imageId"]` gets a new instance instead',
  },
  instanceChargeType: replace(
    "a change of charge type (ModifyInstancesChargeType) is not made by this resource",
  ),
  "instanceChargePrepaid.period": replace("the subscription period is bought with the instance"),
  "instanceChargePrepaid.renewFlag": { kind: "in-place", action: "ModifyInstancesRenewFlag", stops: false },
  instanceType: {
    kind: "in-place",
    action: "ResetInstancesType",
    stops: true,
    note: "cloud system disks only; a local one is refused at check",
  },
  "systemDisk.diskType": replace(
    'no action changes the system disk\'s type (ResetInstance: "不能修改系统盘的类型")',
  ),
  "systemDisk.diskSize": {
    kind: "in-place",
    action: "ResizeInstanceDisks",
    stops: false,
    note: "ResizeOnline on a running instance; larger only, a smaller size is refused at check",
  },
  "systemDisk.diskName": replace("the disk's name is given at launch only"),
  dataDisks: replace("adding or removing data disks replaces"),
  "dataDisks[].diskSize": {
    kind: "in-place",
    action: "CBS ResizeDisk",
    stops: false,
    note: "elastic cloud disks; larger only, a smaller size is refused at check",
  },
  "dataDisks[].diskType": replace("no action changes a disk's type in place"),
  "dataDisks[].deleteWithInstance": replace("given at launch only"),
  "dataDisks[].snapshotId": replace("a disk is created from a snapshot at launch only"),
  "dataDisks[].encrypt": replace("encryption is chosen when the disk is created"),
  "dataDisks[].kmsKeyId": replace("encryption is chosen when the disk is created"),
  "dataDisks[].diskName": replace("the disk's name is given at launch only"),
  virtualPrivateCloud: replace("the network (ModifyInstancesVpcAttribute) is not changed by this resource"),
  "internetAccessible.internetChargeType": replace("the public network's charge type is chosen at launch"),
  "internetAccessible.internetMaxBandwidthOut": {
    kind: "in-place",
    action: "ResetInstancesInternetMaxBandwidth",
    stops: false,
    note: "BANDWIDTH_PREPAID: larger only (a smaller one is refused at check), until the instance expires",
  },
  "internetAccessible.publicIpAssigned": replace("a public IP is assigned at launch"),
  "internetAccessible.bandwidthPackageId": replace("the bandwidth package is chosen at launch"),
  instanceCount: { kind: "in-place", action: "RunInstances / TerminateInstances", stops: false },
  instanceName: attribute,
  "loginSettings.password": { kind: "in-place", action: "ResetInstancesPassword", stops: true },
  "loginSettings.keyIds": {
    kind: "in-place",
    action: "DisassociateInstancesKeyPairs / AssociateInstancesKeyPairs",
    stops: true,
    note: "Linux only",
  },
  "loginSettings.keepImageLogin": replace("the image's login settings are kept only at launch or reinstall"),
  securityGroupIds: { ...attribute, note: "the order is the priority: a new order is a change" },
  enhancedService: replace("the agents are installed at launch"),
  clientToken: stateOnly,
  hostName: { ...attribute, note: "the instance reboots" },
  actionTimer: replace("the scheduled termination is set at launch"),
  disasterRecoverGroupIds: replace("the placement group is chosen at launch"),
  adoptInstanceIds: ADOPT_CLASS,
  tagSpecification: { kind: "in-place", action: "Tag ModifyResourceTags", stops: false },
  instanceMarketOptions: replace("a spot bid is made at launch"),
  userData: attribute,
  camRoleName: attribute,
  hpcClusterId: replace("the HPC cluster is chosen at launch"),
  disableApiTermination: attribute,
  running: { kind: "in-place", action: "StartInstances / StopInstances", stops: false },
  stoppedMode: { kind: "in-place", action: "StopInstances (StoppedMode)", stops: false },
  releasePrepaid: stateOnly,
  timeouts: stateOnly,
};

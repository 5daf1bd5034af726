/**
 * How a change of each CvmHourlyInstance argument is made. In place through the CvmInstance
 * provider's update (cvm/changes.ts) on the translated arguments (translate.ts): the same action
 * as the CvmInstance argument each one becomes (cvm/classes.ts).
 */
import type { ArgumentClasses } from "../../core/diff";
import { ARGUMENT_CLASSES as CVM } from "../cvm/classes";

const replace = (why: string) => ({ kind: "replace", why }) as const;
const type = {
  kind: "in-place",
  action: "ResetInstancesType",
  stops: true,
  note: "on the instance type cpu + mem translate to in the same family; cloud disks (storageType 2) only, else refused at check",
} as const;

export const ARGUMENT_CLASSES: ArgumentClasses = {
  region: CVM.region,
  zoneId: CVM["placement.zone"],
  cpu: type,
  mem: type,
  imageId: CVM.imageId,
  storageSize: replace("the data disk (storageSize 0: none) is bought with the instance"),
  instanceType: replace("the legacy family is translated at launch"),
  imageType: replace("the kind of image is given at launch"),
  bandwidthType: CVM["internetAccessible.internetChargeType"],
  bandwidth: {
    kind: "in-place",
    action: "ResetInstancesInternetMaxBandwidth",
    stops: false,
    note: "from or to 0 replaces: a public IP is assigned at launch only (wanIp)",
  },
  wanIp: CVM["internetAccessible.publicIpAssigned"],
  vpcId: CVM.virtualPrivateCloud,
  subnetId: CVM.virtualPrivateCloud,
  isVpcGateway: CVM.virtualPrivateCloud,
  storageType: CVM["systemDisk.diskType"],
  rootSize: CVM["systemDisk.diskSize"],
  password: CVM["loginSettings.password"],
  keyId: CVM["loginSettings.keyIds"],
  needSecurityAgent: CVM.enhancedService,
  needMonitorAgent: CVM.enhancedService,
  projectId: CVM["placement.projectId"],
  instanceName: CVM.instanceName,
  goodsNum: CVM.instanceCount,
  clientToken: CVM.clientToken,
  privateIpAddresses: CVM.virtualPrivateCloud,
  adoptInstanceIds: CVM.adoptInstanceIds,
  timeouts: CVM.timeouts,
};

/**
 * How a change of each EcmInstance argument is made: in place (by which ECM 2019-07-19 action, and
 * whether the instances are stopped for it), by replacing the instances (why), or refused at check
 * (why). The actions are those of tencentcloud-sdk-nodejs 4.1.313 ecm_client (SDK).
 * test/provider/tencentcloud/ecm/classes.test.ts holds the diff and check to it (core/classes.ts).
 */
import { ADOPT_CLASS, ArgumentClass } from "../../core/diff";
import type { EcmArgs } from "./schema";

const replace = (why: string): ArgumentClass => ({ kind: "replace", why });
const NO_DISK_ACTION = "ECM has no action that resizes or changes the disks of an existing instance (SDK)";

export const ARGUMENT_CLASSES: Record<keyof EcmArgs, ArgumentClass> = {
  region: {
    kind: "in-place",
    action: "none: only routes the calls (the zones place the instances)",
    stops: false,
  },
  zoneInstanceCountISPSet: replace(
    "the zones, ISPs, networks and counts are where and how many instances are bought",
  ),
  password: { kind: "in-place", action: "ResetInstancesPassword", stops: true },
  internetMaxBandwidthOut: { kind: "in-place", action: "ResetInstancesMaxBandwidth", stops: false },
  internetMaxBandwidthIn: { kind: "in-place", action: "ResetInstancesMaxBandwidth", stops: false },
  moduleId: replace(
    "an instance's module is fixed at launch (the Module actions change a module, not its instances)",
  ),
  imageId: { kind: "in-place", action: "ResetInstances", stops: false },
  instanceName: { kind: "in-place", action: "ModifyInstancesAttribute", stops: false },
  hostName: replace(
    "ModifyInstancesAttribute takes only InstanceName and SecurityGroups; only RunInstances sets the host name",
  ),
  clientToken: { kind: "refused", why: "reserved by ECM RunInstances (doc: ClientToken): must not be set" },
  enhancedService: replace(
    "the services are installed at launch; only a reinstall takes EnhancedService again",
  ),
  tagSpecification: replace(
    "the instances' tags carry the idempotency marks and ECM has no action that retags an instance",
  ),
  userData: replace("only RunInstances takes UserData"),
  instanceType: replace("ECM has no action that changes an instance's model (no ResetInstancesType, SDK)"),
  dataDiskSize: replace(NO_DISK_ACTION),
  securityGroupIds: { kind: "in-place", action: "ModifyInstancesAttribute", stops: false },
  systemDiskSize: replace(NO_DISK_ACTION),
  instanceChargeType: replace("ECM has no action that changes an instance's billing"),
  keyIds: replace(
    "ECM has DisassociateInstancesKeyPairs but no AssociateInstancesKeyPairs, and ResetInstances takes no KeyIds (SDK)",
  ),
  keepImageLogin: replace("only RunInstances and a reinstall take KeepImageLogin"),
  systemDisk: replace(NO_DISK_ACTION),
  dataDisks: replace(NO_DISK_ACTION),
  running: { kind: "in-place", action: "StartInstances / StopInstances", stops: false },
  timeouts: { kind: "in-place", action: "none: the provider's own setting", stops: false },
  adoptInstanceIds: ADOPT_CLASS,
};

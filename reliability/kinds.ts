/**
 * The table of resource kinds the reliability suite covers: one row per kind, with what every
 * case needs to know about it (its provider, a valid request, the emulator's names for its
 * actions and states, an in-place change, and its catalogue of bad input from its API document).
 * The cases (cases.ts) are generated from these rows; a new kind is a new row.
 */
import type { Instance, RunningEmulator } from "pulumi-runinstances/emulator";
import type { Runtime } from "../provider/core/context";
import { makeCvmProvider } from "../provider/tencentcloud/cvm/provider";
import { makeHaiProvider } from "../provider/tencentcloud/hai/provider";
import { makeEcmProvider } from "../provider/tencentcloud/ecm/provider";
import { makeCvmHourlyProvider } from "../provider/tencentcloud/cvm-hourly/provider";
import { makeSwasProvider } from "../provider/alicloud/swas/provider";

export type Props = Record<string, unknown>;

/** The provider methods the cases call (a dynamic.ResourceProvider with every method present). */
export interface Provider {
  check(
    olds: Props,
    news: Props,
  ): Promise<{ inputs?: Props; failures?: { property: string; reason: string }[] }>;
  create(inputs: Props): Promise<{ id: string; outs?: Props }>;
  read(id: string, props: Props): Promise<{ id?: string; props?: Props }>;
  update(id: string, olds: Props, news: Props): Promise<{ outs?: Props }>;
  delete(id: string, props: Props): Promise<void>;
}

/** Removes the key when given as a value in a bad-input case. */
export const REMOVE = "\u0000remove";

export interface BadInput {
  /** What is wrong, e.g. "instanceName of 61 characters". */
  name: string;
  /** Dotted paths (array indices as numbers) set on a copy of the valid arguments; REMOVE deletes. */
  set: Record<string, unknown>;
  /** The property check must name. */
  property: string;
  /** A fragment the reason must contain besides the document (the rule, an error code). */
  rule?: RegExp;
  /** Also run through the engine path (`up`), as a sample. */
  engine?: boolean;
}

export interface Fault {
  code: string;
  httpStatus?: number;
}

export interface Kind {
  /** The resource class, e.g. CvmInstance. */
  kind: string;
  /** Its folder under provider/ (and the package path pulumi-runinstances/provider/<module>). */
  module: string;
  /** The emulator's service of its instances. */
  service: "cvm" | "ecm" | "hai" | "swas";
  /** The API document (../shared/api-docs) and how check failures cite it (or the SDK model it defers to). */
  docFile: string;
  cites: RegExp;
  provider(rt: Runtime): Provider;
  /** Key of the resource identity the resource class adds to the inputs. */
  identityKey: string;
  /** A valid request for `count` instances, without the password. */
  args: Props;
  count: number;
  /** Where the password goes, and one that satisfies the kind's rules (unique: the scan looks for it). */
  password?: { path: string; value: string };
  /** Outputs listed in additionalSecretOutputs (the password's top-level argument). */
  secretOutputs: string[];
  actions: {
    create: string;
    /** The describes the provider polls with. */
    describe: string[];
    /** What delete calls first (TerminateInstances, or StopInstances for SWAS). */
    delete: string;
  };
  /** Emulator states: running; gone for good or on the way (not counted as existing servers). */
  running: string;
  gone: string[];
  /** After delete: the servers are gone, or (SWAS, no delete API) stopped and still paid. */
  afterDelete: "gone" | "stopped";
  /** An in-place change, the call it makes, and how the emulator shows it done. */
  update: { patch: Props; action: string; done(inst: Instance): boolean };
  throttle: Fault;
  internal: Fault;
  /** RunInstances is idempotent by ClientToken (ECM: by tags the provider looks for first). */
  idempotency: string;
  /**
   * A failed launch: the state the server shows; and what the next update needs to replace it
   * (SWAS cannot release a server: replacing one is opted into).
   */
  launchFailure: { state: string; optIn?: Props; why?: string };
  /** check sends a dry run when preflight is on (ECM has no DryRun). */
  preflight: boolean;
  /** Also kill the host while the create call itself is in flight (the answer lost), with these arguments changed. */
  killInFlight?: Props;
  badInput: BadInput[];
}

const bad = (
  name: string,
  set: Record<string, unknown>,
  property: string,
  rule?: RegExp,
  engine = false,
): BadInput => ({ name, set, property, ...(rule ? { rule } : {}), ...(engine ? { engine } : {}) });

const HUGE = "x".repeat(100_000);
const NON_ASCII_TOKEN = "令牌-clienttoken-ü";
const base64Of = (bytes: number) => Buffer.alloc(bytes, 7).toString("base64");

// ---- CvmInstance: CVM RunInstances 2017-03-12 (001) ---------------------------------------------

/** What every Tencent Cloud kind shares: API 3.0 actions, states and error codes. */
const TENCENT = {
  actions: { create: "RunInstances", describe: ["DescribeInstances"], delete: "TerminateInstances" },
  running: "RUNNING",
  gone: ["TERMINATING"],
  afterDelete: "gone",
  throttle: { code: "RequestLimitExceeded" },
  internal: { code: "InternalError" },
  idempotency: "ClientToken",
  launchFailure: { state: "LAUNCH_FAILED" },
  preflight: true,
} as const satisfies Partial<Kind>;

const cvm: Kind = {
  ...TENCENT,
  kind: "CvmInstance",
  module: "tencentcloud/cvm",
  service: "cvm",
  docFile: "001_a7a3d0e143710629.txt",
  cites: /CVM RunInstances 2017-03-12/,
  provider: (rt) => makeCvmProvider(rt) as unknown as Provider,
  identityKey: "__identity",
  args: {
    placement: { zone: "ap-guangzhou-3" },
    imageId: "img-pmqg1cw7",
    instanceType: "S5.MEDIUM4",
    instanceCount: 2,
    instanceName: "rel-{R:1}",
  },
  count: 2,
  password: { path: "loginSettings.password", value: "Rel1abil@CvmPw" },
  secretOutputs: ["loginSettings"],
  update: {
    patch: { instanceName: "upd-{R:1}" },
    action: "ModifyInstancesAttribute",
    done: (i) => i.name.startsWith("upd-"),
  },
  killInFlight: { instanceName: "fly-{R:1}" },
  badInput: [
    bad("placement missing", { placement: REMOVE }, "placement", undefined, true),
    bad("placement as a string", { placement: "ap-guangzhou-3" }, "placement"),
    bad("placement.zone missing", { "placement.zone": REMOVE }, "placement.zone"),
    bad("placement.zone empty", { "placement.zone": "" }, "placement.zone", /availability zone/),
    bad("placement.zone without its number", { "placement.zone": "ap-guangzhou" }, "placement.zone"),
    bad("placement.hostIds malformed", { "placement.hostIds": ["host-1"] }, "placement.hostIds[0]", /host-/),
    bad("imageId missing", { imageId: REMOVE }, "imageId"),
    bad("imageId empty", { imageId: "" }, "imageId", /InvalidImageId\.Malformed/),
    bad("imageId of 7 characters after img-", { imageId: "img-pmqg1cw" }, "imageId", /img-xxxxxxxx/),
    bad("imageId of 9 characters after img-", { imageId: "img-pmqg1cw7x" }, "imageId", /img-xxxxxxxx/),
    bad("imageId as a number", { imageId: 12345678 }, "imageId", undefined, true),
    bad("instanceType in lower case", { instanceType: "s5.medium4" }, "instanceType", /Malformed/),
    bad("instanceChargeType not in the list", { instanceChargeType: "MONTHLY" }, "instanceChargeType"),
    bad(
      "PREPAID without instanceChargePrepaid",
      { instanceChargeType: "PREPAID" },
      "instanceChargePrepaid",
      /required/,
    ),
    bad(
      "instanceChargePrepaid.period 13 (1-12, 24, 36)",
      { instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 13 } },
      "instanceChargePrepaid.period",
      /InvalidPeriod/,
    ),
    bad(
      "instanceChargePrepaid.period 0",
      { instanceChargeType: "PREPAID", instanceChargePrepaid: { period: 0 } },
      "instanceChargePrepaid.period",
      /InvalidPeriod/,
    ),
    bad(
      "instanceChargePrepaid with a postpaid charge type",
      { instanceChargePrepaid: { period: 1 } },
      "instanceChargePrepaid",
      /only applies/,
    ),
    bad("instanceCount 0 (range [1, 100])", { instanceCount: 0 }, "instanceCount", /\[1, 100\]/),
    bad("instanceCount 101", { instanceCount: 101 }, "instanceCount", /\[1, 100\]/),
    bad("instanceCount as a string", { instanceCount: "2" }, "instanceCount"),
    bad("instanceCount 1.5", { instanceCount: 1.5 }, "instanceCount"),
    bad(
      "instanceName of 61 characters",
      { instanceName: "n".repeat(61) },
      "instanceName",
      /InvalidInstanceName\.TooLong/,
    ),
    bad(
      "instanceName of 100 000 characters",
      { instanceName: HUGE },
      "instanceName",
      /InvalidInstanceName\.TooLong/,
      true,
    ),
    bad("instanceName as a number", { instanceName: 42 }, "instanceName"),
    bad(
      "password of 7 characters",
      { "loginSettings.password": "Ab1@xyz" },
      "loginSettings.password",
      /8-30/,
    ),
    bad(
      "password of 31 characters",
      { "loginSettings.password": "Ab1@" + "x".repeat(27) },
      "loginSettings.password",
      /8-30/,
    ),
    bad(
      "password with non-ASCII letters",
      { "loginSettings.password": "Pässwört123!" },
      "loginSettings.password",
      /may only contain/,
    ),
    bad(
      "password of one character class",
      { "loginSettings.password": "abcdefghijk" },
      "loginSettings.password",
      /at least two/,
    ),
    bad(
      "password together with keyIds",
      { loginSettings: { password: "Rel1abil@CvmPw", keyIds: ["skey-abcd1234"] } },
      "loginSettings",
      /InvalidParameterCombination/,
    ),
    bad("keyIds malformed", { "loginSettings.keyIds": ["key-1"] }, "loginSettings.keyIds[0]"),
    bad("hostName of 1 character", { hostName: "a" }, "hostName", /IllegalHostName/),
    bad("hostName starting with a hyphen", { hostName: "-web" }, "hostName", /IllegalHostName/),
    bad("hostName with consecutive periods", { hostName: "web..01" }, "hostName", /IllegalHostName/),
    bad("hostName with non-ASCII letters", { hostName: "wéb01" }, "hostName", /IllegalHostName/),
    bad(
      "clientToken of 65 characters",
      { clientToken: "t".repeat(65) },
      "clientToken",
      /InvalidClientToken\.TooLong/,
    ),
    bad(
      "clientToken with non-ASCII characters",
      { clientToken: NON_ASCII_TOKEN },
      "clientToken",
      /ASCII/,
      true,
    ),
    bad("clientToken empty", { clientToken: "" }, "clientToken"),
    bad("userData not base64", { userData: "#!/bin/sh echo hi" }, "userData", /InvalidUserDataFormat/),
    bad("userData over 16 KB", { userData: base64Of(16 * 1024) }, "userData", /16 KB/),
    bad(
      "22 data disks (at most 21)",
      { dataDisks: Array.from({ length: 22 }, () => ({ diskSize: 50, diskType: "CLOUD_PREMIUM" })) },
      "dataDisks",
      /at most 21/,
    ),
    bad(
      "a CLOUD_SSD data disk of 50 GB",
      { dataDisks: [{ diskSize: 50, diskType: "CLOUD_SSD" }] },
      "dataDisks[0].diskSize",
      /CloudSsdDataDiskSizeTooSmall/,
    ),
    bad(
      "two local data disks",
      { dataDisks: [{ diskSize: 50 }, { diskSize: 60, diskType: "LOCAL_SSD" }] },
      "dataDisks",
      /at most 1 LOCAL/,
    ),
    bad(
      "a data disk without diskSize",
      { dataDisks: [{ diskType: "CLOUD_PREMIUM" }] },
      "dataDisks[0].diskSize",
    ),
    bad(
      "vpcId malformed",
      { virtualPrivateCloud: { vpcId: "vpc-1", subnetId: "subnet-abcd1234" } },
      "virtualPrivateCloud.vpcId",
      /vpc-xxxxxxxx/,
    ),
    bad(
      "a VPC IP that is not IPv4",
      {
        instanceCount: 1,
        virtualPrivateCloud: {
          vpcId: "vpc-abcd1234",
          subnetId: "subnet-abcd1234",
          privateIpAddresses: ["10.0.0.300"],
        },
      },
      "virtualPrivateCloud.privateIpAddresses[0]",
      /InvalidIpFormat/,
    ),
    bad(
      "VPC IPs fewer than instanceCount",
      {
        virtualPrivateCloud: {
          vpcId: "vpc-abcd1234",
          subnetId: "subnet-abcd1234",
          privateIpAddresses: ["10.0.0.3"],
        },
      },
      "virtualPrivateCloud.privateIpAddresses",
      /must equal instanceCount/,
    ),
    bad("securityGroupIds malformed", { securityGroupIds: ["sg-1"] }, "securityGroupIds[0]", /sg-xxxxxxxx/),
    bad(
      "two placement groups",
      { disasterRecoverGroupIds: ["ps-abcd1234", "ps-abcd5678"] },
      "disasterRecoverGroupIds",
      /one placement group/,
    ),
    bad(
      "tags bound to disks",
      { tagSpecification: [{ resourceType: "disk", tags: [{ key: "a", value: "b" }] }] },
      "tagSpecification[0].resourceType",
      /resourceType must be "instance"/,
    ),
    bad(
      "an ActionTimer that stops",
      { actionTimer: { timerAction: "StopInstances", actionTime: "2030-01-01 00:00:00" } },
      "actionTimer.timerAction",
      /TerminateInstances/,
    ),
    bad(
      "spot options without SPOTPAID",
      { instanceMarketOptions: { spotOptions: { maxPrice: "0.5" } } },
      "instanceMarketOptions",
      /SPOTPAID/,
    ),
    bad("an unknown argument", { instanceTypes: ["S5.MEDIUM4"] }, "instanceTypes", undefined, true),
    bad("an unknown nested argument", { "systemDisk.size": 50 }, "systemDisk.size"),
    bad("systemDisk.diskType not in the list", { "systemDisk.diskType": "SSD" }, "systemDisk.diskType"),
    bad(
      "internetChargeType not in the list",
      { "internetAccessible.internetChargeType": "FREE" },
      "internetAccessible.internetChargeType",
    ),
  ],
};

// ---- HaiInstance: HAI RunInstances 2023-08-12 (000) ---------------------------------------------

const hai: Kind = {
  ...TENCENT,
  kind: "HaiInstance",
  module: "tencentcloud/hai",
  service: "hai",
  docFile: "000_25b0431ad08f2450.txt",
  cites: /HAI RunInstances 2023-08-12|SDK hai_models/,
  provider: (rt) => makeHaiProvider(rt) as unknown as Provider,
  identityKey: "__identity",
  args: { applicationId: "app-jknfna", bundleType: "XL", instanceCount: 2, instanceName: "rel" },
  count: 2,
  secretOutputs: [],
  gone: ["TERMINATING", "TERMINATED"],
  update: { patch: { running: false }, action: "StopInstance", done: (i) => i.state === "STOPPED_NO_CHARGE" },
  badInput: [
    bad("applicationId missing", { applicationId: REMOVE }, "applicationId", undefined, true),
    bad("applicationId empty", { applicationId: "" }, "applicationId", /InvalidApplicationIdMalformed/),
    bad("applicationId without app-", { applicationId: "jknfna" }, "applicationId", /app-/),
    bad("applicationId in upper case", { applicationId: "APP-JKNFNA" }, "applicationId"),
    bad("applicationId as a number", { applicationId: 7 }, "applicationId"),
    bad("bundleType missing", { bundleType: REMOVE }, "bundleType"),
    bad("bundleType empty", { bundleType: "" }, "bundleType"),
    bad("bundleType in lower case", { bundleType: "xl" }, "bundleType", /bundle type/),
    bad("bundleType with non-ASCII letters", { bundleType: "XL_Ä" }, "bundleType", /bundle type/),
    bad("systemDisk.diskType CLOUD_SSD", { "systemDisk.diskType": "CLOUD_SSD" }, "systemDisk.diskType"),
    bad("systemDisk.diskSize 79 (80-1000)", { "systemDisk.diskSize": 79 }, "systemDisk.diskSize", /80-1000/),
    bad("systemDisk.diskSize 1001", { "systemDisk.diskSize": 1001 }, "systemDisk.diskSize", /80-1000/),
    bad("systemDisk.diskSize 100.5", { "systemDisk.diskSize": 100.5 }, "systemDisk.diskSize"),
    bad("instanceCount 0", { instanceCount: 0 }, "instanceCount", /InvalidInstanceCount/),
    bad("instanceCount 11 (at most 10)", { instanceCount: 11 }, "instanceCount", /\[1, 10\]/),
    bad("instanceCount as a string", { instanceCount: "1" }, "instanceCount"),
    bad(
      "instanceName of 129 characters",
      { instanceName: "n".repeat(129) },
      "instanceName",
      /InstanceNameTooLong/,
    ),
    bad(
      "instanceName of 100 000 characters",
      { instanceName: HUGE },
      "instanceName",
      /InstanceNameTooLong/,
      true,
    ),
    bad("clientToken of 65 characters", { clientToken: "t".repeat(65) }, "clientToken", /64/),
    bad("clientToken with non-ASCII characters", { clientToken: NON_ASCII_TOKEN }, "clientToken", /ASCII/),
    bad("clientToken empty", { clientToken: "" }, "clientToken", /empty/),
    bad("a password (HAI takes none)", { password: "Rel1abil@HaiPw" }, "password", undefined, true),
    bad("an unknown nested argument", { "systemDisk.diskName": "C:" }, "systemDisk.diskName"),
  ],
};

// ---- EcmInstance: ECM RunInstances 2019-07-19 (002) ---------------------------------------------

const ECM_ZONE = { zone: "ap-xian-ecm-1", instanceCount: 2, isp: "CMCC" };
const ecm: Kind = {
  ...TENCENT,
  kind: "EcmInstance",
  module: "tencentcloud/ecm",
  service: "ecm",
  docFile: "002_5241f00a38d916e3.txt",
  cites: /ECM RunInstances 2019-07-19|tencentcloud-sdk-nodejs ecm_models/,
  provider: (rt) => makeEcmProvider(rt) as unknown as Provider,
  identityKey: "__identity",
  args: { zoneInstanceCountISPSet: [ECM_ZONE], moduleId: "esm-jz2wm3m2", instanceName: "rel" },
  count: 2,
  password: { path: "password", value: "Rel1abil@EcmPw" },
  secretOutputs: ["password"],
  update: {
    patch: { instanceName: "upd" },
    action: "ModifyInstancesAttribute",
    done: (i) => i.name.startsWith("upd"),
  },
  idempotency: "tags (pulumi:resource) looked for before RunInstances",
  preflight: false,
  badInput: [
    bad("zoneInstanceCountISPSet missing", { zoneInstanceCountISPSet: REMOVE }, "zoneInstanceCountISPSet"),
    bad(
      "zoneInstanceCountISPSet empty",
      { zoneInstanceCountISPSet: [] },
      "zoneInstanceCountISPSet",
      /required/,
    ),
    bad(
      "a zone without its number",
      { "zoneInstanceCountISPSet.0.zone": "ap-xian-ecm" },
      "zoneInstanceCountISPSet[0].zone",
      /InvalidZone/,
      true,
    ),
    bad(
      "a zone count of 0",
      { "zoneInstanceCountISPSet.0.instanceCount": 0 },
      "zoneInstanceCountISPSet[0].instanceCount",
      /InvalidZoneInstanceCount/,
    ),
    bad(
      "101 instances in one region",
      { "zoneInstanceCountISPSet.0.instanceCount": 101 },
      "zoneInstanceCountISPSet[0].instanceCount",
      /at most 100/,
    ),
    bad(
      "an ISP not in the list",
      { "zoneInstanceCountISPSet.0.isp": "CT" },
      "zoneInstanceCountISPSet[0].isp",
      /InvalidISPInNode/,
    ),
    bad("password of 7 characters", { password: "Ab1@xyz" }, "password", /InvaildPassword/),
    bad("password of 31 characters", { password: "Ab1@" + "x".repeat(27) }, "password", /8-30/),
    bad(
      "password with * (CVM allows it, ECM does not)",
      { password: "Rel1abil*EcmPw" },
      "password",
      /may only/,
    ),
    bad("password with non-ASCII letters", { password: "Pässwört123!" }, "password", /may only/),
    bad("password of letters only", { password: "abcdefghijk" }, "password", /at least two/, true),
    bad(
      "without moduleId and without imageId",
      { moduleId: REMOVE, instanceType: "S3.MEDIUM4", dataDiskSize: 100, internetMaxBandwidthOut: 20 },
      "imageId",
      /without moduleId/,
    ),
    bad("moduleId empty", { moduleId: "" }, "moduleId", /InvalidModuleID/),
    bad(
      "instanceName of 61 characters",
      { instanceName: "n".repeat(61) },
      "instanceName",
      /InstanceNameTooLong/,
    ),
    bad("instanceName of 100 000 characters", { instanceName: HUGE }, "instanceName", /InstanceNameTooLong/),
    bad("hostName with an underscore", { hostName: "web_01" }, "hostName", /InvaildHostName/),
    bad("clientToken given (reserved)", { clientToken: "abc" }, "clientToken", /reserved/),
    bad("userData not base64", { userData: "echo hi!" }, "userData", /InvalidDataFormat/),
    bad("instanceChargeType 3", { instanceChargeType: 3 }, "instanceChargeType", /InvalidInstanceChargeType/),
    bad("keepImageLogin yes", { keepImageLogin: "yes" }, "keepImageLogin", /"TRUE" or "FALSE"/),
    bad(
      "password together with keepImageLogin",
      { password: "Rel1abil@EcmPw", keepImageLogin: "TRUE" },
      "keepImageLogin",
      /ParameterConflict/,
    ),
    bad(
      "6 security groups (at most 5)",
      { securityGroupIds: Array.from({ length: 6 }, (_, i) => `sg-abcd123${i}`) },
      "securityGroupIds",
      /at most 5/,
    ),
    bad(
      "internetMaxBandwidthOut negative",
      { internetMaxBandwidthOut: -1 },
      "internetMaxBandwidthOut",
      /must not be negative/,
    ),
    bad("an unknown argument", { placement: { zone: "ap-xian-ecm-1" } }, "placement"),
  ],
};

// ---- SwasInstance: SWAS CreateInstances 2020-06-01 (003) ----------------------------------------

const swas: Kind = {
  kind: "SwasInstance",
  module: "alicloud/swas",
  service: "swas",
  docFile: "003_e75bd4613cd333f2.txt",
  cites: /SWAS CreateInstances 2020-06-01|swas-open SDK/,
  provider: (rt) => makeSwasProvider(rt) as unknown as Provider,
  identityKey: "__identity",
  args: {
    imageId: "e2c9c365024a44369c9b955a998a0000",
    planId: "swas.s1.c1m1s40b3t05",
    period: 1,
    instanceName: "rel",
    amount: 2,
  },
  count: 2,
  password: { path: "password", value: "Rel1abil@SwasPw" },
  secretOutputs: ["password"],
  actions: {
    create: "CreateInstances",
    describe: ["ListInstanceStatus", "ListInstances"],
    delete: "StopInstances",
  },
  running: "Running",
  gone: [],
  afterDelete: "stopped",
  update: {
    patch: { instanceName: "upd" },
    action: "UpdateInstanceAttribute",
    done: (i) => i.name.startsWith("upd"),
  },
  throttle: { code: "Throttling.User", httpStatus: 400 },
  internal: { code: "InternalError", httpStatus: 500 },
  idempotency: "ClientToken",
  launchFailure: {
    state: "Disabled",
    optIn: { allowReplacement: true },
    why: "SWAS has no API to release a server: it stays in the account until it expires",
  },
  preflight: true,
  badInput: [
    bad("imageId missing", { imageId: REMOVE }, "imageId", undefined, true),
    bad("imageId empty", { imageId: "" }, "imageId", /InvalidImageId/),
    bad("imageId of another cloud", { imageId: "img-pmqg1cw7" }, "imageId", /ListImages/),
    bad("planId missing", { planId: REMOVE }, "planId"),
    bad("planId with a space", { planId: "swas s1" }, "planId", /InvalidPlanId/),
    bad("period missing", { period: REMOVE }, "period"),
    bad("period 2 (1, 3, 6, 12, 24, 36)", { period: 2 }, "period", /InvalidPeriod\.ValueNotSupported/),
    bad("period 0", { period: 0 }, "period", /InvalidPeriod/),
    bad("period as a string", { period: "1" }, "period"),
    bad(
      "autoRenew without autoRenewPeriod",
      { autoRenew: true },
      "autoRenewPeriod",
      /InvalidAutoRenewPeriod/,
    ),
    bad(
      "autoRenewPeriod 5",
      { autoRenew: true, autoRenewPeriod: 5 },
      "autoRenewPeriod",
      /InvalidAutoRenewPeriod/,
    ),
    bad("dataDiskSize 10 (a multiple of 20)", { dataDiskSize: 10 }, "dataDiskSize", /multiple of 20/),
    bad("dataDiskSize 16400 (at most 16380)", { dataDiskSize: 16400 }, "dataDiskSize", /InvalidDataDiskSize/),
    bad("dataDiskSize negative", { dataDiskSize: -20 }, "dataDiskSize", /InvalidDataDiskSize/),
    bad("amount 0 (1-20)", { amount: 0 }, "amount", /InvalidAmount/),
    bad("amount 21", { amount: 21 }, "amount", /InvalidAmount/, true),
    bad("chargeType PostPaid", { chargeType: "PostPaid" }, "chargeType", /InvalidChargeType/),
    bad("clientToken of 65 characters", { clientToken: "t".repeat(65) }, "clientToken", /64/),
    bad("clientToken with non-ASCII characters", { clientToken: NON_ASCII_TOKEN }, "clientToken", /ASCII/),
    bad("instanceName of 1 character", { instanceName: "a" }, "instanceName", /2-50/),
    bad("instanceName starting with a hyphen", { instanceName: "-web" }, "instanceName", /start with/),
    bad("instanceName of 100 000 characters", { instanceName: HUGE }, "instanceName", /2-50/),
    bad("password of 7 characters", { password: "Ab1@xyz" }, "password", /InvalidPassword/),
    bad("password of two character classes", { password: "abcdefgh12" }, "password", /three/),
    bad("password with non-ASCII letters", { password: "Pässwört123!" }, "password", /may only/),
    bad("regionId in upper case", { regionId: "CN_HANGZHOU" }, "regionId", /region id/),
    bad("an unknown argument", { instanceType: "ecs.t5" }, "instanceType"),
  ],
};

// ---- CvmHourlyInstance: CVM RunInstancesHour, legacy v2 (004) -----------------------------------

const cvmHourly: Kind = {
  ...TENCENT,
  kind: "CvmHourlyInstance",
  module: "tencentcloud/cvm-hourly",
  service: "cvm",
  docFile: "004_15d1584f55c96d2c.txt",
  cites: /RunInstancesHour|CVM RunInstances 2017-03-12/,
  provider: (rt) => makeCvmHourlyProvider(rt) as unknown as Provider,
  identityKey: "__identity",
  args: {
    zoneId: 100003,
    cpu: 1,
    mem: 2,
    imageId: "img-3wnd9xpl",
    storageType: 2,
    storageSize: 50,
    bandwidth: 1,
    goodsNum: 2,
    instanceName: "rel",
  },
  count: 2,
  password: { path: "password", value: "Rel1@HourPw" },
  secretOutputs: ["password"],
  update: {
    patch: { instanceName: "upd" },
    action: "ModifyInstancesAttribute",
    done: (i) => i.name.startsWith("upd"),
  },
  badInput: [
    bad("zoneId missing", { zoneId: REMOVE }, "zoneId", undefined, true),
    bad("zoneId as a string", { zoneId: "100003" }, "zoneId"),
    bad("zoneId 0", { zoneId: 0 }, "zoneId", /zone ID/),
    bad("cpu 0", { cpu: 0 }, "cpu", /CPU/),
    bad("cpu 1.5", { cpu: 1.5 }, "cpu", /whole number/),
    bad("mem 0", { mem: 0 }, "mem", /GB/),
    bad("imageId malformed", { imageId: "centos7" }, "imageId", /img-xxxxxxxx/),
    bad("storageSize 15 (steps of 10)", { storageSize: 15 }, "storageSize", /multiple of 10/),
    bad("storageSize negative", { storageSize: -10 }, "storageSize"),
    bad("rootSize 25", { rootSize: 25 }, "rootSize", /20, 30, 40 or 50/),
    bad("rootSize 60", { rootSize: 60 }, "rootSize", /20, 30, 40 or 50/),
    bad("password of 7 characters", { password: "Ab1@xyz" }, "password", /8-16/),
    bad(
      "password of 17 characters (legacy limit 16)",
      { password: "Ab1@" + "x".repeat(13) },
      "password",
      /8-16/,
    ),
    bad("password of one character class", { password: "abcdefghij" }, "password", /at least two/, true),
    bad("password with non-ASCII letters", { password: "Pässwört1!" }, "password", /may only contain/),
    bad(
      "password together with keyId",
      { password: "Rel1@HourPw", keyId: "skey-abcd1234" },
      "keyId",
      /cannot both be given/,
    ),
    bad("instanceName of 61 characters", { instanceName: "n".repeat(61) }, "instanceName", /60/),
    bad("goodsNum 0", { goodsNum: 0 }, "goodsNum", /1 to 100/),
    bad("goodsNum 101", { goodsNum: 101 }, "goodsNum", /1 to 100/),
    bad("instanceType CVM.S3", { instanceType: "CVM.S3" }, "instanceType", /CVM\.S1/),
    bad("vpcId without subnetId", { vpcId: "vpc-abcd1234" }, "subnetId", /required inside a VPC/),
    bad(
      "two private IPs (one at most)",
      {
        goodsNum: 1,
        vpcId: "vpc-abcd1234",
        subnetId: "subnet-abcd1234",
        privateIpAddresses: ["10.0.0.2", "10.0.0.3"],
      },
      "privateIpAddresses",
      /one IP/,
    ),
    bad("storageType 4", { storageType: 4 }, "storageType", /1 \(local disk\)/),
    bad("bandwidthType Monthly", { bandwidthType: "Monthly" }, "bandwidthType", /PayByHour/),
    bad("wanIp 2", { wanIp: 2 }, "wanIp", /0 or 1/),
    bad("clientToken of 65 characters", { clientToken: "t".repeat(65) }, "clientToken", /64/),
    bad("clientToken with non-ASCII characters", { clientToken: NON_ASCII_TOKEN }, "clientToken", /ASCII/),
    bad("an unknown argument (API 3.0 name)", { instanceCount: 2 }, "instanceCount"),
  ],
};

/** Every kind, in the order of the README's resource table. */
export const KINDS: Kind[] = [cvm, hai, ecm, swas, cvmHourly];

// ---- helpers --------------------------------------------------------------------------------

/** A deep copy of `args` with the case's paths set (or removed). */
export function applySet(args: Props, set: Record<string, unknown>): Props {
  const out = JSON.parse(JSON.stringify(args)) as Props;
  for (const [dotted, value] of Object.entries(set)) {
    const keys = dotted.split(".");
    let at: Record<string, unknown> = out;
    for (const k of keys.slice(0, -1)) {
      if (at[k] === undefined || at[k] === null || typeof at[k] !== "object") at[k] = {};
      at = at[k] as Record<string, unknown>;
    }
    const last = keys[keys.length - 1];
    if (value === REMOVE) delete at[last];
    else at[last] = value;
  }
  return out;
}

/** The arguments with the password in place (provider-level calls). */
export function withPassword(k: Kind, args: Props = k.args): Props {
  return applySet(args, k.password ? { [k.password.path]: k.password.value } : {});
}

/** The kind's instances the emulator holds that are not gone or on their way. */
export async function liveInstances(k: Kind, emu: RunningEmulator): Promise<Instance[]> {
  return (await emu.control.instances(k.service)).filter((i) => !k.gone.includes(i.state));
}

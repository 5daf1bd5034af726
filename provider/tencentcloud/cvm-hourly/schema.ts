/**
 * CvmHourlyInstance arguments: the request parameters of the legacy CVM v2 action
 * RunInstancesHour (https://cloud.tencent.com/document/api/229/1350), named as that document names
 * them (already camelCase), every documented constraint as a rule whose reason cites it. The
 * servers are created through API 3.0 RunInstances (translate.ts); where API 3.0 adds a rule the
 * legacy document does not state (id shapes, ASCII tokens), the reason cites that document too.
 */
import { z } from "zod";
import { ruleIssue } from "../../core/check";
import {
  TENCENT_PASSWORD_SPECIALS,
  TimeoutsSchema,
  adoptIds,
  isAscii,
  isIpv4,
  onlyAllowed,
  stringWith,
} from "../../core/rules";

export const DOC = "RunInstancesHour";
const API3 = "CVM RunInstances 2017-03-12";
const cite = (param: string, rule: string) => `${rule} (${DOC}: ${param})`;
const cite3 = (param: string, rule: string) => `${rule} (${API3}: ${param})`;

/** "支持的实例类型": the legacy families; the default is CVM.S1. */
export const LEGACY_INSTANCE_TYPES = [
  "CVM.S1",
  "CVM.S2",
  "CVM.I1",
  "CVM.I2",
  "CVM.M1",
  "CVM.M2",
  "CVM.C2",
] as const;
export type LegacyInstanceType = (typeof LEGACY_INSTANCE_TYPES)[number];
export const BANDWIDTH_TYPES = ["PayByHour", "PayByTraffic"] as const;
/** rootSize: "Linux/BSD 系统调整范围为20~50G，最小调整步长为10G". */
export const ROOT_SIZES = [20, 30, 40, 50] as const;
export const MAX_PASSWORD_LENGTH = 16;

/** An Int parameter that takes 0 or 1. */
const flag = (param: string, meaning: string) =>
  z.number().refine((v) => v === 0 || v === 1, { message: cite(param, `must be 0 or 1 (${meaning})`) });

/** A whole number within [min, max] (max optional), with one reason for every way to miss it. */
const int = (param: string, rule: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.number().int(cite(param, rule)).min(min, cite(param, rule)).max(max, cite(param, rule));

/**
 * password: "linux实例密码必须8到16位，至少包括两项[a-z，A-Z]、[0-9] 和 [( ) ` ~ ! @ # $ % ^ & * - + = | { } [ ]
 * : ; ' , . ? / ]中的特殊符号" — letters count as ONE class here (API 3.0 counts lower and upper case
 * apart). Windows images need 12 to 16 characters with three of [a-z], [A-Z], [0-9] and the specials
 * without "|": the image's platform is not known before the cloud is asked, and every valid Windows
 * password passes the Linux rule (but "|"), so the cloud's RunInstances checks the Windows rule.
 */
export function legacyPasswordProblem(p: string): string | undefined {
  if (p.length < 8 || p.length > MAX_PASSWORD_LENGTH)
    return "must be 8-16 characters (Windows images: 12-16) (InvalidParameter.PasswordNotConformSpecs)";
  if (!onlyAllowed(p, TENCENT_PASSWORD_SPECIALS))
    return `may only contain letters, digits and ${TENCENT_PASSWORD_SPECIALS} (InvalidParameter.PasswordNotConformSpecs)`;
  const classes = [
    /[A-Za-z]/.test(p),
    /[0-9]/.test(p),
    [...p].some((c) => TENCENT_PASSWORD_SPECIALS.includes(c)),
  ];
  if (classes.filter(Boolean).length < 2)
    return "must contain at least two of letters, digits and special characters (InvalidParameter.PasswordNotConformSpecs)";
  return undefined;
}

export const CvmHourlyInstanceArgsSchema = z
  .strictObject({
    /** Tencent Cloud region (common parameter Region); else stack config tencentcloud:region or TENCENTCLOUD_REGION. */
    region: z.string().min(1).optional(),
    /** Required: the availability zone ID, e.g. 100001 (ap-guangzhou-1); turned into its name by DescribeZones. */
    zoneId: int("zoneId", "must be an availability zone ID such as 100001", 1),
    /** Required: CPU cores; with mem and the family of instanceType it picks an API 3.0 instance type. */
    cpu: int("cpu", "must be a whole number of CPU cores, at least 1", 1),
    /** Required: memory in GB. */
    mem: int("mem", "must be a whole number of GB, at least 1", 1),
    /** Required: the image (unImgId of DescribeImages), e.g. img-3wnd9xpl. */
    imageId: z
      .string()
      .regex(/^img-[a-z0-9]{8}$/, cite("imageId", "must be an image id shaped img-xxxxxxxx (the unImgId)")),
    /** Required: the data disk in GB, steps of 10; 0 buys no data disk. Its type is storageType's. */
    storageSize: z
      .number()
      .int(cite("storageSize", "must be a whole number of GB"))
      .min(0, cite("storageSize", "must be 0 (no data disk) or more GB"))
      .refine((n) => n % 10 === 0, {
        message: cite("storageSize", "must be a multiple of 10 GB (the smallest step is 10 GB)"),
      }),
    /** The legacy family, CVM.S1 by default. */
    instanceType: z
      .enum(LEGACY_INSTANCE_TYPES, {
        message: cite("instanceType", `must be one of ${LEGACY_INSTANCE_TYPES.join(", ")}`),
      })
      .default("CVM.S1"),
    /** 1 private, 2 public (default), 3 marketplace, 4 shared image. */
    imageType: int(
      "imageType",
      "must be 1 (private), 2 (public), 3 (marketplace) or 4 (shared image)",
      1,
      4,
    ).default(2),
    /** PayByHour (default: by bandwidth and time) or PayByTraffic. */
    bandwidthType: z
      .enum(BANDWIDTH_TYPES, { message: cite("bandwidthType", "must be PayByHour or PayByTraffic") })
      .default("PayByHour"),
    /** Public bandwidth in Mbps (the peak when PayByTraffic); 0 by default. */
    bandwidth: int("bandwidth", "must be a whole number of Mbps, 0 or more", 0).default(0),
    /** 1: a public IP (the default when bandwidth > 0); 0: none. With bandwidth 0 no public IP is assigned. */
    wanIp: flag("wanIp", "1: assign a public IP, 0: none").optional(),
    /** The VPC; without it the classic network. subnetId is then required. */
    vpcId: z
      .string()
      .regex(/^vpc-[a-z0-9]{8}$/, cite3("VirtualPrivateCloud.VpcId", "must be a VPC id shaped vpc-xxxxxxxx"))
      .optional(),
    /** The subnet of the VPC; required inside a VPC. */
    subnetId: z
      .string()
      .regex(
        /^subnet-[a-z0-9]{8}$/,
        cite3("VirtualPrivateCloud.SubnetId", "must be a subnet id shaped subnet-xxxxxxxx"),
      )
      .optional(),
    /** 1: the instance is a public gateway of its VPC (needs a VPC and a public IP). */
    isVpcGateway: flag("isVpcGateway", "1: a public gateway, 0: not").default(0),
    /** 1 local disk (default), 2 cloud disk, 3 local SSD: the type of the system and data disks. */
    storageType: int("storageType", "must be 1 (local disk), 2 (cloud disk) or 3 (local SSD)", 1, 3).default(
      1,
    ),
    /** System disk GB: Linux 20-50 in steps of 10 (legacy default 20); Windows fixed at 50. */
    rootSize: z
      .number()
      .refine((n) => (ROOT_SIZES as readonly number[]).includes(n), {
        message: cite(
          "rootSize",
          "must be 20, 30, 40 or 50 GB: Linux 20-50 in steps of 10; Windows images are fixed at 50",
        ),
      })
      .optional(),
    /** Login password (secret); exclusive with keyId. Without both, the cloud makes one up and mails it. */
    password: stringWith(legacyPasswordProblem, (problem) => cite("password", problem)).optional(),
    /** A key pair to log in with; exclusive with password; Windows takes no key. */
    keyId: z
      .string()
      .regex(/^skey-[a-z0-9]{8}$/, cite3("LoginSettings.KeyIds", "must be a key id shaped skey-xxxxxxxx"))
      .optional(),
    /** 1: turn on Cloud Security (the default), 0: not. */
    needSecurityAgent: flag("needSecurityAgent", "1: turn on Cloud Security (the default), 0: not").default(
      1,
    ),
    /** 1: turn on Cloud Monitor (the default), 0: not. */
    needMonitorAgent: flag("needMonitorAgent", "1: turn on Cloud Monitor (the default), 0: not").default(1),
    /** The project; the default project when not set. */
    projectId: int("projectId", "must be a project ID, 0 or more", 0).optional(),
    /** The instances' name, at most 60 characters; renamed in place. */
    instanceName: z.string().max(60, cite("instanceName", "must be at most 60 characters")).optional(),
    /** How many instances: 1 by default, at most 100. */
    goodsNum: int("goodsNum", "must be 1 to 100 instances", 1, 100).default(1),
    /** The idempotency token, at most 64 ASCII characters; default: derived from the resource and its request. */
    clientToken: z
      .string()
      .min(1, cite("clientToken", "must not be empty"))
      .max(64, cite("clientToken", "must be at most 64 characters"))
      .refine(isAscii, { message: cite3("ClientToken", "must be ASCII characters") })
      .optional(),
    /** The VPC IP of the instance: "目前只支持一个 IP". */
    privateIpAddresses: z
      .array(
        z.string().refine(isIpv4, {
          message: cite("privateIpAddresses", "must be an IPv4 address (InvalidParameter.InvalidIpFormat)"),
        }),
      )
      .max(1, cite("privateIpAddresses", "holds one IP at most (only one IP is supported)"))
      .optional(),
    /** Instances bought outside Pulumi that the first create adopts instead of buying (README: adoption). */
    adoptInstanceIds: adoptIds(/^ins-[a-z0-9]{8}$/, "ins-1a2b3c4d", `${API3}: InstanceIdSet`),
    /** How long create, update and delete may take, e.g. {create: "20m"}. */
    timeouts: TimeoutsSchema.optional(),
  })
  .superRefine((a, ctx) => {
    const issue = (reads: string[], path: PropertyKey[], message: string) =>
      ruleIssue(ctx, reads, path, message);
    if (a.password !== undefined && a.keyId !== undefined) {
      issue(["keyId", "password"], ["keyId"], cite("keyId", "and password cannot both be given"));
    }
    if (a.vpcId !== undefined && a.subnetId === undefined) {
      issue(["vpcId", "subnetId"], ["subnetId"], cite("subnetId", "is required inside a VPC (vpcId is set)"));
    }
    if (a.subnetId !== undefined && a.vpcId === undefined) {
      issue(
        ["vpcId", "subnetId"],
        ["vpcId"],
        cite("vpcId", "is required with subnetId (a subnet belongs to a VPC)"),
      );
    }
    if (a.privateIpAddresses?.length && a.vpcId === undefined) {
      issue(
        ["privateIpAddresses", "vpcId"],
        ["privateIpAddresses"],
        cite("privateIpAddresses", "are VPC subnet IPs: vpcId and subnetId are required"),
      );
    }
    if (a.privateIpAddresses?.length && a.goodsNum !== 1) {
      issue(
        ["privateIpAddresses", "goodsNum"],
        ["privateIpAddresses"],
        `one private IP can only be given to one instance: goodsNum must be 1 (${DOC}: privateIpAddresses; ` +
          `${API3}: the number of VPC IPs must equal InstanceCount)`,
      );
    }
    if (a.isVpcGateway === 1) {
      if (a.vpcId === undefined) {
        issue(
          ["isVpcGateway", "vpcId"],
          ["isVpcGateway"],
          cite("isVpcGateway", "a public gateway must be inside a VPC (vpcId is required)"),
        );
      }
      if (a.bandwidth === 0 || a.wanIp === 0) {
        issue(
          ["isVpcGateway", "bandwidth", "wanIp"],
          ["isVpcGateway"],
          cite("isVpcGateway", "a public gateway needs a public IP (bandwidth above 0 and wanIp not 0)"),
        );
      }
    }
  });

/** What a program passes (defaults optional). */
export type CvmHourlyInstanceArgs = z.input<typeof CvmHourlyInstanceArgsSchema>;
/** After check: defaults applied. */
export type CvmHourlyArgs = z.output<typeof CvmHourlyInstanceArgsSchema>;

/** The documented defaults, for comparing an argument left out with the same value written out. */
export const DEFAULTS = {
  instanceType: "CVM.S1",
  imageType: 2,
  bandwidthType: "PayByHour",
  bandwidth: 0,
  isVpcGateway: 0,
  storageType: 1,
  needSecurityAgent: 1,
  needMonitorAgent: 1,
  projectId: 0,
  goodsNum: 1,
} as const;

export const ARG_KEYS = Object.keys(CvmHourlyInstanceArgsSchema.shape) as ReadonlyArray<keyof CvmHourlyArgs>;

/**
 * EcmInstance arguments: the request parameters of ECM RunInstances (API 2019-07-19,
 * https://www.tencentcloud.com/document/product/1119/45708), camelCase, nesting kept, every documented
 * constraint as a rule whose reason cites the document. Limits the document does not state come
 * from the SDK's model documentation (tencentcloud-sdk-nodejs ecm/v20190719/ecm_models.d.ts), cited
 * as "SDK <Model>.<Field>". Two acronyms keep a readable camelCase: `isp` is ISP and
 * `eipDirectService` is EIPDirectService (api.ts maps them).
 */
import { z } from "zod";
import { ruleIssue } from "../../core/check";
import { MARK_PREFIX } from "../../core/adopt";
import {
  TimeoutsSchema,
  adoptIds,
  hostNameProblem,
  isBase64,
  isIpv4,
  onlyAllowed,
  stringWith,
} from "../../core/rules";
import { regionOfZone } from "../zones";

export const DOC = "ECM RunInstances 2019-07-19";
const cite = (param: string, rule: string) => `${rule} (${DOC}: ${param})`;
const sdk = (field: string, rule: string) => `${rule} (tencentcloud-sdk-nodejs ecm_models: ${field})`;

/** The special characters the document lists for passwords (no backtick, no asterisk, unlike CVM). */
export const ECM_PASSWORD_SPECIALS = "()~!@#$%^&-+=|{}[]:;',.?/";
/** "You can create up to 100 instances in a region at a time" (doc: ZoneInstanceCountISPSet.N). */
export const MAX_INSTANCES_PER_REGION = 100;
/** Single networks, or the three networks together (SDK ZoneInstanceCountISP.ISP). */
export const ISPS = ["CTCC", "CUCC", "CMCC", "CMCC;CUCC;CTCC"] as const;
export const THREE_NETWORKS = "CMCC;CUCC;CTCC";
/** SDK SystemDisk.DiskType: LOCAL_BASIC, CLOUD_PREMIUM; default CLOUD_BASIC. */
export const SYSTEM_DISK_TYPES = ["LOCAL_BASIC", "CLOUD_PREMIUM", "CLOUD_BASIC"] as const;
/** SDK DataDisk.DiskType: LOCAL_BASIC (default), CLOUD_PREMIUM. */
export const DATA_DISK_TYPES = ["LOCAL_BASIC", "CLOUD_PREMIUM"] as const;
export const MAX_USER_DATA_BYTES = 16 * 1024;
/** Tag keys with this prefix are the resource's own marks (marks.ts, and the owner mark of core/adopt.ts). */
export const RESERVED_TAG_PREFIX = MARK_PREFIX;

/** The ECM region of a zone: "ap-xian-ecm-1" is in "ap-xian-ecm". */
export { regionOfZone };

const subnetId = (param: string) =>
  z.string().regex(/^subnet-[a-z0-9]{8}$/, cite(param, "must be shaped subnet-xxxxxxxx (SubnetNotExist)"));

export const ZoneInstanceCountIspSchema = z
  .strictObject({
    /** Required: the ECM availability zone, e.g. ap-xian-ecm-1. */
    zone: z
      .string()
      .regex(
        /^[a-z]+(-[a-z0-9]+)+-\d+$/,
        cite(
          "ZoneInstanceCountISPSet.Zone",
          "must be an availability zone such as ap-xian-ecm-1 (InvalidZone)",
        ),
      ),
    /** Required: how many instances in this zone and ISP (at most 100 in a region at a time). */
    instanceCount: z
      .number()
      .int()
      .min(1, cite("ZoneInstanceCountISPSet.InstanceCount", "must be at least 1 (InvalidZoneInstanceCount)"))
      .max(
        MAX_INSTANCES_PER_REGION,
        cite("ZoneInstanceCountISPSet", "at most 100 instances in a region at a time"),
      ),
    /** Required: the ISP: CTCC, CUCC, CMCC, or CMCC;CUCC;CTCC for three networks. */
    isp: z.enum(ISPS, {
      message: sdk(
        "ZoneInstanceCountISP.ISP",
        'must be "CTCC", "CUCC", "CMCC" or "CMCC;CUCC;CTCC" (three networks) (InvalidISPInNode)',
      ),
    }),
    /** The VPC, shaped vpc-xxxxxxxx (with subnetId); default: the default VPC. */
    vpcId: z
      .string()
      .regex(/^vpc-[a-z0-9]{8}$/, cite("ZoneInstanceCountISPSet.VpcId", "must be shaped vpc-xxxxxxxx"))
      .optional(),
    /** The subnet of the VPC, shaped subnet-xxxxxxxx (with vpcId). */
    subnetId: subnetId("ZoneInstanceCountISPSet.SubnetId").optional(),
    /** The private IP of each instance: as many IPs as instanceCount (needs vpcId and subnetId). */
    privateIpAddresses: z
      .array(
        z.string().refine(isIpv4, {
          message: sdk("ZoneInstanceCountISP.PrivateIpAddresses", "must be a valid IPv4 address"),
        }),
      )
      .optional(),
    /** IPv6 addresses per instance: 0, 1 (a single network) or 3 (three networks). */
    ipv6AddressCount: z.number().int().nonnegative().optional(),
    /** The three subnets of three-network IPv6 (isp CMCC;CUCC;CTCC). */
    ipv6SubnetIds: z.array(subnetId("ZoneInstanceCountISPSet.Ipv6SubnetIds")).optional(),
  })
  .superRefine((s, ctx) => {
    const issue = (reads: string[], path: PropertyKey[], message: string) =>
      ruleIssue(ctx, reads, path, message);
    if ((s.vpcId === undefined) !== (s.subnetId === undefined)) {
      issue(
        ["vpcId", "subnetId"],
        [s.vpcId === undefined ? "vpcId" : "subnetId"],
        sdk("ZoneInstanceCountISP.VpcId", "vpcId and subnetId must both be set or both be omitted"),
      );
    }
    const ips = s.privateIpAddresses;
    if (ips) {
      if (s.vpcId === undefined || s.subnetId === undefined) {
        issue(
          ["privateIpAddresses", "vpcId", "subnetId"],
          ["privateIpAddresses"],
          sdk("ZoneInstanceCountISP.PrivateIpAddresses", "private IPs need vpcId and subnetId"),
        );
      }
      if (ips.length !== s.instanceCount) {
        issue(
          ["privateIpAddresses", "instanceCount"],
          ["privateIpAddresses"],
          sdk(
            "ZoneInstanceCountISP.PrivateIpAddresses",
            `the number of IPs (${ips.length}) must equal instanceCount (${s.instanceCount})`,
          ),
        );
      }
      if (new Set(ips).size !== ips.length) {
        issue(
          ["privateIpAddresses"],
          ["privateIpAddresses"],
          cite("ZoneInstanceCountISPSet", "holds the same IP twice (Duplicate)"),
        );
      }
    }
    const three = s.isp === THREE_NETWORKS;
    if (
      s.ipv6AddressCount !== undefined &&
      s.ipv6AddressCount !== 0 &&
      s.ipv6AddressCount !== (three ? 3 : 1)
    ) {
      issue(
        ["ipv6AddressCount", "isp"],
        ["ipv6AddressCount"],
        sdk(
          "ZoneInstanceCountISP.Ipv6AddressCount",
          `must be ${three ? 3 : 1} with ISP ${s.isp} (1 for a single network, 3 for three networks)`,
        ),
      );
    }
    if (s.ipv6SubnetIds !== undefined) {
      if (!three) {
        issue(
          ["ipv6SubnetIds", "isp"],
          ["ipv6SubnetIds"],
          sdk(
            "ZoneInstanceCountISP.Ipv6SubnetIds",
            `is for three-network IPv6 only (isp "${THREE_NETWORKS}")`,
          ),
        );
      }
      if (s.ipv6SubnetIds.length !== 3 || new Set(s.ipv6SubnetIds).size !== 3) {
        issue(
          ["ipv6SubnetIds"],
          ["ipv6SubnetIds"],
          sdk("ZoneInstanceCountISP.Ipv6SubnetIds", "must hold exactly three different subnets"),
        );
      }
    }
  });

/**
 * The password rules common to every image (the Linux rules). Windows images need 12-30
 * characters of all three kinds: the image's platform is not known at check, so the cloud refuses
 * those (InvaildPassword) and the create error says why.
 */
export function passwordProblem(p: string, platform: "LINUX" | "WINDOWS" = "LINUX"): string | undefined {
  const [min, classes] = platform === "WINDOWS" ? [12, 3] : [8, 2];
  if (p.length < min || p.length > 30) return `must be ${min}-30 characters`;
  if (!onlyAllowed(p, ECM_PASSWORD_SPECIALS))
    return `may only contain letters, digits and ${ECM_PASSWORD_SPECIALS}`;
  // The document's kinds: letters, digits, special symbols.
  const kinds = [/[A-Za-z]/.test(p), /[0-9]/.test(p), [...p].some((c) => ECM_PASSWORD_SPECIALS.includes(c))];
  if (kinds.filter(Boolean).length < classes) {
    return `must contain at least ${classes === 2 ? "two" : "three"} of letters, digits and special symbols`;
  }
  return undefined;
}

const Enabled = z.strictObject({
  /** Whether to enable the service (default: enabled for public images). */
  enabled: z.boolean().optional(),
});
export const EnhancedServiceSchema = z.strictObject({
  /** Cloud Security (the security agent). */
  securityService: z
    .strictObject({
      /** Whether to enable Cloud Security (default: enabled for public images). */
      enabled: z.boolean().optional(),
      /** The Cloud Security edition: only 0, the basic edition. */
      version: z
        .literal(0, {
          message: sdk("RunSecurityServiceEnabled.Version", "only 0 (the basic edition) is supported"),
        })
        .optional(),
    })
    .optional(),
  /** Cloud Monitor (the monitoring agent). */
  monitorService: Enabled.optional(),
  /** EIPDirectService: IP direct access; Windows images do not support it (InvalidEIPDirectService). */
  eipDirectService: Enabled.optional(),
});

export const TagSchema = z.strictObject({
  /** The tag key (keys starting with "pulumi:" are this package's). */
  key: z
    .string()
    .min(1, sdk("Tag.Key", "must not be empty"))
    .refine((k) => !k.startsWith(RESERVED_TAG_PREFIX), {
      message: `keys starting with "${RESERVED_TAG_PREFIX}" are reserved for the marks EcmInstance uses to keep creates idempotent and to name the resource holding an instance`,
    }),
  /** The tag value. */
  value: z.string(),
});
export const TagSpecificationSchema = z.strictObject({
  /** What the tags are bound to: instance or module. */
  resourceType: z.enum(["instance", "module"], {
    message: sdk("TagSpecification.ResourceType", 'must be "instance" or "module"'),
  }),
  /** The tags, key and value each. */
  tags: z.array(TagSchema),
});

export const SystemDiskSchema = z.strictObject({
  /** The system disk type: LOCAL_BASIC, CLOUD_PREMIUM or CLOUD_BASIC (default). */
  diskType: z.enum(SYSTEM_DISK_TYPES).optional(),
  /** The system disk's id: not available yet, leave it out. */
  diskId: z.never({ message: sdk("SystemDisk.DiskId", "is not available yet: leave it out") }).optional(),
  /** The system disk size in GB. */
  diskSize: z.number().int().positive().optional(),
});

export const DataDiskSchema = z.strictObject({
  /** Required: the data disk size in GB. */
  diskSize: z
    .number()
    .int()
    .positive(cite("DataDisks.N", "must be a positive size in GB (InvalidDataDiskSize)")),
  /** The data disk type: LOCAL_BASIC (default) or CLOUD_PREMIUM. */
  diskType: z.enum(DATA_DISK_TYPES).optional(),
});

const sizeOrDefault = (param: string, code: string) =>
  z
    .number()
    .int()
    .nonnegative(cite(param, `must not be negative; 0 means the module's default (${code})`))
    .optional();

export const EcmInstanceArgsSchema = z
  .strictObject({
    /** Common parameter Region: not required by ECM (the zones place the instances); else stack config or env. */
    region: z.string().min(1).optional(),
    /** Required: the zones, instance counts and ISPs to create instances in (at most 100 a region). */
    zoneInstanceCountISPSet: z
      .array(ZoneInstanceCountIspSchema)
      .min(1, cite("ZoneInstanceCountISPSet.N", "is required: at least one zone, count and ISP")),
    /** The login password: 8-30 characters with two of letters, digits and specials (Windows: 12-30, all three); secret. */
    password: stringWith(passwordProblem, (problem) =>
      cite("Password", `${problem} (InvaildPassword)`),
    ).optional(),
    /** The outbound public bandwidth cap in Mbps; 0 or left out: the module's default. */
    internetMaxBandwidthOut: sizeOrDefault("InternetMaxBandwidthOut", "InvalidBandwidth"),
    /** The module; without it, imageId, instanceType, dataDiskSize and internetMaxBandwidthOut are required. */
    moduleId: z.string().min(1, cite("ModuleId", "must not be empty (InvalidModuleID)")).optional(),
    /** The image, shaped img-xxxxxxxx; left out: the module's default. */
    imageId: z
      .string()
      .regex(/^img-[a-z0-9]{8}$/, cite("ImageId", "must be an image id shaped img-xxxxxxxx (InvalidImageID)"))
      .optional(),
    /** The instances' name, at most 60 characters; {R:x} numbers them, else suffixes 1..n per region and ISP; default "未命名". */
    instanceName: z
      .string()
      .max(
        60,
        cite("InstanceName", "must be at most 60 characters including {R:x} patterns (InstanceNameTooLong)"),
      )
      .optional(),
    /** The host name: 2-60 letters, digits, hyphens and periods (Windows: 2-15, no periods). */
    hostName: stringWith(hostNameProblem, (problem) =>
      cite("HostName", `${problem} (InvaildHostName)`),
    ).optional(),
    /** Reserved by ECM: must not be set (EcmInstance keeps creates idempotent with tags). */
    clientToken: z
      .never({
        message: cite(
          "ClientToken",
          "is reserved and must not be used; EcmInstance keeps creates idempotent with tags instead",
        ),
      })
      .optional(),
    /** The security, monitoring and IP direct access services; default: on for public images. */
    enhancedService: EnhancedServiceSchema.optional(),
    /** The tags bound to the instances or the module. */
    tagSpecification: z.array(TagSpecificationSchema).optional(),
    /** Data passed to the instances at startup, base64-encoded, at most 16 KB. */
    userData: z
      .string()
      .refine(isBase64, { message: cite("UserData", "must be base64-encoded (InvalidDataFormat)") })
      .refine((u) => u.length <= MAX_USER_DATA_BYTES, {
        message: cite("UserData", "must be at most 16 KB, base64-encoded"),
      })
      .optional(),
    /** The model, e.g. S3.SMALL1; left out: the module's default. */
    instanceType: z
      .string()
      .regex(
        /^[A-Za-z0-9]+\.[A-Za-z0-9]+$/,
        cite("InstanceType", "must be a model such as S3.SMALL1 (InvalidInstanceTypeConfigID)"),
      )
      .optional(),
    /** The data disk size in GB; 0 or left out: the module's default. */
    dataDiskSize: sizeOrDefault("DataDiskSize", "InvalidDataDiskSize"),
    /** The security groups, shaped sg-xxxxxxxx, at most 5; default: the default security group. */
    securityGroupIds: z
      .array(z.string().regex(/^sg-[a-z0-9]{8}$/, cite("SecurityGroupIds.N", "must be shaped sg-xxxxxxxx")))
      .max(5, sdk("ModifyInstancesAttributeRequest.SecurityGroups", "at most 5 security groups"))
      .optional(),
    /** The system disk size in GB; 0 or left out: the module's default. */
    systemDiskSize: sizeOrDefault("SystemDiskSize", "InvalidSystemDiskSize"),
    /** The inbound public bandwidth cap in Mbps; 0 or left out: the module's default. */
    internetMaxBandwidthIn: sizeOrDefault("InternetMaxBandwidthIn", "InvalidBandwidthIn"),
    /** Billing: 0 postpaid by resource usage (non-GNR models), 1 hourly or 2 monthly postpaid (GNR models). */
    instanceChargeType: z
      .union([z.literal(0), z.literal(1), z.literal(2)], {
        message: cite("InstanceChargeType", "must be 0, 1 or 2 (InvalidInstanceChargeType)"),
      })
      .optional(),
    /** The SSH keys to log in with, shaped skey-xxxxxxxx (not with a password). */
    keyIds: z
      .array(
        z.string().regex(/^skey-[a-z0-9]{8}$/, cite("KeyIds.N", "must be a key id shaped skey-xxxxxxxx")),
      )
      .optional(),
    /** Keep the image's own login settings: TRUE or FALSE (custom, shared and imported images only). */
    keepImageLogin: z
      .enum(["TRUE", "FALSE"], { message: cite("KeepImageLogin", 'must be "TRUE" or "FALSE"') })
      .optional(),
    /** The system disk: type and size. */
    systemDisk: SystemDiskSchema.optional(),
    /** The data disks: size and type each. */
    dataDisks: z.array(DataDiskSchema).optional(),
    /** true (default): RUNNING (StartInstances); false: STOPPED (StopInstances, still charged: ECM has no stop mode). */
    running: z.boolean().default(true),
    /** How long create, update and delete may take, e.g. {create: "20m"}. */
    timeouts: TimeoutsSchema.optional(),
    /** Existing instances (ein-xxxxxxxx) the first create adopts instead of buying new ones; read by that create only. */
    adoptInstanceIds: adoptIds(
      /^ein-[a-z0-9]{8}$/,
      "ein-hcs7jkg4",
      "tencentcloud-sdk-nodejs ecm_models: InstanceId",
    ),
  })
  .superRefine((a, ctx) => {
    const issue = (reads: string[], path: PropertyKey[], message: string) =>
      ruleIssue(ctx, reads, path, message);
    const perRegion = new Map<string, number>();
    for (const s of a.zoneInstanceCountISPSet) {
      const region = regionOfZone(s.zone);
      perRegion.set(region, (perRegion.get(region) ?? 0) + s.instanceCount);
    }
    for (const [region, n] of perRegion) {
      if (n > MAX_INSTANCES_PER_REGION) {
        issue(
          ["zoneInstanceCountISPSet"],
          ["zoneInstanceCountISPSet"],
          cite(
            "ZoneInstanceCountISPSet.N",
            `at most 100 instances in a region at a time; ${n} are asked for in ${region} (InvalidZoneInstanceCount)`,
          ),
        );
      }
    }
    if (a.moduleId === undefined) {
      const needed = ["imageId", "instanceType", "dataDiskSize", "internetMaxBandwidthOut"] as const;
      for (const key of needed) {
        // 0 means "the module's default", which does not exist without a module.
        if (a[key] === undefined || a[key] === 0) {
          issue(
            ["moduleId", key],
            [key],
            cite(
              "ModuleId",
              `without moduleId, ${key} is required${typeof a[key] === "number" ? " and must not be 0" : ""}`,
            ),
          );
        }
      }
    }
    const login = [
      a.password !== undefined && "password",
      (a.keyIds?.length ?? 0) > 0 && "keyIds",
      a.keepImageLogin !== undefined && "keepImageLogin",
    ].filter((x): x is string => typeof x === "string");
    if (login.length > 1) {
      issue(
        ["password", "keyIds", "keepImageLogin"],
        [login[1]],
        cite(
          "KeepImageLogin",
          `only one of keepImageLogin, password and keyIds can be set; got ${login.join(" and ")} (InvalidParameter.ParameterConflict)`,
        ),
      );
    }
    if (a.instanceType !== undefined && a.instanceChargeType !== undefined) {
      const gnr = /^GNR/i.test(a.instanceType);
      if (gnr && a.instanceChargeType === 0) {
        issue(
          ["instanceType", "instanceChargeType"],
          ["instanceChargeType"],
          cite(
            "InstanceChargeType",
            "0 (postpaid by resource usage) applies only to non-GNR models (UnmatchedBillingType)",
          ),
        );
      }
      if (!gnr && a.instanceChargeType !== 0) {
        issue(
          ["instanceType", "instanceChargeType"],
          ["instanceChargeType"],
          cite("InstanceChargeType", "1 and 2 apply only to GNR models (UnmatchedBillingType)"),
        );
      }
    }
  });

/** What a program passes. */
export type EcmInstanceArgs = z.input<typeof EcmInstanceArgsSchema>;
/** After check. */
export type EcmArgs = z.output<typeof EcmInstanceArgsSchema>;

/**
 * Made in place (classes.ts says how): instanceName and securityGroupIds (ModifyInstancesAttribute),
 * password (ResetInstancesPassword), the bandwidths (ResetInstancesMaxBandwidth), imageId
 * (ResetInstances, a reinstall), running (Start/StopInstances); region only routes the calls (the
 * zones place the instances) and timeouts are the provider's own. Every other argument replaces.
 */
export const IN_PLACE = [
  "instanceName",
  "securityGroupIds",
  "password",
  "internetMaxBandwidthOut",
  "internetMaxBandwidthIn",
  "imageId",
  "running",
  "region",
  "timeouts",
] as const;

export const ARG_KEYS = Object.keys(EcmInstanceArgsSchema.shape) as ReadonlyArray<keyof EcmArgs>;

/**
 * CvmInstance arguments: the request parameters of CVM RunInstances (API 2017-03-12,
 * https://www.tencentcloud.com/document/api/213/33237), camelCase, nesting kept, every documented
 * constraint as a rule whose reason cites the document. `DryRun` becomes preflight.
 * Nested structures follow the SDK's request model (tencentcloud-sdk-nodejs cvm_models).
 */
import { z } from "zod";
import { ruleIssue } from "../../core/check";
import {
  TimeoutsSchema,
  adoptIds,
  hostNameProblem,
  isBase64,
  isIpv4,
  stringWith,
  asciiToken,
} from "../../core/rules";
import {
  ActionTimerSchema,
  DOC,
  EnhancedServiceSchema,
  InstanceMarketOptionsSchema,
  LoginSettingsSchema,
  TagSpecificationSchema,
  cite,
} from "./schema-parts";

export { DOC };

export const CHARGE_TYPES = ["PREPAID", "POSTPAID_BY_HOUR", "CDHPAID", "SPOTPAID"] as const;
export const PREPAID_PERIODS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36] as const;
export const LOCAL_DISK_TYPES = ["LOCAL_BASIC", "LOCAL_SSD"] as const;
export const CLOUD_DISK_TYPES = [
  "CLOUD_BASIC",
  "CLOUD_PREMIUM",
  "CLOUD_SSD",
  "CLOUD_HSSD",
  "CLOUD_TSSD",
  "CLOUD_BSSD",
] as const;
export const MAX_USER_DATA_BYTES = 16 * 1024;
/** StopInstances StoppedMode (https://www.tencentcloud.com/document/api/213/33235). */
export const STOPPED_MODES = ["KEEP_CHARGING", "STOP_CHARGING"] as const;
const STOP_DOC = "CVM StopInstances 2017-03-12: StoppedMode";

export const PlacementSchema = z.strictObject({
  /** Required: the availability zone, e.g. ap-guangzhou-3. */
  zone: z
    .string()
    .regex(
      /^[a-z]+(-[a-z0-9]+)+-\d+$/,
      cite("Placement.Zone", "must be an availability zone such as ap-shanghai-2"),
    ),
  /** The project the instances belong to; default 0, the default project. */
  projectId: z.number().int().nonnegative().optional(),
  /** The CDHs (dedicated hosts) to create the instances on, shaped host-xxxxxxxx. */
  hostIds: z
    .array(
      z
        .string()
        .regex(
          /^host-[a-z0-9]{8}$/,
          cite("Placement.HostIds", "must be a CDH id shaped host-xxxxxxxx (InvalidHostId.Malformed)"),
        ),
    )
    .optional(),
  /** The dedicated host the instance is created on, shaped host-xxxxxxxx. */
  hostId: z
    .string()
    .regex(/^host-[a-z0-9]{8}$/, cite("Placement.HostId", "must be a CDH id shaped host-xxxxxxxx"))
    .optional(),
});

export const InstanceChargePrepaidSchema = z.strictObject({
  /** Required: the subscription in months: 1-12, 24 or 36. */
  period: z
    .number()
    .int()
    .refine((p) => (PREPAID_PERIODS as readonly number[]).includes(p), {
      message: cite("InstanceChargePrepaid.Period", "must be 1-12, 24 or 36 months (InvalidPeriod)"),
    }),
  /** Auto-renewal: NOTIFY_AND_AUTO_RENEW, NOTIFY_AND_MANUAL_RENEW (default) or DISABLE_NOTIFY_AND_MANUAL_RENEW. */
  renewFlag: z
    .enum(["NOTIFY_AND_AUTO_RENEW", "NOTIFY_AND_MANUAL_RENEW", "DISABLE_NOTIFY_AND_MANUAL_RENEW"])
    .optional(),
});

export const SystemDiskSchema = z.strictObject({
  /** The system disk type, e.g. CLOUD_PREMIUM, CLOUD_SSD or LOCAL_BASIC; default: a type in stock. */
  diskType: z.enum([...LOCAL_DISK_TYPES, ...CLOUD_DISK_TYPES]).optional(),
  /** The system disk size in GB; default 50. */
  diskSize: z.number().int().positive().optional(),
  /** The system disk's name, at most 128 characters. */
  diskName: z.string().max(128).optional(),
});

export const DataDiskSchema = z
  .strictObject({
    /** Required: the data disk size in GB (at least 100 for CLOUD_SSD). */
    diskSize: z.number().int().positive(),
    /** The data disk type, e.g. CLOUD_PREMIUM, CLOUD_SSD or LOCAL_BASIC; default LOCAL_BASIC. */
    diskType: z.enum([...LOCAL_DISK_TYPES, ...CLOUD_DISK_TYPES, "LOCAL_NVME", "LOCAL_PRO"]).optional(),
    /** Whether the disk is terminated with the instance (cloud disks on pay-as-you-go instances); default true. */
    deleteWithInstance: z.boolean().optional(),
    /** A snapshot to create the disk from, shaped snap-xxxxxxxx. */
    snapshotId: z
      .string()
      .regex(
        /^snap-[a-z0-9]{8}$/,
        cite(
          "DataDisks.SnapshotId",
          "must be shaped snap-xxxxxxxx (InvalidParameterValue.SnapshotIdMalformed)",
        ),
      )
      .optional(),
    /** Whether the disk is encrypted. */
    encrypt: z.boolean().optional(),
    /** The KMS key that encrypts the disk (with encrypt). */
    kmsKeyId: z.string().optional(),
    /** The data disk's name, at most 128 characters. */
    diskName: z.string().max(128).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.diskType === "CLOUD_SSD" && d.diskSize < 100) {
      ruleIssue(
        ctx,
        ["diskType", "diskSize"],
        ["diskSize"],
        cite(
          "DataDisks",
          "a CLOUD_SSD data disk must be at least 100 GB (InvalidParameterValue.CloudSsdDataDiskSizeTooSmall)",
        ),
      );
    }
  });

export const VirtualPrivateCloudSchema = z.strictObject({
  /** Required: the VPC, shaped vpc-xxxxxxxx (DescribeVpcs lists them). */
  vpcId: z
    .string()
    .regex(/^vpc-[a-z0-9]{8}$/, cite("VirtualPrivateCloud.VpcId", "must be shaped vpc-xxxxxxxx")),
  /** Required: the subnet of the VPC, shaped subnet-xxxxxxxx. */
  subnetId: z
    .string()
    .regex(/^subnet-[a-z0-9]{8}$/, cite("VirtualPrivateCloud.SubnetId", "must be shaped subnet-xxxxxxxx")),
  /** Whether the instances serve as the VPC's public gateway; default false. */
  asVpcGateway: z.boolean().optional(),
  /** The primary private IP of each instance: as many IPs as instanceCount. */
  privateIpAddresses: z
    .array(
      z.string().refine(isIpv4, {
        message: cite(
          "VirtualPrivateCloud.PrivateIpAddresses",
          "must be a valid IPv4 address (InvalidParameter.InvalidIpFormat)",
        ),
      }),
    )
    .max(20, cite("VirtualPrivateCloud", "at most 20 VPC IPs"))
    .optional(),
});

export const InternetAccessibleSchema = z.strictObject({
  /** How public traffic is paid: BANDWIDTH_PREPAID, TRAFFIC_POSTPAID_BY_HOUR, BANDWIDTH_POSTPAID_BY_HOUR or BANDWIDTH_PACKAGE. */
  internetChargeType: z
    .enum([
      "BANDWIDTH_PREPAID",
      "TRAFFIC_POSTPAID_BY_HOUR",
      "BANDWIDTH_POSTPAID_BY_HOUR",
      "BANDWIDTH_PACKAGE",
    ])
    .optional(),
  /** The outbound public bandwidth in Mbps; default 0. */
  internetMaxBandwidthOut: z.number().int().nonnegative().optional(),
  /** Whether a public IP is assigned (with a bandwidth above 0: by default yes). */
  publicIpAssigned: z.boolean().optional(),
  /** The bandwidth package, with internetChargeType BANDWIDTH_PACKAGE. */
  bandwidthPackageId: z.string().optional(),
});

export const CvmInstanceArgsSchema = z
  .strictObject({
    /** Tencent Cloud region (common parameter Region); else stack config tencentcloud:region or TENCENTCLOUD_REGION. */
    region: z.string().min(1).optional(),
    /** Required: where the instances are: availability zone, project, dedicated hosts. */
    placement: PlacementSchema,
    /** Required: the image, shaped img-xxxxxxxx (public, custom, shared or marketplace; DescribeImages lists them). */
    imageId: z
      .string()
      .regex(
        /^img-[a-z0-9]{8}$/,
        cite("ImageId", "must be an image id shaped img-xxxxxxxx (InvalidImageId.Malformed)"),
      ),
    /** How the instances are paid: POSTPAID_BY_HOUR (default), PREPAID, CDHPAID or SPOTPAID. */
    instanceChargeType: z.enum(CHARGE_TYPES).default("POSTPAID_BY_HOUR"),
    /** The subscription of prepaid instances (period, renewal): required with PREPAID. */
    instanceChargePrepaid: InstanceChargePrepaidSchema.optional(),
    /** The instance model, e.g. S5.MEDIUM4 (CDH_<n>C<n>G for CDHPAID); default S1.SMALL1. */
    instanceType: z
      .string()
      .regex(
        /^([A-Z0-9]+\.[A-Z0-9]+|CDH_\d+C\d+G)$/,
        cite("InstanceType", "must be an instance type such as S5.MEDIUM4 (InvalidInstanceType.Malformed)"),
      )
      .optional(),
    /** The system disk; default: the default type and size. */
    systemDisk: SystemDiskSchema.optional(),
    /** The data disks, at most 21 (one local disk, 20 cloud disks); default none. */
    dataDisks: z.array(DataDiskSchema).max(21, cite("DataDisks", "at most 21 data disks")).optional(),
    /** The VPC and subnet (and private IPs); default: the classic network. */
    virtualPrivateCloud: VirtualPrivateCloudSchema.optional(),
    /** The public network: bandwidth, how it is paid, a public IP; default 0 Mbps. */
    internetAccessible: InternetAccessibleSchema.optional(),
    /** How many instances: 1-100, default 1; changed in place (more launched, the newest terminated). */
    instanceCount: z
      .number()
      .int()
      .min(1, cite("InstanceCount", "must be in [1, 100]"))
      .max(100, cite("InstanceCount", "must be in [1, 100]"))
      .default(1),
    /** The instances' name, at most 60 characters; {R:x} and {R:x,F:y} number them, else suffixes 1..n; default "Unnamed". */
    instanceName: z
      .string()
      .max(
        60,
        cite(
          "InstanceName",
          "must be at most 60 characters including {R:x} patterns (InvalidInstanceName.TooLong)",
        ),
      )
      .optional(),
    /** How to log in: a password, SSH keys or the image's own settings; default: a random password sent to the Message Center. */
    loginSettings: LoginSettingsSchema.optional(),
    /** The security groups, shaped sg-xxxxxxxx; default: the default security group. */
    securityGroupIds: z
      .array(z.string().regex(/^sg-[a-z0-9]{8}$/, cite("SecurityGroupIds", "must be shaped sg-xxxxxxxx")))
      .optional(),
    /** The security, monitoring and automation agents; default: on for public images. */
    enhancedService: EnhancedServiceSchema.optional(),
    /** The idempotency token, at most 64 ASCII characters; default: derived from the resource and its request. */
    clientToken: asciiToken(
      (rule) => cite("ClientToken", rule),
      "must be at most 64 ASCII characters (InvalidClientToken.TooLong)",
    ).optional(),
    /** The host name: 2-60 letters, digits, hyphens and periods (Windows: 2-15, no periods); a change reboots the instances. */
    hostName: stringWith(hostNameProblem, (problem) =>
      cite("HostName", `${problem} (InvalidParameterValue.IllegalHostName)`),
    ).optional(),
    /** A scheduled task: only scheduled termination is supported. */
    actionTimer: ActionTimerSchema.optional(),
    /** The placement group, shaped ps-xxxxxxxx: only one. */
    disasterRecoverGroupIds: z
      .array(
        z.string().regex(/^ps-[a-z0-9]{8}$/, cite("DisasterRecoverGroupIds", "must be shaped ps-xxxxxxxx")),
      )
      .max(1, cite("DisasterRecoverGroupIds", "you can only specify one placement group"))
      .optional(),
    /** Instances bought outside Pulumi that the first create adopts instead of buying (README: adoption). */
    adoptInstanceIds: adoptIds(/^ins-[a-z0-9]{8}$/, "ins-1a2b3c4d", `${DOC}: InstanceIdSet`),
    /** The tags bound to the instances; changed in place (Tag API). */
    tagSpecification: z.array(TagSpecificationSchema).optional(),
    /** The market options of spot instances (instanceChargeType SPOTPAID). */
    instanceMarketOptions: InstanceMarketOptionsSchema.optional(),
    /** Data passed to the instances at startup, base64-encoded, at most 16 KB. */
    userData: z
      .string()
      .refine(isBase64, {
        message: cite("UserData", "must be base64-encoded (InvalidParameterValue.InvalidUserDataFormat)"),
      })
      .refine((u) => u.length <= MAX_USER_DATA_BYTES, {
        message: cite("UserData", "must be at most 16 KB, base64-encoded"),
      })
      .optional(),
    /** The CAM role the instances take (DescribeRoleList's roleName). */
    camRoleName: z.string().min(1).max(128).optional(),
    /** The HPC cluster of high-performance computing instances, shaped hpc-xxxxxxxx. */
    hpcClusterId: z
      .string()
      .regex(/^hpc-[a-z0-9]{8}$/, cite("HpcClusterId", "must be shaped hpc-xxxxxxxx"))
      .optional(),
    /** Whether the instances may not be terminated through the API (DisableApiTermination); default false. */
    disableApiTermination: z.boolean().optional(),
    /** Whether the instances run (default true); false stops them (StopInstances), true starts them (StartInstances). */
    running: z.boolean().optional(),
    /** How stopped instances are charged: KEEP_CHARGING (default) or STOP_CHARGING, pay-as-you-go on cloud disks only (StopInstances StoppedMode). */
    stoppedMode: z.enum(STOPPED_MODES).optional(),
    /** Delete: also release prepaid instances from the recycle bin (default: they stay there). */
    releasePrepaid: z.boolean().optional(),
    /** How long create, update and delete may take, e.g. {create: "20m"}. */
    timeouts: TimeoutsSchema.optional(),
  })
  .superRefine((a, ctx) => {
    const issue = (reads: string[], path: PropertyKey[], message: string) =>
      ruleIssue(ctx, reads, path, message);
    const charge = ["instanceChargeType", "instanceChargePrepaid"];
    if (a.instanceChargeType === "PREPAID" && !a.instanceChargePrepaid) {
      issue(
        charge,
        ["instanceChargePrepaid"],
        cite("InstanceChargePrepaid", "is required for prepaid instances (instanceChargeType PREPAID)"),
      );
    }
    if (a.instanceChargeType !== "PREPAID" && a.instanceChargePrepaid) {
      issue(
        charge,
        ["instanceChargePrepaid"],
        cite("InstanceChargePrepaid", "only applies to instanceChargeType PREPAID"),
      );
    }
    if (
      a.instanceChargeType === "CDHPAID" &&
      a.instanceType !== undefined &&
      !/^CDH_\d+C\d+G$/.test(a.instanceType)
    ) {
      issue(
        ["instanceChargeType", "instanceType"],
        ["instanceType"],
        cite("InstanceType", "for CDHPAID instances must be shaped CDH_<n>C<n>G, e.g. CDH_1C1G"),
      );
    }
    if (a.instanceChargeType !== "CDHPAID" && a.instanceType?.startsWith("CDH_")) {
      issue(
        ["instanceChargeType", "instanceType"],
        ["instanceType"],
        cite("InstanceType", "CDH_<n>C<n>G types are for instanceChargeType CDHPAID only"),
      );
    }
    if (a.instanceMarketOptions && a.instanceChargeType !== "SPOTPAID") {
      issue(
        ["instanceChargeType", "instanceMarketOptions"],
        ["instanceMarketOptions"],
        cite("InstanceMarketOptions", "only applies to instanceChargeType SPOTPAID"),
      );
    }
    if (a.stoppedMode === "STOP_CHARGING") {
      const types: Array<string | undefined> = [
        a.systemDisk?.diskType,
        ...(a.dataDisks ?? []).map((d) => d.diskType ?? "LOCAL_BASIC"),
      ];
      const local = types.find((t) => t !== undefined && !t.startsWith("CLOUD_"));
      if (a.instanceChargeType !== "POSTPAID_BY_HOUR" || local) {
        issue(
          ["stoppedMode", "instanceChargeType", "systemDisk", "dataDisks"],
          ["stoppedMode"],
          `STOP_CHARGING is only for pay-as-you-go (POSTPAID_BY_HOUR) instances on cloud disks; ` +
            `these are ${a.instanceChargeType}${local ? ` with a ${local} disk` : ""} ` +
            `(${STOP_DOC}; UnsupportedOperation.StoppedModeStopCharging)`,
        );
      }
    }
    const disks = a.dataDisks ?? [];
    const local = disks.filter((d) =>
      (LOCAL_DISK_TYPES as readonly string[]).includes(d.diskType ?? "LOCAL_BASIC"),
    ).length;
    if (local > 1)
      issue(["dataDisks"], ["dataDisks"], cite("DataDisks", "at most 1 LOCAL_BASIC or LOCAL_SSD data disk"));
    if (disks.length - local > 20)
      issue(["dataDisks"], ["dataDisks"], cite("DataDisks", "at most 20 cloud data disks"));
    const ips = a.virtualPrivateCloud?.privateIpAddresses;
    if (ips && ips.length !== a.instanceCount) {
      issue(
        ["virtualPrivateCloud.privateIpAddresses", "instanceCount"],
        ["virtualPrivateCloud", "privateIpAddresses"],
        cite(
          "VirtualPrivateCloud",
          `the number of VPC IPs (${ips.length}) must equal instanceCount (${a.instanceCount})`,
        ),
      );
    }
  });

/** What a program passes (defaults optional). */
export type CvmInstanceArgs = z.input<typeof CvmInstanceArgsSchema>;
/** After check: defaults applied. */
export type CvmArgs = z.output<typeof CvmInstanceArgsSchema>;

export const ARG_KEYS = Object.keys(CvmInstanceArgsSchema.shape) as ReadonlyArray<keyof CvmArgs>;

/**
 * HaiInstance arguments: the request parameters of HAI RunInstances (API 2023-08-12,
 * https://cloud.tencent.com/document/api/1721/101517), camelCase, nesting kept, every documented
 * constraint as a rule whose reason cites its source. `DryRun` becomes preflight. Limits the
 * document does not state come from the SDK's request models (tencentcloud-sdk-nodejs
 * hai/v20230812/hai_models.d.ts) and are cited as "SDK <Model>.<Field>".
 */
import { z } from "zod";
import { TimeoutsSchema, adoptIds, isAscii } from "../../core/rules";

export const DOC = "HAI RunInstances 2023-08-12";
/** "rule (HAI RunInstances 2023-08-12: Param; more sources or the cloud's error code)". */
const cite = (param: string, rule: string, ...more: string[]) =>
  `${rule} (${[`${DOC}: ${param}`, ...more].join("; ")})`;
const citeSdk = (field: string, rule: string) => `${rule} (SDK hai_models ${field})`;

/** "CLOUD_PREMIUM, CLOUD_HSSD" (SDK SystemDisk.DiskType). */
export const DISK_TYPES = ["CLOUD_PREMIUM", "CLOUD_HSSD"] as const;
/** "default 80, range 80-1000" GB (SDK SystemDisk.DiskSize). */
export const DISK_SIZE_MIN = 80;
export const DISK_SIZE_MAX = 1000;
/** "at most 10 instances per request" (SDK RunInstancesRequest.InstanceCount). */
export const MAX_INSTANCE_COUNT = 10;
/** "the name is limited to 128 characters" (SDK RunInstancesRequest.InstanceName). */
export const MAX_INSTANCE_NAME = 128;
/**
 * The bundles the SDK enumerates (RunInstancesRequest.BundleType: XL, XL_2X, 3XL, 3XL_2X, 4XL,
 * 24GB_A) and the document's example 1 ("S"). New bundles appear over time: check enforces their
 * shape, the cloud their existence (InvalidParameterValue.BundleTypeNotFound, through preflight).
 */
export const KNOWN_BUNDLE_TYPES = ["S", "XL", "XL_2X", "3XL", "3XL_2X", "4XL", "24GB_A"] as const;

const COUNT_RANGE = cite(
  "InstanceCount",
  `must be in [1, ${MAX_INSTANCE_COUNT}]`,
  "SDK RunInstancesRequest.InstanceCount",
  "InvalidParameterValue.InvalidInstanceCount",
);

export const SystemDiskSchema = z.strictObject({
  /** Default: a disk type in stock (SDK SystemDisk.DiskType). */
  diskType: z
    .enum(DISK_TYPES, {
      message: citeSdk("SystemDisk.DiskType", `must be one of ${DISK_TYPES.join(", ")}`),
    })
    .optional(),
  /** GB; default 80 (SDK SystemDisk.DiskSize), at least what the application needs. */
  diskSize: z
    .number()
    .int(citeSdk("SystemDisk.DiskSize", "must be a whole number of GB"))
    .min(DISK_SIZE_MIN, citeSdk("SystemDisk.DiskSize", `must be ${DISK_SIZE_MIN}-${DISK_SIZE_MAX} GB`))
    .max(DISK_SIZE_MAX, citeSdk("SystemDisk.DiskSize", `must be ${DISK_SIZE_MIN}-${DISK_SIZE_MAX} GB`))
    .optional(),
});

export const HaiInstanceArgsSchema = z.strictObject({
  /**
   * Tencent Cloud region (common parameter Region, required by HAI); else stack config
   * tencentcloud:region or TENCENTCLOUD_REGION.
   */
  region: z.string().min(1).optional(),
  /** Required: the application, e.g. app-jknfna (DescribeApplications lists them). */
  applicationId: z
    .string()
    .regex(
      /^app-[a-z0-9]+$/,
      cite(
        "ApplicationId",
        "must be an application id shaped app-xxxxxx, e.g. app-jknfna",
        "InvalidParameterValue.InvalidApplicationIdMalformed",
      ),
    ),
  /** Required: the compute bundle, e.g. XL. */
  bundleType: z
    .string()
    .regex(
      /^[A-Z0-9]+(_[A-Z0-9]+)*$/,
      cite(
        "BundleType",
        `must be a bundle type such as ${KNOWN_BUNDLE_TYPES.join(", ")}`,
        "SDK RunInstancesRequest.BundleType",
      ),
    ),
  /** Default: the system's defaults (doc). */
  systemDisk: SystemDiskSchema.optional(),
  /** How many instances: 1-10, default 1. */
  instanceCount: z
    .number()
    .int(cite("InstanceCount", "must be a whole number"))
    .min(1, COUNT_RANGE)
    .max(MAX_INSTANCE_COUNT, COUNT_RANGE)
    .default(1),
  /** The instances' name, at most 128 characters. */
  instanceName: z
    .string()
    .max(
      MAX_INSTANCE_NAME,
      cite(
        "InstanceName",
        `must be at most ${MAX_INSTANCE_NAME} characters`,
        "SDK RunInstancesRequest.InstanceName",
        "InvalidParameterValue.InstanceNameTooLong",
      ),
    )
    .optional(),
  /**
   * Idempotency token. The HAI document states no length; Tencent Cloud API 3.0 takes at most 64
   * ASCII characters (CVM RunInstances 2017-03-12: ClientToken, InvalidClientToken.TooLong).
   */
  clientToken: z
    .string()
    .min(1, cite("ClientToken", "must not be empty"))
    .max(
      64,
      cite(
        "ClientToken",
        "must be at most 64 ASCII characters",
        "no limit stated there; the API 3.0 limit of CVM RunInstances 2017-03-12: ClientToken",
      ),
    )
    .refine(isAscii, { message: cite("ClientToken", "must be printable ASCII characters") })
    .optional(),
  /**
   * Running (true, the default) or stopped without charge (false: StopInstance STOP_CHARGE).
   * Postpaid instances only: prepaid ones can be neither stopped nor started (SDK StopInstance /
   * StartInstance).
   */
  running: z.boolean().default(true),
  /** How long create, update and delete may take, e.g. {create: "30m"}. */
  timeouts: TimeoutsSchema.optional(),
  /** HAI instances bought outside Pulumi that the first create takes instead of buying (adopt.ts). */
  adoptInstanceIds: adoptIds(
    /^hai-[a-z0-9]{8,}$/,
    "hai-df99mzt1",
    `${DOC}: InstanceIdSet, e.g. hai-df99mzt1`,
  ),
});

/** What a program passes (defaults optional). */
export type HaiInstanceArgs = z.input<typeof HaiInstanceArgsSchema>;
/** After check: defaults applied. */
export type HaiArgs = z.output<typeof HaiInstanceArgsSchema>;

/**
 * Made in place: running (StopInstance / StartInstance) and, handled on its own by the diff, a
 * larger systemDisk.diskSize (ResizeInstanceDisk). HAI has no rename API: every other argument
 * replaces.
 */
export const IN_PLACE = ["running", "timeouts", "clientToken"] as const;

export const ARG_KEYS = Object.keys(HaiInstanceArgsSchema.shape) as ReadonlyArray<keyof HaiArgs>;

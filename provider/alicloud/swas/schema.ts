/**
 * SwasInstance arguments: the request parameters of SWAS CreateInstances (swas-open 2020-06-01,
 * https://help.aliyun.com/zh/simple-application-server/developer-reference/api-swas-open-2020-06-01-createinstances), camelCase, every documented constraint as a rule
 * whose reason cites the document. The server name and password are set after the launch through
 * UpdateInstanceAttribute: their rules come from the doc comments of the SDK's
 * UpdateInstanceAttributeRequest (@alicloud/swas-open20200601).
 *
 * SWAS servers are subscriptions paid up front and the API cannot release one: which argument
 * changes are made in place, and which are refused unless the user opts in to buying
 * replacements (`allowReplacement`), is decided here too (IN_PLACE, REFUSED_BECAUSE).
 */
import { z } from "zod";
import { ruleIssue } from "../../core/check";
import {
  TimeoutsSchema,
  adoptIds,
  asciiToken,
  characterClasses,
  onlyAllowed,
  stringWith,
} from "../../core/rules";

export const DOC = "SWAS CreateInstances 2020-06-01";
const cite = (param: string, rule: string) => `${rule} (${DOC}: ${param})`;
const SDK_DOC = "swas-open SDK UpdateInstanceAttributeRequest";
const citeSdk = (param: string, rule: string) => `${rule} (${SDK_DOC}: ${param})`;

/** 003: Period and AutoRenewPeriod take {"1", "3", "6", "12", "24", "36"} (months). */
export const PERIODS = [1, 3, 6, 12, 24, 36] as const;
/** 003: DataDiskSize 0 to 16380 GB, a multiple of 20; 0 means no data disk. */
export const MAX_DATA_DISK_GB = 16380;
export const DATA_DISK_STEP_GB = 20;
/** 003: an ESSD (PL0) plan's data disk is at least 40 GB, an SSD plan's at least 20 GB (checked by preflight). */
export const MIN_DATA_DISK_GB = { SSD: 20, ESSD: 40 } as const;
/** 003: Amount 1 to 20. */
export const MAX_AMOUNT = 20;
/** SDK UpdateInstanceAttributeRequest.Password: the special characters a password may hold. */
export const SWAS_PASSWORD_SPECIALS = "()`~!@#$%^&*-_+=|{}[]:;'<>,.?/";
/**
 * SDK UpdateInstanceAttributeRequest.InstanceName: 2 to 50 characters, letters, digits, "_" and
 * "-", starting with a letter or digit; domain names are supported (so "."); the Chinese page of
 * the same API also allows Chinese characters.
 */
export const INSTANCE_NAME = /^[A-Za-z0-9\p{Script=Han}][A-Za-z0-9\p{Script=Han}_.-]{1,49}$/u;
export const MAX_NAME_LENGTH = 50;

const period = (param: string) =>
  z
    .number()
    .int()
    .refine((p) => (PERIODS as readonly number[]).includes(p), {
      message: cite(param, `must be one of ${PERIODS.join(", ")} months (Invalid${param}.ValueNotSupported)`),
    });

export const SwasInstanceArgsSchema = z
  .strictObject({
    /**
     * Required by the API; when absent, stack config alicloud:region, ALIBABA_CLOUD_REGION_ID or
     * ALICLOUD_REGION.
     */
    regionId: z
      .string()
      .regex(/^[a-z]{2,}(-[a-z0-9]+)+$/, cite("RegionId", "must be a region id such as cn-hangzhou"))
      .optional(),
    /** Required: the image (ListImages lists those of the region). */
    imageId: z
      .string()
      .regex(
        /^([0-9a-f]{32}|m-[0-9a-z]+)$/,
        cite(
          "ImageId",
          "must be an image id from ListImages, such as e2c9c365024a44369c9b955a998a0000, or a custom image m-... (InvalidImageId.NotFound)",
        ),
      ),
    /** Required: the plan, e.g. swas.s1.c1m1s40b3t05 (ListPlans lists those of the region); upgraded in place to a larger one. */
    planId: z
      .string()
      .regex(
        /^[A-Za-z0-9][\w.-]*$/,
        cite(
          "PlanId",
          "must be a plan id from ListPlans, such as swas.s1.c1m1s40b3t05 (InvalidPlanId.NotFound)",
        ),
      ),
    /** Required: the subscription in months: 1, 3, 6, 12, 24 or 36. */
    period: period("Period"),
    /** Whether the subscription renews itself when it ends; default false. */
    autoRenew: z.boolean().default(false),
    /** The renewal in months: 1, 3, 6, 12, 24 or 36; required when autoRenew is true. */
    autoRenewPeriod: period("AutoRenewPeriod").optional(),
    /** The data disk in GB: 0 (none, the default) to 16380, a multiple of 20 (at least 20 on SSD plans, 40 on ESSD PL0 plans). */
    dataDiskSize: z
      .number()
      .int()
      .min(
        0,
        cite("DataDiskSize", `must be 0-${MAX_DATA_DISK_GB} GB (InvalidDataDiskSize.ValueNotSupported)`),
      )
      .max(
        MAX_DATA_DISK_GB,
        cite("DataDiskSize", `must be 0-${MAX_DATA_DISK_GB} GB (InvalidDataDiskSize.ValueNotSupported)`),
      )
      .refine((s) => s % DATA_DISK_STEP_GB === 0, {
        message: cite(
          "DataDiskSize",
          `must be a multiple of ${DATA_DISK_STEP_GB} GB, at least 20 GB when not 0 (InvalidDataDiskSize.ValueNotSupported)`,
        ),
      })
      .default(0),
    /** How many servers: 1-20, default 1; raised in place (servers cannot be released). */
    amount: z
      .number()
      .int()
      .min(1, cite("Amount", `must be 1-${MAX_AMOUNT} (InvalidAmount.ValueNotSupported)`))
      .max(MAX_AMOUNT, cite("Amount", `must be 1-${MAX_AMOUNT} (InvalidAmount.ValueNotSupported)`))
      .default(1),
    /** How the servers are paid: only PrePaid (the default), a subscription. */
    chargeType: z
      .literal("PrePaid", {
        message: cite(
          "ChargeType",
          'must be "PrePaid": only subscriptions exist (InvalidChargeType.ValueNotSupported)',
        ),
      })
      .default("PrePaid"),
    /** The idempotency token, at most 64 ASCII characters; default: derived from the resource and its request. */
    clientToken: asciiToken((rule) => cite("ClientToken", rule)).optional(),
    /** Set by UpdateInstanceAttribute once the servers run; with amount > 1 each gets "-1", "-2", ... */
    instanceName: stringWith(
      (n) =>
        n.length < 2 || n.length > MAX_NAME_LENGTH
          ? "must be 2-50 characters"
          : !/^[A-Za-z0-9\p{Script=Han}]/u.test(n)
            ? "must start with a letter or digit"
            : !INSTANCE_NAME.test(n)
              ? "may only contain letters, digits, underscores, hyphens and periods"
              : undefined,
      (problem) => citeSdk("InstanceName", `${problem} (InvalidInstanceName.ValueNotSupported)`),
    ).optional(),
    /** Set by UpdateInstanceAttribute once the servers run, then RebootInstances (it takes effect after a reboot); secret. */
    password: stringWith(
      (p) =>
        p.length < 8 || p.length > 30
          ? "must be 8-30 characters"
          : !onlyAllowed(p, SWAS_PASSWORD_SPECIALS)
            ? `may only contain letters, digits and ${SWAS_PASSWORD_SPECIALS}`
            : characterClasses(p, SWAS_PASSWORD_SPECIALS) < 3
              ? "must contain at least three of upper case, lower case, digits and special characters"
              : undefined,
      (problem) => citeSdk("Password", `${problem} (InvalidPassword.ValueNotSupported)`),
    ).optional(),
    /** true: Running (StartInstances); false: Stopped (StopInstances). A stopped server is still paid. */
    running: z.boolean().default(true),
    /** There is no release API: "stop" (default) stops the servers on delete, "retain" leaves them running. */
    onDelete: z.enum(["stop", "retain"]).default("stop"),
    /**
     * Opt-in to buying new servers when an argument that cannot change in place changes (the old
     * servers stay paid until they expire), and to replacing servers that failed to launch.
     */
    allowReplacement: z.boolean().default(false),
    /** How long create, update and delete may take, e.g. {create: "40m"} (default 30 minutes: 10 calls a minute). */
    timeouts: TimeoutsSchema.optional(),
    /** Servers bought outside Pulumi for the first create to take instead of buying (adopt.ts), as many as amount. */
    adoptInstanceIds: adoptIds(
      /^[0-9a-f]{32}$/,
      "2ad1ae67295445f598017499dc000000",
      "swas-open SDK ListInstancesRequest: InstanceIds",
    ),
  })
  .superRefine((a, ctx) => {
    const issue = (reads: string[], path: PropertyKey[], message: string) =>
      ruleIssue(ctx, reads, path, message);
    if (a.autoRenew && a.autoRenewPeriod === undefined) {
      issue(
        ["autoRenew", "autoRenewPeriod"],
        ["autoRenewPeriod"],
        cite(
          "AutoRenewPeriod",
          "is required when autoRenew is true (InvalidAutoRenewPeriod.ValueNotSupported)",
        ),
      );
    }
    if (!a.autoRenew && a.autoRenewPeriod !== undefined) {
      issue(
        ["autoRenew", "autoRenewPeriod"],
        ["autoRenewPeriod"],
        cite("AutoRenewPeriod", "only applies when autoRenew is true; the cloud would ignore it"),
      );
    }
    if (a.instanceName !== undefined && a.amount > 1) {
      const longest = `${a.instanceName}-${a.amount}`;
      if (longest.length > MAX_NAME_LENGTH) {
        issue(
          ["instanceName", "amount"],
          ["instanceName"],
          citeSdk(
            "InstanceName",
            `with amount ${a.amount} the servers are named ${a.instanceName}-1 to ${longest}, which must be at most 50 characters`,
          ),
        );
      }
    }
  });

/** What a program passes (defaults optional). */
export type SwasInstanceArgs = z.input<typeof SwasInstanceArgsSchema>;
/** After check: defaults applied. */
export type SwasArgs = z.output<typeof SwasInstanceArgsSchema>;

export const ARG_KEYS = Object.keys(SwasInstanceArgsSchema.shape) as ReadonlyArray<keyof SwasArgs>;

/**
 * Made in place: imageId (ResetSystem, a reinstall), the name and password (UpdateInstanceAttribute), running (Start/StopInstance),
 * planId to a larger plan (UpgradeInstance), amount upwards (CreateInstances for the difference),
 * and this package's own settings. clientToken only matters to the create that used it.
 */
export const IN_PLACE = [
  "imageId",
  "instanceName",
  "password",
  "running",
  "planId",
  "amount",
  "onDelete",
  "allowReplacement",
  "timeouts",
  "clientToken",
] as const;

/** Why each other argument cannot change in place: the refusal a preview shows. */
export const REFUSED_BECAUSE: Record<
  Exclude<keyof SwasArgs, (typeof IN_PLACE)[number] | "adoptInstanceIds">,
  string
> = {
  regionId: "servers cannot move to another region",
  period:
    "the subscription is paid up front for its period; RenewInstance can extend it but nothing can shorten it or change what was bought",
  autoRenew:
    "the SWAS API has no call that changes auto-renewal of an existing server (only CreateInstances takes it)",
  autoRenewPeriod:
    "the SWAS API has no call that changes auto-renewal of an existing server (only CreateInstances takes it)",
  dataDiskSize: "the SWAS API has no call that resizes or adds a data disk of an existing server",
  chargeType: "only PrePaid exists",
};

/** The message of a refused change: why, and how to opt in to paying for new servers. */
export function refusal(key: string, why: string): string {
  return (
    `cannot change in place: ${why}. Changing it means buying new servers while the old ones stay paid ` +
    `until they expire (SWAS has no API to release a server); set allowReplacement: true to do that, ` +
    `or change ${key} back`
  );
}

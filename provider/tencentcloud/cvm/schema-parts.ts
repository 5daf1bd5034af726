/**
 * The nested structures of CvmInstance's arguments that the launch alone uses or that change with
 * their own actions: login settings, agents, scheduled actions, tags, spot options (CVM
 * RunInstances 2017-03-12; the SDK's request models).
 */
import { MARK_PREFIX, OWNER_TAG } from "../../core/adopt";
import { z } from "zod";
import { ruleIssue } from "../../core/check";
import { TENCENT_PASSWORD_SPECIALS, characterClasses, onlyAllowed } from "../../core/rules";

export const DOC = "CVM RunInstances 2017-03-12";
export const cite = (param: string, rule: string) => `${rule} (${DOC}: ${param})`;

export const LoginSettingsSchema = z
  .strictObject({
    /** The login password: 8-30 characters with two kinds of letters, digits and specials (Windows: 12-30, three kinds); secret. */
    password: z.string().optional(),
    /** The SSH keys to log in with, shaped skey-xxxxxxxx (not with a password). */
    keyIds: z
      .array(z.string().regex(/^skey-[a-z0-9]{8}$/, "must be a key id shaped skey-xxxxxxxx"))
      .optional(),
    /** Keep the image's own login settings: TRUE or FALSE (custom, shared and imported images only). */
    keepImageLogin: z.enum(["TRUE", "FALSE", "true", "false"]).optional(),
  })
  .superRefine((l, ctx) => {
    const set = [
      l.password !== undefined,
      (l.keyIds?.length ?? 0) > 0,
      /^true$/i.test(l.keepImageLogin ?? ""),
    ];
    if (set.filter(Boolean).length > 1) {
      ruleIssue(
        ctx,
        ["password", "keyIds", "keepImageLogin"],
        [],
        cite(
          "LoginSettings",
          "password, keyIds and keepImageLogin cannot be combined (InvalidParameterCombination)",
        ),
      );
    }
    const p = l.password;
    if (p === undefined) return;
    // Linux rules; Windows images need 12-30 characters with three classes, checked by preflight.
    if (p.length < 8 || p.length > 30) {
      ctx.addIssue({
        code: "custom",
        path: ["password"],
        message: cite("LoginSettings.Password", "must be 8-30 characters (InvalidPassword)"),
      });
    } else if (!onlyAllowed(p, TENCENT_PASSWORD_SPECIALS)) {
      ctx.addIssue({
        code: "custom",
        path: ["password"],
        message: cite(
          "LoginSettings.Password",
          `may only contain letters, digits and ${TENCENT_PASSWORD_SPECIALS} (InvalidPassword)`,
        ),
      });
    } else if (characterClasses(p, TENCENT_PASSWORD_SPECIALS) < 2) {
      ctx.addIssue({
        code: "custom",
        path: ["password"],
        message: cite(
          "LoginSettings.Password",
          "must contain at least two of lower case, upper case, digits and special characters (InvalidPassword)",
        ),
      });
    }
  });

const Enabled = z.strictObject({
  /** Whether to enable the service (default: enabled for public images). */
  enabled: z.boolean().optional(),
});
export const EnhancedServiceSchema = z.strictObject({
  /** Cloud Workload Protection (the security agent). */
  securityService: Enabled.optional(),
  /** Cloud Monitor (the monitoring agent). */
  monitorService: Enabled.optional(),
  /** The TencentCloud Automation Tools (TAT) agent. */
  automationService: Enabled.optional(),
});

export const ActionTimerSchema = z.strictObject({
  /** The scheduled action: only TerminateInstances is supported. */
  timerAction: z.literal("TerminateInstances", {
    message: cite(
      "ActionTimer",
      'only scheduled termination is supported: timerAction must be "TerminateInstances"',
    ),
  }),
  /** When the action runs, e.g. 2026-12-31 23:00:00. */
  actionTime: z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?$/,
      "must be a time like 2026-12-31 23:00:00",
    ),
  /** What else the action does. */
  externals: z
    .strictObject({
      /** Whether the instance's elastic IPs are released with it. */
      releaseAddress: z.boolean().optional(),
      /** Network types the action does not apply to. */
      unsupportNetworks: z.array(z.string()).optional(),
    })
    .optional(),
});

export const TagSchema = z.strictObject({
  /** The tag key, at most 127 characters; `pulumi:` keys are the resource's own marks. */
  key: z
    .string()
    .min(1)
    .max(127)
    .refine((k) => !k.startsWith(MARK_PREFIX), {
      message: `must not start with ${MARK_PREFIX}: those tags are the resource's own marks (a tag argument may not use them: ${OWNER_TAG} names the resource holding an instance)`,
    }),
  /** The tag value, at most 255 characters. */
  value: z.string().max(255),
});
export const TagSpecificationSchema = z.strictObject({
  /** The resource the tags are bound to: only instance. */
  resourceType: z.literal("instance", {
    message: cite(
      "TagSpecification",
      'tags can only be bound to CVM instances: resourceType must be "instance"',
    ),
  }),
  /** The tags, key and value each. */
  tags: z.array(TagSchema),
});

export const InstanceMarketOptionsSchema = z.strictObject({
  /** The market: only spot. */
  marketType: z.literal("spot").optional(),
  /** Required: the spot instance's bid. */
  spotOptions: z.strictObject({
    /** Required: the highest price to pay per hour, e.g. "0.5". */
    maxPrice: z.string().regex(/^\d+(\.\d+)?$/, 'must be a price such as "0.5"'),
    /** The spot request type: only one-time. */
    spotInstanceType: z.literal("one-time").optional(),
  }),
});

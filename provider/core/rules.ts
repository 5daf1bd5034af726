/**
 * Small validators shared by the schemas, each named after the rule it enforces. The reason
 * texts cite their document; schemas pass the citation in.
 */
import { z } from "zod";
import { isIP } from "node:net";
import { parseDuration } from "./duration";

/**
 * A string checked by `problem` (the rule's words for what is wrong, or undefined), the reason
 * given by `reason` (which cites the document): one rule, however many conditions it reads.
 */
export function stringWith(problem: (s: string) => string | undefined, reason: (problem: string) => string) {
  return z.string().superRefine((s, ctx) => {
    const p = problem(s);
    if (p) ctx.addIssue({ code: "custom", message: reason(p) });
  });
}

/** An idempotency token: 1-64 ASCII characters (CVM RunInstances, SWAS CreateInstances: ClientToken). */
export function asciiToken(
  reason: (rule: string) => string,
  tooLong = "must be at most 64 ASCII characters",
) {
  return z
    .string()
    .min(1)
    .max(64, reason(tooLong))
    .refine(isAscii, { message: reason("must be ASCII characters") });
}

/** The special characters Tencent Cloud accepts in passwords (CVM LoginSettings, ECM Password). */
export const TENCENT_PASSWORD_SPECIALS = "()`~!@#$%^&*-+=|{}[]:;',.?/";

export function characterClasses(s: string, specials: string): number {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/];
  let n = classes.filter((re) => re.test(s)).length;
  if ([...s].some((c) => specials.includes(c))) n++;
  return n;
}

export function onlyAllowed(s: string, specials: string): boolean {
  return [...s].every((c) => /[A-Za-z0-9]/.test(c) || specials.includes(c));
}

/** Valid base64 text (padding optional at the end only). */
export function isBase64(s: string): boolean {
  return (
    s.length % 4 !== 1 &&
    /^[A-Za-z0-9+/]*={0,2}$/.test(s) &&
    Buffer.from(s, "base64").toString("base64").replace(/=+$/, "") === s.replace(/=+$/, "")
  );
}

export function isIpv4(s: string): boolean {
  return isIP(s) === 4;
}

export const isAscii = (s: string) => /^[\x20-\x7e]*$/.test(s);

/**
 * Host name rules shared by CVM and ECM: no leading, trailing or consecutive dots or hyphens;
 * 2-60 characters of letters, digits, hyphens and dots (Linux and other non-Windows).
 */
export function hostNameProblem(h: string): string | undefined {
  if (h.length < 2 || h.length > 60) return "must be 2-60 characters long";
  if (/^[.-]|[.-]$/.test(h)) return "must not start or end with a period or hyphen";
  if (/[.-]{2}/.test(h)) return "must not contain consecutive periods or hyphens";
  if (!/^[A-Za-z0-9.-]+$/.test(h)) return "may only contain letters, digits, hyphens and periods";
  return undefined;
}

/** The Windows host name rules: 2-15 letters, digits and hyphens, not only digits, no periods. */
export function windowsHostNameProblem(h: string): string | undefined {
  if (h.length < 2 || h.length > 15) return "must be 2-15 characters long on Windows";
  if (h.includes(".")) return "must not contain periods on Windows";
  if (/^\d+$/.test(h)) return "must not be only digits on Windows";
  return hostNameProblem(h);
}

/**
 * The shortest timeout: every operation waits for the cloud's asynchronous work (a boot, a
 * termination), and a create that gives up at once has bought servers for nothing.
 */
export const MIN_TIMEOUT_MS = 60_000;

function durationOrUndefined(text: string): number | undefined {
  try {
    return parseDuration(text);
  } catch {
    return undefined;
  }
}

/** `timeouts: {create, update, delete}` as duration strings ("15m"), each at least a minute. */
export const TimeoutsSchema = z
  .strictObject({
    /** How long a create may take, e.g. "15m" (default 15 minutes; at least "1m"). */
    create: z.string().optional(),
    /** How long an update (or a refresh) may take, e.g. "15m" (default 15 minutes; at least "1m"). */
    update: z.string().optional(),
    /** How long a delete may take, e.g. "15m" (default 15 minutes; at least "1m"). */
    delete: z.string().optional(),
  })
  .superRefine((t, ctx) => {
    for (const [k, v] of Object.entries(t)) {
      if (v === undefined) continue;
      const ms = durationOrUndefined(v);
      if (ms === undefined) {
        ctx.addIssue({
          code: "custom",
          path: [k],
          message: `must be a duration like "15m", "90s" or "1h30m"`,
        });
      } else if (ms < MIN_TIMEOUT_MS) {
        ctx.addIssue({
          code: "custom",
          path: [k],
          message:
            `must be at least 1 minute ("1m"), not ${v}: the ${k} waits for the cloud's asynchronous operations ` +
            `(boots, terminations), which take longer`,
        });
      }
    }
  });
export type Timeouts = z.infer<typeof TimeoutsSchema>;

export const DEFAULT_TIMEOUT_MS = 15 * 60_000;

/**
 * `adoptInstanceIds` (core/adopt.ts): at least one id, each once, each of the product's form
 * (`pattern`, e.g. /^ins-[a-z0-9]{8}$/ for CVM's "ins-xxxxxxxx", as `source` names it).
 */
export function adoptIds(pattern: RegExp, example: string, source: string) {
  return z
    .array(z.string().regex(pattern, `must be an instance id such as ${example} (${source})`))
    .min(
      1,
      "must name at least one instance: leave it out to buy new instances (the adoptInstanceIds argument)",
    )
    .refine((ids) => new Set(ids).size === ids.length, {
      message: "names an instance more than once (the adoptInstanceIds argument)",
    })
    .optional();
}

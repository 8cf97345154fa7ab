// What the alert queue, the alert page, the rules pages and the alert REST API accept, parsed
// once with zod so a page and the API read the same query string the same way. Pure.
import { z } from "zod";
import { parseTime, RANGES, type RangeName } from "@/lib/logs/filters";
import { SEVERITIES } from "@/lib/detections/severity";
import { ALERT_SORTS, ALERT_STATUSES, DISMISSALS } from "./vocabulary";

export { ALERT_SORTS, ALERT_STATUSES, DISMISSAL_LABELS, DISMISSALS, STATUS_LABELS, type AlertSort, type AlertStatusName, type DismissalName } from "./vocabulary";

export const ALERT_PAGE_SIZE = 50;
export const MAX_ALERT_LIMIT = 200;
/** At most this many alerts change in one bulk action. */
export const MAX_BULK = 200;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const text = (max: number) =>
  optional(
    z
      .string({ message: "Text expected." })
      .trim()
      .max(max, `At most ${max} characters.`)
      .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "Control characters are not allowed."),
  );

/** `OPEN,ACKNOWLEDGED` or repeated values: a set of enum values, any case. */
const enumSet = <T extends readonly [string, ...string[]]>(values: T, name: string) =>
  optional(
    z
      .union([z.string(), z.array(z.string())], { message: `${name} is one or more of ${values.join(", ")}.` })
      .transform((v) => [...new Set((Array.isArray(v) ? v : [v]).flatMap((s) => s.split(",")).map((s) => s.trim().toUpperCase()).filter(Boolean))])
      .pipe(z.array(z.enum(values, { message: `${name} is one or more of ${values.join(", ")}.` })).max(values.length)),
  );

const timeValue = z.string({ message: "A date or a date and time." }).transform((s, ctx) => {
  const parsed = parseTime(s);
  if (!parsed) {
    ctx.addIssue({ code: "custom", message: "Use a date (2026-11-21) or a date and time (2026-11-21T14:05, UTC unless an offset is given)." });
    return z.NEVER;
  }
  return parsed;
});
const time = optional(timeValue);

/** Position after the last row shown: `<sort rank>_<micros>_<id>`. */
export type AlertCursor = { rank: number; micros: bigint; id: number };

export function encodeAlertCursor(c: AlertCursor): string {
  return `${c.rank}_${c.micros}_${c.id}`;
}

export function decodeAlertCursor(value: string): AlertCursor | null {
  const m = /^([0-4])_(\d{1,17})_(\d{1,10})$/.exec(value);
  if (!m || Number(m[3]) > 2_147_483_647) return null;
  return { rank: Number(m[1]), micros: BigInt(m[2]!), id: Number(m[3]) };
}

const cursor = optional(
  z.string().transform((s, ctx) => {
    const parsed = decodeAlertCursor(s);
    if (!parsed) {
      ctx.addIssue({ code: "custom", message: "Not a cursor from this list: use the nextCursor of the previous page." });
      return z.NEVER;
    }
    return parsed;
  }),
);

export const ZAlertFilter = z
  .object({
    status: enumSet(ALERT_STATUSES, "status"),
    severity: enumSet(SEVERITIES, "severity"),
    rule: optional(z.string().trim().regex(/^[A-Za-z0-9_.-]{1,120}$/, "A rule id such as Tailscale.Audit.HTTPSDisabled.")),
    /** A device's node id or name (contains). */
    device: text(200),
    /** A user login (contains). */
    user: text(320),
    /** Text in the title. */
    q: text(200),
    range: optional(z.enum(Object.keys(RANGES) as [RangeName, ...RangeName[]], { message: `range is one of ${Object.keys(RANGES).join(", ")}.` })),
    /** Last seen at or after. */
    from: time,
    /** Last seen at or before (a date alone: that whole day). */
    to: time,
    /** The API's name for `from`. */
    since: time,
    sort: optional(z.enum(ALERT_SORTS, { message: `sort is one of ${ALERT_SORTS.join(", ")}.` })),
    before: cursor,
    limit: optional(z.coerce.number({ message: "limit is a number." }).int("limit is a whole number.").min(1, "limit is at least 1.").max(MAX_ALERT_LIMIT, `limit is at most ${MAX_ALERT_LIMIT}.`)),
  })
  .superRefine((f, ctx) => {
    const from = f.since?.at ?? f.from?.at;
    if (from && f.to && f.to.at.getTime() + (f.to.isDay ? 86_400_000 : 0) < from.getTime()) ctx.addIssue({ code: "custom", path: ["to"], message: "`to` is before `from`." });
  });
export type AlertFilter = z.infer<typeof ZAlertFilter>;

/** The REST API's subset of the filter. */
export const ZAlertApiFilter = z.object({
  status: ZAlertFilter.shape.status,
  severity: ZAlertFilter.shape.severity,
  rule: ZAlertFilter.shape.rule,
  since: ZAlertFilter.shape.since,
  sort: ZAlertFilter.shape.sort,
  before: ZAlertFilter.shape.before,
  limit: ZAlertFilter.shape.limit,
});

const reason = z
  .string({ message: "Give a reason." })
  .trim()
  .min(3, "Give a reason (a few words: what it was, who confirmed it).")
  .max(2000, "At most 2000 characters.");

const userId = z.string().trim().min(1, "Pick a person.").max(320);

/** One change to one or more alerts. */
export const ZAlertChange = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("acknowledge") }),
    z.object({ action: z.literal("assign"), assigneeId: userId }),
    z.object({ action: z.literal("unassign") }),
    z.object({ action: z.literal("dismiss"), dismissal: z.enum(DISMISSALS, { message: `Pick a kind: ${DISMISSALS.join(", ")}.` }), reason }),
    z.object({ action: z.literal("reopen") }),
  ],
  { message: "action is one of acknowledge, assign, unassign, dismiss, reopen." },
);
export type AlertChange = z.infer<typeof ZAlertChange>;
export type AlertAction = AlertChange["action"];

export const ZVersion = z.coerce.number({ message: "version is the alert's version number." }).int("version is a whole number.").min(0).max(2_147_483_647);

const alertId = z.string().trim().regex(/^\d{1,10}$/, "An alert id is a number.").transform(Number).pipe(z.number().int().positive("An alert id is a number.").max(2_147_483_647, "No such alert."));

export const ZAlertIds = z
  .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))], { message: "Select at least one alert." })
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(",")).filter(Boolean))
  .pipe(z.array(alertId).min(1, "Select at least one alert.").max(MAX_BULK, `At most ${MAX_BULK} alerts at a time.`));

/**
 * PATCH /api/v1/alerts/{id}: the status to move to, the assignee, the dismissal; `version` from
 * the GET when the caller wants a stale change refused (or the same in `If-Match`, see ZIfMatch).
 */
export const ZAlertPatch = z
  .object({
    status: z.enum(["OPEN", "ACKNOWLEDGED", "DISMISSED"], { message: "status is one of OPEN, ACKNOWLEDGED, DISMISSED." }).optional(),
    assignee: z.union([z.string().trim().min(1).max(320), z.null()], { message: "assignee is a user id or e-mail address, or null to unassign." }).optional(),
    dismissal: z.enum(DISMISSALS, { message: `dismissal is one of ${DISMISSALS.join(", ")}.` }).optional(),
    reason: z.string({ message: "reason is text." }).max(2000, "At most 2000 characters.").optional(),
    version: z.number({ message: "version is the alert's version (a number, from GET)." }).int().min(0).max(2_147_483_647).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.status === undefined && p.assignee === undefined) ctx.addIssue({ code: "custom", message: "Change something: status or assignee." });
    if (p.status === "DISMISSED" && !p.dismissal) ctx.addIssue({ code: "custom", path: ["dismissal"], message: "Dismissing needs a dismissal kind." });
    if (p.status === "DISMISSED" && !(p.reason ?? "").trim()) ctx.addIssue({ code: "custom", path: ["reason"], message: "Dismissing needs a reason." });
    if (p.status !== "DISMISSED" && (p.dismissal || p.reason)) ctx.addIssue({ code: "custom", path: ["dismissal"], message: "dismissal and reason go with status DISMISSED." });
  });
export type AlertPatch = z.infer<typeof ZAlertPatch>;

const IF_MATCH_HELP = 'If-Match is the alert\'s version from GET as one strong tag ("3" or 3), or * for any version.';

/**
 * The `If-Match` header of the PATCH: the alert's version as an entity tag (`"3"`, or a bare `3`
 * as clients often send), or `*` (RFC 9110: any current version), which is null. Weak tags and
 * lists are refused: a version check needs exactly one version.
 */
export const ZIfMatch = z
  .string({ message: IF_MATCH_HELP })
  .trim()
  .regex(/^(\*|"\d{1,10}"|\d{1,10})$/, IF_MATCH_HELP)
  .transform((s) => (s === "*" ? null : Number(s.replaceAll('"', ""))))
  .pipe(z.number().int().max(2_147_483_647, IF_MATCH_HELP).nullable());

export const SUPPRESSION_PERIODS = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;
export type SuppressionPeriod = keyof typeof SUPPRESSION_PERIODS;

export const ZSuppressionInput = z
  .object({
    period: z.enum([...(Object.keys(SUPPRESSION_PERIODS) as SuppressionPeriod[]), "until"], { message: "Pick a period." }),
    until: time,
    reason,
  })
  .superRefine((s, ctx) => {
    if (s.period === "until" && !s.until) ctx.addIssue({ code: "custom", path: ["until"], message: "Give the date the suppression ends." });
  });
export type SuppressionInput = z.infer<typeof ZSuppressionInput>;

/** When a suppression ends; null when the date is past or more than a year away. */
export function suppressionEnd(input: SuppressionInput, now = new Date()): Date | null {
  const end = input.period === "until" ? new Date(input.until!.at.getTime() + (input.until!.isDay ? 86_400_000 : 0)) : new Date(now.getTime() + SUPPRESSION_PERIODS[input.period]);
  if (end.getTime() <= now.getTime() || end.getTime() > now.getTime() + 366 * 86_400_000) return null;
  return end;
}

export const ZRuleUpdate = z.object({
  enabled: z.preprocess((v) => (v === "true" || v === "on" ? true : v === "false" || v === "off" ? false : v), z.boolean({ message: "enabled is true or false." })).optional(),
  /** Empty: back to the rule's own severity. */
  severity: z.preprocess((v) => (v === "" ? null : v), z.enum(SEVERITIES, { message: `severity is one of ${SEVERITIES.join(", ")}.` }).nullable()).optional(),
  /** Empty: back to the rule's own window. */
  dedupMinutes: z
    .preprocess((v) => (v === "" ? null : typeof v === "string" ? Number(v) : v), z.number({ message: "The window is a number of minutes." }).int("Whole minutes.").min(1, "At least a minute.").max(60 * 24 * 30, "At most 30 days (43200 minutes).").nullable())
    .optional(),
});
export type RuleUpdate = z.infer<typeof ZRuleUpdate>;

/** The "try it" box: up to 256 KiB of pasted JSON. */
export const MAX_TRY_BYTES = 256 * 1024;

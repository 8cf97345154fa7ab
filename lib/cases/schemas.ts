// What people and the REST API send to the case operations, validated with messages a person
// can act on. Pure.
import { z } from "zod";
import { SEVERITIES } from "@/lib/detections/severity";
import { VISIBILITIES } from "@/lib/auth/visibility";
import { text, ZTimeZone } from "@/lib/reports/schemas";
import { CASE_OUTCOMES, CASE_STATUSES } from "./status";

export const isCaseReference = (value: string) => /^CASE-\d{4}-\d{4,}$/.test(value);

const enumOf = <T extends string>(values: readonly T[], what: string) =>
  z.enum(values as [T, ...T[]], { error: (issue) => `"${String(issue.input)}" is not a ${what}: use one of ${values.join(", ")}.` });

export const ZSeverity = enumOf(SEVERITIES, "severity");
export const ZVisibility = enumOf(VISIBILITIES, "visibility class");
export const ZCaseStatus = enumOf(CASE_STATUSES, "case status");
export const ZCaseOutcome = enumOf(CASE_OUTCOMES, "case outcome");
export const ZAudience = enumOf(["CUSTOMERS", "PUBLIC", "REGULATOR", "PARTNER"] as const, "disclosure audience");
export const ZImpactLevel = enumOf(["NONE", "LOW", "HIGH"] as const, "impact level");

const title = text(300, "The title").pipe(z.string().min(1, "Give the case a title."));
const summary = text(20_000, "The summary");
const when = z.coerce.date({ error: "Give a time such as 2026-11-21T14:05:00Z." }).refine((d) => !Number.isNaN(d.getTime()), "Give a time such as 2026-11-21T14:05:00Z.");
const userRef = z.string().trim().min(1).max(320);

export const ZVersion = z.coerce.number({ error: "version is the case's version number." }).int("version is a whole number.").min(0).max(2_147_483_647);

const alertId = z.coerce.number({ error: "An alert id is a number." }).int("An alert id is a number.").positive("An alert id is a number.").max(2_147_483_647, "No such alert.");
export const ZAlertIdList = z.array(alertId, { error: "alertIds is a list of alert ids." }).max(500, "At most 500 alerts at a time.");
const reportRef = z.string().trim().regex(/^RPT-\d{4}-\d{4,}$/, "A report reference looks like RPT-2026-0042.");

export const ZCaseCreate = z
  .object({
    title: title.optional(),
    summary: summary.optional(),
    severity: ZSeverity.optional(),
    visibility: ZVisibility.optional(),
    awareAt: when.optional(),
    alertIds: ZAlertIdList.default([]),
    reports: z.array(reportRef).max(50).default([]),
    /** A template's kind (`compromised-device-or-key`) or id. */
    template: z.string().trim().min(1).max(100).optional(),
    lead: userRef.nullish(),
  })
  .strict()
  .refine((v) => v.alertIds.length > 0 || v.reports.length > 0 || (v.title && v.severity), { message: "A case from scratch needs a title and a severity.", path: ["title"] });
export type CaseCreateInput = z.input<typeof ZCaseCreate>;

export const ZCaseUpdate = z
  .object({
    version: ZVersion,
    title: title.optional(),
    summary: summary.optional(),
    severity: ZSeverity.optional(),
    visibility: ZVisibility.optional(),
    /** A user id or e-mail address; null removes the lead. */
    lead: userRef.nullable().optional(),
    /** The whole member list (user ids or e-mail addresses). */
    members: z.array(userRef).max(100).optional(),
    status: ZCaseStatus.optional(),
    outcome: ZCaseOutcome.optional(),
    resolutionNote: text(5000, "The resolution note").optional(),
  })
  .strict();
export type CaseUpdateInput = z.input<typeof ZCaseUpdate>;

export const ZStatusChange = z
  .object({ version: ZVersion, status: ZCaseStatus, outcome: ZCaseOutcome.optional(), resolutionNote: text(5000, "The resolution note").optional() })
  .strict();

export const ZLinkAlerts = z.object({ alertIds: ZAlertIdList.min(1, "Give at least one alert id.") }).strict();

export const ZTimelineNote = z
  .object({
    body: text(20_000, "The entry").pipe(z.string().min(1, "Write what happened.")),
    occurredAt: when,
    timeZone: ZTimeZone.optional(),
    source: text(300, "The source").optional(),
  })
  .strict()
  .refine((v) => v.occurredAt.getTime() <= Date.now() + 5 * 60_000, { message: "That time is in the future: when did it happen?", path: ["occurredAt"] });

export const ZImpact = z
  .object({
    version: ZVersion,
    confidentiality: ZImpactLevel,
    integrity: ZImpactLevel,
    availability: ZImpactLevel,
    affectedSystems: z.array(text(200, "A system")).max(200).default([]),
    affectedDevices: z.array(text(200, "A device")).max(500).default([]),
    dataTypes: z.array(text(200, "A data type")).max(100).default([]),
    customersAffected: z.number({ error: "customersAffected is a number." }).int().min(0).nullish(),
    peopleAffected: z.number({ error: "peopleAffected is a number." }).int().min(0).nullish(),
    impactSummary: text(20_000, "The impact summary").pipe(z.string().min(1, "Summarise the impact.")),
  })
  .strict();

export const ZDisclosureDecision = z
  .object({
    version: ZVersion,
    disclose: z.boolean({ error: "disclose is true or false." }),
    rationale: text(20_000, "The rationale").pipe(z.string().min(1, "Say why.")),
    /** Who must be told: each becomes a draft obligation due 72 hours from awareness. PUBLIC needs the COO's approval. */
    audiences: z.array(ZAudience).max(4).default([]).transform((a) => [...new Set(a)]),
  })
  .strict()
  .refine((v) => v.disclose || v.audiences.length === 0, { message: "A decision not to disclose has no audiences.", path: ["audiences"] });

export const ZListCases = z.object({
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").filter(Boolean) : []))
    .pipe(z.array(ZCaseStatus)),
  severity: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").filter(Boolean) : []))
    .pipe(z.array(ZSeverity)),
  lead: z.string().trim().max(320).optional(),
  q: z.string().trim().max(200).optional(),
  open: z
    .enum(["true", "false", "1", "0"], { error: "open is true or false." })
    .optional()
    .transform((v) => v === "true" || v === "1"),
  sort: enumOf(["updated", "overdue", "created"] as const, "sort").default("updated"),
  visibility: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").filter(Boolean) : []))
    .pipe(z.array(ZVisibility)),
  /** Only cases the viewer leads or is a member of. */
  mine: z
    .enum(["true", "false", "1", "0"], { error: "mine is true or false." })
    .optional()
    .transform((v) => v === "true" || v === "1"),
  /** Only open cases past their due date. */
  overdue: z
    .enum(["true", "false", "1", "0"], { error: "overdue is true or false." })
    .optional()
    .transform((v) => v === "true" || v === "1"),
  page: z.coerce.number({ error: "page is a number." }).int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number({ error: "pageSize is a number." }).int().min(1).max(200).default(50),
});
export type ListCasesFilter = z.output<typeof ZListCases>;

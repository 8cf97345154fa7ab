// Validation of what reporters send, shared by the form, the public page and the API.
// Text is stored as typed (rendered inert on output); only NUL and other control characters
// that PostgreSQL or terminals cannot carry are dropped.
import { fromZonedTime } from "date-fns-tz";
import { z } from "zod";
import type { ReportCategory, ReportSign, ReportUrgency } from "@/lib/generated/prisma/enums";
import { CATEGORIES, EMPLOYEE_CATEGORIES, SIGNS, URGENCIES } from "./catalog";

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export const text = (max: number, label: string) =>
  z
    .string({ error: `${label} must be text.` })
    .transform((s) => s.replace(CONTROL, "").trim())
    .pipe(z.string().max(max, `${label} can be at most ${max.toLocaleString("en")} characters.`));

const optionalText = (max: number, label: string) =>
  z
    .union([text(max, label), z.null()])
    .optional()
    .transform((v) => v || undefined);

export const ZTimeZone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "Choose a time zone such as Europe/Berlin.");

const enumOf = <T extends string>(values: readonly T[], what: string) =>
  z.enum(values as [T, ...T[]], { error: (issue) => `"${String(issue.input)}" is not a ${what}: use one of ${values.join(", ")}.` });

/** A local date-time ("2026-11-20T14:30") in a time zone, or an ISO time with offset. */
function toInstant(value: string | undefined, timeZone: string | undefined): Date | undefined | "invalid" {
  if (!value) return undefined;
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const date = hasOffset ? new Date(value) : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value) ? fromZonedTime(value, timeZone ?? "UTC") : new Date(NaN);
  return Number.isNaN(date.getTime()) ? "invalid" : date;
}

export const ZReportInput = z
  .object({
    category: enumOf(EMPLOYEE_CATEGORIES, "report category"),
    signs: z
      .array(enumOf(Object.keys(SIGNS) as ReportSign[], "sign"))
      .max(Object.keys(SIGNS).length)
      .default([])
      .transform((s) => [...new Set(s)]),
    description: text(20_000, "The description").pipe(z.string().min(1, "Describe what happened.")),
    noticedAt: z.string().max(40).optional().or(z.literal("")),
    noticedTimeZone: ZTimeZone.optional().or(z.literal("")),
    concerned: optionalText(500, "The device, system or person"),
    urgency: enumOf(Object.keys(URGENCIES) as ReportUrgency[], "urgency").default("NORMAL"),
    visibility: enumOf(["STANDARD", "SENSITIVE", "COO_ONLY"] as const, "visibility").optional(),
  })
  .transform((input, ctx) => {
    const timeZone = input.noticedTimeZone || undefined;
    const noticedAt = toInstant(input.noticedAt || undefined, timeZone);
    if (noticedAt === "invalid") {
      ctx.addIssue({ code: "custom", path: ["noticedAt"], message: "Give the date and time as shown by the picker." });
      return z.NEVER;
    }
    if (noticedAt && noticedAt.getTime() > Date.now() + 5 * 60_000) {
      ctx.addIssue({ code: "custom", path: ["noticedAt"], message: "That time is in the future." });
      return z.NEVER;
    }
    return { ...input, noticedAt, noticedTimeZone: timeZone };
  });
export type ReportInput = z.input<typeof ZReportInput>;

export const ZMessageBody = text(10_000, "The message").pipe(z.string().min(1, "Write a message."));

export const ZCategory = enumOf(Object.keys(CATEGORIES) as ReportCategory[], "report category");

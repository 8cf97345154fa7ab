import "server-only";
// What a reporter sees of their own reports: status, the messages addressed to them and their
// own replies. Never internal notes, linked records, other reports, or who works on it.
import { db } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Visibility } from "@/lib/generated/prisma/enums";
import { appendAudit } from "@/lib/audit/append-audit";
import { reportReporterWhere } from "@/lib/auth/visibility";
import type { Viewer } from "@/lib/auth/viewer";
import { ZMessageBody } from "./schemas";

export const REPORTER_VISIBLE_MESSAGES = { kind: { in: ["FROM_REPORTER", "TO_REPORTER"] } } satisfies Prisma.ReportMessageWhereInput;

/** The triage team's name as the reporter sees it. */
export const TEAM_LABEL = "Security team";

const reporterSelect = {
  id: true,
  reference: true,
  category: true,
  signs: true,
  description: true,
  noticedAt: true,
  noticedTimeZone: true,
  concerned: true,
  urgency: true,
  visibility: true,
  status: true,
  createdAt: true,
  updatedAt: true,
  affectedProduct: true,
  attachments: { select: { id: true, filename: true, size: true, sha256: true, contentType: true } },
  messages: {
    where: REPORTER_VISIBLE_MESSAGES,
    orderBy: { createdAt: "asc" },
    select: { id: true, kind: true, body: true, createdAt: true },
  },
} satisfies Prisma.ReportSelect;

export type ReporterReport = Prisma.ReportGetPayload<{ select: typeof reporterSelect }>;

export async function listMyReports({ viewer }: { viewer: Viewer }) {
  return db.report.findMany({
    where: reportReporterWhere(viewer),
    orderBy: { createdAt: "desc" },
    select: { id: true, reference: true, category: true, status: true, visibility: true, createdAt: true, updatedAt: true, _count: { select: { messages: { where: { kind: "TO_REPORTER" } } } } },
  });
}

export async function getMyReport({ viewer, reference }: { viewer: Viewer; reference: string }): Promise<ReporterReport> {
  const report = await db.report.findFirst({ where: { AND: [reportReporterWhere(viewer), { reference }] }, select: reporterSelect });
  if (!report) throw notFound("report");
  return report;
}

/** The reporter answers the triage team on their own report. */
export async function replyToMyReport({ viewer, reference, body }: { viewer: Viewer; reference: string; body: unknown }) {
  if (viewer.kind !== "user") throw new AppError("FORBIDDEN", "Only the reporter can reply.");
  const text = parseInput(ZMessageBody, body);
  const report = await db.report.findFirst({ where: { AND: [reportReporterWhere(viewer), { reference }] } });
  if (!report) throw notFound("report");
  return addReporterMessage(viewer, report, text, viewer.name);
}

/** Shared by employees and external reporters (lib/reports/external-report.ts). */
export async function addReporterMessage(
  viewer: Viewer,
  report: { id: string; visibility: Visibility; status: string },
  body: string,
  authorLabel: string,
) {
  if (report.status === "CLOSED") throw new AppError("CONFLICT", "This report is closed; file a new one if something changed.");
  return db.$transaction(async (tx) => {
    const message = await tx.reportMessage.create({
      data: { reportId: report.id, kind: "FROM_REPORTER", authorId: viewer.kind === "user" ? viewer.id : null, authorLabel, body },
    });
    await appendAudit(tx, viewer, {
      action: "report.reporter_reply",
      targetType: "Report",
      targetId: report.id,
      targetVisibility: report.visibility,
      after: { messageId: message.id, length: body.length },
    });
    return message;
  });
}

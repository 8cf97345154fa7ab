import "server-only";
// The triage inboxes: listing, reading and working reports, for the Security Review Team and
// the COO, each within the classes they may see. Everything else is "no such report".
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertCan } from "@/lib/auth/permissions";
import { notifyInTx } from "@/lib/notifications/process";
import { reportTriageWhere } from "@/lib/auth/visibility";
import type { Viewer } from "@/lib/auth/viewer";
import { text, ZCategory, ZMessageBody } from "./schemas";

export const ZInboxFilter = z.object({
  status: z.enum(["RECEIVED", "IN_REVIEW", "RESOLVED", "CLOSED", "OPEN"]).optional(),
  category: ZCategory.optional(),
  visibility: z.enum(["STANDARD", "SENSITIVE", "COO_ONLY"]).optional(),
  age: z.enum(["24h", "7d", "30d", "older"]).optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type InboxFilter = z.infer<typeof ZInboxFilter>;
export const INBOX_PAGE_SIZE = 25;

const AGE_MS = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;

/** The inbox filters as `where` fragments (shared with the API listing). */
export function filterWhere(filter: InboxFilter, now: Date): Prisma.ReportWhereInput[] {
  const where: Prisma.ReportWhereInput[] = [];
  if (filter.status === "OPEN") where.push({ status: { in: ["RECEIVED", "IN_REVIEW"] } });
  else if (filter.status) where.push({ status: filter.status });
  if (filter.category) where.push({ category: filter.category });
  if (filter.visibility) where.push({ visibility: filter.visibility });
  if (filter.age === "older") where.push({ createdAt: { lt: new Date(now.getTime() - AGE_MS["30d"]) } });
  else if (filter.age) where.push({ createdAt: { gte: new Date(now.getTime() - AGE_MS[filter.age]) } });
  if (filter.q) {
    where.push({
      OR: [
        { reference: { contains: filter.q, mode: "insensitive" } },
        { description: { contains: filter.q, mode: "insensitive" } },
        { concerned: { contains: filter.q, mode: "insensitive" } },
      ],
    });
  }
  return where;
}

export async function listReports({ viewer, filter }: { viewer: Viewer; filter: InboxFilter }) {
  assertCan(viewer, "reports.triage");
  const where: Prisma.ReportWhereInput = { AND: [reportTriageWhere(viewer), ...filterWhere(filter, new Date())] };
  const [rows, total] = await Promise.all([
    db.report.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (filter.page - 1) * INBOX_PAGE_SIZE,
      take: INBOX_PAGE_SIZE,
      select: {
        id: true,
        reference: true,
        source: true,
        category: true,
        urgency: true,
        visibility: true,
        status: true,
        createdAt: true,
        acknowledgedAt: true,
        description: true,
        reporter: { select: { name: true, email: true } },
        externalName: true,
      },
    }),
    db.report.count({ where }),
  ]);
  return { rows, total, page: filter.page, pageSize: INBOX_PAGE_SIZE };
}

export async function getReportForTriage({ viewer, reference }: { viewer: Viewer; reference: string }) {
  assertCan(viewer, "reports.triage");
  const report = await db.report.findFirst({
    where: { AND: [reportTriageWhere(viewer), { reference }] },
    omit: { followUpTokenHash: true },
    include: {
      reporter: { select: { id: true, name: true, email: true } },
      messages: { orderBy: { createdAt: "asc" } },
      attachments: { select: { id: true, filename: true, size: true, sha256: true, contentType: true, createdAt: true } },
    },
  });
  if (!report) throw notFound("report");
  return report;
}

export const ZTriageAction = z.discriminatedUnion("action", [
  z.object({ action: z.literal("acknowledge") }),
  z.object({ action: z.literal("message"), body: ZMessageBody }),
  z.object({ action: z.literal("note"), body: ZMessageBody }),
  z.object({ action: z.literal("resolve"), outcome: text(2000, "The outcome").pipe(z.string().min(1, "Say what the outcome was.")) }),
  z.object({ action: z.literal("dismiss"), reason: text(2000, "The reason").pipe(z.string().min(1, "Say why it is dismissed.")) }),
  z.object({ action: z.literal("reopen") }),
]);
export type TriageAction = z.input<typeof ZTriageAction>;

/** Acknowledge, message the reporter, note, resolve, dismiss or reopen a report. */
export async function triageReport({ viewer, reference, input }: { viewer: Viewer; reference: string; input: unknown }) {
  assertCan(viewer, "reports.triage");
  const action = parseInput(ZTriageAction, input);
  const report = await db.report.findFirst({ where: { AND: [reportTriageWhere(viewer), { reference }] } });
  if (!report) throw notFound("report");
  const now = new Date();
  const author = viewer.kind === "user" ? { authorId: viewer.id, authorLabel: viewer.name } : { authorId: null, authorLabel: "system" };
  // Any first action by the team acknowledges the report; time to acknowledge is measured from here.
  const acknowledge =
    report.acknowledgedAt === null && action.action !== "note"
      ? { acknowledgedAt: now, acknowledgedById: viewer.kind === "user" ? viewer.id : null }
      : {};
  const openStatus = report.status === "RECEIVED" ? "IN_REVIEW" : report.status;

  let data: Prisma.ReportUpdateInput = {};
  switch (action.action) {
    case "acknowledge":
      if (report.acknowledgedAt) throw new AppError("CONFLICT", "This report is already acknowledged.");
      data = { ...acknowledge, status: openStatus };
      break;
    case "message":
      if (report.status === "CLOSED") throw new AppError("CONFLICT", "Reopen the report before writing to the reporter.");
      data = { ...acknowledge, status: openStatus, messages: { create: { ...author, kind: "TO_REPORTER", body: action.body } } };
      break;
    case "note":
      data = { messages: { create: { ...author, kind: "INTERNAL_NOTE", body: action.body } } };
      break;
    case "resolve":
      data = { ...acknowledge, status: "RESOLVED", resolvedAt: now, outcome: action.outcome };
      break;
    case "dismiss":
      data = { ...acknowledge, status: "CLOSED", closedAt: now, dismissReason: action.reason };
      break;
    case "reopen":
      if (report.status === "RECEIVED" || report.status === "IN_REVIEW") throw new AppError("CONFLICT", "This report is open.");
      data = { status: "IN_REVIEW", resolvedAt: null, closedAt: null };
      break;
  }
  return db.$transaction(async (tx) => {
    const updated = await tx.report.update({ where: { id: report.id }, data });
    if (action.action === "message") await notifyInTx(tx, { type: "report.message_to_reporter", reportId: report.id });
    await appendAudit(tx, viewer, {
      action: `report.${action.action}`,
      targetType: "Report",
      targetId: report.id,
      targetVisibility: report.visibility,
      before: { status: report.status },
      after: {
        status: updated.status,
        ...("outcome" in action ? { outcome: action.outcome } : {}),
        ...("reason" in action ? { reason: action.reason } : {}),
        ...("body" in action ? { length: action.body.length } : {}),
      },
    });
    return updated;
  });
}

import "server-only";
// An employee files a report: validated, given a short reference, stored with its attachments
// and put on the audit trail in one transaction, with the job that notifies the triage team.
import { db, type Tx } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertCan } from "@/lib/auth/permissions";
import { notifyInTx } from "@/lib/notifications/process";
import type { Viewer } from "@/lib/auth/viewer";
import { checkAttachments, type CheckedAttachment, type IncomingFile } from "./attachments";
import { visibilityFor } from "./catalog";
import { nextReference } from "@/lib/db/next-reference";
import { ZReportInput } from "./schemas";

/** Stores a report of any source, its attachments and its audit record. */
export async function storeReport(
  tx: Tx,
  viewer: Viewer,
  data: Omit<Prisma.ReportUncheckedCreateInput, "reference">,
  attachments: CheckedAttachment[],
) {
  const reference = await nextReference(tx, "RPT");
  const report = await tx.report.create({
    data: { ...data, reference, attachments: { create: attachments.map((a) => ({ ...a, data: new Uint8Array(a.data) })) } },
  });
  await appendAudit(tx, viewer, {
    action: "report.create",
    targetType: "Report",
    targetId: report.id,
    targetVisibility: report.visibility,
    after: {
      reference,
      source: report.source,
      category: report.category,
      visibility: report.visibility,
      urgency: report.urgency,
      attachments: attachments.map((a) => ({ filename: a.filename, size: a.size, sha256: a.sha256 })),
    },
  });
  await notifyInTx(tx, { type: "report.created", reportId: report.id });
  return report;
}

export async function createReport({ viewer, input, files = [] }: { viewer: Viewer; input: unknown; files?: IncomingFile[] }) {
  assertCan(viewer, "reports.create");
  if (viewer.kind !== "user") throw new AppError("FORBIDDEN", "Reports are filed by people.");
  const data = parseInput(ZReportInput, input);
  const attachments = checkAttachments(files);
  const report = await db.$transaction((tx) =>
    storeReport(
      tx,
      viewer,
      {
        source: "EMPLOYEE",
        category: data.category,
        signs: data.signs,
        description: data.description,
        noticedAt: data.noticedAt,
        noticedTimeZone: data.noticedTimeZone,
        concerned: data.concerned,
        urgency: data.urgency,
        visibility: visibilityFor(data.category, data.visibility),
        reporterId: viewer.id,
      },
      attachments,
    ),
  );
  return { id: report.id, reference: report.reference, visibility: report.visibility, status: report.status };
}

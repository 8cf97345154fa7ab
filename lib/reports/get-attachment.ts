import "server-only";
// Downloading a report's attachment: for the triage team within its classes and for the
// reporter of the report; each download is on the audit trail.
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { appendAudit } from "@/lib/audit/append-audit";
import { reportReporterWhere, reportTriageWhere } from "@/lib/auth/visibility";
import type { Viewer } from "@/lib/auth/viewer";

export async function getReportAttachment({ viewer, reference, attachmentId }: { viewer: Viewer; reference: string; attachmentId: string }) {
  const attachment = await db.reportAttachment.findFirst({
    where: { id: attachmentId, report: { reference, OR: [reportTriageWhere(viewer), reportReporterWhere(viewer)] } },
    include: { report: { select: { id: true, visibility: true } } },
  });
  if (!attachment) throw notFound("attachment");
  await db.$transaction((tx) =>
    appendAudit(tx, viewer, {
      action: "report.attachment_download",
      targetType: "Report",
      targetId: attachment.report.id,
      targetVisibility: attachment.report.visibility,
      after: { attachmentId, filename: attachment.filename, sha256: attachment.sha256 },
    }),
  );
  return attachment;
}

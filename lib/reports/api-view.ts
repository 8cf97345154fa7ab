import "server-only";
// Reports as the REST API shows them: the triage view where the caller may triage the report,
// the reporter's view of their own reports, and nothing else.
import { db } from "@/lib/db";
import { isAppError, notFound } from "@/lib/errors";
import { can } from "@/lib/auth/permissions";
import { reportReporterWhere, reportTriageWhere } from "@/lib/auth/visibility";
import type { Viewer } from "@/lib/auth/viewer";
import { getMyReport, listMyReports } from "./reporter-view";
import { getReportForTriage, listReports, type InboxFilter } from "./triage";

export async function listReportsForApi({ viewer, filter }: { viewer: Viewer; filter: InboxFilter }) {
  const mine = (await listMyReports({ viewer })).map((r) => ({
    access: "reporter" as const,
    reference: r.reference,
    category: r.category,
    status: r.status,
    visibility: r.visibility,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
  if (!can(viewer, "reports.triage")) return { reports: mine, total: mine.length };
  const inbox = await listReports({ viewer, filter });
  const triaged = inbox.rows.map((r) => ({
    access: "triage" as const,
    reference: r.reference,
    source: r.source,
    category: r.category,
    urgency: r.urgency,
    status: r.status,
    visibility: r.visibility,
    createdAt: r.createdAt,
    acknowledgedAt: r.acknowledgedAt,
  }));
  const seen = new Set(triaged.map((r) => r.reference));
  return { reports: [...triaged, ...mine.filter((r) => !seen.has(r.reference))], total: inbox.total, page: inbox.page, pageSize: inbox.pageSize };
}

export async function getReportForApi({ viewer, reference }: { viewer: Viewer; reference: string }) {
  const [triage, own] = await Promise.all([
    db.report.count({ where: { AND: [reportTriageWhere(viewer), { reference }] } }),
    db.report.count({ where: { AND: [reportReporterWhere(viewer), { reference }] } }),
  ]);
  try {
    if (triage) {
      return { access: "triage" as const, ...(await getReportForTriage({ viewer, reference })) };
    }
    if (own) return { access: "reporter" as const, ...(await getMyReport({ viewer, reference })) };
  } catch (error) {
    if (!isAppError(error) || error.code !== "NOT_FOUND") throw error;
  }
  throw notFound("report");
}

import "server-only";
// Reports as the REST API shows them: the triage view where the caller may triage the report,
// the reporter's view of their own reports, and nothing else.
import { db } from "@/lib/db";
import { mayTriageClass, reportReporterWhere, reportTriageWhere } from "@/lib/auth/visibility";
import type { Viewer } from "@/lib/auth/viewer";
import { getMyReport } from "./reporter-view";
import { filterWhere, getReportForTriage, INBOX_PAGE_SIZE, type InboxFilter } from "./triage";

/** One page of every report the caller may see, each marked with the view it gets. */
export async function listReportsForApi({ viewer, filter }: { viewer: Viewer; filter: InboxFilter }) {
  const triageWhere = reportTriageWhere(viewer);
  const where = { AND: [{ OR: [triageWhere, reportReporterWhere(viewer)] }, ...filterWhere(filter, new Date())] };
  const [rows, total] = await Promise.all([
    db.report.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (filter.page - 1) * INBOX_PAGE_SIZE,
      take: INBOX_PAGE_SIZE,
      select: { id: true, reference: true, source: true, category: true, urgency: true, status: true, visibility: true, createdAt: true, updatedAt: true, acknowledgedAt: true },
    }),
    db.report.count({ where }),
  ]);
  const reports = rows.map(({ id: _id, source, urgency, acknowledgedAt, ...common }) =>
    mayTriageClass(viewer, common.visibility)
      ? { access: "triage" as const, ...common, source, urgency, acknowledgedAt }
      : { access: "reporter" as const, ...common },
  );
  return { reports, total, page: filter.page, pageSize: INBOX_PAGE_SIZE };
}

export async function getReportForApi({ viewer, reference }: { viewer: Viewer; reference: string }) {
  const report = await db.report.findFirst({ where: { AND: [reportTriageWhere(viewer), { reference }] }, select: { id: true } });
  if (report) return { access: "triage" as const, ...(await getReportForTriage({ viewer, reference })) };
  // getMyReport answers NOT_FOUND for anything that is not the caller's own.
  return { access: "reporter" as const, ...(await getMyReport({ viewer, reference })) };
}

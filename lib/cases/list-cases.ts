import "server-only";
// The cases list: filters (status, severity, visibility, lead, mine, text, open only, overdue
// only), sorted by last change,
// creation, or overdue first (then by due date), a page at a time, with counts per status and
// the overdue count under the same filters. All of it within caseWhere: a sealed case is in no
// row and no count of someone who may not see it.
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, can, usersWithPermissionWhere } from "@/lib/auth/permissions";
import { caseWhere, reportTriageWhere } from "@/lib/auth/visibility";
import { parseAlertId } from "@/lib/alerts/get-alert";
import { maxSeverity } from "@/lib/detections/severity";
import type { Visibility } from "@/lib/generated/prisma/enums";
import { ensureCaseTemplates } from "./ensure-case-templates";
import { stricter } from "./link-report";
import type { Viewer } from "@/lib/auth/viewer";
import { ZListCases, type ListCasesFilter } from "./schemas";
import { CASE_STATUSES, type CaseStatus } from "./status";

const OPEN_STATUSES: CaseStatus[] = CASE_STATUSES.filter((s) => s !== "RESOLVED" && s !== "CLOSED");

function filterWhere(f: ListCasesFilter, viewer: Viewer, now: Date): Prisma.CaseWhereInput[] {
  const where: Prisma.CaseWhereInput[] = [];
  if (f.visibility.length) where.push({ visibility: { in: f.visibility } });
  if (f.mine) where.push(viewer.kind === "user" ? { OR: [{ leadId: viewer.id }, { members: { some: { userId: viewer.id } } }] } : { id: { in: [] } });
  if (f.overdue) where.push({ status: { in: OPEN_STATUSES }, dueAt: { lt: now } });
  if (f.status.length) where.push({ status: { in: f.status } });
  if (f.open) where.push({ status: { in: OPEN_STATUSES } });
  if (f.severity.length) where.push({ severity: { in: f.severity } });
  if (f.lead === "none") where.push({ leadId: null });
  else if (f.lead) where.push(f.lead.includes("@") ? { lead: { email: f.lead.toLowerCase() } } : { leadId: f.lead });
  if (f.q) {
    where.push({
      OR: [
        { reference: { contains: f.q, mode: "insensitive" } },
        { title: { contains: f.q, mode: "insensitive" } },
        { summary: { contains: f.q, mode: "insensitive" } },
        { observables: { some: { value: { contains: f.q, mode: "insensitive" } } } },
      ],
    });
  }
  return where;
}

export async function listCases({ viewer, filter, now = new Date() }: { viewer: Viewer; filter: unknown; now?: Date }) {
  assertCan(viewer, "cases.access");
  const f = parseInput(ZListCases, filter ?? {});
  const visible = caseWhere(viewer);
  const where: Prisma.CaseWhereInput = { AND: [visible, { mergedIntoId: null }, ...filterWhere(f, viewer, now)] };
  const orderBy: Prisma.CaseOrderByWithRelationInput[] =
    f.sort === "created" ? [{ createdAt: "desc" }, { id: "desc" }] : f.sort === "overdue" ? [{ dueAt: { sort: "asc", nulls: "last" } }, { id: "asc" }] : [{ updatedAt: "desc" }, { id: "desc" }];
  const select = {
    id: true,
    reference: true,
    title: true,
    severity: true,
    visibility: true,
    status: true,
    outcome: true,
    awareAt: true,
    dueAt: true,
    createdAt: true,
    updatedAt: true,
    version: true,
    lead: { select: { id: true, name: true, email: true } },
    _count: { select: { alerts: true, reports: true, tasks: true } },
  } as const;
  const skip = (f.page - 1) * f.pageSize;
  let rows;
  if (f.sort === "overdue") {
    // Overdue open cases first (earliest due first), then everything else by due date.
    const overdueWhere: Prisma.CaseWhereInput = { AND: [where, { status: { in: OPEN_STATUSES }, dueAt: { lt: now } }] };
    const restWhere: Prisma.CaseWhereInput = { AND: [where, { NOT: { status: { in: OPEN_STATUSES }, dueAt: { lt: now } } }] };
    const overdueCount = await db.case.count({ where: overdueWhere });
    const first = skip < overdueCount ? await db.case.findMany({ where: overdueWhere, orderBy, skip, take: f.pageSize, select }) : [];
    const second =
      first.length < f.pageSize ? await db.case.findMany({ where: restWhere, orderBy, skip: Math.max(0, skip - overdueCount), take: f.pageSize - first.length, select }) : [];
    rows = [...first, ...second];
  } else {
    rows = await db.case.findMany({ where, orderBy, skip, take: f.pageSize, select });
  }
  const countWhere: Prisma.CaseWhereInput = { AND: [visible, { mergedIntoId: null }, ...filterWhere({ ...f, status: [], open: false }, viewer, now)] };
  const [total, byStatus, overdue] = await Promise.all([
    db.case.count({ where }),
    db.case.groupBy({ by: ["status"], where: countWhere, _count: { _all: true } }),
    db.case.count({ where: { AND: [where, { status: { in: OPEN_STATUSES }, dueAt: { lt: now } }] } }),
  ]);
  const statusCounts = Object.fromEntries(CASE_STATUSES.map((s) => [s, byStatus.find((b) => b.status === s)?._count._all ?? 0]));
  return {
    cases: rows.map(({ _count, ...r }) => ({ ...r, alertCount: _count.alerts, reportCount: _count.reports, taskCount: _count.tasks, isOverdue: !!r.dueAt && r.dueAt < now && OPEN_STATUSES.includes(r.status) })),
    total,
    page: f.page,
    pageSize: f.pageSize,
    statusCounts,
    overdue,
  };
}

/** People who may lead or join cases (the security team and the COO), for the pickers. */
export async function listCasePeople({ viewer }: { viewer: Viewer }) {
  assertCan(viewer, "cases.access");
  return db.user.findMany({ where: usersWithPermissionWhere("cases.access"), select: { id: true, name: true, email: true, roles: true }, orderBy: { name: "asc" } });
}

/** Open cases the viewer may see, newest first, for "add to an existing case". */
export async function listOpenCasesForPicker({ viewer, take = 200 }: { viewer: Viewer; take?: number }) {
  assertCan(viewer, "cases.access");
  return db.case.findMany({
    where: { AND: [caseWhere(viewer), { mergedIntoId: null, status: { in: OPEN_STATUSES } }] },
    select: { reference: true, title: true, visibility: true, severity: true },
    orderBy: { updatedAt: "desc" },
    take,
  });
}

/** The case templates for the new-case form. */
export async function listCaseTemplatesForPicker({ viewer }: { viewer: Viewer }) {
  assertCan(viewer, "cases.access");
  await ensureCaseTemplates();
  return db.caseTemplate.findMany({ select: { id: true, kind: true, name: true, description: true }, orderBy: { name: "asc" } });
}

const URGENCY_SEVERITY = { LOW: "LOW", NORMAL: "MEDIUM", HIGH: "HIGH", URGENT: "CRITICAL" } as const;

/**
 * What "Open a case" pre-fills from the alerts and reports it came from: the title, the highest
 * severity, the strictest report's class, the earliest time. Alerts and reports the viewer may
 * not see (or that do not exist) are left out and named in `missing`.
 */
export async function caseDraftFrom({ viewer, alertIds, reports }: { viewer: Viewer; alertIds: string[]; reports: string[] }) {
  assertCan(viewer, "cases.access");
  const ids = [...new Set(alertIds.map((a) => parseAlertId(a)).filter((x): x is number => x !== null))].slice(0, 500);
  const alerts = ids.length && can(viewer, "alerts.read") ? await db.alert.findMany({ where: { id: { in: ids } }, select: { id: true, title: true, severity: true, firstSeenAt: true, caseId: true }, orderBy: { firstSeenAt: "asc" } }) : [];
  const refs = [...new Set(reports.filter((r) => /^RPT-\d{4}-\d{4,}$/.test(r)))].slice(0, 50);
  const found = refs.length && can(viewer, "reports.triage")
    ? await db.report.findMany({ where: { AND: [reportTriageWhere(viewer), { reference: { in: refs } }] }, select: { reference: true, visibility: true, urgency: true, createdAt: true, description: true, caseId: true } })
    : [];
  const first = alerts[0];
  const title = first ? `${first.title}${alerts.length > 1 ? ` (+${alerts.length - 1} more)` : ""}` : found[0] ? `Report ${found[0].reference}: ${found[0].description.slice(0, 120)}` : "";
  const severities = [...alerts.map((a) => a.severity), ...found.map((r) => URGENCY_SEVERITY[r.urgency])];
  const severity = severities.length ? severities.reduce((a, b) => maxSeverity(a, b)) : null;
  const visibility = found.reduce<Visibility>((v, r) => stricter(v, r.visibility), "STANDARD");
  const times = [...alerts.map((a) => a.firstSeenAt.getTime()), ...found.map((r) => r.createdAt.getTime())];
  return {
    alerts: alerts.map((a) => ({ id: a.id, title: a.title, severity: a.severity, onCase: a.caseId !== null })),
    reports: found.map((r) => ({ reference: r.reference, visibility: r.visibility, onCase: r.caseId !== null })),
    missing: [...ids.filter((id) => !alerts.some((a) => a.id === id)).map((id) => `#${id}`), ...refs.filter((r) => !found.some((f) => f.reference === r))],
    title,
    severity,
    visibility,
    awareAt: times.length ? new Date(Math.min(...times)) : null,
  };
}

/**
 * The case an alert is linked to, as the viewer may know it: its reference and title, or only
 * that it is on a case they may not see (`sealed`), or null when it is on none.
 */
export async function caseOfAlert({ viewer, alertId }: { viewer: Viewer; alertId: number }) {
  const alert = await db.alert.findUnique({ where: { id: alertId }, select: { caseId: true } });
  if (!alert?.caseId) return null;
  if (!can(viewer, "cases.access")) return { sealed: true as const };
  const c = await db.case.findFirst({ where: { AND: [caseWhere(viewer), { id: alert.caseId }] }, select: { reference: true, title: true } });
  return c ? { sealed: false as const, ...c } : { sealed: true as const };
}

/** The case a report is linked to, if the viewer may see it (same rules as caseOfAlert). */
export async function caseOfReport({ viewer, reportId }: { viewer: Viewer; reportId: string }) {
  const report = await db.report.findUnique({ where: { id: reportId }, select: { caseId: true } });
  if (!report?.caseId) return null;
  if (!can(viewer, "cases.access")) return { sealed: true as const };
  const c = await db.case.findFirst({ where: { AND: [caseWhere(viewer), { id: report.caseId }] }, select: { reference: true, title: true } });
  return c ? { sealed: false as const, ...c } : { sealed: true as const };
}

/** For the report inbox: each report's case as the viewer may know it (see caseOfAlert), by report id. */
export async function casesOfReports({ viewer, reportIds }: { viewer: Viewer; reportIds: string[] }) {
  const out = new Map<string, { sealed: true } | { sealed: false; reference: string }>();
  if (!reportIds.length) return out;
  const linked = await db.report.findMany({ where: { id: { in: reportIds }, caseId: { not: null } }, select: { id: true, caseId: true } });
  const visible = can(viewer, "cases.access") && linked.length
    ? await db.case.findMany({ where: { AND: [caseWhere(viewer), { id: { in: linked.map((r) => r.caseId!) } }] }, select: { id: true, reference: true } })
    : [];
  for (const r of linked) {
    const c = visible.find((v) => v.id === r.caseId);
    out.set(r.id, c ? { sealed: false, reference: c.reference } : { sealed: true });
  }
  return out;
}

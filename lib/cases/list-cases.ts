import "server-only";
// The cases list: filters (status, severity, visibility, lead, mine, text, open only, overdue
// only), sorted by last change,
// creation, or overdue first (then by due date), a page at a time, with counts per status and
// the overdue count under the same filters. All of it within caseWhere: a sealed case is in no
// row and no count of someone who may not see it.
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertCan } from "@/lib/auth/permissions";
import { caseWhere } from "@/lib/auth/visibility";
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

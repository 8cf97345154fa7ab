import "server-only";
// The COO's review queue: the sealed cases, disclosure decisions and obligations waiting for the
// COO's approval, and the disclosure deadlines still open, most urgent first. Every query takes
// its cases through caseWhere, so no one sees a case here they could not open.
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertCan } from "@/lib/auth/permissions";
import { caseWhere } from "@/lib/auth/visibility";
import type { Viewer } from "@/lib/auth/viewer";
import { severityRank } from "@/lib/detections/severity";
import { countdown } from "./deadlines";
import { needsCooApproval } from "./obligations-rules";
import { isOpen } from "./status";

const caseCard = { id: true, reference: true, title: true, severity: true, visibility: true, status: true, outcome: true, awareAt: true, updatedAt: true, version: true } as const;

/** Sealed cases the viewer may see: open ones first, then by severity (worst first), then newest. */
export async function listSealedCases({ viewer, limit = 100 }: { viewer: Viewer; limit?: number }) {
  const rows = await db.case.findMany({
    where: { AND: [caseWhere(viewer), { visibility: { in: ["SENSITIVE", "COO_ONLY"] }, mergedIntoId: null }] },
    select: { ...caseCard, _count: { select: { obligations: { where: { status: { not: "SENT" } } } } } },
    orderBy: { updatedAt: "desc" },
    take: 500,
  });
  return rows
    .sort((a, b) => Number(isOpen(b.status)) - Number(isOpen(a.status)) || severityRank(b.severity) - severityRank(a.severity) || b.updatedAt.getTime() - a.updatedAt.getTime())
    .slice(0, limit);
}

/** Decisions recorded and not yet approved, where the COO's approval is required. */
export async function listDecisionsAwaitingApproval({ viewer }: { viewer: Viewer }) {
  const needsCoo: Prisma.CaseWhereInput = { OR: [{ visibility: { not: "STANDARD" } }, { disclose: true, obligations: { some: { audience: "PUBLIC" } } }] };
  return db.case.findMany({
    where: { AND: [caseWhere(viewer), { decidedAt: { not: null }, approvedAt: null, mergedIntoId: null, status: { not: "CLOSED" } }, needsCoo] },
    select: { ...caseCard, disclose: true, disclosureRationale: true, decidedAt: true, decidedById: true, obligations: { select: { audience: true }, orderBy: { deadline: "asc" } } },
    orderBy: { decidedAt: "asc" },
  });
}

const obligationSelect = { id: true, audience: true, preset: true, deadline: true, status: true, text: true, approvedAt: true, case: { select: caseCard } } as const;

/** Draft obligations only the COO may approve (sealed case or public audience), nearest deadline first. */
export async function listObligationsAwaitingApproval({ viewer, now = new Date() }: { viewer: Viewer; now?: Date }) {
  const rows = await db.disclosureObligation.findMany({
    where: { status: "DRAFT", case: { AND: [caseWhere(viewer), { mergedIntoId: null }] } },
    select: obligationSelect,
    orderBy: { deadline: "asc" },
    take: 500,
  });
  return rows.filter((o) => needsCooApproval(o.case, o.audience)).map((o) => ({ ...o, countdown: countdown(o.deadline, now) }));
}

/** Every obligation not yet sent on the cases the viewer may see, overdue and nearest first. */
export async function listUpcomingDeadlines({ viewer, now = new Date(), limit = 50 }: { viewer: Viewer; now?: Date; limit?: number }) {
  const rows = await db.disclosureObligation.findMany({
    where: { status: { not: "SENT" }, case: { AND: [caseWhere(viewer), { mergedIntoId: null }] } },
    select: obligationSelect,
    orderBy: { deadline: "asc" },
    take: limit,
  });
  return rows.map((o) => ({ ...o, countdown: countdown(o.deadline, now) }));
}

/** The whole review page in one call; only for the COO (disclosure.approve). */
export async function getReviewQueue({ viewer, now = new Date() }: { viewer: Viewer; now?: Date }) {
  assertCan(viewer, "disclosure.approve");
  const [sealed, decisions, obligations, deadlines] = await Promise.all([
    listSealedCases({ viewer }),
    listDecisionsAwaitingApproval({ viewer }),
    listObligationsAwaitingApproval({ viewer, now }),
    listUpcomingDeadlines({ viewer, now }),
  ]);
  const deciders = [...new Set(decisions.map((d) => d.decidedById).filter((x): x is string => !!x))];
  const names = new Map((deciders.length ? await db.user.findMany({ where: { id: { in: deciders } }, select: { id: true, name: true } }) : []).map((u) => [u.id, u.name]));
  return { sealed, decisions: decisions.map((d) => ({ ...d, decidedBy: d.decidedById ? (names.get(d.decidedById) ?? null) : null })), obligations, deadlines };
}
export type ReviewQueue = Awaited<ReturnType<typeof getReviewQueue>>;

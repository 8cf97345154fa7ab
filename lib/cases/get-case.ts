import "server-only";
// One case with what its page and the API need: members, linked alerts and reports, tasks,
// observables, and the timeline merged with the linked alerts' events and the evidence added, in
// time order. A case the viewer may not see does not exist.
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { Viewer } from "@/lib/auth/viewer";
import { findVisibleCaseId } from "./case-records";
import { countdown } from "./deadlines";
import { isOpen } from "./status";

const ALERT_EVENTS_IN_TIMELINE = 500;

export type TimelineItem =
  | { type: "entry"; id: string; kind: "AUTO" | "NOTE"; occurredAt: Date; timeZone: string | null; source: string | null; body: string; data: unknown; actor: { id: string; name: string } | null }
  | { type: "alert_event"; id: string; alertId: number; kind: string; occurredAt: Date; matchedFields: string[]; data: unknown }
  | { type: "evidence"; id: string; name: string; kind: string; size: number; sha256: string; occurredAt: Date; addedBy: { id: string; name: string } | null };

export async function getCaseOrThrow({ viewer, reference, now = new Date() }: { viewer: Viewer; reference: string; now?: Date }) {
  const id = await findVisibleCaseId(db, viewer, reference);
  const c = await db.case.findUnique({
    where: { id },
    include: {
      lead: { select: { id: true, name: true, email: true } },
      createdBy: { select: { id: true, name: true, email: true } },
      mergedInto: { select: { reference: true, visibility: true } },
      mergedFrom: { select: { reference: true, visibility: true } },
      template: { select: { id: true, name: true, kind: true } },
      members: { select: { user: { select: { id: true, name: true, email: true } } }, orderBy: { createdAt: "asc" } },
      alerts: { select: { id: true, ruleId: true, title: true, severity: true, status: true, firstSeenAt: true, lastSeenAt: true, eventCount: true }, orderBy: { firstSeenAt: "asc" } },
      reports: { select: { reference: true, category: true, status: true, visibility: true, createdAt: true }, orderBy: { createdAt: "asc" } },
      tasks: { orderBy: [{ position: "asc" }, { createdAt: "asc" }], include: { _count: { select: { comments: true } } } },
      observables: { orderBy: [{ type: "asc" }, { value: "asc" }] },
      obligations: { orderBy: { deadline: "asc" } },
      timeline: { orderBy: [{ occurredAt: "asc" }, { createdAt: "asc" }] },
    },
  });
  if (!c) throw notFound("case");
  const events = c.alerts.length
    ? await db.alertEvent.findMany({ where: { alertId: { in: c.alerts.map((a) => a.id) } }, orderBy: { eventTime: "asc" }, take: ALERT_EVENTS_IN_TIMELINE })
    : [];
  const evidence = await db.caseEvidence.findMany({ where: { caseId: c.id }, select: { id: true, name: true, kind: true, size: true, sha256: true, addedById: true, createdAt: true }, orderBy: { createdAt: "asc" } });
  const actorIds = [...new Set([...c.timeline.map((e) => e.actorId), ...evidence.map((e) => e.addedById)].filter((x): x is string => !!x))];
  const actors = new Map((actorIds.length ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : []).map((u) => [u.id, u]));
  const timeline: TimelineItem[] = [
    ...c.timeline.map((e) => ({ type: "entry" as const, id: e.id, kind: e.kind, occurredAt: e.occurredAt, timeZone: e.timeZone, source: e.source, body: e.body, data: e.data, actor: e.actorId ? (actors.get(e.actorId) ?? null) : null })),
    ...events.map((e) => ({ type: "alert_event" as const, id: String(e.id), alertId: e.alertId, kind: e.kind, occurredAt: e.eventTime, matchedFields: e.matchedFields, data: e.data })),
    ...evidence.map((e) => ({ type: "evidence" as const, id: e.id, name: e.name, kind: e.kind, size: e.size, sha256: e.sha256, occurredAt: e.createdAt, addedBy: e.addedById ? (actors.get(e.addedById) ?? null) : null })),
  ].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());

  const { timeline: _entries, members, mergedFrom, mergedInto, ...rest } = c;
  return {
    ...rest,
    // A merged case names only the cases the viewer may see too.
    mergedInto: mergedInto && (await mayView(viewer, mergedInto.reference)) ? mergedInto.reference : mergedInto ? "another case" : null,
    mergedFrom: (await Promise.all(mergedFrom.map(async (m) => ((await mayView(viewer, m.reference)) ? m.reference : null)))).filter((r): r is string => !!r),
    members: members.map((m) => m.user),
    timeline,
    due: c.dueAt && isOpen(c.status) ? countdown(c.dueAt, now) : null,
  };
}
export type CaseDetail = Awaited<ReturnType<typeof getCaseOrThrow>>;

async function mayView(viewer: Viewer, reference: string) {
  try {
    await findVisibleCaseId(db, viewer, reference);
    return true;
  } catch {
    return false;
  }
}

/** What the case layout's header needs, without the timeline and the lists. */
export async function getCaseHeader({ viewer, reference, now = new Date() }: { viewer: Viewer; reference: string; now?: Date }) {
  const id = await findVisibleCaseId(db, viewer, reference);
  const c = await db.case.findUnique({
    where: { id },
    select: {
      reference: true,
      title: true,
      status: true,
      outcome: true,
      severity: true,
      visibility: true,
      dueAt: true,
      lead: { select: { id: true, name: true, email: true } },
      mergedInto: { select: { reference: true } },
    },
  });
  if (!c) throw notFound("case");
  const { mergedInto, ...rest } = c;
  return {
    ...rest,
    mergedInto: mergedInto && (await mayView(viewer, mergedInto.reference)) ? mergedInto.reference : mergedInto ? "another case" : null,
    due: c.dueAt && isOpen(c.status) ? countdown(c.dueAt, now) : null,
  };
}

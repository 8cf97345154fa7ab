import "server-only";
// Links alerts to a case: each alert becomes LINKED, its observables join the case's, and the
// case's timeline and the audit trail say so. An alert linked to another case is refused
// without naming that case (it may be one the viewer may not see).
import { db, type Tx } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { Visibility } from "@/lib/generated/prisma/enums";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Viewer } from "@/lib/auth/viewer";
import { auditCase, autoEntry, lockCase, touchCase } from "./case-records";
import { extractObservables } from "./extract-observables";
import { ZLinkAlerts } from "./schemas";

const EVENTS_READ = 200;

type Target = { id: string; reference: string; visibility: Visibility };

/** Inside the caller's transaction; returns the ids newly linked (already linked here: skipped). */
export async function linkAlertsInTx(tx: Tx, viewer: Viewer, target: Target, alertIds: number[], now = new Date()): Promise<number[]> {
  const ids = [...new Set(alertIds)].sort((a, b) => a - b);
  if (!ids.length) return [];
  const alerts = await tx.$queryRaw<{ id: number; caseId: string | null; status: string; title: string }[]>`
    SELECT id, case_id AS "caseId", status::text AS status, title FROM alerts WHERE id = ANY(${ids}::int[]) ORDER BY id FOR UPDATE`;
  const missing = ids.filter((id) => !alerts.some((a) => a.id === id));
  if (missing.length) throw new AppError("NOT_FOUND", `No such alert: #${missing.join(", #")}.`);
  const elsewhere = alerts.filter((a) => a.caseId && a.caseId !== target.id);
  if (elsewhere.length) throw new AppError("CONFLICT", `Alert #${elsewhere.map((a) => a.id).join(", #")} ${elsewhere.length === 1 ? "is" : "are"} already linked to another case: unlink ${elsewhere.length === 1 ? "it" : "them"} there first.`);
  const toLink = alerts.filter((a) => a.caseId !== target.id);
  if (!toLink.length) return [];

  for (const alert of toLink) {
    await tx.alert.update({ where: { id: alert.id }, data: { status: "LINKED", caseId: target.id, version: { increment: 1 } } });
    await appendAudit(tx, viewer, { action: "alert.link", targetType: "Alert", targetId: String(alert.id), targetVisibility: target.visibility, before: { status: alert.status }, after: { status: "LINKED", caseId: target.id } });
  }
  const full = await tx.alert.findMany({
    where: { id: { in: toLink.map((a) => a.id) } },
    select: { id: true, context: true, deviceNodeId: true, userLogin: true, entityType: true, entity: true, events: { select: { data: true }, orderBy: { eventTime: "asc" }, take: EVENTS_READ } },
  });
  const observables = full.flatMap((alert) => extractObservables(alert).map((o) => ({ caseId: target.id, type: o.type, value: o.value, source: `alert:${alert.id}` })));
  if (observables.length) await tx.caseObservable.createMany({ data: observables, skipDuplicates: true });
  for (const alert of toLink) await autoEntry(tx, viewer, target.id, `Linked alert #${alert.id}: ${alert.title}`, { alertId: alert.id }, now);
  return toLink.map((a) => a.id);
}

/** "Add to an existing case": several alerts at once. */
export async function linkAlerts({ viewer, reference, input }: { viewer: Viewer; reference: string; input: unknown }) {
  const { alertIds } = parseInput(ZLinkAlerts, input);
  return db.$transaction(async (tx) => {
    const locked = await lockCase(tx, viewer, reference);
    const linked = await linkAlertsInTx(tx, viewer, locked, alertIds);
    const updated = linked.length ? await touchCase(tx, locked.id) : locked;
    if (linked.length) await auditCase(tx, viewer, locked, "link_alerts", undefined, { alertIds: linked });
    return { reference, linked, version: updated.version };
  });
}

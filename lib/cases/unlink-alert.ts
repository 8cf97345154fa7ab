import "server-only";
// Takes an alert off a case: it goes back to the status it would have without the case:
// ACKNOWLEDGED if someone had acknowledged it before it was linked, OPEN otherwise (linking does
// not acknowledge). The observables it brought stay (they were seen in the case), and the
// timeline says so.
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Viewer } from "@/lib/auth/viewer";
import { parseAlertId } from "@/lib/alerts/get-alert";
import { auditCase, autoEntry, lockCase, touchCase } from "./case-records";

export async function unlinkAlert({ viewer, reference, alertId, now = new Date() }: { viewer: Viewer; reference: string; alertId: string | number; now?: Date }) {
  const id = parseAlertId(alertId);
  return db.$transaction(async (tx) => {
    const locked = await lockCase(tx, viewer, reference);
    if (id === null) throw notFound("alert on this case");
    const [alert] = await tx.$queryRaw<{ id: number; title: string; acknowledgedAt: Date | null }[]>`
      SELECT id, title, acknowledged_at AS "acknowledgedAt" FROM alerts WHERE id = ${id} AND case_id = ${locked.id} FOR UPDATE`;
    if (!alert) throw notFound("alert on this case");
    const status = alert.acknowledgedAt ? "ACKNOWLEDGED" : "OPEN";
    await tx.alert.update({ where: { id }, data: { status, caseId: null, version: { increment: 1 } } });
    await appendAudit(tx, viewer, { action: "alert.unlink", targetType: "Alert", targetId: String(id), targetVisibility: locked.visibility, before: { status: "LINKED", caseId: locked.id }, after: { status } });
    await autoEntry(tx, viewer, locked.id, `Unlinked alert #${id}: ${alert.title}`, { alertId: id }, now);
    const updated = await touchCase(tx, locked.id);
    await auditCase(tx, viewer, locked, "unlink_alert", { alertId: id }, undefined);
    return { reference, alertId: id, status, version: updated.version };
  });
}

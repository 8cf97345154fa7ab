import "server-only";
// Suppressions: silence an alert's rule for its entity (a device, a user, a key) for a while,
// with a reason; revoke one early; list them. The fold job skips matches they cover and counts
// them. Creating and revoking are on the audit trail.
import { db } from "@/lib/db";
import { AppError, notFound, parseInput } from "@/lib/errors";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { parseAlertId, withCreators } from "./get-alert";
import { suppressionEnd, ZSuppressionInput } from "./schemas";

export async function suppressAlert({ viewer, alertId, input, now = new Date() }: { viewer: Viewer; alertId: string | number; input: unknown; now?: Date }) {
  assertCan(viewer, "alerts.work");
  const id = parseAlertId(alertId);
  if (id === null) throw notFound("alert");
  const parsed = parseInput(ZSuppressionInput, input);
  const expiresAt = suppressionEnd(parsed, now);
  if (!expiresAt) throw new AppError("INVALID_INPUT", "The end must be in the future and within a year.", { fieldErrors: { until: ["Pick a date in the future, within a year."] } });
  return db.$transaction(async (tx) => {
    const alert = await tx.alert.findUnique({ where: { id }, select: { ruleId: true, entityType: true, entity: true } });
    if (!alert) throw notFound("alert");
    if (!alert.entity || !alert.entityType) throw new AppError("INVALID_INPUT", "This alert names no device, user or key to suppress.");
    const suppression = await tx.alertSuppression.create({
      data: { ruleId: alert.ruleId, entityType: alert.entityType, entity: alert.entity, reason: parsed.reason, createdById: viewer.kind === "user" ? viewer.id : null, expiresAt },
    });
    await appendAudit(tx, viewer, {
      action: "alert.suppress",
      targetType: "AlertSuppression",
      targetId: String(suppression.id),
      after: { alertId: id, ruleId: alert.ruleId, entityType: alert.entityType, entity: alert.entity, reason: parsed.reason, expiresAt: expiresAt.toISOString() },
    });
    return { id: suppression.id, expiresAt: expiresAt.toISOString() };
  });
}

export async function revokeSuppression({ viewer, id, now = new Date() }: { viewer: Viewer; id: string | number; now?: Date }) {
  assertCan(viewer, "alerts.work");
  const suppressionId = parseAlertId(id);
  if (suppressionId === null) throw notFound("suppression");
  return db.$transaction(async (tx) => {
    const s = await tx.alertSuppression.findUnique({ where: { id: suppressionId } });
    if (!s) throw notFound("suppression");
    if (s.revokedAt || s.expiresAt <= now) throw new AppError("CONFLICT", "That suppression has already ended.");
    await tx.alertSuppression.update({ where: { id: suppressionId }, data: { revokedAt: now } });
    await appendAudit(tx, viewer, { action: "alert.suppression_revoke", targetType: "AlertSuppression", targetId: String(suppressionId), before: { expiresAt: s.expiresAt.toISOString() }, after: { revokedAt: now.toISOString() } });
  });
}

/** Suppressions of a rule (or all), the active ones unless asked for all. */
export async function listSuppressions({ viewer, ruleId, includeEnded = false, now = new Date() }: { viewer: Viewer; ruleId?: string; includeEnded?: boolean; now?: Date }) {
  assertCan(viewer, "alerts.read");
  const rows = await db.alertSuppression.findMany({
    where: { ...(ruleId ? { ruleId } : {}), ...(includeEnded ? {} : { revokedAt: null, expiresAt: { gt: now } }) },
    orderBy: [{ createdAt: "desc" }],
    take: 200,
  });
  return withCreators(rows);
}

import "server-only";
// One alert with what the alert page needs: its events (newest first), the rule that fired as
// the registry describes it, similar alerts of the last 30 days and the suppressions that apply.
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { assertCan, can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { findRule } from "@/lib/detections/registry";
import { getDetectionSettings } from "@/lib/detections/settings";
import { lineDiff, type LineDiff } from "@/lib/logs/line-diff";
import { ALERT_SELECT, toAlertView } from "./alert-view";
import { recordsLinkOf } from "./records-link";
import { ruleMeta } from "./rule-meta";

export const EVENTS_SHOWN = 200;
const SIMILAR_DAYS = 30;

/** An alert id from a URL: digits only, within the column's range. */
export function parseAlertId(id: string | number): number | null {
  const text = String(id);
  if (!/^\d{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= 2_147_483_647 ? n : null;
}

export async function getAlertOrThrow({ viewer, id, now = new Date() }: { viewer: Viewer; id: string | number; now?: Date }) {
  assertCan(viewer, "alerts.read");
  const alertId = parseAlertId(id);
  if (alertId === null) throw notFound("alert");
  const alert = await db.alert.findUnique({ where: { id: alertId }, select: ALERT_SELECT });
  if (!alert) throw notFound("alert");

  const since = new Date(now.getTime() - SIMILAR_DAYS * 86_400_000);
  const [events, similar, suppressions, settings] = await Promise.all([
    db.alertEvent.findMany({ where: { alertId }, orderBy: [{ eventTime: "desc" }, { id: "desc" }], take: EVENTS_SHOWN }),
    db.alert.findMany({
      where: { id: { not: alertId }, lastSeenAt: { gte: since }, OR: [{ ruleId: alert.ruleId }, ...(alert.entity ? [{ entity: alert.entity, entityType: alert.entityType }] : [])] },
      orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
      take: 10,
      select: ALERT_SELECT,
    }),
    alert.entity
      ? db.alertSuppression.findMany({
          where: { ruleId: alert.ruleId, entity: alert.entity, revokedAt: null, expiresAt: { gt: now } },
          orderBy: { expiresAt: "desc" },
        })
      : Promise.resolve([]),
    getDetectionSettings(),
  ]);
  const rule = findRule(alert.ruleId);
  const linkRule = rule ? { logType: rule.logType, readsBehind: rule.kind === "windowed" && Boolean(rule.after) } : null;
  const mayOpen = { flowLog: can(viewer, "logs.read"), trail: can(viewer, "audit.view") };
  const view = toAlertView(alert);
  return {
    alert: view,
    events: events.map((e) => ({
      id: String(e.id),
      eventKey: e.eventKey,
      kind: e.kind,
      eventTime: e.eventTime.toISOString(),
      isRelated: e.isRelated,
      matchedFields: e.matchedFields,
      data: e.data,
      /** The audit event's id in the config log, when the event came from it. */
      auditEventId: e.eventKey.startsWith("audit:") ? e.eventKey.slice("audit:".length) : null,
      /** The explorer filtered to the records behind the event (a window's flow entries, a flow entry's node). */
      records: e.eventKey.startsWith("audit:") ? null : recordsLinkOf(e, view, linkRule, mayOpen),
    })),
    /** Events beyond those shown (the count goes on after the kept events). */
    eventsNotShown: Math.max(0, view.eventCount - events.filter((e) => !e.isRelated).length),
    rule: rule ? ruleMeta(rule, settings) : null,
    similar: similar.map(toAlertView),
    suppressions: await withCreators(suppressions),
    policyDiff: policyDiffOf(view.context, events[events.length - 1]?.data),
  };
}
export type AlertDetail = Awaited<ReturnType<typeof getAlertOrThrow>>;

type SuppressionRow = { id: number; ruleId: string; entityType: string; entity: string; reason: string; createdById: string | null; createdAt: Date; expiresAt: Date; revokedAt: Date | null; silencedCount: number };

/** Suppressions as shown, with who created them (the table keeps only the user id). */
export async function withCreators(rows: SuppressionRow[]) {
  const ids = [...new Set(rows.map((r) => r.createdById).filter((id): id is string => !!id))];
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } }) : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.map((r) => suppressionView({ ...r, createdBy: r.createdById ? (byId.get(r.createdById) ?? null) : null }));
}

function suppressionView(s: SuppressionRow & { createdBy: { name: string; email: string } | null }) {
  return {
    id: s.id,
    ruleId: s.ruleId,
    entityType: s.entityType,
    entity: s.entity,
    reason: s.reason,
    createdBy: s.createdBy ? s.createdBy.name || s.createdBy.email : null,
    createdAt: s.createdAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    revokedAt: s.revokedAt?.toISOString() ?? null,
    silencedCount: s.silencedCount,
  };
}
export type SuppressionView = ReturnType<typeof suppressionView>;

// A policy file change: the rule's context may carry before/after texts; otherwise the first
// event, when it is an ACL change of the audit log.
function policyDiffOf(context: Record<string, unknown>, firstEvent: unknown): LineDiff | null {
  const pair = (before: unknown, after: unknown) => (typeof before === "string" || typeof after === "string" ? lineDiff(typeof before === "string" ? before : "", typeof after === "string" ? after : "") : null);
  const policy = context.policy as { before?: unknown; after?: unknown } | undefined;
  if (policy && typeof policy === "object") return pair(policy.before, policy.after);
  const e = firstEvent as { target?: { property?: unknown }; old?: unknown; new?: unknown } | undefined;
  if (e && typeof e === "object" && e.target?.property === "ACL") return pair(e.old, e.new);
  return null;
}

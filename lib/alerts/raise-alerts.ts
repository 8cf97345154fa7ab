import "server-only";
// The `detection_alerts` job: folds the outbox's matches into alerts. A match joins the alert of
// its rule and dedup key whose window covers the event's time (count, last seen, the event);
// otherwise it raises a new alert, unless it only "follows" (a setting turned back on) or a
// suppression silences its entity. An event already on an alert of the rule never counts twice,
// so re-deliveries and retried jobs are harmless.
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Severity } from "@/lib/generated/prisma/enums";
import { appendAudit } from "@/lib/audit/append-audit";
import { systemViewer } from "@/lib/auth/viewer";
import { notifyInTx } from "@/lib/notifications/process";
import { cachedDetectionSettings } from "@/lib/detections/settings";
import { isAtLeast, maxSeverity } from "@/lib/detections/severity";
import { thresholdSpanStart } from "@/lib/detections/threshold";

const BATCH = 200;
/** Events kept per alert; the count goes on. */
export const EVENTS_KEPT_PER_ALERT = 500;

type Row = {
  id: bigint;
  rule_id: string;
  severity: Severity;
  title: string;
  dedup_key: string;
  dedup_minutes: number;
  event_key: string;
  kind: string;
  event_time: Date;
  is_related: boolean;
  matched_fields: string[];
  data: Prisma.JsonValue;
  context: Prisma.JsonValue;
  entity_type: string | null;
  entity: string | null;
  device_node_id: string | null;
  user_login: string | null;
  threshold: number;
  threshold_minutes: number;
};

export type RaiseSummary = { matches: number; raised: number; joined: number; silenced: number; skipped: number; held: number };

/** Folds every waiting match; returns what happened. Safe to run concurrently. */
export async function raiseAlerts(): Promise<RaiseSummary> {
  const summary: RaiseSummary = { matches: 0, raised: 0, joined: 0, silenced: 0, skipped: 0, held: 0 };
  const settings = await cachedDetectionSettings();
  for (;;) {
    const done = await db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<Row[]>`
          DELETE FROM detection_matches WHERE id IN (
            SELECT id FROM detection_matches ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
          RETURNING *`;
        rows.sort((a, b) => a.event_time.getTime() - b.event_time.getTime() || Number(a.id - b.id));
        for (const row of rows) {
          const outcome = await foldOne(tx, row, settings.notifyMinSeverity);
          summary[outcome]++;
        }
        summary.matches += rows.length;
        return rows.length < BATCH;
      },
      { timeout: 60_000 },
    );
    if (done) return summary;
  }
}

async function foldOne(tx: Tx, m: Row, notifyFloor: Severity): Promise<"raised" | "joined" | "silenced" | "skipped" | "held"> {
  // One writer per rule and key: two workers never raise the same alert twice (nor count one
  // threshold twice).
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${m.rule_id}), hashtext(${m.dedup_key}))`;
  const [already] = await tx.$queryRaw<{ one: number }[]>`
    SELECT 1 AS one FROM alert_events e JOIN alerts a ON a.id = e.alert_id
    WHERE e.event_key = ${m.event_key} AND a.rule_id = ${m.rule_id} LIMIT 1`;
  if (already) {
    if (m.threshold > 1) await forgetHeld(tx, m); // a re-delivery of an event already on an alert
    return "skipped";
  }

  if (m.entity) {
    const suppression = await tx.alertSuppression.findFirst({
      where: { ruleId: m.rule_id, entity: m.entity, revokedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true },
    });
    if (suppression) {
      await tx.alertSuppression.update({ where: { id: suppression.id }, data: { silencedCount: { increment: 1 } } });
      return "silenced";
    }
  }

  const windowMs = m.dedup_minutes * 60_000;
  const [open] = await tx.$queryRaw<{ id: number; severity: Severity; event_count: number; first_seen_at: Date; last_seen_at: Date }[]>`
    SELECT id, severity, event_count, first_seen_at, last_seen_at FROM alerts
    WHERE rule_id = ${m.rule_id} AND dedup_key = ${m.dedup_key}
      AND dedup_until > ${m.event_time} AND first_seen_at - make_interval(secs => ${m.dedup_minutes * 60}) <= ${m.event_time}
      AND status <> 'DISMISSED'
    ORDER BY first_seen_at DESC LIMIT 1 FOR UPDATE`;

  if (!open) {
    if (m.is_related) return "skipped"; // a "turned back on" with nothing to join
    // A threshold rule raises only once enough of its matches fall within its window.
    const reached = m.threshold > 1 ? await holdUntilThreshold(tx, m) : { events: [m], until: new Date(m.event_time.getTime() + windowMs), context: m.context ?? {} };
    if (!reached) return "held";
    const { events, until, context } = reached;
    const first = events[0]!;
    const last = events[events.length - 1]!;
    const severity = events.reduce((s, e) => maxSeverity(s, e.severity), m.severity);
    const alert = await tx.alert.create({
      data: {
        ruleId: m.rule_id,
        severity,
        title: m.title,
        dedupKey: m.dedup_key,
        firstSeenAt: first.event_time,
        lastSeenAt: last.event_time,
        dedupUntil: until,
        eventCount: events.length,
        context: context as Prisma.InputJsonValue,
        matchedFields: m.matched_fields,
        entityType: m.entity_type,
        entity: m.entity,
        deviceNodeId: m.device_node_id,
        userLogin: m.user_login,
        events: {
          createMany: {
            data: events.slice(0, EVENTS_KEPT_PER_ALERT).map((e) => ({ eventKey: e.event_key, kind: e.kind, eventTime: e.event_time, matchedFields: e.matched_fields, data: e.data as Prisma.InputJsonValue })),
            skipDuplicates: true,
          },
        },
      },
      select: { id: true },
    });
    await appendAudit(tx, systemViewer(), {
      action: "alert.raise",
      targetType: "Alert",
      targetId: String(alert.id),
      after: { ruleId: m.rule_id, severity, title: m.title, dedupKey: m.dedup_key },
    });
    if (isAtLeast(severity, notifyFloor)) await notifyInTx(tx, { type: "alert.raised", alertId: alert.id });
    return "raised";
  }

  if (m.threshold > 1) await forgetHeld(tx, m);
  const kept = open.event_count < EVENTS_KEPT_PER_ALERT || m.is_related;
  if (kept) {
    await tx.alertEvent.createMany({
      data: [{ alertId: open.id, eventKey: m.event_key, kind: m.kind, eventTime: m.event_time, isRelated: m.is_related, matchedFields: m.matched_fields, data: m.data as Prisma.InputJsonValue }],
      skipDuplicates: true,
    });
  }
  const time = m.event_time;
  await tx.alert.update({
    where: { id: open.id },
    data: m.is_related
      ? { version: { increment: 1 } }
      : {
          eventCount: { increment: 1 },
          severity: maxSeverity(open.severity, m.severity),
          firstSeenAt: time < open.first_seen_at ? time : undefined,
          lastSeenAt: time > open.last_seen_at ? time : undefined,
          version: { increment: 1 },
        },
  });
  return "joined";
}

/**
 * Holds a threshold rule's match with the others of its rule and key. Once `threshold` of them
 * fall within `threshold_minutes` of each other (the earliest such span that holds this match),
 * answers the alert they make: every held match its dedup window covers (from the span's start
 * less the dedup window to the start plus the longer of the two windows, so the alert is the same
 * whatever order the matches arrived in), which leave the hold, the end of that window, and the
 * alert's context (the tripping match's, with the threshold in words).
 * Null while there are too few; they stay held until they expire.
 */
async function holdUntilThreshold(tx: Tx, m: Row): Promise<{ events: Row[]; until: Date; context: Prisma.JsonValue } | null> {
  const held = { ...m, id: undefined };
  await tx.$executeRaw`
    INSERT INTO detection_held_matches (rule_id, dedup_key, event_key, event_time, match)
    VALUES (${m.rule_id}, ${m.dedup_key}, ${m.event_key}, ${m.event_time}, ${JSON.stringify(held)}::jsonb)
    ON CONFLICT (rule_id, event_key) DO NOTHING`;
  const at = m.event_time.getTime();
  const spanMs = m.threshold_minutes * 60_000;
  const dedupMs = m.dedup_minutes * 60_000;
  const reach = Math.max(spanMs, dedupMs);
  // Times first: the matches themselves are read only for the alert.
  const rows = await tx.$queryRaw<{ id: bigint; event_time: Date }[]>`
    SELECT id, event_time FROM detection_held_matches
    WHERE rule_id = ${m.rule_id} AND dedup_key = ${m.dedup_key}
      AND event_time >= ${new Date(at - spanMs - dedupMs)} AND event_time <= ${new Date(at + reach)}
    ORDER BY event_time, id`;
  const start = thresholdSpanStart(rows.map((r) => r.event_time.getTime()), at, m.threshold, spanMs);
  if (start === null) return null;
  const ids = rows.filter((r) => r.event_time.getTime() >= start - dedupMs && r.event_time.getTime() <= start + reach).map((r) => r.id);
  const taken = await tx.$queryRaw<{ id: bigint; event_time: Date; match: Omit<Row, "id" | "event_time"> }[]>`
    DELETE FROM detection_held_matches WHERE id = ANY(${ids}::bigint[]) RETURNING id, event_time, match`;
  taken.sort((a, b) => a.event_time.getTime() - b.event_time.getTime() || Number(a.id - b.id));
  return {
    events: taken.map((r) => ({ ...r.match, id: r.id, event_time: r.event_time })),
    until: new Date(start + reach + 1),
    context: { ...(m.context as Prisma.JsonObject), threshold: `${m.threshold} matching events within ${m.threshold_minutes} min; ${taken.length} on the alert when it was raised` },
  };
}

/** A match that joined an alert (or was already on one) no longer counts toward another. */
async function forgetHeld(tx: Tx, m: Row) {
  await tx.$executeRaw`DELETE FROM detection_held_matches WHERE rule_id = ${m.rule_id} AND event_key = ${m.event_key}`;
}

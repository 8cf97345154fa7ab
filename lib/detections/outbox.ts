import "server-only";
// Writes matches to the outbox (detection_matches) in the caller's transaction and enqueues the
// job that folds them into alerts: records and their matches commit together, so a crash between
// the commit and the alert loses nothing (the job is retried, and a schedule sweeps stragglers).
import type { Tx } from "@/lib/db";
import { enqueueInTx, enqueueOnClient, QUEUES } from "@/lib/jobs/boss";
import type { Match } from "./engine";

const INSERT_SQL = `
INSERT INTO detection_matches (rule_id, severity, title, dedup_key, dedup_minutes, event_key, kind, event_time, is_related,
  matched_fields, data, context, entity_type, entity, device_node_id, user_login, threshold, threshold_minutes)
SELECT m."ruleId", m.severity::"Severity", m.title, m."dedupKey", m."dedupMinutes", m."eventKey", m.kind, m."eventTime", m."isRelated",
  ARRAY(SELECT jsonb_array_elements_text(m."matchedFields")), m.data, m.context, m."entityType", m.entity, m."deviceNodeId", m."userLogin",
  coalesce(m.threshold, 1), coalesce(m."thresholdMinutes", 0)
FROM jsonb_to_recordset($1::jsonb) AS m("ruleId" text, severity text, title text, "dedupKey" text, "dedupMinutes" int, "eventKey" text,
  kind text, "eventTime" timestamptz, "isRelated" boolean, "matchedFields" jsonb, data jsonb, context jsonb, "entityType" text,
  entity text, "deviceNodeId" text, "userLogin" text, threshold int, "thresholdMinutes" int)`;

// Strings from logs may hold what PostgreSQL's jsonb refuses (NUL): the pipeline scrubbed them already.
const payload = (matches: Match[]) => JSON.stringify(matches);

type PgClient = { query: (text: string, values: unknown[]) => Promise<{ rows: unknown[] }> };

export async function writeMatchesOnClient(client: PgClient, matches: Match[]) {
  if (!matches.length) return;
  await client.query(INSERT_SQL, [payload(matches)]);
  await enqueueOnClient(client, QUEUES.detectionAlerts.name, {});
}

export async function writeMatchesInTx(tx: Tx, matches: Match[]) {
  if (!matches.length) return;
  await tx.$executeRawUnsafe(INSERT_SQL, payload(matches));
  await enqueueInTx(tx, QUEUES.detectionAlerts.name, {});
}

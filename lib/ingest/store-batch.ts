import "server-only";
// Writes one batch of normalised records in one transaction: audit events and flow entries as
// multi-row inserts from arrays (unnest), duplicates skipped by their keys, quarantined records
// beside them. The device inventory and the per-minute counters are updated after the commit:
// they are derived data, and keeping them out of the transaction keeps concurrent senders from
// queueing on the same rows.
import type pg from "pg";
import { logger } from "@/lib/logger";
import { ensurePartitions, dayOf, forgetPartitions, isMissingPartition } from "./partitions";
import { ingestPool, withIngestTx } from "./pg-pool";
import type { AuditRow, FlowEntryRow, NodeSighting } from "./records";

export type QuarantineItem = { reason: string; raw: string; rawBytes: number };

export type Batch = { audits: AuditRow[]; flows: FlowEntryRow[]; quarantine: QuarantineItem[]; nodes: NodeSighting[] };

export type BatchResult = { auditStored: number; flowStored: number; duplicates: number; quarantined: number; auditIds: string[] };

export const emptyBatch = (): Batch => ({ audits: [], flows: [], quarantine: [], nodes: [] });

const AUDIT_SQL = `
INSERT INTO audit_events (event_time, dedup_key, source_id, logged_at, deferred_at, record_type, event_group_id, origin,
  actor_id, actor_type, actor_login, actor_name, actor_tags, target_id, target_name, target_type, target_property,
  target_is_ephemeral, action, old, new, action_details, error, extra)
SELECT t.event_time, t.dedup_key, $1, t.logged_at, t.deferred_at, t.record_type, t.event_group_id, t.origin,
  t.actor_id, t.actor_type, t.actor_login, t.actor_name, ARRAY(SELECT jsonb_array_elements_text(t.actor_tags)),
  t.target_id, t.target_name, t.target_type, t.target_property, t.target_is_ephemeral, t.action, t.old, t.new,
  t.action_details, t.error, t.extra
FROM unnest($2::timestamptz[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[], $8::text[],
  $9::text[], $10::text[], $11::text[], $12::text[], $13::jsonb[], $14::text[], $15::text[], $16::text[], $17::text[],
  $18::boolean[], $19::text[], $20::jsonb[], $21::jsonb[], $22::text[], $23::text[], $24::jsonb[])
  AS t(event_time, dedup_key, logged_at, deferred_at, record_type, event_group_id, origin, actor_id, actor_type,
  actor_login, actor_name, actor_tags, target_id, target_name, target_type, target_property, target_is_ephemeral,
  action, old, new, action_details, error, extra)
ON CONFLICT DO NOTHING
RETURNING id`;

const FLOW_SQL = `
INSERT INTO flow_records (window_start, entry_hash, window_end, node_id, kind, proto, proto_name, src_ip, src_port,
  dst_ip, dst_port, tx_pkts, tx_bytes, rx_pkts, rx_bytes, source_id)
SELECT t.*, $1 FROM unnest($2::timestamptz[], $3::bigint[], $4::timestamptz[], $5::text[], $6::"FlowKind"[],
  $7::smallint[], $8::text[], $9::inet[], $10::integer[], $11::inet[], $12::integer[], $13::bigint[], $14::bigint[],
  $15::bigint[], $16::bigint[]) AS t
ON CONFLICT DO NOTHING`;

const QUARANTINE_SQL = `
INSERT INTO quarantined_records (source_id, reason, raw, raw_bytes)
SELECT $1, t.reason, t.raw, t.raw_bytes FROM unnest($2::text[], $3::text[], $4::integer[]) AS t(reason, raw, raw_bytes)`;

async function insertAll(client: pg.PoolClient, sourceId: number, batch: Batch): Promise<BatchResult> {
  let auditIds: string[] = [];
  if (batch.audits.length) {
    const a = batch.audits;
    const col = <K extends keyof AuditRow>(k: K) => a.map((r) => r[k]);
    const { rows } = await client.query<{ id: string }>(AUDIT_SQL, [
      sourceId,
      col("eventTime"),
      col("dedupKey"),
      col("loggedAt"),
      col("deferredAt"),
      col("recordType"),
      col("eventGroupId"),
      col("origin"),
      col("actorId"),
      col("actorType"),
      col("actorLogin"),
      col("actorName"),
      a.map((r) => JSON.stringify(r.actorTags)),
      col("targetId"),
      col("targetName"),
      col("targetType"),
      col("targetProperty"),
      col("targetIsEphemeral"),
      col("action"),
      col("old"),
      col("new"),
      col("actionDetails"),
      col("error"),
      col("extra"),
    ]);
    auditIds = rows.map((r) => String(r.id));
  }
  let flowStored = 0;
  if (batch.flows.length) {
    const f = batch.flows;
    const col = <K extends keyof FlowEntryRow>(k: K) => f.map((r) => r[k]);
    const result = await client.query(FLOW_SQL, [
      sourceId,
      col("windowStart"),
      col("entryHash"),
      col("windowEnd"),
      col("nodeId"),
      col("kind"),
      col("proto"),
      col("protoName"),
      col("srcIp"),
      col("srcPort"),
      col("dstIp"),
      col("dstPort"),
      col("txPkts"),
      col("txBytes"),
      col("rxPkts"),
      col("rxBytes"),
    ]);
    flowStored = result.rowCount ?? 0;
  }
  if (batch.quarantine.length) {
    const q = batch.quarantine;
    await client.query(QUARANTINE_SQL, [sourceId, q.map((r) => r.reason), q.map((r) => r.raw), q.map((r) => r.rawBytes)]);
  }
  return {
    auditStored: auditIds.length,
    flowStored,
    duplicates: batch.audits.length - auditIds.length + (batch.flows.length - flowStored),
    quarantined: batch.quarantine.length,
    auditIds,
  };
}

/** Stores a batch; resolves only after the commit. */
export async function storeBatch(sourceId: number, batch: Batch): Promise<BatchResult> {
  if (batch.audits.length + batch.flows.length + batch.quarantine.length === 0) {
    return { auditStored: 0, flowStored: 0, duplicates: 0, quarantined: 0, auditIds: [] };
  }
  const ensure = async () => {
    await ensurePartitions("audit_events", batch.audits.map((r) => dayOf(r.eventTime)));
    await ensurePartitions("flow_records", uniqueDays(batch.flows));
  };
  await ensure();
  let result: BatchResult;
  try {
    result = await withIngestTx((client) => insertAll(client, sourceId, batch));
  } catch (error) {
    // Retention in another process may have dropped a partition this process still believed in.
    if (!isMissingPartition(error)) throw error;
    forgetPartitions();
    await ensure();
    result = await withIngestTx((client) => insertAll(client, sourceId, batch));
  }
  await updateDevices(batch.nodes).catch((err) => logger.warn({ err }, "device inventory update failed"));
  return result;
}

function uniqueDays(flows: FlowEntryRow[]): string[] {
  const days = new Set<string>();
  let last = "";
  for (const f of flows) {
    if (f.windowStart.slice(0, 10) === last) continue;
    last = f.windowStart.slice(0, 10);
    days.add(dayOf(f.windowStart));
  }
  return [...days];
}

// ---------------------------------------------------------------------------------------------
// Devices

type MergedNode = { nodeId: string; name: string | null; addresses: Set<string>; os: string | null; userLogin: string | null; tags: string[]; firstSeen: string; lastSeen: string; lastRecord: string | null };

// What this process last wrote per node: a node seen in every 5-second window is written about
// twice a minute, not on every batch.
const written = new Map<string, { details: string; lastSeen: number; lastRecord: number }>();
const REWRITE_AFTER_MS = 30_000;

const DEVICE_SQL = `
INSERT INTO devices AS d (node_id, name, addresses, os, user_login, tags, first_seen_at, last_seen_at, last_record_at, last_received_at)
SELECT t.node_id, t.name, ARRAY(SELECT jsonb_array_elements_text(t.addresses)), t.os, t.user_login,
  ARRAY(SELECT jsonb_array_elements_text(t.tags)), t.first_seen, t.last_seen, t.last_record,
  CASE WHEN t.last_record IS NULL THEN NULL ELSE now() END
FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::text[], $5::text[], $6::jsonb[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[])
  AS t(node_id, name, addresses, os, user_login, tags, first_seen, last_seen, last_record)
ON CONFLICT (node_id) DO UPDATE SET
  name = COALESCE(EXCLUDED.name, d.name),
  addresses = (ARRAY(SELECT DISTINCT a FROM unnest(d.addresses || EXCLUDED.addresses) AS a ORDER BY a))[1:32],
  os = COALESCE(EXCLUDED.os, d.os),
  user_login = COALESCE(EXCLUDED.user_login, d.user_login),
  tags = CASE WHEN cardinality(EXCLUDED.tags) > 0 THEN EXCLUDED.tags ELSE d.tags END,
  first_seen_at = LEAST(d.first_seen_at, EXCLUDED.first_seen_at),
  last_seen_at = GREATEST(d.last_seen_at, EXCLUDED.last_seen_at),
  last_record_at = GREATEST(d.last_record_at, EXCLUDED.last_record_at),
  last_received_at = COALESCE(EXCLUDED.last_received_at, d.last_received_at)`;

export async function updateDevices(sightings: NodeSighting[]) {
  if (sightings.length === 0) return;
  const merged = new Map<string, MergedNode>();
  for (const s of sightings) {
    let m = merged.get(s.nodeId);
    if (!m) {
      m = { nodeId: s.nodeId, name: null, addresses: new Set(), os: null, userLogin: null, tags: [], firstSeen: s.seenAt, lastSeen: s.seenAt, lastRecord: null };
      merged.set(s.nodeId, m);
    }
    m.name = s.name ?? m.name;
    for (const a of s.addresses) m.addresses.add(a);
    m.os = s.os ?? m.os;
    m.userLogin = s.userLogin ?? m.userLogin;
    if (s.tags.length) m.tags = s.tags;
    if (Date.parse(s.seenAt) < Date.parse(m.firstSeen)) m.firstSeen = s.seenAt;
    if (Date.parse(s.seenAt) > Date.parse(m.lastSeen)) m.lastSeen = s.seenAt;
    if (s.isReporter && (!m.lastRecord || Date.parse(s.seenAt) > Date.parse(m.lastRecord))) m.lastRecord = s.seenAt;
  }
  const due = [...merged.values()]
    .filter((m) => {
      const prev = written.get(m.nodeId);
      if (!prev) return true;
      const details = detailsOf(m);
      return prev.details !== details || Date.parse(m.lastSeen) - prev.lastSeen > REWRITE_AFTER_MS || (m.lastRecord !== null && Date.parse(m.lastRecord) - prev.lastRecord > REWRITE_AFTER_MS);
    })
    .sort((a, b) => (a.nodeId < b.nodeId ? -1 : 1)); // one lock order: no deadlocks between batches
  if (due.length === 0) return;
  await ingestPool().query(DEVICE_SQL, [
    due.map((m) => m.nodeId),
    due.map((m) => m.name),
    due.map((m) => JSON.stringify([...m.addresses])),
    due.map((m) => m.os),
    due.map((m) => m.userLogin),
    due.map((m) => JSON.stringify(m.tags)),
    due.map((m) => m.firstSeen),
    due.map((m) => m.lastSeen),
    due.map((m) => m.lastRecord),
  ]);
  for (const m of due) {
    const prev = written.get(m.nodeId);
    written.set(m.nodeId, {
      details: detailsOf(m),
      lastSeen: Math.max(prev?.lastSeen ?? 0, Date.parse(m.lastSeen)),
      lastRecord: Math.max(prev?.lastRecord ?? 0, m.lastRecord ? Date.parse(m.lastRecord) : 0),
    });
  }
  if (written.size > 100_000) written.clear();
}

function detailsOf(m: MergedNode): string {
  return JSON.stringify([m.name, [...m.addresses].sort(), m.os, m.userLogin, m.tags]);
}

// ---------------------------------------------------------------------------------------------
// Counters

export type SourceCounters = { requests: number; records: number; auditStored: number; flowStored: number; duplicates: number; quarantined: number; errors: number; bytes: number };

export const zeroCounters = (): SourceCounters => ({ requests: 0, records: 0, auditStored: 0, flowStored: 0, duplicates: 0, quarantined: 0, errors: 0, bytes: 0 });

/** Adds to this minute's counters of a source, and stamps its last request, record and error. */
export async function recordSourceActivity(sourceId: number, c: SourceCounters, error?: string) {
  await ingestPool().query(
    `WITH s AS (
       UPDATE ingest_sources SET
         last_request_at = CASE WHEN $2 > 0 THEN now() ELSE last_request_at END,
         last_record_at = CASE WHEN $3 > 0 THEN now() ELSE last_record_at END,
         last_error_at = CASE WHEN $10::text IS NULL THEN last_error_at ELSE now() END,
         last_error = COALESCE($10::text, last_error)
       WHERE id = $1)
     INSERT INTO ingest_minutes AS m (source_id, minute, requests, records, audit_stored, flow_stored, duplicates, quarantined, errors, bytes)
     VALUES ($1, date_trunc('minute', now()), $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (source_id, minute) DO UPDATE SET
       requests = m.requests + EXCLUDED.requests, records = m.records + EXCLUDED.records,
       audit_stored = m.audit_stored + EXCLUDED.audit_stored, flow_stored = m.flow_stored + EXCLUDED.flow_stored,
       duplicates = m.duplicates + EXCLUDED.duplicates, quarantined = m.quarantined + EXCLUDED.quarantined,
       errors = m.errors + EXCLUDED.errors, bytes = m.bytes + EXCLUDED.bytes`,
    [sourceId, c.requests, c.records, c.auditStored, c.flowStored, c.duplicates, c.quarantined, c.errors, c.bytes, error ? error.slice(0, 500) : null],
  );
}

import "server-only";
// Data derived from stored records: the device inventory and the per-source, per-minute
// counters of the ingest status page. Both are gathered in memory and written at most once a
// second, outside the records' transaction: a busy stream costs one commit per batch, not three,
// and senders never queue on the same counter row. A crash loses at most a second of counters,
// never a record (the records themselves were committed before the sender got its 200).
import { logger } from "@/lib/logger";
import { ingestPool } from "./pg-pool";
import type { NodeSighting } from "./records";

const FLUSH_AFTER_MS = 1000;
let timer: NodeJS.Timeout | null = null;
let flushing: Promise<void> = Promise.resolve();

function scheduleFlush() {
  if (timer) return;
  timer = setTimeout(() => {
    timer = null;
    void flushDerived().catch((err) => logger.warn({ err }, "ingest counters and devices could not be written"));
  }, FLUSH_AFTER_MS);
  timer.unref();
}

/** Writes everything gathered so far. The CLI and tests call it before they read or exit. */
export async function flushDerived(): Promise<void> {
  if (timer) {
    clearTimeout(timer);
    timer = null;
  }
  const counters = pendingCounters;
  const nodes = pendingNodes;
  pendingCounters = new Map();
  pendingNodes = [];
  // One failed write must not stop every later flush: each flush starts from a settled chain.
  flushing = flushing
    .catch(() => undefined)
    .then(async () => {
      for (const entry of counters.values()) await writeSourceActivity(entry);
      await writeDevices(nodes);
    });
  await flushing;
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

let pendingNodes: NodeSighting[] = [];

export function noteDevices(sightings: NodeSighting[]) {
  if (sightings.length === 0) return;
  for (const s of sightings) pendingNodes.push(s);
  scheduleFlush();
}

async function writeDevices(sightings: NodeSighting[]) {
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

type PendingActivity = { sourceId: number; minute: Date; counters: SourceCounters; lastRequest: Date | null; lastRecord: Date | null; error: string | null };
let pendingCounters = new Map<string, PendingActivity>();

/** Adds to this minute's counters of a source, and stamps its last request, record and error. */
export function noteSourceActivity(sourceId: number, c: SourceCounters, error?: string) {
  const now = new Date();
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const key = `${sourceId}|${minute.getTime()}`;
  let entry = pendingCounters.get(key);
  if (!entry) {
    entry = { sourceId, minute, counters: zeroCounters(), lastRequest: null, lastRecord: null, error: null };
    pendingCounters.set(key, entry);
  }
  for (const k of Object.keys(c) as (keyof SourceCounters)[]) entry.counters[k] += c[k];
  if (c.requests > 0) entry.lastRequest = now;
  if (c.records > 0) entry.lastRecord = now;
  if (error) entry.error = error.slice(0, 500);
  scheduleFlush();
}

async function writeSourceActivity({ sourceId, minute, counters: c, lastRequest, lastRecord, error }: PendingActivity) {
  await ingestPool().query(
    `WITH s AS (
       UPDATE ingest_sources SET
         last_request_at = GREATEST(last_request_at, $11::timestamptz),
         last_record_at = GREATEST(last_record_at, $12::timestamptz),
         last_error_at = CASE WHEN $10::text IS NULL THEN last_error_at ELSE now() END,
         last_error = COALESCE($10::text, last_error)
       WHERE id = $1)
     INSERT INTO ingest_minutes AS m (source_id, minute, requests, records, audit_stored, flow_stored, duplicates, quarantined, errors, bytes)
     VALUES ($1, $13, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (source_id, minute) DO UPDATE SET
       requests = m.requests + EXCLUDED.requests, records = m.records + EXCLUDED.records,
       audit_stored = m.audit_stored + EXCLUDED.audit_stored, flow_stored = m.flow_stored + EXCLUDED.flow_stored,
       duplicates = m.duplicates + EXCLUDED.duplicates, quarantined = m.quarantined + EXCLUDED.quarantined,
       errors = m.errors + EXCLUDED.errors, bytes = m.bytes + EXCLUDED.bytes`,
    [sourceId, c.requests, c.records, c.auditStored, c.flowStored, c.duplicates, c.quarantined, c.errors, c.bytes, error, lastRequest, lastRecord, minute],
  );
}

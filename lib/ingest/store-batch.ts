import "server-only";
// Writes one batch of normalised records in one transaction: audit events and flow entries as
// multi-row inserts from arrays (unnest), duplicates skipped by their keys, quarantined records
// beside them. The device inventory and the per-minute counters are updated after the commit:
// they are derived data, written at most once a second (lib/ingest/derived.ts), so concurrent
// senders neither queue on the same rows nor pay for extra commits.
import type pg from "pg";
import { ensurePartitions, dayOf, forgetPartitions, isMissingPartition } from "./partitions";
import { noteDevices } from "./derived";
import { withIngestTx } from "./pg-pool";
import type { AuditRow, FlowEntryRow, NodeSighting } from "./records";
import { matchBatch } from "@/lib/detections/detect-batch";
import { writeMatchesOnClient } from "@/lib/detections/outbox";
import { logger } from "@/lib/logger";

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
RETURNING id, dedup_key`;

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
  let inserted: { id: string; row: AuditRow }[] = [];
  if (batch.audits.length) {
    const a = batch.audits;
    const col = <K extends keyof AuditRow>(k: K) => a.map((r) => r[k]);
    const { rows } = await client.query<{ id: string; dedup_key: string }>(AUDIT_SQL, [
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
    const byKey = new Map(a.map((r) => [r.dedupKey, r]));
    inserted = rows.map((r) => ({ id: String(r.id), row: byKey.get(r.dedup_key)! }));
  }
  let flowStored = 0;
  if (batch.flows.length) {
    const f = batch.flows;
    // A named statement is parsed and planned once per connection, not once per batch.
    const result = await client.query({ name: "countersign_flow_insert", text: FLOW_SQL, values: [
      sourceId,
      quotedLiteral(f, (r) => r.windowStart),
      plainLiteral(f, (r) => r.entryHash),
      quotedLiteral(f, (r) => r.windowEnd),
      textLiteral(f, (r) => r.nodeId),
      plainLiteral(f, (r) => r.kind),
      plainLiteral(f, (r) => r.proto),
      textLiteral(f, (r) => r.protoName),
      quotedLiteral(f, (r) => r.srcIp),
      plainLiteral(f, (r) => r.srcPort),
      quotedLiteral(f, (r) => r.dstIp),
      plainLiteral(f, (r) => r.dstPort),
      plainLiteral(f, (r) => r.txPkts),
      plainLiteral(f, (r) => r.txBytes),
      plainLiteral(f, (r) => r.rxPkts),
      plainLiteral(f, (r) => r.rxBytes),
    ] });
    flowStored = result.rowCount ?? 0;
  }
  if (batch.quarantine.length) {
    const q = batch.quarantine;
    await client.query(QUARANTINE_SQL, [sourceId, q.map((r) => r.reason), q.map((r) => r.raw), q.map((r) => r.rawBytes)]);
  }
  await detectSafely(client, inserted, batch.flows);
  return {
    auditStored: auditIds.length,
    flowStored,
    duplicates: batch.audits.length - auditIds.length + (batch.flows.length - flowStored),
    quarantined: batch.quarantine.length,
    auditIds,
  };
}

// PostgreSQL array literals built directly: node-postgres' generic array serialisation (a type
// check and two regular expressions per element) cost more than the rest of the insert. Numbers,
// enum names, times and addresses were validated by normalisation and need no escaping beyond
// quotes; free text (node ids, protocol names) is escaped.
function plainLiteral<T>(rows: T[], get: (row: T) => string | number | null): string {
  let out = "{";
  for (let i = 0; i < rows.length; i++) {
    const v = get(rows[i]!);
    out += (i ? "," : "") + (v === null ? "NULL" : v);
  }
  return out + "}";
}

function quotedLiteral<T>(rows: T[], get: (row: T) => string | null): string {
  let out = "{";
  for (let i = 0; i < rows.length; i++) {
    const v = get(rows[i]!);
    out += (i ? "," : "") + (v === null ? "NULL" : `"${v}"`);
  }
  return out + "}";
}

function textLiteral<T>(rows: T[], get: (row: T) => string | null): string {
  let out = "{";
  for (let i = 0; i < rows.length; i++) {
    const v = get(rows[i]!);
    out += (i ? "," : "") + (v === null ? "NULL" : `"${/[\\"]/.test(v) ? v.replace(/[\\"]/g, "\\$&") : v}"`);
  }
  return out + "}";
}

// The real-time rules write their matches in this transaction. Should that fail, the records
// still commit (they were accepted; losing them is worse) and the failure is logged.
async function detectSafely(client: pg.PoolClient, audits: { id: string; row: AuditRow }[], flows: FlowEntryRow[]) {
  if (!audits.length && !flows.length) return;
  const matches = await matchBatch(audits, flows);
  if (!matches.length) return;
  await client.query("SAVEPOINT detections");
  try {
    await writeMatchesOnClient(client, matches);
    await client.query("RELEASE SAVEPOINT detections");
  } catch (error) {
    await client.query("ROLLBACK TO SAVEPOINT detections");
    logger.error({ err: error }, "real-time detections failed on a batch; its records are stored");
  }
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
    if (isDataError(error)) return storeSplit(sourceId, batch, error as Error);
    // Retention in another process may have dropped a partition this process still believed in.
    if (!isMissingPartition(error)) throw error;
    forgetPartitions();
    await ensure();
    result = await withIngestTx((client) => insertAll(client, sourceId, batch));
  }
  noteDevices(batch.nodes);
  return result;
}

// SQLSTATE classes 22 (data exception) and 54 (program limit exceeded): a value PostgreSQL will
// not take. It is one record's fault, not the batch's: refusing the batch would make the sender
// retry it forever.
const isDataError = (error: unknown) => /^(22|54)/.test((error as { code?: string })?.code ?? "");

/** Halves the batch until the refused rows stand alone, and quarantines them with the reason. */
async function storeSplit(sourceId: number, batch: Batch, error: Error): Promise<BatchResult> {
  const rows = batch.audits.length + batch.flows.length;
  if (rows <= 1) {
    const row: unknown = batch.audits[0] ?? batch.flows[0];
    const refused = { reason: `the database refused this record: ${error.message}`.slice(0, 300), raw: JSON.stringify(row).slice(0, 64 * 1024), rawBytes: Buffer.byteLength(JSON.stringify(row)) };
    return storeBatch(sourceId, { audits: [], flows: [], quarantine: [...batch.quarantine, refused], nodes: batch.nodes });
  }
  // Audit events and flow entries apart first, then halves of one kind.
  const mid = (list: unknown[]) => Math.ceil(list.length / 2);
  const [a, b]: [Batch, Batch] =
    batch.audits.length && batch.flows.length
      ? [{ ...batch, flows: [] }, { audits: [], flows: batch.flows, quarantine: [], nodes: [] }]
      : [
          { audits: batch.audits.slice(0, mid(batch.audits)), flows: batch.flows.slice(0, mid(batch.flows)), quarantine: batch.quarantine, nodes: batch.nodes },
          { audits: batch.audits.slice(mid(batch.audits)), flows: batch.flows.slice(mid(batch.flows)), quarantine: [], nodes: [] },
        ];
  const [ra, rb] = [await storeBatch(sourceId, a), await storeBatch(sourceId, b)];
  return {
    auditStored: ra.auditStored + rb.auditStored,
    flowStored: ra.flowStored + rb.flowStored,
    duplicates: ra.duplicates + rb.duplicates,
    quarantined: ra.quarantined + rb.quarantined,
    auditIds: [...ra.auditIds, ...rb.auditIds],
  };
}

function uniqueDays(flows: FlowEntryRow[]): string[] {
  const days = new Set<string>();
  let last = "";
  for (const f of flows) {
    if (f.windowStart === last) continue; // entries of one record share it; the UTC day needs the whole time
    last = f.windowStart;
    days.add(dayOf(f.windowStart));
  }
  return [...days];
}


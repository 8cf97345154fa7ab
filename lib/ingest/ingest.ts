import "server-only";
// The pipeline for one body (a request, a file, an API page): decode → split → parse →
// normalise → store in batches. Every way in (HEC endpoint, file import, API poller) calls this.
import { BodyError, decodeBody, type ByteSource, type Encoding } from "./decode-body";
import { splitJsonStream, type SplitItem } from "./json-splitter";
import { normalizeRecord, scrubStrings } from "./records";
import { noteSourceActivity, zeroCounters, type SourceCounters } from "./derived";
import { emptyBatch, storeBatch, type Batch } from "./store-batch";
import { INGEST_LIMITS, type IngestLimits } from "./limits";

export type IngestSummary = { read: number; auditStored: number; flowStored: number; duplicates: number; quarantined: number; bytes: number };

export type IngestOptions = {
  sourceId: number;
  encoding?: Encoding;
  limits?: Partial<IngestLimits>;
  /** Called after each committed batch. */
  onProgress?: (summary: IngestSummary) => void;
  /** Counts one request in the source's statistics (HEC); imports and polls pass false. */
  countRequest?: boolean;
  /** A body that holds no record at all is an error (HEC); an empty file is not. */
  requireRecords?: boolean;
};

// A batch is committed when it holds this many flow entries or records, whichever comes first.
const BATCH_FLOW_ENTRIES = 10_000;
const BATCH_RECORDS = 2_000;
const KEEP_RAW = 64 * 1024;
// Escapes PostgreSQL cannot store: NUL, and UTF-16 surrogates (which may be unpaired).
const NEEDS_SCRUB = /\\u(0000|[dD][89abAB])/;

const summaryOf = (c: SourceCounters): IngestSummary => ({
  read: c.records,
  auditStored: c.auditStored,
  flowStored: c.flowStored,
  duplicates: c.duplicates,
  quarantined: c.quarantined,
  bytes: c.bytes,
});

/** Ingests a byte stream. Resolves after every record in it is committed or quarantined. */
export async function ingestStream(source: ByteSource, options: IngestOptions): Promise<IngestSummary> {
  const limits: IngestLimits = { maxCompressedBytes: INGEST_LIMITS.maxCompressedBytes, maxDecodedBytes: INGEST_LIMITS.maxDecodedBytes, maxRecordBytes: INGEST_LIMITS.maxRecordBytes, ...options.limits };
  const counter = { compressed: 0, decoded: 0 };
  const total = zeroCounters();
  let pending = zeroCounters();
  let batch: Batch = emptyBatch();
  let batchRecords = 0;
  let first = true;

  const flush = async () => {
    pending.bytes = counter.compressed - total.bytes;
    const result = await storeBatch(options.sourceId, batch);
    pending.auditStored = result.auditStored;
    pending.flowStored = result.flowStored;
    pending.duplicates = result.duplicates;
    pending.quarantined = result.quarantined;
    for (const key of Object.keys(total) as (keyof SourceCounters)[]) total[key] += pending[key];
    noteSourceActivity(options.sourceId, pending);
    pending = zeroCounters();
    batch = emptyBatch();
    batchRecords = 0;
    options.onProgress?.(summaryOf(total));
  };

  const take = (item: SplitItem) => {
    if (first) {
      first = false;
      if (item.kind === "malformed" && item.reason.startsWith("not JSON") && item.offset <= 3) {
        throw new BodyError(400, `The body is not JSON: ${item.reason.replace(/^not JSON: /, "")}.`);
      }
    }
    pending.records++;
    batchRecords++;
    if (item.kind === "malformed") {
      batch.quarantine.push({ reason: item.reason, raw: cleanRaw(item.text), rawBytes: item.bytes });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(item.text);
    } catch (error) {
      batch.quarantine.push({ reason: `invalid JSON: ${(error as Error).message}`.slice(0, 300), raw: cleanRaw(item.text), rawBytes: Buffer.byteLength(item.text) });
      return;
    }
    if (NEEDS_SCRUB.test(item.text)) value = scrubStrings(value);
    let normalized: ReturnType<typeof normalizeRecord>;
    try {
      normalized = normalizeRecord(value);
    } catch (error) {
      // e.g. a value nested too deep to serialise again: this record, not the batch, is refused.
      normalized = { type: "invalid", reason: `record could not be read: ${(error as Error).message}`.slice(0, 300) };
    }
    if (normalized.type === "audit") batch.audits.push(normalized.row);
    else if (normalized.type === "flow") {
      for (const entry of normalized.record.entries) batch.flows.push(entry);
      for (const node of normalized.record.nodes) batch.nodes.push(node);
    } else batch.quarantine.push({ reason: normalized.reason, raw: cleanRaw(item.text), rawBytes: Buffer.byteLength(item.text) });
  };

  try {
    for await (const item of splitJsonStream(decodeBody(source, options.encoding ?? "identity", limits, counter), { maxRecordBytes: limits.maxRecordBytes })) {
      take(item);
      if (batch.flows.length >= BATCH_FLOW_ENTRIES || batchRecords >= BATCH_RECORDS) await flush();
    }
    if (first && options.requireRecords) throw new BodyError(400, "The body is empty: no records.");
    if (options.countRequest) pending.requests = 1;
    await flush();
  } catch (error) {
    if (error instanceof BodyError) {
      // What was committed before the error stays; the error is counted against the source.
      noteSourceActivity(options.sourceId, { ...zeroCounters(), requests: options.countRequest ? 1 : 0, errors: 1 }, error.message);
    }
    throw error;
  }
  return summaryOf(total);
}

function cleanRaw(text: string): string {
  const cut = text.length > KEEP_RAW ? text.slice(0, KEEP_RAW) : text;
  return cut.includes("\u0000") ? cut.replaceAll("\u0000", "\uFFFD") : cut;
}

/** The summary as one line, for the CLI and the import page. */
export function describeSummary(s: IngestSummary): string {
  return `read ${s.read} records · stored ${s.auditStored + s.flowStored} (${s.auditStored} audit events, ${s.flowStored} flow entries) · duplicates ${s.duplicates} · quarantined ${s.quarantined}`;
}

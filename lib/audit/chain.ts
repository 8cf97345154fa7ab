// The audit trail's hash chain, as pure functions: each record's hash is
// SHA-256(previous hash + canonical JSON of its own content), so altering, deleting or
// reordering any record breaks every hash after it.
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

export const GENESIS_HASH = "0".repeat(64);

export type ChainedContent = {
  seq: number;
  createdAt: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetVisibility: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
};

export type ChainedRecord = ChainedContent & { prevHash: string; hash: string };

export function canonicalContent(record: ChainedContent): string {
  return canonicalize({
    seq: record.seq,
    createdAt: record.createdAt.toISOString(),
    actorId: record.actorId,
    actorLabel: record.actorLabel,
    action: record.action,
    targetType: record.targetType,
    targetId: record.targetId,
    targetVisibility: record.targetVisibility,
    before: record.before ?? null,
    after: record.after ?? null,
    requestId: record.requestId,
    ip: record.ip,
  }) as string;
}

export function chainHash(prevHash: string, record: ChainedContent): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalContent(record)).digest("hex");
}

export type ChainCheck =
  | { ok: true; count: number; headSeq: number; headHash: string }
  | { ok: false; count: number; seq: number; reason: string };

/** Checks a run of records in seq order, continuing from `previous` (the record before them). */
export function checkChainSegment(
  records: ChainedRecord[],
  previous: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): ChainCheck {
  let prev = previous;
  let count = 0;
  for (const record of records) {
    if (record.seq !== prev.seq + 1) {
      const reason =
        record.seq > prev.seq + 1
          ? `records ${prev.seq + 1}..${record.seq - 1} are missing`
          : `record is out of order after ${prev.seq}`;
      return { ok: false, count, seq: record.seq, reason };
    }
    if (record.prevHash !== prev.hash) {
      return { ok: false, count, seq: record.seq, reason: "its link to the previous record does not match" };
    }
    if (chainHash(record.prevHash, record) !== record.hash) {
      return { ok: false, count, seq: record.seq, reason: "its content does not match its hash (it was altered)" };
    }
    prev = { seq: record.seq, hash: record.hash };
    count += 1;
  }
  return { ok: true, count, headSeq: prev.seq, headHash: prev.hash };
}

const SECRET_KEY = /pass(word)?|secret|token|hash|otp|credential/i;

/** A JSON-safe copy with secrets replaced, ready to be stored and hashed. */
export function redactForAudit(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(redactForAudit);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return value.replace(/\u0000/g, "");
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, SECRET_KEY.test(k) ? "[redacted]" : redactForAudit(v)]),
    );
  }
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  return value;
}

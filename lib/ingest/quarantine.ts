import "server-only";
// The quarantine: records the pipeline could not understand, kept with the reason and their raw
// text, for ADMIN and SECURITY to read (newest first, by source).
import { z } from "zod";
import { db } from "@/lib/db";
import { notFound, parseInput } from "@/lib/errors";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";

export const QUARANTINE_PAGE_SIZE = 50;

export const ZQuarantineFilter = z.object({
  source: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type QuarantineFilter = z.infer<typeof ZQuarantineFilter>;

const ZQuarantineId = z.string().regex(/^[1-9]\d{0,17}$/, "No such quarantined record.");

export type QuarantinedRow = { id: string; receivedAt: Date; sourceId: number | null; sourceName: string | null; reason: string; rawBytes: number };

async function sourceNames(ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.ingestSource.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function listQuarantined({ viewer, filter }: { viewer: Viewer; filter: QuarantineFilter }) {
  assertCan(viewer, "ingest.status");
  const where = filter.source ? { sourceId: filter.source } : {};
  const [records, total] = await Promise.all([
    db.quarantinedRecord.findMany({
      where,
      select: { id: true, receivedAt: true, sourceId: true, reason: true, rawBytes: true },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * QUARANTINE_PAGE_SIZE,
      take: QUARANTINE_PAGE_SIZE,
    }),
    db.quarantinedRecord.count({ where }),
  ]);
  const names = await sourceNames(records.map((r) => r.sourceId));
  const rows: QuarantinedRow[] = records.map((r) => ({ ...r, id: r.id.toString(), sourceName: r.sourceId === null ? null : (names.get(r.sourceId) ?? null) }));
  return { rows, total, page: filter.page, pageSize: QUARANTINE_PAGE_SIZE };
}

/** The sources that have quarantined records, for the filter. */
export async function listQuarantineSources({ viewer }: { viewer: Viewer }): Promise<{ id: number; name: string; count: number }[]> {
  assertCan(viewer, "ingest.status");
  const groups = await db.quarantinedRecord.groupBy({ by: ["sourceId"], _count: { _all: true } });
  const names = await sourceNames(groups.map((g) => g.sourceId));
  return groups
    .filter((g) => g.sourceId !== null && names.has(g.sourceId))
    .map((g) => ({ id: g.sourceId!, name: names.get(g.sourceId!)!, count: g._count._all }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** One quarantined record with its raw text; NOT_FOUND for unknown or malformed ids. */
export async function getQuarantinedRecordOrThrow({ viewer, id }: { viewer: Viewer; id: unknown }) {
  assertCan(viewer, "ingest.status");
  let key: bigint;
  try {
    key = BigInt(parseInput(ZQuarantineId, id));
  } catch {
    throw notFound("quarantined record");
  }
  const record = await db.quarantinedRecord.findUnique({ where: { id: key } });
  if (!record) throw notFound("quarantined record");
  const names = await sourceNames([record.sourceId]);
  return {
    id: record.id.toString(),
    receivedAt: record.receivedAt,
    sourceId: record.sourceId,
    sourceName: record.sourceId === null ? null : (names.get(record.sourceId) ?? null),
    reason: record.reason,
    raw: record.raw,
    rawBytes: record.rawBytes,
    isCut: record.rawBytes > Buffer.byteLength(record.raw),
  };
}

import "server-only";
// The ingest status page: per source what arrived lately and what became of it (from the
// per-minute counters), quarantine counts, quiet-source warnings, and overall totals.
import { db } from "@/lib/db";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import type { IngestSourceKind } from "@/lib/generated/prisma/enums";
import { getIngestSettings } from "./settings";

const MINUTE = 60_000;
export const CHART_MINUTES = 60;

export type SourceTotals = { records: number; stored: number; duplicates: number; quarantined: number; errors: number };

export type SourceStatus = {
  id: number;
  name: string;
  kind: IngestSourceKind;
  revokedAt: Date | null;
  lastRequestAt: Date | null;
  lastRecordAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
  /** Records received per minute, oldest first, the last CHART_MINUTES minutes (zeros included). */
  perMinute: { minute: string; records: number }[];
  last24h: SourceTotals;
  quarantineCount: number;
  /** Minutes since the last record when the source counts as quiet, else null. */
  quietForMinutes: number | null;
};

export type IngestStatus = {
  now: Date;
  quietAfterMinutes: number;
  sources: SourceStatus[];
  overall: { auditEvents24h: number; flowEntries24h: number; records24h: number; quarantined: number; devices: number };
};

/**
 * Whether a source has gone quiet: it has sent records, still may (not revoked), and nothing
 * arrived for longer than the threshold. File imports are one-off, so they never go quiet.
 * Returns the minutes of silence, or null when the source is not quiet.
 */
export function quietMinutes(source: { kind: IngestSourceKind; revokedAt: Date | null; lastRecordAt: Date | null }, quietAfterMinutes: number, now: Date): number | null {
  if (source.kind === "IMPORT" || source.revokedAt || !source.lastRecordAt) return null;
  const silent = Math.floor((now.getTime() - source.lastRecordAt.getTime()) / MINUTE);
  return silent > quietAfterMinutes ? silent : null;
}

/** The last `count` whole minutes up to and including the one `now` is in, oldest first. */
export function minuteBuckets(now: Date, count = CHART_MINUTES): Date[] {
  const last = Math.floor(now.getTime() / MINUTE) * MINUTE;
  return Array.from({ length: count }, (_, i) => new Date(last - (count - 1 - i) * MINUTE));
}

type MinuteRow = { source_id: number; minute: Date; records: number };
type TotalRow = { source_id: number; records: number; stored: number; duplicates: number; quarantined: number; errors: number; audit_stored: number; flow_stored: number };

export async function getIngestStatus({ viewer, now = new Date() }: { viewer: Viewer; now?: Date }): Promise<IngestStatus> {
  assertCan(viewer, "ingest.status");
  const buckets = minuteBuckets(now);
  const dayAgo = new Date(now.getTime() - 24 * 60 * MINUTE);
  const [settings, sources, minutes, totals, quarantine, devices] = await Promise.all([
    getIngestSettings(),
    db.ingestSource.findMany({
      select: { id: true, name: true, kind: true, revokedAt: true, lastRequestAt: true, lastRecordAt: true, lastErrorAt: true, lastError: true },
      orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { name: "asc" }],
    }),
    db.$queryRaw<MinuteRow[]>`
      SELECT source_id, minute, records FROM ingest_minutes
      WHERE minute >= ${buckets[0]} AND minute <= ${now}`,
    // float8, not int: a day of a busy stream overflows 32 bits, and bigint would come back as BigInt.
    db.$queryRaw<TotalRow[]>`
      SELECT source_id, sum(records)::float8 AS records, sum(audit_stored + flow_stored)::float8 AS stored,
             sum(audit_stored)::float8 AS audit_stored, sum(flow_stored)::float8 AS flow_stored,
             sum(duplicates)::float8 AS duplicates, sum(quarantined)::float8 AS quarantined, sum(errors)::float8 AS errors
      FROM ingest_minutes WHERE minute > ${dayAgo} AND minute <= ${now} GROUP BY source_id`,
    db.quarantinedRecord.groupBy({ by: ["sourceId"], _count: { _all: true } }),
    db.device.count(),
  ]);

  const series = new Map<number, Map<number, number>>();
  for (const row of minutes) {
    const bySource = series.get(row.source_id) ?? new Map<number, number>();
    bySource.set(new Date(row.minute).getTime(), row.records);
    series.set(row.source_id, bySource);
  }
  const totalsBySource = new Map(totals.map((t) => [t.source_id, t]));
  const quarantineBySource = new Map(quarantine.map((q) => [q.sourceId, q._count._all]));

  return {
    now,
    quietAfterMinutes: settings.quietAfterMinutes,
    sources: sources.map((source) => {
      const t = totalsBySource.get(source.id);
      const points = series.get(source.id);
      return {
        ...source,
        perMinute: buckets.map((b) => ({ minute: b.toISOString(), records: points?.get(b.getTime()) ?? 0 })),
        last24h: { records: t?.records ?? 0, stored: t?.stored ?? 0, duplicates: t?.duplicates ?? 0, quarantined: t?.quarantined ?? 0, errors: t?.errors ?? 0 },
        quarantineCount: quarantineBySource.get(source.id) ?? 0,
        quietForMinutes: quietMinutes(source, settings.quietAfterMinutes, now),
      };
    }),
    overall: {
      auditEvents24h: totals.reduce((n, t) => n + t.audit_stored, 0),
      flowEntries24h: totals.reduce((n, t) => n + t.flow_stored, 0),
      records24h: totals.reduce((n, t) => n + t.records, 0),
      quarantined: quarantine.reduce((n, q) => n + q._count._all, 0),
      devices,
    },
  };
}

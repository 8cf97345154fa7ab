import "server-only";
// Gaps and restarts, read from the verification's results and the ingest counters:
// - a device's silent spans: buckets in which its peers logged traffic with it (one-sided, it
//   the silent side) while it reported no entry of its own; buckets without traffic between two
//   such buckets join them as long as the device reported nothing in between;
// - a source's quiet spans: minutes with no records at all between two minutes with records;
// - possible restarts or moves: a span in which a device reported nothing for at least the
//   threshold, after which its peers reach it at a different physical endpoint (physicalTraffic:
//   a peer's entry has the device's tailnet address as src and its endpoint as dst).
import { db } from "@/lib/db";
import { restartSql } from "./restart-sql";

export type SilentSpan = { nodeId: string; from: Date; to: Date; minutes: number; silentConnections: number };
export type QuietSpan = { sourceId: number; sourceName: string; from: Date; to: Date; minutes: number };
export type RestartSpan = { nodeId: string; from: Date; to: Date; minutes: number; endpointBefore: string; endpointAfter: string };

/** Silent spans that end in [from, to) and last at least `minMinutes`. */
export async function silentSpans({ from, to, minMinutes = 0, nodeId }: { from: Date; to: Date; minMinutes?: number; nodeId?: string }): Promise<SilentSpan[]> {
  const rows = await db.$queryRaw<{ node_id: string; span_from: Date; span_to: Date; silent: number }[]>`
    WITH r AS (
      SELECT d.node_id, d.bucket, d.silent, d.entries, b.minutes,
             sum((d.entries > 0)::int) OVER (PARTITION BY d.node_id ORDER BY d.bucket) AS grp
        FROM integrity_device_buckets d JOIN integrity_buckets b ON b.bucket = d.bucket
       WHERE d.bucket >= ${from}::timestamptz - interval '1 day' AND d.bucket < ${to}
         AND (${nodeId ?? null}::text IS NULL OR d.node_id = ${nodeId ?? null})
    )
    SELECT node_id, min(bucket) AS span_from, max(bucket + make_interval(mins => minutes)) AS span_to, sum(silent)::int AS silent
      FROM r WHERE silent > 0 AND entries = 0
     GROUP BY node_id, grp
    HAVING max(bucket + make_interval(mins => minutes)) >= ${from} AND max(bucket + make_interval(mins => minutes)) <= ${to}
       AND max(bucket + make_interval(mins => minutes)) - min(bucket) >= make_interval(mins => ${minMinutes}::int)
     ORDER BY span_from`;
  return rows.map((r) => ({ nodeId: r.node_id, from: r.span_from, to: r.span_to, minutes: Math.round((r.span_to.getTime() - r.span_from.getTime()) / 60_000), silentConnections: r.silent }));
}

/** Spans with no records from a source, between two minutes with records, ending in [from, to). */
export async function quietSpans({ from, to, minMinutes = 1 }: { from: Date; to: Date; minMinutes?: number }): Promise<QuietSpan[]> {
  const rows = await db.$queryRaw<{ source_id: number; name: string; span_from: Date; span_to: Date }[]>`
    WITH m AS (
      SELECT source_id, minute, lag(minute) OVER (PARTITION BY source_id ORDER BY minute) AS prev
        FROM ingest_minutes WHERE records > 0 AND minute >= ${from}::timestamptz - interval '7 days' AND minute < ${to}
    )
    SELECT m.source_id, s.name, m.prev + interval '1 minute' AS span_from, m.minute AS span_to
      FROM m JOIN ingest_sources s ON s.id = m.source_id
     WHERE m.prev IS NOT NULL AND m.minute >= ${from} AND m.minute - m.prev > make_interval(mins => ${minMinutes}::int)
     ORDER BY span_from`;
  return rows.map((r) => ({ sourceId: r.source_id, sourceName: r.name, from: r.span_from, to: r.span_to, minutes: Math.round((r.span_to.getTime() - r.span_from.getTime()) / 60_000) }));
}

/**
 * Devices that reported nothing for at least `minMinutes` and came back (their first bucket
 * with entries is in [from, to)) reached at a physical endpoint other than the one before.
 */
export async function restartSpans({ from, to, minMinutes }: { from: Date; to: Date; minMinutes: number }): Promise<RestartSpan[]> {
  const rows = await db.$queryRawUnsafe<{ node_id: string; span_from: Date; span_to: Date; minutes: number; endpoint_before: string | null; endpoint_after: string | null }[]>(
    restartSql({ from: "$1::timestamptz", to: "$2::timestamptz", minMinutes: "$3::int" }),
    from,
    to,
    minMinutes,
  );
  return rows
    .filter((r) => r.endpoint_before && r.endpoint_after && r.endpoint_before !== r.endpoint_after)
    .map((r) => ({ nodeId: r.node_id, from: r.span_from, to: r.span_to, minutes: r.minutes, endpointBefore: r.endpoint_before!, endpointAfter: r.endpoint_after! }));
}

import "server-only";
// What the integrity REST API answers: per device over a window (countersign rate, counts per
// outcome, last record), and the connections whose two sides did not agree since a time.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
// Filters arrive parsed (lib/logs/parse-query.ts with the schemas of api-filters.ts).
import { deviceWindow, encodePairCursor, PAIR_PAGE_SIZE, type IntegrityDeviceFilter, type IntegrityPairFilter } from "./api-filters";

export type IntegrityDeviceView = {
  nodeId: string;
  name: string | null;
  lastRecordAt: string | null;
  /** Buckets in which the device had traffic. */
  buckets: number;
  countersigned: number;
  mismatched: number;
  /** One-sided connections where this device had no record (its peer logged). */
  silent: number;
  /** One-sided connections where the peer had no record. */
  peerSilent: number;
  singleSided: number;
  /** countersigned / (countersigned + mismatched + silent + peerSilent); null without two-sided traffic. */
  countersignRate: number | null;
};

export async function integrityDevices({ viewer, filter, now = new Date() }: { viewer: Viewer; filter: IntegrityDeviceFilter; now?: Date }) {
  assertCan(viewer, "logs.read");
  const f = filter;
  const window = deviceWindow(f, now);
  if ("error" in window) throw new AppError("INVALID_INPUT", window.error, { fieldErrors: { from: [window.error] } });
  const rows = await db.$queryRaw<{ node_id: string; name: string | null; last_record_at: Date | null; buckets: number; cs: number; mm: number; sil: number; psil: number; single: number }[]>`
    SELECT d.node_id, dev.name, dev.last_record_at, count(*)::int AS buckets,
           sum(d.countersigned)::int AS cs, sum(d.mismatched)::int AS mm, sum(d.silent)::int AS sil,
           sum(d.peer_silent)::int AS psil, sum(d.single_sided)::int AS single
      FROM integrity_device_buckets d LEFT JOIN devices dev ON dev.node_id = d.node_id
     WHERE d.bucket >= ${window.from} AND d.bucket < ${window.until}
       AND (${f.node ?? null}::text IS NULL OR d.node_id = ${f.node ?? null})
     GROUP BY d.node_id, dev.name, dev.last_record_at
     ORDER BY d.node_id`;
  const devices: IntegrityDeviceView[] = rows.map((r) => {
    const twoSided = r.cs + r.mm + r.sil + r.psil;
    return {
      nodeId: r.node_id,
      name: r.name,
      lastRecordAt: r.last_record_at?.toISOString() ?? null,
      buckets: r.buckets,
      countersigned: r.cs,
      mismatched: r.mm,
      silent: r.sil,
      peerSilent: r.psil,
      singleSided: r.single,
      countersignRate: twoSided ? r.cs / twoSided : null,
    };
  });
  const checked = await db.integrityBucket.aggregate({ where: { bucket: { gte: window.from, lt: window.until } }, _count: true, _max: { bucket: true } });
  return {
    window: { from: window.from.toISOString(), to: window.until.toISOString() },
    checkedBuckets: checked._count,
    lastCheckedBucket: checked._max.bucket?.toISOString() ?? null,
    devices,
  };
}

export async function integrityPairs({ viewer, filter }: { viewer: Viewer; filter: IntegrityPairFilter }) {
  assertCan(viewer, "logs.read");
  const f = filter;
  const limit = f.limit ?? PAIR_PAGE_SIZE;
  const since = f.since.at;
  const after = f.cursor ? new Date(f.cursor.bucketMs) : null;
  const afterId = f.cursor?.id ?? null;
  const rows = await db.$queryRaw<
    { id: bigint; bucket: Date; outcome: string; proto: number; low_ip: string; low_port: number; high_ip: string; high_port: number; low_node_id: string | null; high_node_id: string | null; silent_node_id: string | null; low_tx_pkts: number; high_rx_pkts: number; high_tx_pkts: number; low_rx_pkts: number; low_tx_bytes: number; high_rx_bytes: number; high_tx_bytes: number; low_rx_bytes: number }[]
  >`
    SELECT id, bucket, outcome::text, proto, host(low_ip) AS low_ip, low_port, host(high_ip) AS high_ip, high_port, low_node_id, high_node_id, silent_node_id,
           low_tx_pkts, high_rx_pkts, high_tx_pkts, low_rx_pkts, low_tx_bytes, high_rx_bytes, high_tx_bytes, low_rx_bytes
      FROM integrity_pair_results
     WHERE bucket >= ${since}
       AND (${after}::timestamptz IS NULL OR (bucket, id) > (${after}::timestamptz, ${afterId}::bigint))
       AND (${f.outcome ?? null}::text IS NULL OR outcome::text = ${f.outcome ?? null})
       AND (${f.node ?? null}::text IS NULL OR low_node_id = ${f.node ?? null} OR high_node_id = ${f.node ?? null})
     ORDER BY bucket, id
     LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    results: page.map((r) => ({
      bucket: r.bucket.toISOString(),
      outcome: r.outcome,
      proto: r.proto,
      low: { address: r.low_ip, port: r.low_port, nodeId: r.low_node_id, txPkts: round(r.low_tx_pkts), rxPkts: round(r.low_rx_pkts), txBytes: round(r.low_tx_bytes), rxBytes: round(r.low_rx_bytes) },
      high: { address: r.high_ip, port: r.high_port, nodeId: r.high_node_id, txPkts: round(r.high_tx_pkts), rxPkts: round(r.high_rx_pkts), txBytes: round(r.high_tx_bytes), rxBytes: round(r.high_rx_bytes) },
      silentNodeId: r.silent_node_id,
    })),
    nextCursor: rows.length > limit && last ? encodePairCursor({ bucketMs: last.bucket.getTime(), id: last.id }) : null,
  };
}

import "server-only";
// Double-entry verification of a range of buckets, in PostgreSQL: every flow entry in the range
// (and one bucket either side, for the neighbouring-bucket allowance) is read once and grouped per
// reporting node and start bucket; the virtual ones are split over the buckets their windows
// overlap in proportion to the overlap, summed per connection and bucket and side, judged with
// decide.ts's rules, and the results replace whatever an earlier check of these buckets stored. Runs inside the caller's transaction; checked_at is the
// transaction's start, compared with the records' received_at to find late arrivals.
import type pg from "pg";
import { sqlSidesAgree, type Tolerance } from "./decide";
import type { IntegritySettings } from "./settings";

export type VerifySummary = { buckets: number; entries: number; connections: number; countersigned: number; mismatched: number; oneSided: number; singleSided: number };

const COLS = ["lo_tx_p", "hi_rx_p", "hi_tx_p", "lo_rx_p", "lo_tx_b", "hi_rx_b", "hi_tx_b", "lo_rx_b"] as const;

/** Checks the buckets in [from, to) (aligned to the bucket size) and stores their results. */
export async function verifyRange(client: Pick<pg.PoolClient, "query">, range: { from: Date; to: Date; settings: IntegritySettings }): Promise<VerifySummary> {
  const { from, to, settings } = range;
  const b = settings.bucketMinutes * 60;
  if (from.getTime() % (b * 1000) !== 0 || to.getTime() % (b * 1000) !== 0 || to <= from) throw new Error("verifyRange: the range must be whole buckets");
  const tol: Tolerance = { packets: settings.tolerancePackets, ratio: settings.toleranceRatio };
  const interval = `interval '${b} seconds'`;

  await client.query("DROP TABLE IF EXISTS integrity_own; DROP TABLE IF EXISTS integrity_conn; DROP TABLE IF EXISTS integrity_decided");
  // Sorting and hashing an hour of connections in memory rather than on disk (this transaction only).
  // No JIT: compiling these expression-heavy statements costs more than it saves on an hour's chunk.
  await client.query("SET LOCAL work_mem = '64MB'; SET LOCAL jit = off");
  // 1. Both sides per connection and bucket: each entry is grouped under the bucket its window
  // starts in, with the share of its counts that falls in that bucket (by overlap) and the rest,
  // which spills into the next one and is added there. A window longer than a bucket spills all
  // its remainder into the next bucket.
  // lo_n/hi_n count a side's entries whose window starts in the bucket: a side with none is silent.
  // Two levels: first per reporting node, its own addresses and ports as stored, and start bucket
  // (plain columns, the overlap share computed once per counter); then the far fewer groups are
  // put in canonical (low, high) order and both sides summed side by side.
  const COUNTERS = ["tx_pkts", "rx_pkts", "tx_bytes", "rx_bytes"] as const;
  const side = (name: string, col: string, low: boolean, part: "own" | "next") =>
    `coalesce(sum(${part === "own" ? `${col}_own` : `${col}_all - ${col}_own`}) FILTER (WHERE ${low ? "" : "NOT "}from_low), 0) AS ${part === "own" ? "" : "n_"}${name}`;
  const SIDES = [
    ["lo_tx_p", "tx_pkts", true], ["lo_rx_p", "rx_pkts", true], ["hi_tx_p", "tx_pkts", false], ["hi_rx_p", "rx_pkts", false],
    ["lo_tx_b", "tx_bytes", true], ["lo_rx_b", "rx_bytes", true], ["hi_tx_b", "tx_bytes", false], ["hi_rx_b", "rx_bytes", false],
  ] as const;
  // Every entry of the range is read once, here: grouped per reporting node, kind, connection as
  // stored and start bucket (an address without a port, as ICMP is logged, is port 0). The connection sums below read its virtual rows, the per-device
  // entry counts (own and single-sided entries) its rows of the checked buckets.
  await client.query(
    `CREATE TEMP TABLE integrity_own ON COMMIT DROP AS
       SELECT f.node_id, f.kind, coalesce(f.proto, 0) AS proto, f.src_ip, coalesce(f.src_port, 0) AS src_port, f.dst_ip, coalesce(f.dst_port, 0) AS dst_port, x.sb, count(*)::int AS n,
              ${COUNTERS.map((c) => `sum(f.${c}::float8 * x.w) AS ${c}_own, sum(f.${c}::float8) AS ${c}_all`).join(", ")}
         FROM flow_records f
        CROSS JOIN LATERAL (
          SELECT floor(date_part('epoch', f.window_start) / ${b}) * ${b} AS sb,
                 CASE WHEN f.window_end <= f.window_start THEN 1::float8
                      ELSE least(1::float8, ((floor(date_part('epoch', f.window_start) / ${b}) + 1) * ${b} - date_part('epoch', f.window_start))
                                 / date_part('epoch', f.window_end - f.window_start)) END AS w
        ) x
        WHERE f.kind <> 'PHYSICAL' AND f.window_start >= $1::timestamptz - ${interval} - interval '60 seconds'
          AND f.window_start < $2::timestamptz + ${interval}
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
    [from, to],
  );
  await client.query(
    `CREATE TEMP TABLE integrity_conn ON COMMIT DROP AS
     WITH r AS (
       SELECT * FROM integrity_own
        WHERE kind = 'VIRTUAL' AND src_ip IS NOT NULL AND dst_ip IS NOT NULL AND src_ip <> dst_ip
     ), e AS (
       SELECT r.*, (src_ip, src_port) < (dst_ip, dst_port) AS from_low FROM r
     ), g AS (
       SELECT sb, proto,
              CASE WHEN from_low THEN src_ip ELSE dst_ip END AS lo_ip, CASE WHEN from_low THEN src_port ELSE dst_port END AS lo_port,
              CASE WHEN from_low THEN dst_ip ELSE src_ip END AS hi_ip, CASE WHEN from_low THEN dst_port ELSE src_port END AS hi_port,
              max(node_id) FILTER (WHERE from_low) AS lo_node, max(node_id) FILTER (WHERE NOT from_low) AS hi_node,
              coalesce(sum(n) FILTER (WHERE from_low), 0)::int AS lo_n, coalesce(sum(n) FILTER (WHERE NOT from_low), 0)::int AS hi_n,
              ${SIDES.map(([name, col, low]) => `${side(name, col, low, "own")}, ${side(name, col, low, "next")}`).join(",\n              ")}
         FROM e GROUP BY 1, 2, 3, 4, 5, 6
     ), parts AS (
       SELECT sb AS bk, proto, lo_ip, lo_port, hi_ip, hi_port, lo_node, hi_node, lo_n, hi_n, ${COLS.join(", ")} FROM g
       UNION ALL
       SELECT sb + ${b}, proto, lo_ip, lo_port, hi_ip, hi_port, lo_node, hi_node, 0, 0, ${COLS.map((c) => `n_${c}`).join(", ")} FROM g
        WHERE ${COLS.map((c) => `n_${c} > 0.0001`).join(" OR ")}
     )
     SELECT to_timestamp(bk) AS bucket, proto, lo_ip, lo_port, hi_ip, hi_port,
            max(lo_node) AS lo_node, max(hi_node) AS hi_node, sum(lo_n)::int AS lo_n, sum(hi_n)::int AS hi_n,
            ${COLS.map((c) => `sum(${c})::float8 AS ${c}`).join(", ")}
       FROM parts
      WHERE bk >= date_part('epoch', $1::timestamptz) - ${b} AND bk < date_part('epoch', $2::timestamptz) + ${b}
      GROUP BY 1, 2, 3, 4, 5, 6`,
    [from, to],
  );
  // 2. The decision, with the previous and next bucket of the same connection merged in.
  const win = (frame: string) => `(PARTITION BY proto, lo_ip, lo_port, hi_ip, hi_port ORDER BY bucket RANGE BETWEEN ${frame})`;
  const sums = (alias: string, frame: string) => COLS.map((c) => `sum(${c}) OVER ${win(frame)} AS ${alias}${c}`).join(", ");
  await client.query(
    `CREATE TEMP TABLE integrity_decided ON COMMIT DROP AS
     WITH addr AS (
       SELECT DISTINCT ON (a) a AS address, node_id FROM devices, unnest(addresses) a ORDER BY a, last_seen_at DESC
     ), n AS (
       SELECT c.*, ${sums("p_", `${interval} PRECEDING AND CURRENT ROW`)}, ${sums("n_", `CURRENT ROW AND ${interval} FOLLOWING`)}
         FROM integrity_conn c
     )
     SELECT n.bucket, n.proto, n.lo_ip, n.lo_port, n.hi_ip, n.hi_port, n.lo_n, n.hi_n,
            coalesce(n.lo_node, la.node_id) AS lo_node, coalesce(n.hi_node, ha.node_id) AS hi_node,
            ${COLS.map((c) => `n.${c}`).join(", ")},
            CASE WHEN (${sqlSidesAgree((c) => `n.${c}`, tol)}) OR (${sqlSidesAgree((c) => `n.p_${c}`, tol)}) OR (${sqlSidesAgree((c) => `n.n_${c}`, tol)})
                 THEN 'COUNTERSIGNED'
                 WHEN (CASE WHEN n.lo_tx_p + n.lo_rx_p <= n.hi_tx_p + n.hi_rx_p THEN n.lo_n ELSE n.hi_n END) = 0 THEN 'ONE_SIDED'
                 ELSE 'MISMATCHED' END AS outcome,
            n.lo_tx_p + n.lo_rx_p <= n.hi_tx_p + n.hi_rx_p AS low_quieter
       FROM n
       LEFT JOIN addr la ON n.lo_node IS NULL AND la.address = host(n.lo_ip)
       LEFT JOIN addr ha ON n.hi_node IS NULL AND ha.address = host(n.hi_ip)
      WHERE n.bucket >= $1 AND n.bucket < $2`,
    [from, to],
  );
  // 3. Replace the stored results of these buckets.
  await client.query(`DELETE FROM integrity_pair_results WHERE bucket >= $1 AND bucket < $2`, [from, to]);
  await client.query(`DELETE FROM integrity_device_buckets WHERE bucket >= $1 AND bucket < $2`, [from, to]);
  await client.query(
    `INSERT INTO integrity_pair_results (bucket, outcome, proto, low_ip, low_port, high_ip, high_port, low_node_id, high_node_id, silent_node_id,
            low_tx_pkts, high_rx_pkts, high_tx_pkts, low_rx_pkts, low_tx_bytes, high_rx_bytes, high_tx_bytes, low_rx_bytes)
     SELECT bucket, outcome::"IntegrityOutcome", proto, lo_ip, lo_port, hi_ip, hi_port, lo_node, hi_node,
            CASE WHEN outcome = 'ONE_SIDED' THEN CASE WHEN low_quieter THEN lo_node ELSE hi_node END END,
            lo_tx_p, hi_rx_p, hi_tx_p, lo_rx_p, lo_tx_b, hi_rx_b, hi_tx_b, lo_rx_b
       FROM integrity_decided WHERE outcome <> 'COUNTERSIGNED'`,
  );
  await client.query(
    `INSERT INTO integrity_device_buckets (node_id, bucket, countersigned, mismatched, silent, peer_silent, single_sided, entries)
     SELECT node_id, bucket, sum(cs)::int, sum(mm)::int, sum(sil)::int, sum(psil)::int, sum(single)::int, sum(own)::int
       FROM (
         SELECT d.node_id, d.bucket,
                (d.outcome = 'COUNTERSIGNED')::int AS cs, (d.outcome = 'MISMATCHED')::int AS mm,
                (d.outcome = 'ONE_SIDED' AND d.n = 0)::int AS sil, (d.outcome = 'ONE_SIDED' AND d.n > 0)::int AS psil,
                0 AS single, 0 AS own
           FROM (SELECT lo_node AS node_id, bucket, outcome, CASE WHEN low_quieter THEN 0 ELSE 1 END AS n FROM integrity_decided
                 UNION ALL SELECT hi_node, bucket, outcome, CASE WHEN low_quieter THEN 1 ELSE 0 END FROM integrity_decided) d
          WHERE d.node_id IS NOT NULL
         UNION ALL
         SELECT node_id, to_timestamp(sb), 0, 0, 0, 0, coalesce(sum(n) FILTER (WHERE kind IN ('SUBNET', 'EXIT')), 0), sum(n)
           FROM integrity_own
          WHERE sb >= date_part('epoch', $1::timestamptz) AND sb < date_part('epoch', $2::timestamptz)
          GROUP BY 1, 2
       ) x
      GROUP BY node_id, bucket`,
    [from, to],
  );
  // 4. One row per bucket: totals, and how often it has been checked.
  const { rows } = await client.query<{ buckets: number; entries: number; connections: number; countersigned: number; mismatched: number; one_sided: number; single_sided: number }>(
    `WITH s AS (
       SELECT bucket, count(*)::int AS connections, (sum(lo_n) + sum(hi_n))::int AS entries,
              count(*) FILTER (WHERE outcome = 'COUNTERSIGNED')::int AS cs, count(*) FILTER (WHERE outcome = 'MISMATCHED')::int AS mm,
              count(*) FILTER (WHERE outcome = 'ONE_SIDED')::int AS os
         FROM integrity_decided GROUP BY bucket
     ), single AS (
       SELECT bucket, sum(single_sided)::int AS single FROM integrity_device_buckets WHERE bucket >= $1 AND bucket < $2 GROUP BY bucket
     ), up AS (
       INSERT INTO integrity_buckets AS ib (bucket, minutes, first_check_at, checked_at, checks, entries, connections, countersigned, mismatched, one_sided, single_sided)
       SELECT g, ${settings.bucketMinutes}, now(), now(), 1, coalesce(s.entries, 0), coalesce(s.connections, 0), coalesce(s.cs, 0), coalesce(s.mm, 0), coalesce(s.os, 0), coalesce(single.single, 0)
         FROM generate_series($1::timestamptz, $2::timestamptz - ${interval}, ${interval}) g
         LEFT JOIN s ON s.bucket = g LEFT JOIN single ON single.bucket = g
       ON CONFLICT (bucket) DO UPDATE SET checked_at = EXCLUDED.checked_at, checks = ib.checks + 1, minutes = EXCLUDED.minutes,
         entries = EXCLUDED.entries, connections = EXCLUDED.connections, countersigned = EXCLUDED.countersigned,
         mismatched = EXCLUDED.mismatched, one_sided = EXCLUDED.one_sided, single_sided = EXCLUDED.single_sided
       RETURNING entries, connections, countersigned, mismatched, one_sided, single_sided
     )
     SELECT count(*)::int AS buckets, coalesce(sum(entries), 0)::int AS entries, coalesce(sum(connections), 0)::int AS connections,
            coalesce(sum(countersigned), 0)::int AS countersigned, coalesce(sum(mismatched), 0)::int AS mismatched,
            coalesce(sum(one_sided), 0)::int AS one_sided, coalesce(sum(single_sided), 0)::int AS single_sided FROM up`,
    [from, to],
  );
  await client.query("DROP TABLE IF EXISTS integrity_own; DROP TABLE IF EXISTS integrity_conn; DROP TABLE IF EXISTS integrity_decided");
  const r = rows[0]!;
  return { buckets: r.buckets, entries: r.entries, connections: r.connections, countersigned: r.countersigned, mismatched: r.mismatched, oneSided: r.one_sided, singleSided: r.single_sided };
}

// `npm run bench:integrity`: the double-entry verification over a day of flow records.
//   Generates 24 hours for 500 devices (each the client of 2–6 peers on one service port; a pair
//   talks in 10-minute sessions, one slot in six, at its own rates; both ends log it in their own
//   unaligned 5-second windows; a few exit and subnet entries), 10M+ entries, on a scratch
//   embedded PostgreSQL (or BENCH_DATABASE_URL, which must be disposable). Then tampers with a
//   few devices (drops their records for a span, or alters their counts), runs the verification
//   over the day in the job's chunks, and prints the run time, entries per second, and the
//   precision and recall of the stopped-countersigning rule's judgement against the tampering.
//
//   tsx --conditions=react-server scripts/bench/integrity.ts [--small] [--explain]   (--small: 100 devices, ~2M entries)
import { scratchDatabase } from "./scratch-database";

const SMALL = process.argv.slice(2).includes("--small");
/** --explain: print the plan of the first chunk's aggregation. */
const EXPLAIN = process.argv.slice(2).includes("--explain");
let explained = false;
const DEVICES = SMALL ? 100 : 500;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const node = (d: number) => `nBench${d}CNTRL`;

type Tamper = { device: number; how: string; sql: string };

async function main() {
  const database = await scratchDatabase();
  try {
    const { ingestPool, withIngestTx } = await import("@/lib/ingest/pg-pool");
    const { ensurePartitions, dayOf } = await import("@/lib/ingest/partitions");
    const { findOrCreateSource } = await import("@/lib/ingest/sources");
    const { verifyRange } = await import("@/lib/integrity/verify");
    const { INTEGRITY_DEFAULTS } = await import("@/lib/integrity/settings");
    const { deviceTrustSql, untrusted } = await import("@/lib/detections/rules/countersign-integrity/stopped-countersigning");
    const pool = ingestPool();

    const start = Math.floor((Date.now() - 2 * DAY_MS) / DAY_MS) * DAY_MS; // a whole UTC day, two days back
    const end = start + DAY_MS;
    const days = new Set<string>();
    for (let t = start - HOUR_MS; t <= end + HOUR_MS; t += HOUR_MS) days.add(dayOf(new Date(t)));
    await ensurePartitions("flow_records", days);
    const source = await findOrCreateSource("integrity-bench", "IMPORT");

    console.log(`\nDouble-entry verification: ${DEVICES} devices, 24 hours${SMALL ? " (--small)" : ""}\n`);
    let t0 = performance.now();
    const ipSql = (n: string) => `('100.64.' || ((${n} + 1) >> 8) || '.' || ((${n} + 1) & 255))::inet`;
    await pool.query(
      `INSERT INTO devices (node_id, name, addresses, first_seen_at, last_seen_at, last_record_at)
       SELECT 'nBench' || d || 'CNTRL', 'host-' || d || '.example.ts.net', ARRAY[host(${ipSql("d")})], $2, $3, $3 FROM generate_series(0, $1::int - 1) d`,
      [DEVICES, new Date(start), new Date(end)],
    );
    // Pairs: device d is the client of 2–6 peers. Sessions: 10-minute slots, a pair talks in one
    // slot of six, starting at its own second within the slot; rates differ per pair and direction.
    await pool.query(`CREATE TEMP TABLE bench_sessions AS
      WITH pairs AS (
        SELECT row_number() OVER () AS id, d AS client, p AS server,
               (ARRAY[443, 22, 5432, 8080, 53, 3306, 9100, 6443])[1 + (d + k) % 8] AS port, 32768 + (d * 97 + k * 13) % 28000 AS cport
          FROM generate_series(0, ${DEVICES - 1}) d
         CROSS JOIN LATERAL generate_series(1, 2 + d % 5) k
         CROSS JOIN LATERAL (SELECT (d * 7 + k * 31 + 1) % ${DEVICES} AS p) peer
         WHERE p <> d
      )
      SELECT row_number() OVER () AS sid, p.*, 2 + (p.id * 7) % 40 AS up, 3 + (p.id * 11) % 60 AS down,
             ${start / 1000}::float8 + slot * 600 + (p.id * 37) % 300 AS s0
        FROM pairs p CROSS JOIN generate_series(0, 143) slot
       WHERE (slot + p.id) % 6 = 0`);
    // Each side's windows: node n's windows start at its own phase (n * 0.797 s mod 5). Stored in
    // time order, as records arrive (streaming delivers each window within seconds).
    const phase = (n: string) => `((${n} * 797) % 5000) / 1000.0`;
    await pool.query(
      `INSERT INTO flow_records (window_start, entry_hash, window_end, node_id, kind, proto, src_ip, src_port, dst_ip, dst_port, tx_pkts, tx_bytes, rx_pkts, rx_bytes, source_id)
       SELECT to_timestamp(w.ws), (s.sid * 2 + sd.side) * 1000 + w.i, to_timestamp(w.ws + 5), 'nBench' || me || 'CNTRL', 'VIRTUAL'::"FlowKind",
              CASE WHEN s.port = 53 THEN 17 ELSE 6 END,
              ${ipSql("me")}, CASE WHEN sd.side = 0 THEN s.cport ELSE s.port END,
              ${ipSql("peer")}, CASE WHEN sd.side = 0 THEN s.port ELSE s.cport END,
              tx, tx * CASE WHEN sd.side = 0 THEN 600 ELSE 1200 END, rx, rx * CASE WHEN sd.side = 0 THEN 1200 ELSE 600 END, $1
         FROM bench_sessions s
        CROSS JOIN (VALUES (0), (1)) sd(side)
        CROSS JOIN LATERAL (SELECT CASE WHEN sd.side = 0 THEN s.client ELSE s.server END AS me, CASE WHEN sd.side = 0 THEN s.server ELSE s.client END AS peer) m
        CROSS JOIN LATERAL (SELECT floor((s.s0 - ${phase("m.me")}) / 5) * 5 + ${phase("m.me")} AS first) f
        CROSS JOIN LATERAL (SELECT i, f.first + i * 5 AS ws FROM generate_series(0, 121) i) w
        CROSS JOIN LATERAL (SELECT greatest(0, least(w.ws + 5, s.s0 + 600) - greatest(w.ws, s.s0)) AS overlap) o
        CROSS JOIN LATERAL (SELECT round(CASE WHEN sd.side = 0 THEN s.up ELSE s.down END * o.overlap)::bigint AS tx,
                                   round(CASE WHEN sd.side = 0 THEN s.down ELSE s.up END * o.overlap)::bigint AS rx) c
        WHERE o.overlap > 0
        ORDER BY w.ws`,
      [source.id],
    );
    // One device in 25 is an exit node or subnet router for its own traffic: single-sided by nature.
    await pool.query(
      `INSERT INTO flow_records (window_start, entry_hash, window_end, node_id, kind, proto, src_ip, src_port, dst_ip, dst_port, tx_pkts, tx_bytes, rx_pkts, rx_bytes, source_id)
       SELECT to_timestamp(ws), 900000000000 + d * 100000 + i * 2 + k, to_timestamp(ws + 5), 'nBench' || d || 'CNTRL', (CASE WHEN k = 0 THEN 'EXIT' ELSE 'SUBNET' END)::"FlowKind",
              CASE WHEN k = 0 THEN NULL ELSE 6 END, ${ipSql("d")}, CASE WHEN k = 0 THEN 0 ELSE 40000 + i % 1000 END,
              CASE WHEN k = 0 THEN NULL ELSE '10.0.0.5'::inet END, CASE WHEN k = 0 THEN NULL ELSE 5432 END, 30, 4000, 40, 50000, $1
         FROM generate_series(0, ${DEVICES - 1}, 25) d CROSS JOIN generate_series(0, 17279, 4) i
        CROSS JOIN LATERAL (SELECT ${start / 1000}::float8 + i * 5 + ${phase("d")} AS ws) w CROSS JOIN (VALUES (0), (1)) kk(k)`,
      [source.id],
    );
    const { rows: counted } = await pool.query<{ kind: string; n: string }>(
      `SELECT kind::text, count(*)::bigint AS n FROM flow_records WHERE window_start >= $1 AND window_start < $2 GROUP BY kind ORDER BY kind`,
      [new Date(start - 60_000), new Date(end + 60_000)],
    );
    const total = counted.reduce((t, r) => t + Number(r.n), 0);
    const virtual = Number(counted.find((r) => r.kind === "VIRTUAL")?.n ?? 0);
    console.log(`generated ${fmt(total)} flow entries (${counted.map((r) => `${r.kind.toLowerCase()} ${fmt(Number(r.n))}`).join(", ")}) in ${secs(performance.now() - t0)}`);

    // Tampering: records dropped for a span, counts altered for a span, one peer's traffic hidden.
    const at = (h: number) => `'${new Date(start + h * HOUR_MS).toISOString()}'::timestamptz`;
    const pick = (i: number) => Math.floor((DEVICES * (2 * i + 1)) / 14);
    const tampers: Tamper[] = [
      { device: pick(0), how: "drops all its records 10:00–11:00", sql: `DELETE FROM flow_records WHERE node_id = $1 AND window_start >= ${at(10)} AND window_start < ${at(11)}` },
      { device: pick(1), how: "drops all its records 14:00–16:30", sql: `DELETE FROM flow_records WHERE node_id = $1 AND window_start >= ${at(14)} AND window_start < ${at(16.5)}` },
      { device: pick(2), how: "reports half of what it sent 05:00–08:00", sql: `UPDATE flow_records SET tx_pkts = tx_pkts / 2, tx_bytes = tx_bytes / 2 WHERE node_id = $1 AND kind = 'VIRTUAL' AND window_start >= ${at(5)} AND window_start < ${at(8)}` },
      { device: pick(3), how: "inflates what it received by 40 % 20:00–22:00", sql: `UPDATE flow_records SET rx_pkts = rx_pkts * 14 / 10, rx_bytes = rx_bytes * 14 / 10 WHERE node_id = $1 AND kind = 'VIRTUAL' AND window_start >= ${at(20)} AND window_start < ${at(22)}` },
      { device: pick(4), how: "hides its SSH/database traffic all day (ports 22, 5432)", sql: `DELETE FROM flow_records WHERE node_id = $1 AND kind = 'VIRTUAL' AND (src_port IN (22, 5432) OR dst_port IN (22, 5432)) AND window_start >= ${at(0)} AND window_start < ${at(24)}` },
      { device: pick(5), how: "drops every other record 01:00–03:00", sql: `DELETE FROM flow_records WHERE node_id = $1 AND entry_hash % 2 = 0 AND window_start >= ${at(1)} AND window_start < ${at(3)}` },
      { device: pick(6), how: "zeroes its byte counts 12:00–13:00", sql: `UPDATE flow_records SET tx_bytes = 0, rx_bytes = 0 WHERE node_id = $1 AND kind = 'VIRTUAL' AND window_start >= ${at(12)} AND window_start < ${at(13)}` },
    ];
    for (const tamper of tampers) {
      const { rowCount } = await pool.query(tamper.sql, [node(tamper.device)]);
      console.log(`tampered: ${node(tamper.device).padEnd(16)} ${tamper.how} (${fmt(rowCount ?? 0)} entries)`);
    }
    await pool.query("ANALYZE flow_records");

    // The verification over the day, in the job's chunks of 60 buckets, one transaction each.
    // Time spent per statement of the verification, by its first words.
    const steps = new Map<string, number>();
    const timed = (c: import("pg").PoolClient) => ({
      query: (async (text: string, values?: unknown[]) => {
        const began = performance.now();
        try {
          if (EXPLAIN && !explained && text.includes("CREATE TEMP TABLE integrity_conn")) {
            explained = true;
            const plan = await c.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
            console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
            return plan;
          }
          return await c.query(text, values);
        } finally {
          const key = text.replace(/\s+/g, " ").trim().slice(0, 48);
          steps.set(key, (steps.get(key) ?? 0) + performance.now() - began);
        }
      }) as import("pg").PoolClient["query"],
    });
    const step = INTEGRITY_DEFAULTS.bucketMinutes * 60_000;
    const chunk = 60 * step;
    t0 = performance.now();
    let connections = 0;
    const outcomes = { countersigned: 0, mismatched: 0, oneSided: 0, singleSided: 0 };
    for (let from = start; from < end; from += chunk) {
      const s = await withIngestTx((c) => verifyRange(timed(c), { from: new Date(from), to: new Date(Math.min(end, from + chunk)), settings: INTEGRITY_DEFAULTS }));
      connections += s.connections;
      outcomes.countersigned += s.countersigned;
      outcomes.mismatched += s.mismatched;
      outcomes.oneSided += s.oneSided;
      outcomes.singleSided += s.singleSided;
    }
    const ms = performance.now() - t0;
    console.log(`\nverified 1,440 buckets in ${secs(ms)}: ${fmt((total / ms) * 1000)} entries/s (${fmt((virtual / ms) * 1000)} virtual entries/s)`);
    for (const [key, spent] of [...steps].sort((a, b) => b[1] - a[1])) console.log(`  ${secs(spent).padStart(9)}  ${key}…`);
    console.log(`connection-buckets: ${fmt(connections)} (countersigned ${fmt(outcomes.countersigned)}, mismatched ${fmt(outcomes.mismatched)}, one-sided ${fmt(outcomes.oneSided)}); single-sided entries ${fmt(outcomes.singleSided)}`);
    const { rows: stored } = await pool.query<{ pairs: string; devices: string; size: string }>(
      `SELECT (SELECT count(*) FROM integrity_pair_results) AS pairs, (SELECT count(*) FROM integrity_device_buckets) AS devices,
              pg_size_pretty(pg_total_relation_size('integrity_pair_results') + pg_total_relation_size('integrity_device_buckets') + pg_total_relation_size('integrity_buckets')) AS size`,
    );
    console.log(`stored: ${fmt(Number(stored[0]!.pairs))} pair results, ${fmt(Number(stored[0]!.devices))} device buckets, ${stored[0]!.size}`);

    // The stopped-countersigning rule's judgement over the whole day, scored against the tampering.
    const { rows } = await pool.query<{ node_id: string; silent_buckets: number; mismatched_buckets: number }>(deviceTrustSql("$1::timestamptz", "$2::timestamptz"), [new Date(start), new Date(end)]);
    const flagged = new Set(rows.filter(untrusted).map((r) => r.node_id));
    const truth = new Set(tampers.map((t) => node(t.device)));
    const hits = [...flagged].filter((n) => truth.has(n)).length;
    const precision = flagged.size ? hits / flagged.size : 1;
    const recall = hits / truth.size;
    console.log(`\nflagged ${flagged.size} devices, ${hits} of ${truth.size} tampered: precision ${(precision * 100).toFixed(1)} %, recall ${(recall * 100).toFixed(1)} %`);
    const missed = [...truth].filter((n) => !flagged.has(n));
    const falseAlarms = [...flagged].filter((n) => !truth.has(n));
    if (missed.length) console.log(`missed: ${missed.join(", ")}`);
    if (falseAlarms.length) console.log(`false alarms: ${falseAlarms.join(", ")}`);
  } finally {
    const { disconnectDb } = await import("@/lib/db");
    const { closeIngestPool } = await import("@/lib/ingest/pg-pool");
    await disconnectDb().catch(() => undefined);
    await closeIngestPool().catch(() => undefined);
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

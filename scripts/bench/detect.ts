// `npm run bench:detect`: the detection engine's cost.
//   (a) real-time rules alone, in process (no database): audit events and flow entries per
//       second through runRealtime with every registered rule enabled;
//   (b) one run of every windowed rule over 24 hours of flow records (500 devices, 10M+ entries,
//       each device talking to 5–20 peers with both sides logging, physical and exit traffic, a
//       port scan, a host sweep, a traffic spike and a copied node key), from a watermark 24 h
//       back, on a scratch embedded PostgreSQL (or BENCH_DATABASE_URL, which must be disposable).
//
//   tsx --conditions=react-server scripts/bench/detect.ts [--small] [--realtime]
//     --small: 100 devices, ~0.8M entries; --realtime: part (a) alone
import { scratchDatabase } from "./scratch-database";

const args = process.argv.slice(2);
const SMALL = args.includes("--small");
const REALTIME_ONLY = args.includes("--realtime");
const DEVICES = SMALL ? 100 : 500;
/** A pair is active in one 5-second window out of this many (both ends log it). */
const ACTIVE_EVERY = SMALL ? 60 : 20;
const REALTIME_AUDIT = SMALL ? 50_000 : 500_000;
const REALTIME_FLOW = SMALL ? 200_000 : 2_000_000;
const BATCH = 2_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;


const ip = (n: number) => `100.64.${(n >> 8) & 255}.${n & 255}`;

// ---------------------------------------------------------------------------------------------
// (a) Real-time rules in process

async function realtime() {
  const { RULES } = await import("@/lib/detections/registry");
  const { contextOf, runRealtime } = await import("@/lib/detections/engine");
  const { DEFAULT_DETECTION_SETTINGS } = await import("@/lib/detections/settings-schema");
  type AuditEvent = import("@/lib/detections/events").AuditEvent;
  type FlowEvent = import("@/lib/detections/events").FlowEvent;

  const devices = Array.from({ length: DEVICES }, (_, d) => ({
    nodeId: `nBench${d}CNTRL`,
    name: `host-${d}.example.ts.net`,
    addresses: [ip(d + 1)],
    userLogin: d % 3 ? `person${d}@example.com` : null,
    tags: d % 3 ? [] : ["tag:server"],
  }));
  // A realistic allow-list: a range, a tag, a login and two addresses, so the rule walks it.
  const settings = { ...DEFAULT_DETECTION_SETTINGS, sensitivePortAllowList: ["100.64.0.0/26", "tag:bastion", "admin@example.com", "100.64.1.7", "fd7a:115c:a1e0::7"] };
  const ctx = contextOf(settings, devices);

  const actions = ["UPDATE", "UPDATE", "LOGIN", "CREATE", "DELETE", "DISABLE", "ENABLE", "LOGOUT"];
  const properties = ["MACHINE_NAME", "KEY_EXPIRY", "ACL_TAGS", "HTTPS", "MAGIC_DNS", null];
  const audit: { key: string; event: AuditEvent }[] = Array.from({ length: REALTIME_AUDIT }, (_, i) => ({
    key: `audit:${i}`,
    event: {
      eventTime: new Date(Date.now() - i * 1000).toISOString(),
      origin: i % 4 ? "ADMIN_CONSOLE" : "CONFIG_API",
      eventGroupID: `g${i >> 2}`,
      actor: { id: `u${i % 400}`, type: "USER", loginName: `person${i % 400}@example.com`, displayName: `Person ${i % 400}`, tags: [] },
      target: { id: i % 5 ? `n${i % 5000}CNTRL` : "example.com", name: i % 5 ? `node-${i % 5000}` : "example.com", type: i % 5 ? "NODE" : "TAILNET", property: properties[i % properties.length]!, isEphemeral: null },
      action: actions[i % actions.length]!,
      old: true,
      new: false,
      actionDetails: null,
      error: i % 500 ? null : "permission denied",
    },
  }));
  const ports = [443, 22, 5432, 8080, 53, 3389, 9100, 6443];
  const flow: (FlowEvent & { entryHash: string })[] = Array.from({ length: REALTIME_FLOW }, (_, i) => {
    const d = i % DEVICES;
    const peer = (d * 7 + (i >> 3) * 31 + 1) % DEVICES;
    const server = ports[i % ports.length]!;
    const clientSide = i % 2 === 0; // both ends log: the client's view, then the server's
    const start = new Date(Date.now() - (i >> 6) * 5000).toISOString();
    return {
      nodeId: `nBench${d}CNTRL`,
      windowStart: start,
      windowEnd: start,
      kind: i % 50 === 0 ? "PHYSICAL" : i % 40 === 0 ? "EXIT" : "VIRTUAL",
      proto: i % 5 === 0 ? 17 : 6,
      srcIp: ip(d + 1),
      srcPort: clientSide ? 32768 + (i % 28000) : server,
      dstIp: ip(peer + 1),
      dstPort: clientSide ? server : 32768 + (i % 28000),
      txPkts: 10,
      txBytes: 1200,
      rxPkts: 8,
      rxBytes: 900,
      entryHash: String(i),
    };
  });

  const measure = (label: string, unit: string, n: number, run: (from: number, to: number) => number) => {
    run(0, Math.min(n, BATCH * 5)); // warm up the JIT
    const t = performance.now();
    let matches = 0;
    for (let from = 0; from < n; from += BATCH) matches += run(from, Math.min(n, from + BATCH));
    const ms = performance.now() - t;
    console.log(`${label.padEnd(24)} ${fmt((n / ms) * 1000).padStart(12)} ${unit}/s  (${fmt(n)} in ${secs(ms)}, ${fmt(matches)} matches, batches of ${fmt(BATCH)})`);
  };
  const realtimeRules = RULES.filter((r) => r.kind === "realtime");
  console.log(`\n(a) Real-time rules in process: ${realtimeRules.length} rules (${realtimeRules.map((r) => r.id).join(", ")}), ${DEVICES} known devices\n`);
  measure("realtime audit:", "events", audit.length, (from, to) => runRealtime(RULES, { audit: audit.slice(from, to), flow: [] }, ctx).length);
  measure("realtime flow:", "entries", flow.length, (from, to) => runRealtime(RULES, { audit: [], flow: flow.slice(from, to) }, ctx).length);
  // The same entries with every client on the allow-list: the cost of judging alone, no alert built.
  const quiet = contextOf({ ...settings, sensitivePortAllowList: [...settings.sensitivePortAllowList, "100.64.0.0/10"] }, devices);
  measure("realtime flow, allowed:", "entries", flow.length, (from, to) => runRealtime(RULES, { audit: [], flow: flow.slice(from, to) }, quiet).length);
}

// ---------------------------------------------------------------------------------------------
// (b) Windowed rules over 24 hours of stored records

type Pool = import("pg").Pool;

async function generate(pool: Pool, sourceId: number, end: number) {
  const start = end - DAY_MS;
  const windows = DAY_MS / 5000;
  const t = performance.now();
  // Conversations: device d is the client of 5–20 peers, each on one service port; a pair is
  // active one window in ACTIVE_EVERY, and both ends log it (client: src = itself, dst = server:port;
  // server: src = itself:port, dst = client). Every sixth active window also logs the underlay.
  await pool.query(`CREATE TEMP TABLE bench_pairs AS
    SELECT row_number() OVER () AS id, d AS client, p AS server,
           (ARRAY[443, 22, 5432, 8080, 53, 3306, 9100, 6443])[1 + (d + k) % 8] AS port, 32768 + (d * 97 + k * 13) % 28000 AS cport
      FROM generate_series(0, $1::int - 1) d
     CROSS JOIN LATERAL generate_series(1, 5 + d % 16) k
     CROSS JOIN LATERAL (SELECT (d * 7 + k * 31) % $1::int AS p) peer
     WHERE p <> d`.replaceAll("$1::int", String(DEVICES)));
  const { rows: pairCount } = await pool.query<{ n: string }>("SELECT count(*) AS n FROM bench_pairs");
  const ipSql = (n: string) => `('100.64.' || ((${n} + 1) >> 8) || '.' || ((${n} + 1) & 255))::inet`;
  const pubSql = (n: string) => `('198.18.' || ((${n} + 1) >> 8) || '.' || ((${n} + 1) & 255))::inet`;
  await pool.query(
    `INSERT INTO flow_records (window_start, entry_hash, window_end, node_id, kind, proto, src_ip, src_port, dst_ip, dst_port, tx_pkts, tx_bytes, rx_pkts, rx_bytes, source_id)
     SELECT ws, p.id * 1000000 + w.i * 4 + s.side, ws + interval '5 seconds', 'nBench' || (CASE WHEN s.side = 0 THEN p.client ELSE p.server END) || 'CNTRL',
            'VIRTUAL'::"FlowKind", CASE WHEN p.port = 53 THEN 17 ELSE 6 END,
            CASE WHEN s.side = 0 THEN ${ipSql("p.client")} ELSE ${ipSql("p.server")} END, CASE WHEN s.side = 0 THEN p.cport ELSE p.port END,
            CASE WHEN s.side = 0 THEN ${ipSql("p.server")} ELSE ${ipSql("p.client")} END, CASE WHEN s.side = 0 THEN p.port ELSE p.cport END,
            v.pk, v.pk * 400, v.pk + 2, (v.pk + 2) * 900, $3
       FROM bench_pairs p
      CROSS JOIN LATERAL generate_series(0, $2::int / $1::int - 1) w(i)
      CROSS JOIN LATERAL (SELECT to_timestamp(($4::float8 + ((w.i * $1::int + p.id % $1::int) * 5000)) / 1000) AS ws, 4 + (p.id * 7 + w.i) % 40 AS pk) v
      CROSS JOIN (VALUES (0), (1)) s(side)`,
    [ACTIVE_EVERY, windows, sourceId, start],
  );
  // The underlay: each end reaches the other at its public endpoint (one address per device).
  await pool.query(
    `INSERT INTO flow_records (window_start, entry_hash, window_end, node_id, kind, proto, src_ip, src_port, dst_ip, dst_port, tx_pkts, tx_bytes, rx_pkts, rx_bytes, source_id)
     SELECT ws, p.id * 1000000 + w.i * 4 + 2 + s.side, ws + interval '5 seconds', 'nBench' || (CASE WHEN s.side = 0 THEN p.client ELSE p.server END) || 'CNTRL',
            'PHYSICAL'::"FlowKind", NULL::smallint,
            CASE WHEN s.side = 0 THEN ${ipSql("p.server")} ELSE ${ipSql("p.client")} END, 0,
            CASE WHEN s.side = 0 THEN ${pubSql("p.server")} ELSE ${pubSql("p.client")} END, 41641,
            12, 1500, 12, 1600, $3
       FROM bench_pairs p
      CROSS JOIN LATERAL generate_series(0, $2::int / $1::int - 1, 6) w(i)
      CROSS JOIN LATERAL (SELECT to_timestamp(($4::float8 + ((w.i * $1::int + p.id % $1::int) * 5000)) / 1000) AS ws) v
      CROSS JOIN (VALUES (0), (1)) s(side)`,
    [ACTIVE_EVERY, windows, sourceId, start],
  );
  // Exit traffic: a tenth of the devices browse through exit node 0 (logged by the exit node).
  await pool.query(
    `INSERT INTO flow_records (window_start, entry_hash, window_end, node_id, kind, proto, src_ip, src_port, dst_ip, dst_port, tx_pkts, tx_bytes, rx_pkts, rx_bytes, source_id)
     SELECT ws, 900000000000 + d * 100000 + w.i, ws + interval '5 seconds', 'nBench0CNTRL', 'EXIT'::"FlowKind", 6, ${ipSql("d")}, 40000 + w.i % 1000, ('203.0.113.' || (d % 250 + 1))::inet, 443,
            50, 20000 + d * 10, 60, 90000 + d * 100, $3
       FROM generate_series(1, $1::int - 1, 10) d
      CROSS JOIN LATERAL generate_series(0, $2::int / 30 - 1) w(i)
      CROSS JOIN LATERAL (SELECT to_timestamp(($4::float8 + (w.i * 30 + d % 30) * 5000) / 1000) AS ws) v`,
    [DEVICES, windows, sourceId, start],
  );
  // Incidents: device N-1 scans 1,000 ports of device 10 and sweeps 100 hosts on port 22 (hour 6);
  // device 38 sends 2 GB to its client, device 1, and device 77 opens port 4444 (hour 20); device 42's key is used at two places (hour 12).
  const scanAt = start + 6 * HOUR_MS;
  const scanner = DEVICES - 1;
  await pool.query(
    `INSERT INTO flow_records (window_start, entry_hash, window_end, node_id, kind, proto, src_ip, src_port, dst_ip, dst_port, tx_pkts, tx_bytes, source_id)
     SELECT to_timestamp(($1::float8 + (g / 50) * 5000) / 1000), 800000000000 + g, to_timestamp(($1::float8 + (g / 50) * 5000 + 5000) / 1000), 'nBench' || $2 || 'CNTRL', 'VIRTUAL'::"FlowKind", 6,
            ${ipSql("$2::int")}, 45000, ${ipSql("10")}, g, 1, 60, $3::int
       FROM generate_series(1, 1000) g
     UNION ALL
     SELECT to_timestamp(($1::float8 + 120000 + (h / 20) * 5000) / 1000), 810000000000 + h, to_timestamp(($1::float8 + 125000 + (h / 20) * 5000) / 1000), 'nBench' || $2 || 'CNTRL', 'VIRTUAL'::"FlowKind", 6,
            ${ipSql("$2::int")}, 45001, ${ipSql("h")}, 22, 1, 60, $3::int
       FROM generate_series(0, least(99, $4::int - 2)) h`,
    [scanAt, scanner, sourceId, DEVICES],
  );
  const spikeAt = start + 20 * HOUR_MS + 600_000;
  await pool.query(
    `INSERT INTO flow_records (window_start, entry_hash, window_end, node_id, kind, proto, src_ip, src_port, dst_ip, dst_port, tx_pkts, tx_bytes, rx_pkts, rx_bytes, source_id)
     VALUES ($1, 820000000001, $2, 'nBench38CNTRL', 'VIRTUAL'::"FlowKind", 6, ${ipSql("38")}, 5432, ${ipSql("1")}, 32878, 1500000, 2000000000, 700000, 30000000, $3),
            -- and a new service: device 77 starts answering on port 4444 (device 5 connects).
            ($1, 820000000002, $2, 'nBench5CNTRL', 'VIRTUAL'::"FlowKind", 6, ${ipSql("5")}, 50000, ${ipSql("77")}, 4444, 40, 3000, 35, 52000, $3)`,
    [new Date(spikeAt), new Date(spikeAt + 5000), sourceId],
  );
  const dupAt = start + 12 * HOUR_MS;
  await pool.query(
    `INSERT INTO flow_records (window_start, entry_hash, window_end, node_id, kind, proto, src_ip, src_port, dst_ip, dst_port, tx_pkts, tx_bytes, rx_pkts, rx_bytes, source_id)
     SELECT to_timestamp(($1::float8 + m * 60000 + r * 7000) / 1000), 830000000000 + m * 10 + r, to_timestamp(($1::float8 + m * 60000 + r * 7000 + 5000) / 1000),
            'nBench' || (100 + r) || 'CNTRL', 'PHYSICAL'::"FlowKind", NULL::smallint, ${ipSql("42")}, 0, CASE WHEN r = 0 THEN '198.18.0.43'::inet ELSE '192.0.2.200'::inet END, 41641, 9, 900, 9, 900, $2
       FROM generate_series(0, 9) m CROSS JOIN generate_series(0, 1) r`,
    [dupAt, sourceId],
  );
  await pool.query("VACUUM ANALYZE flow_records");
  const { rows } = await pool.query<{ n: string; size: string }>(
    "SELECT (SELECT count(*) FROM flow_records) AS n, pg_size_pretty((SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = 'flow_records'::regclass)) AS size",
  );
  console.log(`Generated ${fmt(Number(rows[0]!.n))} flow entries (${fmt(Number(pairCount[0]!.n))} conversations, ${DEVICES} devices, 24 h; ${rows[0]!.size} with indexes) in ${secs(performance.now() - t)}.`);
}

async function windowed() {
  const database = await scratchDatabase();
  try {
    const { db } = await import("@/lib/db");
    const { ingestPool } = await import("@/lib/ingest/pg-pool");
    const { ensurePartitions, dayOf } = await import("@/lib/ingest/partitions");
    const { findOrCreateSource } = await import("@/lib/ingest/sources");
    const { runWindowedRules, windowedRules, WINDOW_LAG_MS } = await import("@/lib/detections/run-windowed");
    const { raiseAlerts } = await import("@/lib/alerts/raise-alerts");
    const { getDetectionSettings } = await import("@/lib/detections/settings");

    const pool = ingestPool();
    const now = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS + WINDOW_LAG_MS + 1000);
    const end = now.getTime() - WINDOW_LAG_MS - 1000;
    const days = new Set<string>();
    for (let t = end - DAY_MS - HOUR_MS; t <= end + HOUR_MS; t += HOUR_MS) days.add(dayOf(new Date(t)));
    await ensurePartitions("flow_records", days);
    await ensurePartitions("audit_events", days);
    const source = await findOrCreateSource("detect-bench", "IMPORT");
    console.log(`\n(b) Windowed rules over 24 hours of records\n`);
    await generate(pool, source.id, end);
    // A pair needs 24 hourly windows of history by default: 24 hours of data give it 23 before
    // the last window. Twelve lets the spike in hour 20 be judged.
    await db.appSetting.upsert({ where: { key: "detections" }, create: { key: "detections", value: { volume: { windowMinutes: 60, factor: 10, minBytes: 500_000_000, minWindows: 12 } } }, update: {} });

    console.log(`\n${"rule".padEnd(42)} ${"window".padStart(7)} ${"windows".padStart(8)} ${"matches".padStart(8)} ${"total".padStart(9)} ${"per window".padStart(11)}`);
    const settings = await getDetectionSettings();
    // The integrity rules wait for the verification's watermark; this benchmark does not run the
    // verification (bench:integrity does), so they read empty results: mark them as checked.
    const { VERIFY_WATERMARK_ID } = await import("@/lib/detections/helpers/integrity");
    await db.detectionWatermark.upsert({ where: { ruleId: VERIFY_WATERMARK_ID }, create: { ruleId: VERIFY_WATERMARK_ID, evaluatedTo: now }, update: { evaluatedTo: now } });
    for (const rule of windowedRules()) {
      const minutes = rule.windowMinutes(settings);
      const step = minutes * 60_000;
      const from = Math.floor((now.getTime() - DAY_MS) / step) * step;
      await db.detectionWatermark.deleteMany({ where: { ruleId: rule.id } });
      // Installed 23 hours before the first window: first-seen rules are out of learning one hour in.
      await db.detectionWatermark.create({ data: { ruleId: rule.id, evaluatedTo: new Date(from), startedAt: new Date(from - 23 * HOUR_MS) } });
      const t = performance.now();
      const [run] = await runWindowedRules({ now, rules: [rule], maxWindows: Math.ceil(DAY_MS / step) + 1 });
      const ms = performance.now() - t;
      if (run?.error) console.log(`${rule.id}: FAILED ${run.error}`);
      console.log(`${rule.id.padEnd(42)} ${`${minutes} min`.padStart(7)} ${String(run?.windows ?? 0).padStart(8)} ${String(run?.matches ?? 0).padStart(8)} ${secs(ms).padStart(9)} ${`${((run?.windows ? ms / run.windows : 0)).toFixed(0)} ms`.padStart(11)}`);
    }
    const raised = await raiseAlerts();
    const alerts = await db.alert.groupBy({ by: ["ruleId", "severity"], _count: true, orderBy: { ruleId: "asc" } });
    console.log(`\nAlerts raised: ${raised.raised}${alerts.length ? ` (${alerts.map((a) => `${a.ruleId} ${a.severity} ×${a._count}`).join("; ")})` : ""}`);
  } finally {
    // raiseAlerts queues notifications through pg-boss, which keeps the process alive until stopped.
    const { stopBoss } = await import("@/lib/jobs/boss");
    await stopBoss();
    const { disconnectDb } = await import("@/lib/db");
    const { closeIngestPool } = await import("@/lib/ingest/pg-pool");
    await disconnectDb().catch(() => undefined);
    await closeIngestPool().catch(() => undefined);
    await database.stop();
  }
}

async function main() {
  await realtime();
  if (!REALTIME_ONLY) await windowed();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

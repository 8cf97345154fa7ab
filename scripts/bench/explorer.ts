// Benchmark of the config log explorer on a million audit events: fills a scratch embedded
// PostgreSQL (or BENCH_DATABASE_URL, which must be disposable) with synthetic events spread
// over 30 days, then times the explorer's own list query for each filter, for the first page
// and a deep cursor page, with EXPLAIN ANALYZE, and prints the figures.
//
//   tsx --conditions=react-server scripts/bench/explorer.ts [--rows 1000000] [--plans]
import { scratchDatabase } from "./scratch-database";

const DAY_MS = 86_400_000;
const args = process.argv.slice(2);
const rowsAt = args.indexOf("--rows");
const ROWS = rowsAt >= 0 ? Number(args[rowsAt + 1]) : 1_000_000;
const SHOW_PLANS = args.includes("--plans");
const SLOW_MS = 100;


const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  if (!Number.isInteger(ROWS) || ROWS < 10_000) throw new Error("--rows is a whole number of at least 10000.");
  const database = await scratchDatabase();
  try {
    await run();
  } finally {
    const { disconnectDb } = await import("@/lib/db");
    const { closeIngestPool } = await import("@/lib/ingest/pg-pool");
    await disconnectDb();
    await closeIngestPool();
    await database.stop();
  }
}

type Pool = import("pg").Pool;

/** Synthetic events with the skew of a real tailnet: a few hundred people, most events logins and updates, a handful of rare actions, actor types and failures for the selective filters. */
async function generate(pool: Pool, sourceId: number, now: Date) {
  const started = Date.now();
  await pool.query(
    `INSERT INTO audit_events (event_time, dedup_key, source_id, event_group_id, origin, actor_id, actor_type, actor_login, actor_name,
       target_id, target_name, target_type, target_property, action, old, new, action_details, error)
     SELECT t, md5(g::text), $2, md5((g / 3)::text), o.v, 'u' || (g % 400), a.v, 'person' || (g % 400) || '@example.com',
       'Person ' || (g % 400), 'n' || (g % 5000) || 'CNTRL', 'node-' || (g % 5000), tt.v, p.v, ac.v,
       CASE WHEN p.v = 'ACL' THEN to_jsonb('{"acls": []}'::text) ELSE 'true'::jsonb END, 'false'::jsonb,
       CASE WHEN g % 7 = 0 THEN 'via ' || o.v END, CASE WHEN g % 2000 = 0 THEN 'insufficient scope' END
     FROM generate_series(1, $1::int) g
     CROSS JOIN LATERAL (SELECT $3::timestamptz - (g::float8 / $1 * 30 * interval '1 day') - (g % 997) * interval '1 millisecond' AS t) tm
     CROSS JOIN LATERAL (SELECT (ARRAY['ADMIN_CONSOLE','ADMIN_CONSOLE','ADMIN_CONSOLE','CONFIG_API','CONTROL','NODE'])[1 + g % 6] AS v) o
     CROSS JOIN LATERAL (SELECT CASE WHEN g % 5000 = 1 THEN 'SCIM' WHEN g % 9 = 0 THEN 'OAUTH_CLIENT' ELSE 'USER' END AS v) a
     CROSS JOIN LATERAL (SELECT (ARRAY['NODE','NODE','NODE','USER','TAILNET','API_KEY','ADMIN_CONSOLE','GROUP'])[1 + g % 8] AS v) tt
     CROSS JOIN LATERAL (SELECT CASE WHEN g % 500 = 3 THEN 'ACL' ELSE (ARRAY['MACHINE_NAME','KEY_EXPIRY','ACL_TAGS','USER_ROLE', NULL])[1 + g % 5] END AS v) p
     CROSS JOIN LATERAL (SELECT CASE WHEN g % 500 = 3 THEN 'UPDATE' WHEN g % 20000 = 5 THEN 'EXPIRED' ELSE (ARRAY['UPDATE','UPDATE','LOGIN','CREATE','DELETE','DISABLE','ENABLE','LOGOUT'])[1 + g % 8] END AS v) ac`,
    [ROWS, sourceId, now],
  );
  // What autovacuum does on a live server: statistics, and the trigram indexes' pending lists merged.
  await pool.query("VACUUM ANALYZE audit_events");
  const { rows } = await pool.query<{ size: string }>("SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))) AS size FROM pg_inherits WHERE inhparent = 'audit_events'::regclass");
  console.log(`Generated ${ROWS.toLocaleString("en")} audit events over 30 days in ${seconds(Date.now() - started)} (${rows[0]!.size} with indexes).`);
}

async function run() {
  const { db } = await import("@/lib/db");
  const { Prisma } = await import("@/lib/generated/prisma/client");
  const { ensurePartitions, dayOf } = await import("@/lib/ingest/partitions");
  const { ingestPool } = await import("@/lib/ingest/pg-pool");
  const { findOrCreateSource } = await import("@/lib/ingest/sources");
  const { ZAuditEventFilter, encodeCursor, LOG_PAGE_SIZE } = await import("@/lib/logs/filters");
  const { auditPagePlan, listAuditEvents } = await import("@/lib/logs/list-audit-events");
  const { systemViewer } = await import("@/lib/auth/viewer");

  const now = new Date();
  const pool = ingestPool();
  const source = await findOrCreateSource("explorer-bench", "IMPORT");
  const { rows: existing } = await pool.query<{ n: string }>("SELECT count(*) AS n FROM audit_events WHERE source_id = $1", [source.id]);
  if (Number(existing[0]!.n) >= ROWS) {
    console.log(`Reusing the ${Number(existing[0]!.n).toLocaleString("en")} benchmark events already in the database.`);
  } else {
    await ensurePartitions("audit_events", Array.from({ length: 32 }, (_, i) => dayOf(new Date(now.getTime() - i * DAY_MS))));
    await generate(pool, source.id, now);
  }

  // A deep page: the cursor of the row 90% of the way back.
  const { rows: deep } = await pool.query<{ micros: string; id: string }>(
    `SELECT (extract(epoch from event_time) * 1000000)::bigint AS micros, id FROM audit_events ORDER BY event_time DESC, id DESC OFFSET $1 LIMIT 1`,
    [Math.floor(ROWS * 0.9)],
  );
  const deepCursor = encodeCursor({ micros: BigInt(deep[0]!.micros), key: BigInt(deep[0]!.id) });
  const { rows: group } = await pool.query<{ event_group_id: string }>(`SELECT event_group_id FROM audit_events WHERE event_time < now() - interval '20 days' LIMIT 1`);

  const cases: [string, Record<string, string>][] = [
    ["no filter", {}],
    ["range=24h", { range: "24h" }],
    ["from/to one day, 10 days ago", { from: new Date(now.getTime() - 11 * DAY_MS).toISOString(), to: new Date(now.getTime() - 10 * DAY_MS).toISOString() }],
    ["action=UPDATE (common)", { action: "UPDATE" }],
    ["action=EXPIRED (rare)", { action: "EXPIRED" }],
    ["origin=CONFIG_API", { origin: "CONFIG_API" }],
    ["targetType=API_KEY", { targetType: "API_KEY" }],
    ["property=ACL", { property: "ACL" }],
    ["actorType=SCIM (rare)", { actorType: "SCIM" }],
    ["failed=true (rare)", { failed: "true" }],
    ["eventGroup", { eventGroup: group[0]!.event_group_id }],
    ["actor=login (exact)", { actor: "person123@example.com" }],
    ["actor=part of a login", { actor: "person12" }],
    ["actor=nobody", { actor: "nobody@example.com" }],
    ["actor=example.com (every event)", { actor: "example.com" }],
    ["target=node id", { target: "n4321CNTRL" }],
    ["target=nothing", { target: "no-such-target" }],
    ["q=common text", { q: "person7" }],
    ["q=no match", { q: "zzz-no-such-text" }],
    ["q=two letters (no trigram)", { q: "zq" }],
    ["action+property+origin", { action: "UPDATE", property: "ACL", origin: "CONFIG_API" }],
    ["deep page (90%)", { before: deepCursor }],
    ["deep page, action=DELETE", { before: deepCursor, action: "DELETE" }],
    ["deep page, actor=login", { before: deepCursor, actor: "person123@example.com" }],
  ];

  type Explained = { "QUERY PLAN": [{ "Planning Time": number; "Execution Time": number; Plan: { "Actual Rows": number } }] }[];
  type PlanLines = { "QUERY PLAN": string }[];
  /** EXPLAIN ANALYZE of one query, in a transaction with index scans off when the explorer reads it so. */
  const explain = async (query: ReturnType<typeof Prisma.sql>, bitmapOnly: boolean) => {
    const json = Prisma.sql`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query}`;
    const text = Prisma.sql`EXPLAIN (ANALYZE, COSTS OFF) ${query}`;
    const off = db.$executeRaw`SET LOCAL enable_indexscan = off`;
    const [explained, lines] = bitmapOnly
      ? [(await db.$transaction([off, db.$queryRaw<Explained>(json)]))[1], SHOW_PLANS ? (await db.$transaction([db.$executeRaw`SET LOCAL enable_indexscan = off`, db.$queryRaw<PlanLines>(text)]))[1] : []]
      : [await db.$queryRaw<Explained>(json), SHOW_PLANS ? await db.$queryRaw<PlanLines>(text) : []];
    const plan = explained[0]!["QUERY PLAN"][0];
    return { planMs: plan["Planning Time"], execMs: plan["Execution Time"], rows: plan.Plan["Actual Rows"], text: lines.map((l) => l["QUERY PLAN"]).join("\n") };
  };

  const viewer = systemViewer("cli");
  const results: { label: string; steps: number; planMs: number; execMs: number; wallMs: number; rows: number; plan: string }[] = [];
  for (const [label, raw] of cases) {
    const filter = ZAuditEventFilter.parse(raw);
    await listAuditEvents({ viewer, filter, now }); // warm the cache: the figures are for a server that is in use
    // The queries the explorer runs for this page, as it runs them.
    const plan = auditPagePlan(filter, "preview", now);
    const steps = [];
    const recent = plan.recent ? await explain(plan.recent, false) : null;
    if (recent) steps.push(recent);
    if (!recent || recent.rows <= LOG_PAGE_SIZE) steps.push(await explain(plan.all, plan.bitmapOnly));
    const walls: number[] = [];
    let rows = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      rows = (await listAuditEvents({ viewer, filter, now })).events.length;
      walls.push(performance.now() - t);
    }
    walls.sort((a, b) => a - b);
    results.push({
      label,
      steps: steps.length,
      planMs: steps.reduce((t, x) => t + x.planMs, 0),
      execMs: steps.reduce((t, x) => t + x.execMs, 0),
      wallMs: walls[1]!,
      rows,
      plan: steps.map((x) => x.text).join("\n--- then\n"),
    });
  }

  console.log(`\nConfig log explorer, first page of 50 unless noted (${ROWS.toLocaleString("en")} events):\n`);
  console.log(`${"filter".padEnd(34)} ${"queries".padStart(7)} ${"plan ms".padStart(8)} ${"exec ms".padStart(8)} ${"page ms".padStart(8)} ${"rows".padStart(5)}`);
  for (const r of results) {
    const flag = r.wallMs > SLOW_MS ? "  <- slow" : "";
    console.log(`${r.label.padEnd(34)} ${String(r.steps).padStart(7)} ${r.planMs.toFixed(1).padStart(8)} ${r.execMs.toFixed(1).padStart(8)} ${r.wallMs.toFixed(1).padStart(8)} ${String(r.rows).padStart(5)}${flag}`);
    if (SHOW_PLANS) console.log(`${r.plan}\n`);
  }
  console.log(`\nplan/exec: EXPLAIN ANALYZE of the explorer's queries for the page (summed); page: listAuditEvents end to end, median of 3.`);
  const slow = results.filter((r) => r.wallMs > SLOW_MS).length;
  console.log(slow ? `${slow} filter(s) above ${SLOW_MS} ms.` : `Every filter under ${SLOW_MS} ms.`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

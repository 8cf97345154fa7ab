// `npm run bench:ingest`: the log pipeline's throughput against PostgreSQL's own ceiling.
// Starts the built app on a fresh embedded database, streams BENCH_ENTRIES synthetic flow
// entries (default 1,000,000) through the HEC endpoint (gzip, ~100 records per request,
// BENCH_SENDERS concurrent senders), then loads the same rows with a raw COPY into an identical
// table, and prints both rates, their ratio and the app's memory.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { embeddedDatabaseUrl } from "@/lib/runtime/embedded-db";
import { normalizeRecord, type FlowEntryRow } from "@/lib/ingest/records";
import { dayOf } from "@/lib/ingest/partitions";
import { startApp } from "../../tests/support/app-process";
import { freePort } from "../../tests/support/free-port";

const ROOT = path.resolve(__dirname, "..", "..");
const ENTRIES = Number(process.env.BENCH_ENTRIES) || 1_000_000;
const SENDERS = Number(process.env.BENCH_SENDERS) || 6;
const RECORDS_PER_REQUEST = 100;
const ENTRIES_PER_RECORD = 10;
const NODES = 500;

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const mib = (kb: number) => `${Math.round(kb / 1024)} MiB`;

function ensureBuild() {
  if (fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return;
  console.log("No production build yet: running `next build` once…");
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error("next build failed");
}

/** Synthetic flow records with a realistic shape: 500 nodes, 5-second windows, tailnet peers. */
function generate(): { bodies: Buffer[]; rows: FlowEntryRow[]; rawBytes: number } {
  const records = Math.ceil(ENTRIES / ENTRIES_PER_RECORD);
  const base = Date.now() - 6 * 3_600_000;
  const bodies: Buffer[] = [];
  const rows: FlowEntryRow[] = [];
  let rawBytes = 0;
  let batch: string[] = [];
  for (let r = 0; r < records; r++) {
    const node = r % NODES;
    const window = Math.floor(r / NODES);
    const start = base + window * 5000 + node * 7;
    const ip = (n: number) => `100.64.${(n >> 8) & 255}.${n & 255}`;
    const record = {
      nodeId: `nBench${node}CNTRL`,
      start: new Date(start).toISOString(),
      end: new Date(start + 5000).toISOString(),
      srcNode: { nodeId: `nBench${node}CNTRL`, name: `host-${node}.example.ts.net`, addresses: [ip(node)], os: "linux", tags: ["tag:server"] },
      virtualTraffic: Array.from({ length: ENTRIES_PER_RECORD }, (_, e) => {
        const peer = (node + e * 37 + 1) % NODES;
        return { proto: e % 3 === 0 ? 17 : 6, src: `${ip(node)}:${30000 + ((r * 13 + e) % 30000)}`, dst: `${ip(peer)}:${[443, 22, 5432, 53, 8080][e % 5]}`, txPkts: 10 + e, txBytes: 1200 * (e + 1), rxPkts: 8 + e, rxBytes: 900 * (e + 1) };
      }),
    };
    const normalized = normalizeRecord(record);
    if (normalized.type !== "flow") throw new Error("generator made an invalid record");
    rows.push(...normalized.record.entries);
    batch.push(JSON.stringify({ time: start / 1000 + 5, event: record, fields: { recorded: new Date(start + 6000).toISOString() } }));
    if (batch.length === RECORDS_PER_REQUEST || r === records - 1) {
      const text = batch.join("");
      rawBytes += text.length;
      bodies.push(gzipSync(text));
      batch = [];
    }
  }
  return { bodies, rows, rawBytes };
}

function rssOf(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return { rss: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0), hwm: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) };
  } catch {
    return null;
  }
}

/** CPU seconds used so far by a process (user + system). */
function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of every PostgreSQL process serving this data directory. */
function parentOf(pid: number): number {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
  } catch {
    return 0;
  }
}

function databaseCpuSeconds(dataDir: string): number {
  const postmasters = new Set<number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(dataDir)) postmasters.add(Number(entry));
    } catch {
      // gone
    }
  }
  let total = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The postmaster names the data directory; its backends are its children (other servers on
      // the machine are not counted).
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmdline.includes("postgres") && (cmdline.includes(dataDir) || postmasters.has(parentOf(Number(entry))))) total += cpuSeconds(Number(entry));
    } catch {
      // gone
    }
  }
  return total;
}

/** The Next.js server: the launcher's child process. */
function serverPid(launcherPid: number): number {
  const children = fs.readFileSync(`/proc/${launcherPid}/task/${launcherPid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  for (const pid of children) if (fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("next")) return pid;
  return launcherPid;
}

async function streamThroughHec(baseUrl: string, token: string, bodies: Buffer[], pid: number) {
  let next = 0;
  let peak = 0;
  const samples: number[] = [];
  const sampler = setInterval(() => {
    const m = rssOf(pid);
    if (m) {
      peak = Math.max(peak, m.rss);
      samples.push(m.rss);
    }
  }, 200);
  const started = performance.now();
  let done = 0;
  const progress = setInterval(() => process.stdout.write(`\r  streaming: ${Math.round((done / bodies.length) * 100)}%`), 1000);
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        for (let attempt = 0; ; attempt++) {
          const response = await fetch(`${baseUrl}/services/collector/event`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-encoding": "gzip", "content-type": "application/json" }, body: new Uint8Array(body) });
          const answer = await response.text();
          if (response.status === 200) break;
          if (attempt > 5) throw new Error(`HEC answered ${response.status}: ${answer}`);
          await new Promise((r) => setTimeout(r, 500));
        }
        done++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  clearInterval(progress);
  process.stdout.write("\r");
  return { seconds, peak, samples };
}

async function rawCopy(databaseUrl: string, rows: FlowEntryRow[]) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // An identical table: same columns, keys, indexes and daily partitions as flow_records.
    await client.query(`DROP TABLE IF EXISTS bench_copy`);
    await client.query(`CREATE TABLE bench_copy (LIKE flow_records INCLUDING DEFAULTS) PARTITION BY RANGE (window_start)`);
    await client.query(`ALTER TABLE bench_copy ADD PRIMARY KEY (window_start, entry_hash)`);
    await client.query(`CREATE INDEX ON bench_copy (node_id, window_start)`);
    await client.query(`CREATE INDEX ON bench_copy (src_ip)`);
    await client.query(`CREATE INDEX ON bench_copy (dst_ip)`);
    for (const day of new Set(rows.map((r) => dayOf(r.windowStart)))) {
      const from = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
      await client.query(`CREATE TABLE bench_copy_p${day} PARTITION OF bench_copy FOR VALUES FROM ('${from}') TO (('${from}'::date + 1)::timestamptz)`);
    }
    const nul = "\\N";
    const lines = (function* () {
      let chunk = "";
      for (const r of rows) {
        chunk += `${r.windowStart}\t${r.entryHash}\t${r.windowEnd}\t${r.nodeId}\t${r.kind}\t${r.proto ?? nul}\t${r.protoName ?? nul}\t${r.srcIp ?? nul}\t${r.srcPort ?? nul}\t${r.dstIp ?? nul}\t${r.dstPort ?? nul}\t${r.txPkts}\t${r.txBytes}\t${r.rxPkts}\t${r.rxBytes}\t1\n`;
        if (chunk.length > 256 * 1024) {
          yield chunk;
          chunk = "";
        }
      }
      if (chunk) yield chunk;
    })();
    const started = performance.now();
    await pipeline(
      Readable.from(lines),
      client.query(copyFrom(`COPY bench_copy (window_start, entry_hash, window_end, node_id, kind, proto, proto_name, src_ip, src_port, dst_ip, dst_port, tx_pkts, tx_bytes, rx_pkts, rx_bytes, source_id) FROM STDIN`)),
    );
    const seconds = (performance.now() - started) / 1000;
    await client.query(`DROP TABLE bench_copy`);
    return seconds;
  } finally {
    await client.end();
  }
}

async function main() {
  ensureBuild();
  console.log(`bench:ingest: ${fmt(ENTRIES)} flow entries, ${RECORDS_PER_REQUEST} records of ${ENTRIES_PER_RECORD} entries per gzip request, ${SENDERS} concurrent senders`);
  console.log("  generating the records…");
  const { bodies, rows, rawBytes } = generate();
  console.log(`  ${fmt(bodies.length)} requests, ${mib(rawBytes / 1024)} of JSON, ${mib(bodies.reduce((n, b) => n + b.length, 0) / 1024)} gzipped`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "countersign-bench-"));
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const app = await startApp(baseUrl, {
    ...process.env,
    DATABASE_URL: "",
    PORT: String(port),
    DATA_DIR: dataDir,
    EMBEDDED_DATABASE_PORT: String(await freePort()),
    NEXTAUTH_URL: baseUrl,
    NEXTAUTH_SECRET: "bench-secret-".padEnd(48, "x"),
    LOG_LEVEL: "warn",
  });
  try {
    const databaseUrl = embeddedDatabaseUrl(dataDir);
    const cli = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/main.ts", "ingest-token", "create", "--name", "bench"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8" });
    if (cli.status !== 0) throw new Error(cli.stderr);
    const token = cli.stdout.trim();
    const pid = serverPid(app.server.pid!);
    // Warm up (first requests compile routes and open connections), then measure.
    await fetch(`${baseUrl}/services/collector/event`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: "{}" });
    const before = rssOf(pid)?.rss ?? 0;
    const appCpu = cpuSeconds(pid);
    const dbCpu = databaseCpuSeconds(dataDir);
    const hec = await streamThroughHec(baseUrl, token, bodies, pid);
    const after = rssOf(pid)?.rss ?? 0;
    const cpu = { app: cpuSeconds(pid) - appCpu, db: databaseCpuSeconds(dataDir) - dbCpu };

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const stored = Number((await client.query(`SELECT count(*) FROM flow_records`)).rows[0].count);
    await client.end();
    if (stored !== rows.length) throw new Error(`stored ${stored} of ${rows.length} entries`);

    const copySeconds = await rawCopy(databaseUrl, rows);
    const hecRate = rows.length / hec.seconds;
    const copyRate = rows.length / copySeconds;
    const third = Math.floor(hec.samples.length / 3);
    const early = hec.samples.slice(0, third).reduce((a, b) => Math.max(a, b), 0);
    const late = hec.samples.slice(-third).reduce((a, b) => Math.max(a, b), 0);
    console.log(`HEC ingest:  ${fmt(hecRate)} entries/s  (${fmt(rows.length)} entries in ${hec.seconds.toFixed(1)} s, all stored)`);
    console.log(`raw COPY:    ${fmt(copyRate)} entries/s  (${copySeconds.toFixed(1)} s into an identical table)`);
    console.log(`ratio:       ${(hecRate / copyRate).toFixed(2)}  (target: 0.50 or better)`);
    console.log(`CPU time:    app ${cpu.app.toFixed(1)} s, PostgreSQL ${cpu.db.toFixed(1)} s while streaming (${os.cpus().length} cores)`);
    console.log(`app memory:  RSS ${mib(before)} before, peak ${mib(hec.peak)}, ${mib(after)} after; peak in the first third ${mib(early)}, in the last third ${mib(late)}`);
  } finally {
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

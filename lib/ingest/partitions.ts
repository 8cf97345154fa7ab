import "server-only";
// Daily partitions of the two log tables: created ahead by a job and on demand for the days a
// batch needs (backfills, imports), dropped whole by retention. Never row-by-row deletes.
import type pg from "pg";
import { ingestPool } from "./pg-pool";

export const PARTITIONED_TABLES = { audit: "audit_events", flow: "flow_records" } as const;
export type PartitionedTable = (typeof PARTITIONED_TABLES)[keyof typeof PARTITIONED_TABLES];

const DAY_MS = 86_400_000;
const known = new Set<string>();
let loaded = false;

/** UTC day of a time, as YYYYMMDD. */
export function dayOf(time: string | Date): string {
  const d = typeof time === "string" ? new Date(time) : time;
  return d.toISOString().slice(0, 10).replaceAll("-", "");
}

function dayStart(day: string): Date {
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8))));
}

export const partitionName = (table: PartitionedTable, day: string) => `${table}_p${day}`;

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

/** The existing partitions of a table: day → name. */
export async function listPartitions(db: Queryable, table: PartitionedTable): Promise<Map<string, string>> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid
       JOIN pg_class p ON p.oid = i.inhparent
       JOIN pg_namespace n ON n.oid = p.relnamespace
      WHERE p.relname = $1 AND n.nspname = current_schema()`,
    [table],
  );
  const result = new Map<string, string>();
  for (const { name } of rows) {
    const match = /_p(\d{8})$/.exec(name);
    if (match) result.set(match[1]!, name);
  }
  return result;
}

/** Makes sure the partitions for these days exist (cached per process). */
export async function ensurePartitions(table: PartitionedTable, days: Iterable<string>): Promise<number> {
  const pool = ingestPool();
  if (!loaded) {
    for (const t of Object.values(PARTITIONED_TABLES)) for (const day of (await listPartitions(pool, t)).keys()) known.add(`${t}:${day}`);
    loaded = true;
  }
  const missing = [...new Set(days)].filter((day) => !known.has(`${table}:${day}`));
  if (missing.length === 0) return 0;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // One creator at a time, across processes: CREATE … IF NOT EXISTS still races on the catalog.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('countersign:partitions'))");
    const existing = await listPartitions(client, table);
    for (const day of missing) {
      if (!existing.has(day)) {
        const from = dayStart(day);
        const to = new Date(from.getTime() + DAY_MS);
        await client.query(
          `CREATE TABLE IF NOT EXISTS "${partitionName(table, day)}" PARTITION OF "${table}" FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`,
        );
      }
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  for (const day of missing) known.add(`${table}:${day}`);
  return missing.length;
}

/** Forgets the cache, e.g. after retention dropped partitions in another process. */
export function forgetPartitions() {
  known.clear();
  loaded = false;
}

/** Creates today's partitions and the next `daysAhead` days'. */
export async function createPartitionsAhead(daysAhead = 3, now = new Date()): Promise<number> {
  const days = Array.from({ length: daysAhead + 1 }, (_, i) => dayOf(new Date(now.getTime() + i * DAY_MS)));
  let created = 0;
  for (const table of Object.values(PARTITIONED_TABLES)) created += await ensurePartitions(table, days);
  return created;
}

/** Drops the partitions whose whole day is older than the retention period. */
export async function dropExpiredPartitions(table: PartitionedTable, retentionDays: number, now = new Date()): Promise<string[]> {
  const pool = ingestPool();
  const cutoff = now.getTime() - retentionDays * DAY_MS;
  const dropped: string[] = [];
  for (const [day, name] of await listPartitions(pool, table)) {
    if (dayStart(day).getTime() + DAY_MS <= cutoff) {
      await pool.query(`DROP TABLE IF EXISTS "${name}"`);
      dropped.push(name);
    }
  }
  if (dropped.length) forgetPartitions();
  return dropped;
}

/** PostgreSQL's "no partition of relation … found for row". */
export function isMissingPartition(error: unknown): boolean {
  return (error as { code?: string })?.code === "23514" && /no partition/i.test(String((error as Error).message));
}

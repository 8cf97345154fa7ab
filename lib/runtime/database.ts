// Which PostgreSQL the process uses: DATABASE_URL when set, otherwise the embedded server
// under DATA_DIR. Migrations are applied when any are pending.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { applyMigrations, MIGRATIONS_DIR } from "@/lib/db/migrate";
import type { Env } from "@/lib/env";
import { startEmbeddedDatabase } from "./embedded-db";

export type Database = { url: string; embedded: boolean; stop: () => Promise<void> };

export async function openDatabase(config: Env, options: { log?: (line: string) => void } = {}): Promise<Database> {
  if (config.DATABASE_URL) {
    await assertReachable(config.DATABASE_URL);
    return { url: config.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const embedded = await startEmbeddedDatabase({
    root: path.resolve(config.DATA_DIR),
    port: config.EMBEDDED_DATABASE_PORT,
    log: options.log,
  });
  return { url: embedded.url, embedded: true, stop: embedded.stop };
}

async function assertReachable(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    const safe = url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
    throw new Error(`Cannot connect to the database at ${safe}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function migrationNames(): string[] {
  return fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(MIGRATIONS_DIR, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

/** Names of migrations in prisma/migrations that the database has not applied. */
export async function pendingMigrations(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ok`);
    if (!exists.rows[0]?.ok) return migrationNames();
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    return migrationNames().filter((name) => !applied.has(name));
  } finally {
    await client.end();
  }
}

/** Applies pending migrations (Prisma's migrate deploy); a no-op, without spawning Prisma, when none are. */
export async function migrateIfNeeded(url: string, log: (line: string) => void = console.log): Promise<string[]> {
  const pending = await pendingMigrations(url);
  if (pending.length === 0) return [];
  log(`Applying ${pending.length} database migration(s): ${pending.join(", ")}`);
  await applyMigrations(url, { quiet: true });
  return pending;
}

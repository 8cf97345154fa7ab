// The database a benchmark fills: BENCH_DATABASE_URL (which must be disposable) or a temporary
// embedded PostgreSQL, migrated, and set as DATABASE_URL before the app's modules load.
import { freePort } from "../../tests/support/free-port";

export async function scratchDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  const { startTemporaryDatabase } = await import("@/lib/runtime/embedded-db");
  const { applyMigrations } = await import("@/lib/db/migrate");
  const given = process.env.BENCH_DATABASE_URL;
  const database = given ? { url: given, stop: async () => {} } : await startTemporaryDatabase(await freePort());
  process.env.DATABASE_URL = database.url;
  try {
    await applyMigrations(database.url, { quiet: true });
  } catch (error) {
    await database.stop();
    throw error;
  }
  return database;
}

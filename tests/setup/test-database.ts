// The database of a test run: DATABASE_URL when given (a real server, which must be
// disposable), otherwise a fresh embedded PostgreSQL, migrated with Prisma's migrate deploy.
import { applyMigrations } from "@/lib/db/migrate";
import { startTemporaryDatabase } from "@/lib/runtime/embedded-db";
import { freePort } from "../support/free-port";

export async function startTestDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  const given = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  const db = given ? { url: given, stop: async () => {} } : await startTemporaryDatabase(await freePort());
  await applyMigrations(db.url, { quiet: true });
  return db;
}

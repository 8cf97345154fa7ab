// The schema and the migrations agree (the drift check), and migrations are recorded where
// Prisma's native engine expects them.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { findDrift } from "@/lib/db/migrate";
import { migrationNames, pendingMigrations } from "@/lib/runtime/database";

describe("migrations", () => {
  it("prisma/schema.prisma has no change that a migration lacks", async () => {
    const drift = await findDrift(process.env.DATABASE_URL!);
    expect(drift, `Run npm run db:migrate:create -- <name>. Missing SQL:\n${drift}`).toBeNull();
  });

  it("are all applied and recorded in _prisma_migrations", async () => {
    expect(await pendingMigrations(process.env.DATABASE_URL!)).toEqual([]);
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL");
    await client.end();
    expect(rows.map((r) => r.migration_name).sort()).toEqual(migrationNames());
    // Leaves no shadow databases behind (defect 3 of the adapter).
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const shadows = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'");
    await admin.end();
    expect(shadows.rows).toEqual([]);
  });
});

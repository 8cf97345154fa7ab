// Prisma CLI configuration: the WASM schema engine ("js") with our migration-only adapter,
// so every migrate command runs offline. See lib/db/migration-adapter.ts.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { createMigrationAdapter } from "./lib/db/migration-adapter";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: the migration commands need a database.");
    return createMigrationAdapter(url);
  },
});

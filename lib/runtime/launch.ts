// `npm start` / `npm run dev`: the database (embedded unless DATABASE_URL is set), pending
// migrations, the first administrator, then the Next.js server on PORT.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { EnvError, parseEnv } from "@/lib/env";
import { disconnectDb } from "@/lib/db";
import { ensureFirstAdmin } from "@/lib/users/ensure-first-admin";
import { migrateIfNeeded, openDatabase } from "./database";
import { ensureAuthSecret } from "./secrets";

const ROOT = path.resolve(__dirname, "..", "..");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

async function main() {
  const mode = process.argv[2] === "dev" ? "dev" : "start";
  const config = parseEnv();
  const database = await openDatabase(config);
  console.log(
    database.embedded
      ? `Database: embedded PostgreSQL, data in ${path.join(path.resolve(config.DATA_DIR), "postgres")}`
      : "Database: DATABASE_URL",
  );
  await migrateIfNeeded(database.url);

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || ensureAuthSecret(config.DATA_DIR),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${config.PORT}`,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(config.PORT),
  };
  process.env.DATABASE_URL = database.url;
  const firstAdmin = await ensureFirstAdmin();
  await disconnectDb();

  if (mode === "start" && !fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.log("No production build yet: running `next build` once (a minute or two)…");
    const build = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, env: childEnv, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }

  const server = spawn(process.execPath, [NEXT_BIN, mode, "-p", String(config.PORT)], {
    cwd: ROOT,
    env: childEnv,
    stdio: "inherit",
  });
  console.log(`\nCountersign is starting at ${childEnv.NEXTAUTH_URL}`);
  if (firstAdmin) {
    console.log("\nFirst run: an administrator account was created. Sign in with");
    console.log(`  email:    ${firstAdmin.email}`);
    console.log(`  password: ${firstAdmin.password}   (one-time: you will be asked to choose a new one)\n`);
  } else {
    console.log("Sign in with your account. Manage users with `npm run countersign -- user --help`.\n");
  }

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (server.exitCode === null) server.kill("SIGTERM");
    await database.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  server.on("exit", (code) => void stop(code ?? 0));
}

main().catch((error) => {
  console.error(error instanceof EnvError ? error.message : `Countersign could not start: ${error?.message ?? error}`);
  process.exit(1);
});

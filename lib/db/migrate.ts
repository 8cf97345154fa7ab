// Runs Prisma's migrate commands (WASM engine, see prisma.config.ts) as child processes,
// so the launcher, the CLI and the tests share one way of applying and writing migrations.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const PRISMA_CLI = path.join(ROOT, "node_modules", "prisma", "build", "index.js");
export const MIGRATIONS_DIR = path.join(ROOT, "prisma", "migrations");
const SCHEMA = path.join(ROOT, "prisma", "schema.prisma");

export type PrismaRun = { code: number; stdout: string; stderr: string };

export function runPrisma(args: string[], databaseUrl: string, options: { quiet?: boolean } = {}): Promise<PrismaRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PRISMA_CLI, ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        CHECKPOINT_DISABLE: "1",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        NO_COLOR: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (!options.quiet) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      if (!options.quiet) process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Applies pending migrations; throws with Prisma's own message when one fails. */
export async function applyMigrations(databaseUrl: string, options: { quiet?: boolean } = {}) {
  const run = await runPrisma(["migrate", "deploy"], databaseUrl, options);
  if (run.code !== 0) throw new Error(`Applying migrations failed:\n${run.stderr || run.stdout}`);
}

function diffArgs() {
  return ["migrate", "diff", "--from-migrations", MIGRATIONS_DIR, "--to-schema-datamodel", SCHEMA, "--script"];
}

/** Writes a new migration from the difference between the migrations and the schema. */
export async function createMigration(name: string, databaseUrl: string): Promise<string | null> {
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`Migration name "${name}" must be lower-case letters, digits and underscores.`);
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  // Written outside the migrations folder first: Prisma refuses a folder without its file.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "countersign-migration-"));
  const draft = path.join(scratch, "migration.sql");
  try {
    const run = await runPrisma([...diffArgs(), "--exit-code", "-o", draft], databaseUrl, { quiet: true });
    if (run.code === 0) return null;
    if (run.code !== 2) throw new Error(`Writing the migration failed:\n${run.stderr || run.stdout}`);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(draft, path.join(dir, "migration.sql"));
    return path.join(dir, "migration.sql");
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Null when prisma/schema.prisma matches the migrations; otherwise the SQL that is missing. */
export async function findDrift(databaseUrl: string): Promise<string | null> {
  const run = await runPrisma([...diffArgs(), "--exit-code"], databaseUrl, { quiet: true });
  if (run.code === 0) return null;
  if (run.code === 2) return run.stdout;
  throw new Error(`The drift check failed:\n${run.stderr || run.stdout}`);
}

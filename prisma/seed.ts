// `npm run db:seed`: makes sure an administrator exists. With `-- --demo`, also believable demo
// users for every role, whose credentials are printed (passwords are new on every run).
import { disconnectDb, db } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { systemViewer } from "@/lib/auth/viewer";
import { hashPassword, generatePassword } from "@/lib/auth/password";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Role } from "@/lib/generated/prisma/enums";
import { ensureFirstAdmin } from "@/lib/users/ensure-first-admin";
import { ensureCaseTemplates } from "@/lib/cases/ensure-case-templates";
import { migrateIfNeeded, openDatabase } from "@/lib/runtime/database";

const DEMO_USERS: { email: string; name: string; roles: Role[] }[] = [
  { email: "erin.employee@demo.countersign.local", name: "Erin Employee", roles: ["EMPLOYEE"] },
  { email: "sam.security@demo.countersign.local", name: "Sam Security", roles: ["SECURITY"] },
  { email: "casey.coo@demo.countersign.local", name: "Casey COO", roles: ["COO"] },
  { email: "ari.admin@demo.countersign.local", name: "Ari Admin", roles: ["ADMIN"] },
  { email: "lee.lead@demo.countersign.local", name: "Lee Lead (security lead)", roles: ["SECURITY", "ADMIN"] },
];

async function seedDemoUsers() {
  const viewer = systemViewer("cli");
  const credentials: { email: string; roles: string; password: string }[] = [];
  for (const demo of DEMO_USERS) {
    const password = generatePassword();
    const passwordHash = await hashPassword(password);
    const roles: Role[] = ["EMPLOYEE", ...demo.roles.filter((r) => r !== "EMPLOYEE")];
    await db.$transaction(async (tx) => {
      const user = await tx.user.upsert({
        where: { email: demo.email },
        create: { email: demo.email, name: demo.name, roles, passwordHash },
        update: { name: demo.name, roles, passwordHash, disabledAt: null, lockedUntil: null, failedSignInCount: 0, mustChangePassword: false, sessionVersion: { increment: 1 } },
      });
      await appendAudit(tx, viewer, { action: "user.seed_demo", targetType: "User", targetId: user.id, after: { email: demo.email, roles } });
    });
    credentials.push({ email: demo.email, roles: roles.join(","), password });
  }
  return credentials;
}

async function main() {
  const demo = process.argv.includes("--demo");
  const database = await openDatabase(parseEnv());
  process.env.DATABASE_URL = database.url;
  try {
    await migrateIfNeeded(database.url);
    const admin = await ensureFirstAdmin();
    await ensureCaseTemplates();
    if (admin) console.log(`Created the first administrator: ${admin.email} / ${admin.password} (one-time)`);
    if (demo) {
      const credentials = await seedDemoUsers();
      console.log("Demo users (passwords are new on every seed):");
      console.table(credentials);
    } else if (!admin) {
      console.log("Nothing to seed: users exist. Use `npm run db:seed -- --demo` for demo users.");
    }
  } finally {
    await disconnectDb();
    await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`Seeding failed: ${error?.message ?? error}`);
    process.exit(1);
  },
);

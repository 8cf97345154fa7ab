// Helpers for tests that work on the database directly, through the app's own operations.
import { randomUUID } from "node:crypto";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { db } from "@/lib/db";
import { systemViewer, type UserViewer } from "@/lib/auth/viewer";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { createUser } from "@/lib/users/create-user";

export const ROOT = path.resolve(__dirname, "..", "..");

export const uniqueEmail = (prefix = "user") => `${prefix}-${randomUUID().slice(0, 8)}@example.com`;

/** A user with a known password; `ready` skips the forced password change at first sign-in. */
export async function makeUser(roles: Role[] = [], password = "correct horse battery staple", options: { ready?: boolean } = {}) {
  const email = uniqueEmail(roles[0]?.toLowerCase() ?? "employee");
  const { user } = await createUser({ viewer: systemViewer(), input: { email, name: `Test ${email}`, roles, password } });
  if (options.ready) await db.user.update({ where: { id: user.id }, data: { mustChangePassword: false } });
  return { ...user, password };
}

/** A user of these roles, as the viewer operations take. */
export async function makeViewer(roles: Role[] = []): Promise<UserViewer> {
  const u = await makeUser(roles);
  return { kind: "user", id: u.id, email: u.email, name: u.name, roles: u.roles };
}

/** Runs `npm run countersign -- <args>` as a user would (through tsx), on DATABASE_URL. */
export function runCli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/main.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * An alert as the detections would have raised it, `minutesAgo` minutes ago (30 by default), with
 * a unique title and dedup key; `data` overrides any column (events, context, status, …).
 */
export async function makeAlert({ minutesAgo = 30, ...data }: Partial<Prisma.AlertUncheckedCreateInput> & { minutesAgo?: number } = {}) {
  const at = new Date(Date.now() - minutesAgo * 60_000);
  const key = randomUUID().slice(0, 12);
  return db.alert.create({
    data: {
      ruleId: "Tailscale.Audit.HTTPSDisabled",
      severity: "HIGH",
      title: `Test alert ${key}`,
      dedupKey: `test-${key}`,
      firstSeenAt: at,
      lastSeenAt: at,
      dedupUntil: new Date(at.getTime() + 86_400_000),
      eventCount: 1,
      context: {},
      matchedFields: [],
      ...data,
    },
  });
}

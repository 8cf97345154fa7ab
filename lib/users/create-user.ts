import "server-only";
// Creates an account. Without a password, a one-time password is generated and must be
// changed at first sign-in.
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { appendAudit } from "@/lib/audit/append-audit";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { assertCan, normalizeRoles } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { publicUser } from "./find-user";
import { ZUserCreate, type UserCreate } from "./schemas";

export async function createUser({ viewer, input }: { viewer: Viewer; input: UserCreate }) {
  assertCan(viewer, "users.manage");
  const data = parseInput(ZUserCreate, input);
  const password = data.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const roles = normalizeRoles(data.roles);
  const user = await db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: data.email }, select: { id: true } })) {
      throw new AppError("CONFLICT", `A user with the email ${data.email} already exists.`);
    }
    const created = await tx.user.create({
      data: { email: data.email, name: data.name, roles, passwordHash, mustChangePassword: true },
    });
    await appendAudit(tx, viewer, { action: "user.create", targetType: "User", targetId: created.id, after: publicUser(created) });
    return created;
  });
  return { user: publicUser(user), password, generated: data.password === undefined };
}

import "server-only";
// Role changes, disabling, enabling, unlocking and password resets by an administrator.
// Each ends the user's sessions where it changes what they may do, and never leaves the
// app without an active administrator.
import { db, type Tx } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { appendAudit } from "@/lib/audit/append-audit";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { assertCan, normalizeRoles } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { getUserOrThrow, publicUser } from "./find-user";
import { ZRoles } from "./schemas";

async function assertAnotherAdminRemains(tx: Tx, userId: string) {
  const others = await tx.user.count({ where: { id: { not: userId }, disabledAt: null, roles: { has: "ADMIN" } } });
  if (others === 0) throw new AppError("CONFLICT", "This is the last active administrator: make someone else ADMIN first.");
}

export async function setUserRoles({ viewer, user: key, roles }: { viewer: Viewer; user: string; roles: Role[] }) {
  assertCan(viewer, "users.manage");
  const next = normalizeRoles(parseInput(ZRoles, roles));
  const before = await getUserOrThrow(key);
  return db.$transaction(async (tx) => {
    if (before.roles.includes("ADMIN") && !next.includes("ADMIN") && !before.disabledAt) {
      await assertAnotherAdminRemains(tx, before.id);
    }
    const after = await tx.user.update({
      where: { id: before.id },
      data: { roles: next, sessionVersion: { increment: 1 } },
    });
    await appendAudit(tx, viewer, {
      action: "user.set_roles",
      targetType: "User",
      targetId: before.id,
      before: { roles: before.roles },
      after: { roles: after.roles },
    });
    return publicUser(after);
  });
}

export async function setUserDisabled({ viewer, user: key, disabled }: { viewer: Viewer; user: string; disabled: boolean }) {
  assertCan(viewer, "users.manage");
  const before = await getUserOrThrow(key);
  if (disabled && viewer.kind === "user" && viewer.id === before.id) {
    throw new AppError("CONFLICT", "You cannot disable your own account.");
  }
  return db.$transaction(async (tx) => {
    if (disabled && before.roles.includes("ADMIN")) await assertAnotherAdminRemains(tx, before.id);
    const after = await tx.user.update({
      where: { id: before.id },
      data: { disabledAt: disabled ? (before.disabledAt ?? new Date()) : null, sessionVersion: { increment: 1 } },
    });
    await appendAudit(tx, viewer, {
      action: disabled ? "user.disable" : "user.enable",
      targetType: "User",
      targetId: before.id,
      before: { disabledAt: before.disabledAt },
      after: { disabledAt: after.disabledAt },
    });
    return publicUser(after);
  });
}

export async function unlockUser({ viewer, user: key }: { viewer: Viewer; user: string }) {
  assertCan(viewer, "users.manage");
  const before = await getUserOrThrow(key);
  return db.$transaction(async (tx) => {
    const after = await tx.user.update({
      where: { id: before.id },
      data: { lockedUntil: null, failedSignInCount: 0, firstFailedSignInAt: null },
    });
    await appendAudit(tx, viewer, {
      action: "user.unlock",
      targetType: "User",
      targetId: before.id,
      before: { lockedUntil: before.lockedUntil },
      after: { lockedUntil: null },
    });
    return publicUser(after);
  });
}

/** Sets a one-time password the user must change at next sign-in; returns it once. */
export async function resetUserPassword({ viewer, user: key }: { viewer: Viewer; user: string }) {
  assertCan(viewer, "users.manage");
  const before = await getUserOrThrow(key);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: before.id },
      data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 }, lockedUntil: null, failedSignInCount: 0 },
    });
    await appendAudit(tx, viewer, { action: "user.reset_password", targetType: "User", targetId: before.id });
  });
  return { user: publicUser(before), password };
}

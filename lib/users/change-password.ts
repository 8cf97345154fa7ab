import "server-only";
// A signed-in user changes their own password.
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { appendAudit } from "@/lib/audit/append-audit";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Viewer } from "@/lib/auth/viewer";
import { ZPasswordChange } from "./schemas";

export async function changePassword({ viewer, input }: { viewer: Viewer; input: unknown }) {
  if (viewer.kind !== "user") throw new AppError("FORBIDDEN", "Only a person can change their password.");
  const data = parseInput(ZPasswordChange, input);
  const user = await db.user.findUnique({ where: { id: viewer.id } });
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, data.currentPassword))) {
    throw new AppError("INVALID_INPUT", "Your current password is not correct.", {
      fieldErrors: { currentPassword: ["Your current password is not correct."] },
    });
  }
  const passwordHash = await hashPassword(data.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
    });
    await appendAudit(tx, viewer, { action: "user.change_password", targetType: "User", targetId: user.id });
  });
}

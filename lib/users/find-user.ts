import "server-only";
// Looking up users by id or email for the operations that manage them.
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";

export async function getUserOrThrow(idOrEmail: string) {
  const key = idOrEmail.trim();
  const user = await db.user.findFirst({ where: key.includes("@") ? { email: key.toLowerCase() } : { id: key } });
  if (!user) throw notFound("user");
  return user;
}

/** The fields of a user that may be shown and audited (never the password hash). */
export function publicUser(user: {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  disabledAt: Date | null;
  lockedUntil?: Date | null;
  mustChangePassword?: boolean;
  lastSignInAt?: Date | null;
  createdAt?: Date;
}) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    disabledAt: user.disabledAt,
    lockedUntil: user.lockedUntil ?? null,
    mustChangePassword: user.mustChangePassword ?? false,
    lastSignInAt: user.lastSignInAt ?? null,
    createdAt: user.createdAt,
  };
}

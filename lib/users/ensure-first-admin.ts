import "server-only";
// First run: with no users at all, create an administrator (ADMIN + SECURITY) with a one-time
// password, printed once by the launcher.
import { db } from "@/lib/db";
import { systemViewer } from "@/lib/auth/viewer";
import { createUser } from "./create-user";

export const FIRST_ADMIN_EMAIL = "admin@countersign.local";

export async function ensureFirstAdmin(email = FIRST_ADMIN_EMAIL) {
  if ((await db.user.count()) > 0) return null;
  const { user, password } = await createUser({
    viewer: systemViewer("system"),
    input: { email, name: "Administrator", roles: ["ADMIN", "SECURITY"] },
  });
  return { email: user.email, password };
}

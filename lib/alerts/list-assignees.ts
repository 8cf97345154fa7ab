import "server-only";
// People an alert may be assigned to: the security team, enabled accounts.
import { db } from "@/lib/db";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";

export async function listAssignees({ viewer }: { viewer: Viewer }) {
  assertCan(viewer, "alerts.read");
  return db.user.findMany({ where: { roles: { has: "SECURITY" }, disabledAt: null }, select: { id: true, name: true, email: true }, orderBy: { name: "asc" } });
}


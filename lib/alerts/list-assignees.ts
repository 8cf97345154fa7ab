import "server-only";
// People an alert may be assigned to: enabled accounts that may work alerts (the security team).
import { db } from "@/lib/db";
import { assertCan, usersWithPermissionWhere } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";

export async function listAssignees({ viewer }: { viewer: Viewer }) {
  assertCan(viewer, "alerts.read");
  return db.user.findMany({ where: usersWithPermissionWhere("alerts.work"), select: { id: true, name: true, email: true }, orderBy: { name: "asc" } });
}


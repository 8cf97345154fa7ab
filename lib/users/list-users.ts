import "server-only";
import { db } from "@/lib/db";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { publicUser } from "./find-user";

export async function listUsers({ viewer }: { viewer: Viewer }) {
  assertCan(viewer, "users.manage");
  const users = await db.user.findMany({ orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { email: "asc" }] });
  return users.map(publicUser);
}

export async function countUsers(): Promise<number> {
  return db.user.count();
}

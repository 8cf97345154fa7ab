import "server-only";
// The queue's live counter: open alerts raised since the page was loaded.
import { db } from "@/lib/db";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";

export async function countNewAlerts({ viewer, since }: { viewer: Viewer; since: Date }) {
  assertCan(viewer, "alerts.read");
  return { count: await db.alert.count({ where: { status: "OPEN", createdAt: { gt: since } } }), at: new Date().toISOString() };
}

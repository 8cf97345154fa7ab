import "server-only";
// The ingest sources by name, for the explorers' "source" filter (no tokens, no errors).
import { db } from "@/lib/db";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";

export async function listLogSources({ viewer }: { viewer: Viewer }): Promise<{ id: number; name: string }[]> {
  assertCan(viewer, "logs.read");
  return db.ingestSource.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}

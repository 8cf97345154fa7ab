import "server-only";
// Alerts raised per UTC day and severity over the last days, for the queue's chart.
import { db } from "@/lib/db";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { SEVERITIES, type Severity } from "@/lib/detections/severity";

export type DayCounts = { day: string } & Record<Severity, number>;

export async function countAlertsByDay({ viewer, days = 14, now = new Date() }: { viewer: Viewer; days?: number; now?: Date }): Promise<DayCounts[]> {
  assertCan(viewer, "alerts.read");
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const start = new Date(today - (days - 1) * 86_400_000);
  const rows = await db.$queryRaw<{ day: string; severity: Severity; n: bigint }[]>`
    SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, severity::text AS severity, count(*) AS n
    FROM alerts WHERE created_at >= ${start} GROUP BY 1, 2`;
  const out: DayCounts[] = [];
  for (let i = 0; i < days; i++) {
    const day = new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    out.push({ day, ...(Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>) });
  }
  const index = new Map(out.map((d) => [d.day, d]));
  for (const r of rows) {
    const d = index.get(r.day);
    if (d) d[r.severity] += Number(r.n);
  }
  return out;
}

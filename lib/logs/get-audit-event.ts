import "server-only";
// One audit event in full (old and new values whole, fields we keep no column for), the other
// records of the same operation (Tailscale's event group), and for a policy file change the
// line diff of the two texts.
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { auditEventColumns, toAuditEventView, type AuditEventRow, type AuditEventView } from "./audit-event-row";
import { lineDiff, type LineDiff } from "./line-diff";

const GROUP_LIMIT = 50;

export async function getAuditEventOrThrow({ viewer, id }: { viewer: Viewer; id: string }) {
  assertCan(viewer, "logs.read");
  // Ids are positive bigints; anything else cannot name an event.
  if (!/^\d{1,19}$/.test(id) || BigInt(id) > 2n ** 63n - 1n) throw notFound("audit event");
  const [row] = await db.$queryRaw<AuditEventRow[]>`SELECT ${auditEventColumns("full")} FROM audit_events WHERE id = ${BigInt(id)} LIMIT 1`;
  if (!row) throw notFound("audit event");
  const event = toAuditEventView(row);
  const group = row.event_group_id
    ? (
        await db.$queryRaw<AuditEventRow[]>`
          SELECT ${auditEventColumns("preview")} FROM audit_events
          WHERE event_group_id = ${row.event_group_id} AND id <> ${row.id}
            AND event_time BETWEEN ${new Date(Date.parse(event.eventTime) - 86_400_000)} AND ${new Date(Date.parse(event.eventTime) + 86_400_000)}
          ORDER BY event_time, id LIMIT ${GROUP_LIMIT}`
      ).map(toAuditEventView)
    : [];
  return { event, group, policyDiff: policyDiff(event) };
}

/** A change of the policy file (property ACL): old and new are the whole HuJSON texts; either may be missing. */
export function policyDiff(event: Pick<AuditEventView, "target" | "old" | "new">): LineDiff | null {
  const isText = (v: unknown) => typeof v === "string" || v === null;
  if (event.target.property !== "ACL" || !isText(event.old) || !isText(event.new) || (event.old === null && event.new === null)) return null;
  return lineDiff((event.old as string | null) ?? "", (event.new as string | null) ?? "");
}

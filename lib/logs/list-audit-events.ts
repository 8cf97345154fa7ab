import "server-only";
// The Tailscale configuration audit log, filtered, newest first, a page at a time. Pages follow
// a cursor rather than counting: the table is partitioned by day and may hold years of events.
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { auditEventColumns, toAuditEventView, type AuditEventRow } from "./audit-event-row";
import { encodeCursor, LOG_PAGE_SIZE, timeBounds, type AuditEventFilter } from "./filters";
import { afterCursor, containsPattern, whereAll } from "./sql";

function conditions(filter: AuditEventFilter, now: Date): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  const { from, until } = timeBounds(filter, now);
  if (from) where.push(Prisma.sql`event_time >= ${from}`);
  if (until) where.push(Prisma.sql`event_time < ${until}`);
  if (filter.before) where.push(afterCursor("event_time", "id", filter.before));
  if (filter.action) where.push(Prisma.sql`action = ${filter.action}`);
  if (filter.origin) where.push(Prisma.sql`origin = ${filter.origin}`);
  if (filter.targetType) where.push(Prisma.sql`target_type = ${filter.targetType}`);
  if (filter.property) where.push(Prisma.sql`target_property = ${filter.property}`);
  if (filter.actorType) where.push(Prisma.sql`actor_type = ${filter.actorType}`);
  if (filter.eventGroup) where.push(Prisma.sql`event_group_id = ${filter.eventGroup}`);
  if (filter.failed === "true") where.push(Prisma.sql`error IS NOT NULL`);
  if (filter.failed === "false") where.push(Prisma.sql`error IS NULL`);
  if (filter.actor) {
    const p = containsPattern(filter.actor);
    where.push(Prisma.sql`(actor_login ILIKE ${p} OR actor_name ILIKE ${p} OR actor_id = ${filter.actor})`);
  }
  if (filter.target) {
    const p = containsPattern(filter.target);
    where.push(Prisma.sql`(target_id = ${filter.target} OR target_name ILIKE ${p})`);
  }
  if (filter.q) {
    const p = containsPattern(filter.q);
    where.push(
      Prisma.sql`(actor_login ILIKE ${p} OR actor_name ILIKE ${p} OR actor_id = ${filter.q} OR target_id ILIKE ${p} OR target_name ILIKE ${p} OR action_details ILIKE ${p} OR error ILIKE ${p})`,
    );
  }
  return where;
}

export async function listAuditEvents({ viewer, filter, values = "preview", now = new Date() }: { viewer: Viewer; filter: AuditEventFilter; values?: "full" | "preview"; now?: Date }) {
  assertCan(viewer, "logs.read");
  const limit = filter.limit ?? LOG_PAGE_SIZE;
  const rows = await db.$queryRaw<AuditEventRow[]>`
    SELECT ${auditEventColumns(values)} FROM audit_events ${whereAll(conditions(filter, now))}
    ORDER BY event_time DESC, id DESC LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    events: page.map(toAuditEventView),
    nextCursor: rows.length > limit && last ? encodeCursor({ micros: BigInt(last.micros), key: BigInt(last.id) }) : null,
  };
}

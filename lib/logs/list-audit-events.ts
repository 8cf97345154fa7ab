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

/**
 * Every text `q` looks in, joined by a separator no filter accepts (control characters are
 * refused) so a match cannot span two fields. The same expression as the trigram index
 * audit_events_search_trgm_idx (migration explorer_indexes): change both or neither.
 */
const AUDIT_SEARCH_TEXT = Prisma.raw(
  `(coalesce(actor_login, '') || E'\\x1f' || coalesce(actor_name, '') || E'\\x1f' || coalesce(actor_id, '') || E'\\x1f' || ` +
    `coalesce(target_id, '') || E'\\x1f' || coalesce(target_name, '') || E'\\x1f' || coalesce(action_details, '') || E'\\x1f' || coalesce(error, ''))`,
);

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
  if (filter.targetId) where.push(Prisma.sql`target_id = ${filter.targetId}`);
  if (filter.source) where.push(Prisma.sql`source_id = ${filter.source}`);
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
  if (filter.q) where.push(Prisma.sql`${AUDIT_SEARCH_TEXT} ILIKE ${containsPattern(filter.q)}`);
  return where;
}

/** The page's query, one row more than the page to tell whether there is a next one. */
function pageQuery(filter: AuditEventFilter, values: "full" | "preview", now: Date, newerThan?: Date): Prisma.Sql {
  const where = conditions(filter, now);
  if (newerThan) where.push(Prisma.sql`event_time >= ${newerThan}`);
  return Prisma.sql`
    SELECT ${auditEventColumns(values)} FROM audit_events ${whereAll(where)}
    ORDER BY audit_events.event_time DESC, audit_events.id DESC LIMIT ${(filter.limit ?? LOG_PAGE_SIZE) + 1}`;
}

const RECENT_MS = 86_400_000;

/**
 * How a page is read (exported for the benchmark). PostgreSQL cannot tell how many rows a
 * "contains" filter (actor, target, q) matches, and guesses many: it then walks the time index
 * newest first, which is instant when matches are common and reads the whole table when there
 * are none. So with such a filter the newest day before the page is read first; if it holds a
 * full page, that is the page. Otherwise matches are few, and the whole range is read through
 * the trigram indexes only (bitmap scans, no walk of the time index) and sorted.
 */
export function auditPagePlan(filter: AuditEventFilter, values: "full" | "preview", now: Date): { recent: Prisma.Sql | null; all: Prisma.Sql; bitmapOnly: boolean } {
  const all = pageQuery(filter, values, now);
  if (!filter.actor && !filter.target && !filter.q) return { recent: null, all, bitmapOnly: false };
  const { from, until } = timeBounds(filter, now);
  const top = filter.before ? new Date(Number(filter.before.micros / 1000n)) : (until ?? now);
  const newerThan = new Date(top.getTime() - RECENT_MS);
  if (from && from >= newerThan) return { recent: null, all, bitmapOnly: false };
  return { recent: pageQuery(filter, values, now, newerThan), all, bitmapOnly: true };
}

async function readPage(filter: AuditEventFilter, values: "full" | "preview", now: Date): Promise<AuditEventRow[]> {
  const plan = auditPagePlan(filter, values, now);
  if (plan.recent) {
    const recent = await db.$queryRaw<AuditEventRow[]>(plan.recent);
    if (recent.length > (filter.limit ?? LOG_PAGE_SIZE)) return recent;
  }
  if (!plan.bitmapOnly) return db.$queryRaw<AuditEventRow[]>(plan.all);
  const [, rows] = await db.$transaction([db.$executeRaw`SET LOCAL enable_indexscan = off`, db.$queryRaw<AuditEventRow[]>(plan.all)]);
  return rows;
}

export async function listAuditEvents({ viewer, filter, values = "preview", now = new Date() }: { viewer: Viewer; filter: AuditEventFilter; values?: "full" | "preview"; now?: Date }) {
  assertCan(viewer, "logs.read");
  const limit = filter.limit ?? LOG_PAGE_SIZE;
  const rows = await readPage(filter, values, now);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    events: page.map(toAuditEventView),
    nextCursor: rows.length > limit && last ? encodeCursor({ micros: BigInt(last.micros), key: BigInt(last.id) }) : null,
  };
}

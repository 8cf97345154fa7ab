import "server-only";
// The alert queue: alerts filtered, sorted (newest, most severe, oldest) and paged by a keyset
// cursor, with the count of each status under the same filters for the queue's tabs.
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { timeBounds } from "@/lib/logs/filters";
import { containsPattern, whereAll } from "@/lib/logs/sql";
import { ALERT_SELECT, toAlertView } from "./alert-view";
import { ALERT_PAGE_SIZE, ALERT_STATUSES, encodeAlertCursor, type AlertCursor, type AlertFilter, type AlertSort, type AlertStatusName } from "./schemas";

const RANK = Prisma.raw(`(array_position(ARRAY['INFO','LOW','MEDIUM','HIGH','CRITICAL'], severity::text) - 1)`);
const MICROS = Prisma.raw(`(extract(epoch from last_seen_at) * 1000000)::bigint`);
const cursorTime = (c: AlertCursor) => Prisma.sql`(timestamptz 'epoch' + ${c.micros}::bigint * interval '1 microsecond')`;

function conditions(filter: AlertFilter, now: Date, { withStatus = true } = {}): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  const { from, until } = timeBounds({ range: filter.range, from: filter.since ?? filter.from, to: filter.to }, now);
  if (from) where.push(Prisma.sql`last_seen_at >= ${from}`);
  if (until) where.push(Prisma.sql`last_seen_at < ${until}`);
  if (withStatus && filter.status?.length) where.push(Prisma.sql`status::text = ANY(${filter.status})`);
  if (filter.severity?.length) where.push(Prisma.sql`severity::text = ANY(${filter.severity})`);
  if (filter.rule) where.push(Prisma.sql`rule_id = ${filter.rule}`);
  if (filter.user) where.push(Prisma.sql`user_login ILIKE ${containsPattern(filter.user)}`);
  if (filter.q) where.push(Prisma.sql`title ILIKE ${containsPattern(filter.q)}`);
  if (filter.device) {
    const p = containsPattern(filter.device);
    where.push(Prisma.sql`(device_node_id = ${filter.device} OR (entity_type = 'device' AND entity = ${filter.device})
      OR device_node_id IN (SELECT node_id FROM devices WHERE name ILIKE ${p}))`);
  }
  return where;
}

function order(sort: AlertSort) {
  if (sort === "oldest") return Prisma.sql`ORDER BY last_seen_at ASC, id ASC`;
  if (sort === "severity") return Prisma.sql`ORDER BY ${RANK} DESC, last_seen_at DESC, id DESC`;
  return Prisma.sql`ORDER BY last_seen_at DESC, id DESC`;
}

function after(sort: AlertSort, c: AlertCursor) {
  if (sort === "oldest") return Prisma.sql`(last_seen_at, id) > (${cursorTime(c)}, ${c.id})`;
  if (sort === "severity") return Prisma.sql`(${RANK}, last_seen_at, id) < (${c.rank}, ${cursorTime(c)}, ${c.id})`;
  return Prisma.sql`(last_seen_at, id) < (${cursorTime(c)}, ${c.id})`;
}

export async function listAlerts({ viewer, filter, now = new Date() }: { viewer: Viewer; filter: AlertFilter; now?: Date }) {
  assertCan(viewer, "alerts.read");
  const sort = filter.sort ?? "newest";
  const limit = filter.limit ?? ALERT_PAGE_SIZE;
  const where = conditions(filter, now);
  if (filter.before) where.push(after(sort, filter.before));
  const [rows, counts] = await Promise.all([
    db.$queryRaw<{ id: number; rank: number; micros: bigint }[]>`
      SELECT id, ${RANK} AS rank, ${MICROS} AS micros FROM alerts ${whereAll(where)} ${order(sort)} LIMIT ${limit + 1}`,
    db.$queryRaw<{ status: AlertStatusName; n: bigint }[]>`
      SELECT status::text AS status, count(*) AS n FROM alerts ${whereAll(conditions(filter, now, { withStatus: false }))} GROUP BY status`,
  ]);
  const page = rows.slice(0, limit);
  const found = await db.alert.findMany({ where: { id: { in: page.map((r) => r.id) } }, select: ALERT_SELECT });
  const byId = new Map(found.map((a) => [a.id, a]));
  const last = page.at(-1);
  const statusCounts = Object.fromEntries(ALERT_STATUSES.map((s) => [s, 0])) as Record<AlertStatusName, number>;
  for (const c of counts) statusCounts[c.status] = Number(c.n);
  return {
    alerts: page.flatMap((r) => (byId.has(r.id) ? [toAlertView(byId.get(r.id)!)] : [])),
    nextCursor: rows.length > limit && last ? encodeAlertCursor({ rank: sort === "severity" ? Number(last.rank) : 0, micros: BigInt(last.micros), id: last.id }) : null,
    statusCounts,
  };
}

import "server-only";
// The WHERE of every flow query (the list, the totals, the top talkers, the chart), so the
// numbers above the table always describe the rows in it. The start of the window is always
// bound: PostgreSQL then reads only the daily partitions of the range.
import { Prisma } from "@/lib/generated/prisma/client";
import { flowTimeBounds, type Cursor, type FlowSummaryFilter } from "./filters";
import { afterCursor } from "./sql";

export function flowConditions(filter: FlowSummaryFilter & { before?: Cursor }, now: Date): { where: Prisma.Sql; from: Date; until?: Date } {
  const { from, until } = flowTimeBounds(filter, now);
  const where: Prisma.Sql[] = [Prisma.sql`f.window_start >= ${from}`];
  if (until) where.push(Prisma.sql`f.window_start < ${until}`);
  if (filter.before) where.push(afterCursor("f.window_start", "f.entry_hash", filter.before));
  if (filter.node) {
    // A node id, or a device's name (whole, or its first label: "laptop" for laptop.tail1234.ts.net).
    const name = filter.node.toLowerCase();
    where.push(Prisma.sql`(f.node_id = ${filter.node} OR f.node_id IN (SELECT node_id FROM devices WHERE lower(name) = ${name} OR split_part(lower(name), '.', 1) = ${name}))`);
  }
  if (filter.kind) where.push(Prisma.sql`f.kind = ${filter.kind}::"FlowKind"`);
  if (filter.proto !== undefined) where.push(Prisma.sql`f.proto = ${filter.proto}::smallint`);
  if (filter.ip) where.push(Prisma.sql`(f.src_ip <<= ${filter.ip}::inet OR f.dst_ip <<= ${filter.ip}::inet)`);
  if (filter.src) where.push(Prisma.sql`f.src_ip <<= ${filter.src}::inet`);
  if (filter.dst) where.push(Prisma.sql`f.dst_ip <<= ${filter.dst}::inet`);
  if (filter.port !== undefined) where.push(Prisma.sql`(f.src_port = ${filter.port} OR f.dst_port = ${filter.port})`);
  return { where: Prisma.sql`WHERE ${Prisma.join(where, " AND ")}`, from, until };
}

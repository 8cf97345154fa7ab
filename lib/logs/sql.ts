import "server-only";
// SQL fragments the log queries share: times as RFC 3339 text with microseconds (a JavaScript
// Date would drop them, and keyset pages would then skip or repeat rows), cursors, LIKE escaping.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Cursor } from "./filters";

/** `column` as `2026-11-21T14:05:00.123456Z`. Column names are ours, never input. */
export const isoTime = (column: string) => Prisma.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

/** Microseconds since the epoch of `column`, exact, for the next page's cursor. */
export const microsOf = (column: string) => Prisma.raw(`(extract(epoch from ${column}) * 1000000)::bigint`);

/** The cursor's time as a timestamptz, exact to the microsecond. */
export const cursorTime = (cursor: Cursor) => Prisma.sql`(timestamptz 'epoch' + ${cursor.micros}::bigint * interval '1 microsecond')`;

/** Rows strictly after the cursor in (time DESC, key DESC) order; the first condition lets the time index narrow the scan. */
export const afterCursor = (timeColumn: string, keyColumn: string, cursor: Cursor) =>
  Prisma.sql`${Prisma.raw(timeColumn)} <= ${cursorTime(cursor)} AND (${Prisma.raw(timeColumn)}, ${Prisma.raw(keyColumn)}) < (${cursorTime(cursor)}, ${cursor.key}::bigint)`;

export const whereAll = (conditions: Prisma.Sql[]) => (conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty);

/** `%text%` for ILIKE, with the user's own % _ and \ taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// Short references people quote (RPT-2026-0042, CASE-2026-0007): a gapless number per year
// and kind, taken from its counter table inside the caller's transaction.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";

const COUNTERS = { RPT: "ReportCounter", CASE: "CaseCounter" } as const;

export async function nextReference(tx: Tx, prefix: keyof typeof COUNTERS, now = new Date()): Promise<string> {
  const year = now.getUTCFullYear();
  const table = Prisma.raw(`"${COUNTERS[prefix]}"`);
  const rows = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO ${table} (year, last) VALUES (${year}, 1)
    ON CONFLICT (year) DO UPDATE SET last = ${table}.last + 1
    RETURNING last`;
  return formatReference(prefix, year, rows[0]!.last);
}

export const formatReference = (prefix: keyof typeof COUNTERS, year: number, n: number): string => `${prefix}-${year}-${String(n).padStart(4, "0")}`;

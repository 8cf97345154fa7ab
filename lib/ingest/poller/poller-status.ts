import "server-only";
// What the poller's settings page shows per log type (cursor, last run, records, last error),
// and "Poll now": one run at once, whatever the interval, for an administrator.
import { db } from "@/lib/db";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { pollTailscale, type PollOptions, type PollOutcome } from "./run-poll";
import { LOG_TYPES, type LogType } from "./schedule";

export type CursorView = { logType: LogType; cursor: Date | null; lastRunAt: Date | null; lastCount: number; lastError: string | null; retryAt: Date | null };

export async function listPollerCursors({ viewer }: { viewer: Viewer }): Promise<CursorView[]> {
  assertCan(viewer, "settings.manage");
  const rows = await db.pollerCursor.findMany();
  return LOG_TYPES.map((logType) => {
    const row = rows.find((r) => r.logType === logType);
    return { logType, cursor: row?.cursor ?? null, lastRunAt: row?.lastRunAt ?? null, lastCount: row?.lastCount ?? 0, lastError: row?.lastError ?? null, retryAt: row?.retryAt ?? null };
  });
}

export async function pollNow({ viewer, options = {} }: { viewer: Viewer; options?: Omit<PollOptions, "force"> }): Promise<PollOutcome> {
  assertCan(viewer, "settings.manage");
  const outcome = await pollTailscale({ ...options, force: true });
  await db.$transaction((tx) =>
    appendAudit(tx, viewer, {
      action: "ingest.tailscale_poll_now",
      targetType: "PollerCursor",
      after: { status: outcome.status, types: outcome.types.map(({ logType, status, read, stored, duplicates }) => ({ logType, status, read, stored, duplicates })) },
    }),
  );
  return outcome;
}

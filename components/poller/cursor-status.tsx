// Where each log type stands: its cursor, the last run, what it brought, and the last error.
import { Badge } from "@/components/ui/badge";
import { formatDateTimeSeconds } from "@/lib/format";

export type CursorStatusRow = { logType: string; cursor: Date | null; lastRunAt: Date | null; lastCount: number; lastError: string | null; retryAt: Date | null };

const LABEL: Record<string, string> = { configuration: "Configuration audit logs", network: "Network flow logs" };

export function CursorStatus({ rows, polled }: { rows: CursorStatusRow[]; polled: string[] }) {
  return (
    <div className="divide-y divide-zinc-200 dark:divide-zinc-800">
      {rows.map((row) => {
        const isPolled = polled.includes(row.logType);
        const badge = !isPolled ? <Badge>not polled</Badge> : row.lastError ? <Badge tone="danger">error</Badge> : row.lastRunAt ? <Badge tone="success">ok</Badge> : <Badge tone="info">waiting for the first run</Badge>;
        return (
          <section key={row.logType} aria-labelledby={`cursor-${row.logType}`} className="py-4 first:pt-0 last:pb-0">
            <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
              <h3 id={`cursor-${row.logType}`} className="text-sm font-semibold">{LABEL[row.logType] ?? row.logType}</h3>
              {badge}
            </div>
            <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
              <dt className="text-zinc-500 dark:text-zinc-400">Cursor</dt>
              <dd>{row.cursor ? formatDateTimeSeconds(row.cursor) : "not started"}</dd>
              <dt className="text-zinc-500 dark:text-zinc-400">Last run</dt>
              <dd>{row.lastRunAt ? formatDateTimeSeconds(row.lastRunAt) : "never"}</dd>
              <dt className="text-zinc-500 dark:text-zinc-400">Records last run</dt>
              <dd>{row.lastCount.toLocaleString("en")}</dd>
              {row.retryAt && row.retryAt > new Date() ? (
                <>
                  <dt className="text-zinc-500 dark:text-zinc-400">Next try</dt>
                  <dd>not before {formatDateTimeSeconds(row.retryAt)} (Tailscale asked to wait)</dd>
                </>
              ) : null}
              {row.lastError ? (
                <>
                  <dt className="text-zinc-500 dark:text-zinc-400">Last error</dt>
                  <dd className="break-words text-red-700 dark:text-red-400">{row.lastError}</dd>
                </>
              ) : null}
            </dl>
          </section>
        );
      })}
    </div>
  );
}

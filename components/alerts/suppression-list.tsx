// Suppressions as a short list: what is silenced, until when, why, by whom, how much it caught.
import type { ReactNode } from "react";
import { LogTime } from "@/components/logs/log-time";
import type { SuppressionView } from "@/lib/alerts/get-alert";

export function SuppressionList({ suppressions, action }: { suppressions: SuppressionView[]; action?: (s: SuppressionView) => ReactNode }) {
  return (
    <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
      {suppressions.map((s) => (
        <li key={s.id} className="flex flex-wrap items-start justify-between gap-2 py-2">
          <div className="min-w-0">
            <p>
              <span className="text-zinc-500 dark:text-zinc-400">{s.entityType}</span> <bdi className="font-mono text-xs">{s.entity}</bdi>
            </p>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              Until <LogTime iso={s.expiresAt} /> UTC · {s.silencedCount} silenced{s.createdBy ? ` · by ${s.createdBy}` : ""}
            </p>
            <p className="mt-0.5 break-words">{s.reason}</p>
          </div>
          {action?.(s)}
        </li>
      ))}
    </ul>
  );
}

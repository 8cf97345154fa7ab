// This case's entries on the hash-chained audit trail, newest first, with what changed.
import { EmptyState } from "@/components/ui/empty-state";

export type AuditRow = { seq: number; createdAt: string; actorLabel: string; action: string; before: unknown; after: unknown };

const LABELS: Record<string, string> = {
  "case.create": "Case opened",
  "case.update": "Case edited",
  "case.status": "Status changed",
  "case.link_alerts": "Alerts linked",
  "case.timeline_note": "Timeline entry added",
  "case.task_add": "Task added",
  "case.task_update": "Task edited",
  "case.task_done": "Task done",
  "case.task_reopen": "Task reopened",
  "case.task_delete": "Task removed",
  "case.task_reorder": "Tasks reordered",
  "case.task_comment": "Task comment",
  "case.template_apply": "Template applied",
  "case.observable_add": "Observable added",
  "case.observable_remove": "Observable removed",
  "case.comment": "Comment posted",
};

const label = (action: string) => LABELS[action] ?? action.replace(/^case\./, "").replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());

export function ActivityAuditList({ rows }: { rows: AuditRow[] }) {
  if (!rows.length) return <EmptyState title="Nothing recorded yet" />;
  return (
    <ol className="grid gap-2" aria-label="Audit trail of this case">
      {rows.map((r) => {
        const detail = [r.before ? `before: ${JSON.stringify(r.before)}` : null, r.after ? `after: ${JSON.stringify(r.after)}` : null].filter(Boolean).join("\n");
        return (
          <li key={r.seq} className="rounded-md border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800" data-testid="audit-row">
            <div className="flex flex-wrap items-baseline gap-x-2">
              <span className="font-medium text-zinc-900 dark:text-zinc-100">{label(r.action)}</span>
              <span className="break-all text-zinc-600 dark:text-zinc-400">{r.actorLabel}</span>
              <time dateTime={r.createdAt} className="ml-auto text-xs tabular-nums text-zinc-500 dark:text-zinc-400">
                {r.createdAt.slice(0, 19).replace("T", " ")} UTC · #{r.seq}
              </time>
            </div>
            {detail ? (
              <details className="mt-1">
                <summary className="cursor-pointer text-xs text-zinc-500 dark:text-zinc-400">What changed</summary>
                <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-zinc-50 p-2 font-mono text-xs dark:bg-zinc-950/60">{detail}</pre>
              </details>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

// A device's coverage over a window as a strip of cells (CSS grid), one colour per status, each
// cell titled and labelled with its time span and counts; and the legend that explains them.
import { formatInTimeZone } from "date-fns-tz";
import type { Cell, CellStatus } from "@/lib/integrity/coverage";
import { cn } from "@/lib/cn";

export const STATUS_LABEL: Record<CellStatus, string> = {
  countersigned: "Countersigned",
  "one-sided": "One-sided (silent)",
  mismatched: "Mismatched",
  gap: "Gap (not verified)",
  none: "No traffic",
};

export const STATUS_CLASS: Record<CellStatus, string> = {
  countersigned: "bg-emerald-500 dark:bg-emerald-500",
  "one-sided": "bg-amber-400 dark:bg-amber-400",
  mismatched: "bg-red-600 dark:bg-red-500",
  gap: "bg-zinc-300 bg-[repeating-linear-gradient(45deg,transparent_0_3px,rgba(0,0,0,0.12)_3px_5px)] dark:bg-zinc-700 dark:bg-[repeating-linear-gradient(45deg,transparent_0_3px,rgba(255,255,255,0.12)_3px_5px)]",
  none: "bg-zinc-200 dark:bg-zinc-800",
};

const fmt = (d: Date, tz: string) => formatInTimeZone(d, tz, "yyyy-MM-dd HH:mm");

export function cellTitle(c: Cell, tz: string): string {
  const counts = [c.countersigned && `${c.countersigned} countersigned`, c.silent && `${c.silent} silent`, c.peerSilent && `${c.peerSilent} peer silent`, c.mismatched && `${c.mismatched} mismatched`, `${c.entries} own entries`].filter(Boolean).join(", ");
  return `${fmt(c.from, tz)} to ${fmt(c.to, tz)} ${tz}: ${STATUS_LABEL[c.status]} (${counts})`;
}

export function CoverageStrip({ cells, tz, label, cellHref, className }: { cells: Cell[]; tz: string; label: string; cellHref?: (c: Cell) => string | null; className?: string }) {
  return (
    <div role="list" aria-label={label} className={cn("grid h-6 w-full min-w-0 gap-px overflow-hidden rounded-sm", className)} style={{ gridTemplateColumns: `repeat(${cells.length}, minmax(0, 1fr))` }}>
      {cells.map((c) => {
        const title = cellTitle(c, tz);
        const href = cellHref?.(c);
        const cls = cn("block h-full min-w-0", STATUS_CLASS[c.status]);
        return (
          <span role="listitem" key={c.from.getTime()} className="min-w-0" data-status={c.status}>
            {href ? (
              <a href={href} title={title} aria-label={title} className={cn(cls, "focus-visible:outline-2 focus-visible:outline-indigo-500 hover:opacity-75")} />
            ) : (
              <span title={title} aria-label={title} className={cls} />
            )}
          </span>
        );
      })}
    </div>
  );
}

export function CoverageLegend() {
  return (
    <ul aria-label="Legend" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
      {(Object.keys(STATUS_LABEL) as CellStatus[]).map((s) => (
        <li key={s} className="flex items-center gap-1.5">
          <span aria-hidden className={cn("inline-block size-3 rounded-sm", STATUS_CLASS[s])} />
          {STATUS_LABEL[s]}
        </li>
      ))}
    </ul>
  );
}

export function StripAxis({ from, to, tz }: { from: Date; to: Date; tz: string }) {
  return (
    <div className="flex justify-between text-[11px] text-zinc-500 dark:text-zinc-400" aria-hidden>
      <span>{fmt(from, tz)}</span>
      <span>{fmt(to, tz)} {tz}</span>
    </div>
  );
}

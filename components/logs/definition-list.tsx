// Label / value pairs of one record, two columns on wide screens.
import type { ReactNode } from "react";

export function DefinitionList({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
      {items
        .filter(([, value]) => value !== null && value !== undefined && value !== "")
        .map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-zinc-500 dark:text-zinc-400">{label}</dt>
            <dd className="min-w-0 break-words text-zinc-900 dark:text-zinc-100">{value}</dd>
          </div>
        ))}
    </dl>
  );
}

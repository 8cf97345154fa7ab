// Link tabs: a labelled nav of links, the current one underlined and marked with aria-current.
import type { ReactNode } from "react";
import Link from "next/link";
import { cn } from "@/lib/cn";

export function TabNav({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <nav aria-label={label} className={cn("mb-4 flex gap-1 overflow-x-auto border-b border-zinc-200 dark:border-zinc-800", className)}>
      {children}
    </nav>
  );
}

/** One tab; `count` shows as a small pill after the label. */
export function TabLink({ href, active, count, children }: { href: string; active: boolean; count?: number; children: ReactNode }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "-mb-px flex shrink-0 items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500",
        active ? "border-indigo-600 text-zinc-900 dark:border-indigo-400 dark:text-zinc-50" : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
      )}
    >
      {children}
      {count === undefined ? null : <span className="rounded-full bg-zinc-100 px-1.5 text-xs tabular-nums text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">{count}</span>}
    </Link>
  );
}

// Newest / older links for lists that page by cursor (no totals: the log tables are large).
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/**
 * `from` is the start of the window this page read: a relative range ("last hour") is pinned to
 * it for older pages, so the window does not slide as time passes and no rows drop off.
 */
export function CursorPager({ shown, noun, nextCursor, params, from }: { shown: number; noun: [string, string]; nextCursor: string | null; params: Record<string, string | undefined>; from?: string }) {
  const kept = Object.fromEntries(Object.entries(params).filter(([k, v]) => v && k !== "before")) as Record<string, string>;
  const older = from && !kept.from ? { ...Object.fromEntries(Object.entries(kept).filter(([k]) => k !== "range")), from } : kept;
  const isFirstPage = !params.before;
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm text-zinc-600 dark:text-zinc-400">
      <span>
        {shown} {shown === 1 ? noun[0] : noun[1]} {isFirstPage ? "· newest first" : "· older page"}
      </span>
      <span className="flex gap-2">
        {!isFirstPage ? (
          <Link className={buttonClasses({ variant: "secondary", size: "sm" })} href={`?${new URLSearchParams(kept)}`}>
            Newest
          </Link>
        ) : null}
        {nextCursor ? (
          <Link className={buttonClasses({ variant: "secondary", size: "sm" })} href={`?${new URLSearchParams({ ...older, before: nextCursor })}`}>
            Older
          </Link>
        ) : null}
      </span>
    </nav>
  );
}

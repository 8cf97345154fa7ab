// "N things · page x of y" with newer/older links that keep the current filters.
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export function Pager({ page, pageSize, total, noun, params }: { page: number; pageSize: number; total: number; noun: [string, string]; params: Record<string, string | undefined> }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => `?${new URLSearchParams({ ...(Object.fromEntries(Object.entries(params).filter(([, v]) => v)) as Record<string, string>), page: String(p) })}`;
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm text-zinc-600 dark:text-zinc-400">
      <span>
        {total} {total === 1 ? noun[0] : noun[1]} · page {page} of {pages}
      </span>
      <span className="flex gap-2">
        {page > 1 ? <Link className={buttonClasses({ variant: "secondary", size: "sm" })} href={href(page - 1)}>Newer</Link> : null}
        {page < pages ? <Link className={buttonClasses({ variant: "secondary", size: "sm" })} href={href(page + 1)}>Older</Link> : null}
      </span>
    </nav>
  );
}

"use client";
// The case page's sections as tabs (lib/cases/case-tabs.ts), the current one marked for
// assistive technology with aria-current.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { CASE_TABS, caseHref } from "@/lib/cases/case-tabs";
import { cn } from "@/lib/cn";

export function CaseTabNav({ reference }: { reference: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Case sections" className="mb-6 flex gap-1 overflow-x-auto border-b border-zinc-200 dark:border-zinc-800">
      {CASE_TABS.map((tab) => {
        const href = caseHref(reference, tab.segment);
        const active = pathname === href || decodeURIComponent(pathname) === decodeURIComponent(href);
        return (
          <Link
            key={tab.segment || "overview"}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px shrink-0 border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500",
              active ? "border-indigo-600 text-zinc-900 dark:border-indigo-400 dark:text-zinc-50" : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
            )}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}

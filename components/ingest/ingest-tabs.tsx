// The sub-navigation of the Ingest pages: status, quarantine, file import.
import Link from "next/link";
import { cn } from "@/lib/cn";

const TABS = [
  { href: "/ingest", label: "Status" },
  { href: "/ingest/quarantine", label: "Quarantine" },
  { href: "/ingest/import", label: "Import files" },
] as const;

export function IngestTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return (
    <nav aria-label="Ingest pages" className="mb-6 border-b border-zinc-200 dark:border-zinc-800">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {TABS.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              aria-current={tab.href === current ? "page" : undefined}
              className={cn(
                "inline-block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors focus-visible:outline-hidden focus-visible:ring-2 focus-visible:ring-indigo-500",
                tab.href === current
                  ? "border-indigo-600 text-indigo-700 dark:border-indigo-400 dark:text-indigo-300"
                  : "border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
              )}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

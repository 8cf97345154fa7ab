"use client";
// The sidebar links, highlighting the current section.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Activity, Bell, Briefcase, ClipboardCheck, Flag, Home, Inbox, Network, Plug, ScrollText, Server, Settings2, ShieldAlert, ShieldCheck, Siren, User, Users } from "lucide-react";
import { cn } from "@/lib/cn";
import type { NavItem } from "@/lib/navigation";

const ICONS = {
  home: Home,
  user: User,
  users: Users,
  scroll: ScrollText,
  inbox: Inbox,
  flag: Flag,
  bell: Bell,
  settings: Settings2,
  network: Network,
  server: Server,
  activity: Activity,
  plug: Plug,
  siren: Siren,
  shield: ShieldAlert,
  review: ClipboardCheck,
  briefcase: Briefcase,
  integrity: ShieldCheck,
} as const;

export function AppNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex gap-1 overflow-x-auto md:flex-col">
      {items.map((item) => {
        const Icon = ICONS[item.icon];
        const active = item.href === "/" ? pathname === "/" : pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex shrink-0 items-center gap-2 rounded-md px-3 py-2 text-sm font-medium transition-colors",
              "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500",
              active
                ? "bg-zinc-200/70 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50"
                : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-900 dark:hover:text-zinc-100",
            )}
          >
            <Icon aria-hidden className="size-4" />
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}

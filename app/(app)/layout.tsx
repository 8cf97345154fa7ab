import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Flag, ShieldCheck } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { AppNav } from "@/components/shell/app-nav";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { Badge } from "@/components/ui/badge";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { requireViewer } from "@/lib/auth/session";
import { navigationFor } from "@/lib/navigation";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer(undefined, { passwordChange: true });
  const pathname = (await headers()).get("x-pathname") ?? "/";
  if (viewer.mustChangePassword && pathname !== "/account/password") redirect("/account/password");
  const items = viewer.mustChangePassword ? [] : navigationFor(viewer);
  const roles = viewer.roles.filter((r) => r !== "EMPLOYEE");

  return (
    <div className="min-h-screen bg-zinc-50 md:flex dark:bg-zinc-950">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-zinc-900">
        Skip to content
      </a>
      <aside className="border-b border-zinc-200 bg-white md:sticky md:top-0 md:flex md:h-screen md:w-60 md:shrink-0 md:flex-col md:border-b-0 md:border-r dark:border-zinc-800 dark:bg-zinc-900/40">
        <div className="flex items-center justify-between gap-2 px-4 py-3 md:py-5">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
            <ShieldCheck aria-hidden className="size-5 text-indigo-600 dark:text-indigo-400" />
            Countersign
          </Link>
          <div className="md:hidden">
            <ThemeToggle />
          </div>
        </div>
        <div className="px-2 pb-2 md:flex-1">
          {viewer.mustChangePassword ? null : (
            <Link href="/report" className={buttonClasses({ className: "mb-3 hidden w-full md:flex" })}>
              <Flag aria-hidden className="size-4" />
              Report something
            </Link>
          )}
          <AppNav items={items} />
        </div>
        <div className="hidden border-t border-zinc-200 p-3 md:block dark:border-zinc-800">
          <p className="truncate text-sm font-medium" title={viewer.email}>
            {viewer.name}
          </p>
          <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{viewer.email}</p>
          <div className="mt-2 flex flex-wrap gap-1" aria-label="Your roles">
            {roles.length ? roles.map((r) => <Badge key={r}>{r}</Badge>) : <Badge>EMPLOYEE</Badge>}
          </div>
          <div className="mt-3 flex items-center justify-between">
            <SignOutButton />
            <ThemeToggle />
          </div>
        </div>
      </aside>
      <div className="min-w-0 flex-1">
        <div className="flex items-center justify-between border-b border-zinc-200 px-4 py-2 md:hidden dark:border-zinc-800">
          {viewer.mustChangePassword ? <span /> : (
            <Link href="/report" className={buttonClasses({ size: "sm" })}>
              <Flag aria-hidden className="size-4" />
              Report something
            </Link>
          )}
          <SignOutButton />
        </div>
        <main id="main" className="mx-auto w-full max-w-6xl px-4 py-6 md:px-8 md:py-8">
          {children}
        </main>
      </div>
    </div>
  );
}

import Link from "next/link";
import { ShieldCheck } from "lucide-react";
import { ThemeToggle } from "@/components/ui/theme-toggle";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-zinc-50 dark:bg-zinc-950">
      <header className="flex items-center justify-between p-4">
        <span className="flex items-center gap-2 font-semibold">
          <ShieldCheck aria-hidden className="size-5 text-indigo-600 dark:text-indigo-400" />
          Countersign
        </span>
        <ThemeToggle />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-[10vh]">{children}</main>
      <footer className="p-6 text-center text-sm text-zinc-500 dark:text-zinc-400">
        Not an employee? <Link className="underline underline-offset-2" href="/report-vulnerability">Report a vulnerability</Link>
      </footer>
    </div>
  );
}

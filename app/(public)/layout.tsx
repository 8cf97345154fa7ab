import Link from "next/link";
import { ShieldCheck } from "lucide-react";
import { ThemeToggle } from "@/components/ui/theme-toggle";

// Pages for people without an account.
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-zinc-50 dark:bg-zinc-950">
      <header className="flex items-center justify-between p-4">
        <Link href="/report-vulnerability" className="flex items-center gap-2 font-semibold">
          <ShieldCheck aria-hidden className="size-5 text-indigo-600 dark:text-indigo-400" />
          Security reports
        </Link>
        <ThemeToggle />
      </header>
      <main id="main" className="mx-auto w-full max-w-2xl flex-1 px-4 pb-12 pt-6">{children}</main>
    </div>
  );
}

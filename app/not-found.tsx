import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

// Says nothing about whether a record exists: sealed records answer exactly like missing ones.
export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-4 p-6 text-center">
      <p className="text-sm font-medium text-indigo-600 dark:text-indigo-400">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="text-zinc-600 dark:text-zinc-400">There is nothing here, or you do not have access to it.</p>
      <Link href="/" className={buttonClasses({ variant: "secondary" })}>
        Back to Countersign
      </Link>
    </main>
  );
}

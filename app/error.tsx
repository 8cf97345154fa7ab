"use client";
// Unexpected errors: a calm page with the reference to quote, never a stack trace.
import { Button } from "@/components/ui/button";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-4 p-6 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        The error has been logged{error.digest ? ` with reference ${error.digest}` : ""}. Try again, or tell your administrator.
      </p>
      <Button onClick={reset}>Try again</Button>
    </main>
  );
}

"use client";
// "N new alerts — show": asks every 10 seconds how many open alerts were raised since the page
// was loaded; showing them reloads the queue's data.
import { useEffect, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";

const POLL_MS = 10_000;

export function NewAlertsCounter({ loadedAt }: { loadedAt: string }) {
  const router = useRouter();
  const [count, setCount] = useState(0);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    let stopped = false;
    const ask = async () => {
      try {
        const response = await fetch(`/api/alerts/new-count?since=${encodeURIComponent(loadedAt)}`, { cache: "no-store" });
        if (response.ok && !stopped) setCount(((await response.json()) as { count: number }).count);
      } catch {
        // Offline for a moment: the next round asks again.
      }
    };
    const timer = setInterval(ask, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [loadedAt]);

  return (
    <div aria-live="polite" className="min-h-9">
      {count > 0 ? (
        <Button variant="secondary" size="sm" disabled={pending} onClick={() => startTransition(() => { setCount(0); router.refresh(); })} data-testid="new-alerts">
          <span className="size-2 rounded-full bg-red-500" aria-hidden />
          {count} new {count === 1 ? "alert" : "alerts"} — show
        </Button>
      ) : null}
    </div>
  );
}

"use client";
// A live countdown to a deadline ("in 2 d 5 h", "3 h 10 min overdue" in red), re-read every
// 30 seconds from one shared clock.
import { useSyncExternalStore } from "react";
import { countdown } from "@/lib/cases/deadlines";
import { cn } from "@/lib/cn";

const TICK_MS = 30_000;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => listeners.forEach((l) => l()), TICK_MS);
  return () => {
    listeners.delete(listener);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}
// The time rounded up to the next tick, so the snapshot stays the same between ticks and a
// countdown never shows more time left than there is.
const readClock = () => Math.ceil(Date.now() / TICK_MS) * TICK_MS;

export function Countdown({ deadline, done = false, className }: { deadline: string; done?: boolean; className?: string }) {
  const now = useSyncExternalStore(subscribe, readClock, readClock);
  const c = countdown(new Date(deadline), new Date(now));
  const soon = !c.overdue && c.ms < 24 * 3_600_000;
  return (
    <time
      dateTime={deadline}
      title={`Deadline ${deadline.slice(0, 16).replace("T", " ")} UTC`}
      suppressHydrationWarning
      data-testid="countdown"
      data-overdue={c.overdue && !done ? "true" : "false"}
      className={cn(
        "whitespace-nowrap font-mono text-xs font-medium",
        done ? "text-zinc-500 dark:text-zinc-400" : c.overdue ? "text-red-600 dark:text-red-400" : soon ? "text-amber-700 dark:text-amber-400" : "text-zinc-700 dark:text-zinc-300",
        className,
      )}
    >
      {done ? "done" : c.label}
    </time>
  );
}

"use client";
// Header button cycling the colour theme light -> dark -> system.
import { useSyncExternalStore } from "react";
import { useTheme } from "next-themes";
import { Monitor, Moon, Sun } from "lucide-react";
import { cn } from "@/lib/cn";
import { buttonClasses } from "@/components/ui/button";

type ThemeChoice = "light" | "dark" | "system";

const order: readonly ThemeChoice[] = ["light", "dark", "system"];
const icons = { light: Sun, dark: Moon, system: Monitor } as const;

const noopSubscribe = () => () => {};

// True only after hydration: the stored theme lives in localStorage, so the server cannot know it.
function useMounted(): boolean {
  return useSyncExternalStore(
    noopSubscribe,
    () => true,
    () => false,
  );
}

function asChoice(theme: string | undefined): ThemeChoice {
  return theme === "light" || theme === "dark" ? theme : "system";
}

export function ThemeToggle({ className }: { className?: string }) {
  const mounted = useMounted();
  const { theme, setTheme } = useTheme();
  const classes = cn(buttonClasses({ variant: "ghost", size: "sm" }), "size-8 px-0", className);

  // Same-size inert placeholder so the server HTML matches the first client render and layout does not shift.
  if (!mounted) return <span aria-hidden="true" className={cn(classes, "pointer-events-none")} />;

  const current = asChoice(theme);
  const next = order[(order.indexOf(current) + 1) % order.length] ?? "light";
  const Icon = icons[current];

  return (
    <button
      type="button"
      className={classes}
      aria-label={`Theme: ${current}`}
      title={`Theme: ${current} (switch to ${next})`}
      onClick={() => setTheme(next)}
    >
      <Icon aria-hidden="true" />
    </button>
  );
}

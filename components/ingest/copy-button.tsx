"use client";
// Copies a value to the clipboard and says so; where the clipboard API is unavailable (plain
// http on another host) it selects the value's element so Ctrl+C works.
import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { Button } from "@/components/ui/button";

export function CopyButton({ value, targetId, label = "Copy" }: { value: string; targetId?: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "select">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      const target = targetId ? document.getElementById(targetId) : null;
      if (target) window.getSelection()?.selectAllChildren(target);
      setState("select");
    }
    setTimeout(() => setState("idle"), 4000);
  }
  return (
    <span className="inline-flex items-center gap-2">
      <Button size="sm" variant="secondary" onClick={copy} aria-label={`${label}: copy to the clipboard`}>
        {state === "copied" ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
        {state === "copied" ? "Copied" : label}
      </Button>
      <span role="status" className="text-xs text-zinc-500 dark:text-zinc-400">
        {state === "select" ? "Selected: press Ctrl+C (⌘C) to copy." : ""}
      </span>
    </span>
  );
}

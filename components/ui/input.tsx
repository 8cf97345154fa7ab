// Text input and textarea primitives; inputClasses is shared with Select so all form controls look alike.
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export const inputClasses = cn(
  "block w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm transition-colors",
  "placeholder:text-zinc-400 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500",
  "focus-visible:border-indigo-500 focus-visible:outline-hidden focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 focus-visible:ring-offset-white dark:focus-visible:ring-offset-zinc-950",
  // aria-invalid is the single source of truth for the error state, so screen readers and visuals never disagree.
  "aria-invalid:border-red-500 aria-invalid:focus-visible:ring-red-500 dark:aria-invalid:border-red-500",
  "disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-zinc-500 dark:disabled:bg-zinc-900/50 dark:disabled:text-zinc-500",
);

// Kept out of inputClasses because <select> always matches :read-only and would look disabled.
const readOnlyClasses = "read-only:bg-zinc-50 dark:read-only:bg-zinc-900/50";

export type InputProps = ComponentProps<"input">;

export function Input({ className, type = "text", ...props }: InputProps) {
  return <input type={type} className={cn(inputClasses, readOnlyClasses, "h-9 py-1.5", className)} {...props} />;
}

export type TextareaProps = ComponentProps<"textarea">;

export function Textarea({ className, rows = 4, ...props }: TextareaProps) {
  return (
    <textarea
      rows={rows}
      className={cn(inputClasses, readOnlyClasses, "min-h-20 py-2 leading-6", className)}
      {...props}
    />
  );
}

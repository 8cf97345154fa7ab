// Native checkbox tinted with the accent colour; native keeps form posts and keyboard behaviour for free.
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export type CheckboxProps = Omit<ComponentProps<"input">, "type">;

export function Checkbox({ className, ...props }: CheckboxProps) {
  return (
    <input
      type="checkbox"
      className={cn(
        "size-4 shrink-0 cursor-pointer rounded border-zinc-300 accent-indigo-600 dark:border-zinc-600 dark:accent-indigo-500",
        "focus-visible:outline-hidden focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 focus-visible:ring-offset-white dark:focus-visible:ring-offset-zinc-950",
        "aria-invalid:outline-2 aria-invalid:outline-offset-1 aria-invalid:outline-red-500",
        "disabled:cursor-not-allowed disabled:opacity-50",
        className,
      )}
      {...props}
    />
  );
}

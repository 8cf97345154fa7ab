// Form label primitive.
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export type LabelProps = ComponentProps<"label">;

export function Label({ className, ...props }: LabelProps) {
  return (
    <label
      className={cn("block text-sm font-medium text-zinc-900 dark:text-zinc-100", className)}
      {...props}
    />
  );
}

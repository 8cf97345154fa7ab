// Native select styled like Input; native keeps keyboard, mobile pickers and form posts working without JS.
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";
import { inputClasses } from "@/components/ui/input";

export type SelectProps = ComponentProps<"select">;

export function Select({ className, multiple, ...props }: SelectProps) {
  return (
    <select
      multiple={multiple}
      className={cn(inputClasses, multiple ? "py-1.5" : "h-9 appearance-none py-1.5 pr-9 select-chevron", className)}
      {...props}
    />
  );
}

// Form field layout: label, control, hint and error, with stable ids the control can reference.
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";
import { Label } from "@/components/ui/label";

export interface FieldProps {
  label: ReactNode;
  htmlFor: string;
  error?: ReactNode;
  hint?: ReactNode;
  className?: string;
  children: ReactNode;
}

/**
 * The control is passed in as children, so Field cannot wire it up itself; spread this onto the
 * control (`<Input {...fieldControlProps(id, { hint, error })} />`) to get id, aria-describedby and aria-invalid.
 */
export function fieldControlProps(
  htmlFor: string,
  { hint, error }: { hint?: ReactNode; error?: ReactNode } = {},
): { id: string; "aria-describedby"?: string; "aria-invalid"?: true } {
  const describedBy = [hint ? `${htmlFor}-hint` : null, error ? `${htmlFor}-error` : null].filter(Boolean).join(" ");
  return {
    id: htmlFor,
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(error ? { "aria-invalid": true as const } : {}),
  };
}

export function Field({ label, htmlFor, error, hint, className, children }: FieldProps) {
  return (
    <div className={cn("space-y-1.5", className)}>
      <Label htmlFor={htmlFor}>{label}</Label>
      {children}
      {hint ? (
        <p id={`${htmlFor}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${htmlFor}-error`} role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

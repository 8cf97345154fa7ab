// Inline callout for feedback messages (form results, warnings, failures).
import type { ReactNode } from "react";
import { CircleCheck, CircleX, Info, TriangleAlert, type LucideIcon } from "lucide-react";
import { cn } from "@/lib/cn";

export type AlertTone = "info" | "success" | "warning" | "danger";

const tones: Record<AlertTone, { icon: LucideIcon; box: string; iconColor: string }> = {
  info: {
    icon: Info,
    box: "border-indigo-200 bg-indigo-50 text-indigo-900 dark:border-indigo-500/30 dark:bg-indigo-500/10 dark:text-indigo-100",
    iconColor: "text-indigo-600 dark:text-indigo-400",
  },
  success: {
    icon: CircleCheck,
    box: "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-500/30 dark:bg-emerald-500/10 dark:text-emerald-100",
    iconColor: "text-emerald-600 dark:text-emerald-400",
  },
  warning: {
    icon: TriangleAlert,
    box: "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-100",
    iconColor: "text-amber-600 dark:text-amber-400",
  },
  danger: {
    icon: CircleX,
    box: "border-red-200 bg-red-50 text-red-900 dark:border-red-500/30 dark:bg-red-500/10 dark:text-red-100",
    iconColor: "text-red-600 dark:text-red-400",
  },
};

export interface AlertProps {
  tone?: AlertTone;
  title?: string;
  children?: ReactNode;
  className?: string;
}

export function Alert({ tone = "info", title, children, className }: AlertProps) {
  const { icon: Icon, box, iconColor } = tones[tone];
  // Only problems should interrupt a screen reader; informational messages are announced politely.
  const role = tone === "danger" || tone === "warning" ? "alert" : "status";
  return (
    <div role={role} className={cn("flex gap-3 rounded-md border px-4 py-3 text-sm", box, className)}>
      <Icon aria-hidden="true" className={cn("mt-0.5 size-4 shrink-0", iconColor)} />
      <div className="min-w-0 flex-1 space-y-1">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className="opacity-90 [&_a]:font-medium [&_a]:underline">{children}</div> : null}
      </div>
    </div>
  );
}

// Severity and status of an alert as small pills: a word, never colour alone.
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { STATUS_LABELS, type AlertStatusName } from "@/lib/alerts/vocabulary";
import { SEVERITY_LABELS, type Severity } from "@/lib/detections/severity";
import { cn } from "@/lib/cn";

const SEVERITY_TONE: Record<Severity, BadgeTone> = { CRITICAL: "danger", HIGH: "danger", MEDIUM: "warning", LOW: "info", INFO: "neutral" };
const STATUS_TONE: Record<AlertStatusName, BadgeTone> = { OPEN: "warning", ACKNOWLEDGED: "info", LINKED: "success", DISMISSED: "neutral" };

export function SeverityBadge({ severity, className }: { severity: Severity | null; className?: string }) {
  if (!severity) return <Badge className={className}>Varies</Badge>;
  return (
    <Badge tone={SEVERITY_TONE[severity]} className={cn(severity === "CRITICAL" && "font-semibold uppercase", className)}>
      {SEVERITY_LABELS[severity]}
    </Badge>
  );
}

export function AlertStatusBadge({ status, className, testId = "alert-status" }: { status: AlertStatusName; className?: string; testId?: string }) {
  return (
    <Badge tone={STATUS_TONE[status]} className={className} data-testid={testId}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

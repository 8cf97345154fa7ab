// Status, class and urgency of a report as small badges, the same everywhere.
import { Badge } from "@/components/ui/badge";
import type { ReportStatus, ReportUrgency, Visibility } from "@/lib/generated/prisma/enums";
import { REPORTER_STATUS, VISIBILITY_CHOICES } from "@/lib/reports/catalog";

const STATUS_TONE = { RECEIVED: "info", IN_REVIEW: "warning", RESOLVED: "success", CLOSED: "neutral" } as const;
const CLASS_TONE = { STANDARD: "neutral", SENSITIVE: "warning", COO_ONLY: "danger" } as const;
const URGENCY_TONE = { LOW: "neutral", NORMAL: "neutral", HIGH: "warning", URGENT: "danger" } as const;

export function StatusBadge({ status }: { status: ReportStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{REPORTER_STATUS[status]}</Badge>;
}

export function ClassBadge({ visibility }: { visibility: Visibility }) {
  return <Badge tone={CLASS_TONE[visibility]}>{VISIBILITY_CHOICES[visibility].label}</Badge>;
}

export function UrgencyBadge({ urgency }: { urgency: ReportUrgency }) {
  return <Badge tone={URGENCY_TONE[urgency]}>{urgency.toLowerCase()}</Badge>;
}

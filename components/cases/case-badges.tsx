// A case's status, class and SLA countdown as small badges, the same in the list and the header.
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { Visibility } from "@/lib/generated/prisma/enums";
import type { Countdown } from "@/lib/cases/deadlines";
import { STATUS_LABELS, type CaseStatus } from "@/lib/cases/status";
import { SEVERITIES, SEVERITY_LABELS } from "@/lib/detections/severity";

const STATUS_TONE: Record<CaseStatus, BadgeTone> = {
  NEW: "info",
  TRIAGE: "info",
  INVESTIGATING: "warning",
  CONTAINED: "warning",
  REMEDIATED: "success",
  RESOLVED: "success",
  CLOSED: "neutral",
};

export const CLASS_LABELS: Record<Visibility, string> = { STANDARD: "Standard", SENSITIVE: "Sensitive", COO_ONLY: "COO only" };
const CLASS_TONE: Record<Visibility, BadgeTone> = { STANDARD: "neutral", SENSITIVE: "warning", COO_ONLY: "danger" };

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  return (
    <Badge tone={STATUS_TONE[status]} data-testid="case-status">
      {STATUS_LABELS[status]}
    </Badge>
  );
}

export function CaseClassBadge({ visibility }: { visibility: Visibility }) {
  return <Badge tone={CLASS_TONE[visibility]}>{CLASS_LABELS[visibility]}</Badge>;
}

/** "Due in 2 d 5 h" or "3 h overdue"; nothing for a case without a due date or no longer open. */
export function CaseDueBadge({ due }: { due: Countdown | null }) {
  if (!due) return null;
  return (
    <Badge tone={due.overdue ? "danger" : due.ms < 6 * 3_600_000 ? "warning" : "neutral"} data-testid="case-due">
      {due.overdue ? `Overdue by ${due.label.replace(/ overdue$/, "")}` : `Due ${due.label}`}
    </Badge>
  );
}

/** `<option>`s for a severity select, most severe first. */
export function SeverityOptions() {
  return [...SEVERITIES].reverse().map((s) => (
    <option key={s} value={s}>
      {SEVERITY_LABELS[s]}
    </option>
  ));
}

/** `<option>`s for a visibility-class select, from the classes offered. */
export function ClassOptions({ classes }: { classes: readonly Visibility[] }) {
  return classes.map((v) => (
    <option key={v} value={v}>
      {CLASS_LABELS[v]}
    </option>
  ));
}

/** `<option>`s for a person select (lead, assignee), after one for nobody. */
export function PersonOptions({ people, none }: { people: readonly { id: string; name: string }[]; none: string }) {
  return (
    <>
      <option value="">{none}</option>
      {people.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </>
  );
}

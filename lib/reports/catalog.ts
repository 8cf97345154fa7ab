// The words of the report form: categories, signs, urgency, who may see a report, and the
// statuses a reporter sees. One place, so the form, the inboxes and the API agree.
import type {
  ReportCategory,
  ReportSign,
  ReportStatus,
  ReportUrgency,
  Visibility,
} from "@/lib/generated/prisma/enums";

export const CATEGORIES: Record<ReportCategory, string> = {
  SECURITY_INCIDENT: "Security incident",
  SUSPICIOUS_ACTIVITY: "Suspicious activity",
  PHYSICAL_INJURY: "Physical injury",
  THEFT: "Theft",
  PROPERTY_DAMAGE: "Property damage",
  DENIAL_OF_SERVICE: "Denial of service",
  THREATS: "Threats",
  HARASSMENT: "Harassment",
  ACCOUNT_ABUSE: "Abuse of a user account",
  FORGERY: "Forgery",
  MISREPRESENTATION: "Misrepresentation",
  CODE_OF_CONDUCT: "Code of Conduct violation",
  VULNERABILITY: "Vulnerability (external report)",
  OTHER: "Other",
};

/** What employees choose from; VULNERABILITY is the external form's own category. */
export const EMPLOYEE_CATEGORIES = (Object.keys(CATEGORIES) as ReportCategory[]).filter((c) => c !== "VULNERABILITY");

export const SIGNS: Record<ReportSign, string> = {
  ANTIVIRUS_WARNING: "Antivirus warning",
  UNEXPECTED_REBOOT_OR_SLOWNESS: "Unexpected reboot or sudden slowness",
  UNREQUESTED_PASSWORD_RESET: "Password-reset notification nobody asked for",
  MODIFIED_OR_DEFACED_WEBSITE: "Modified or defaced website",
  NEW_OPEN_PORT: "New open network port",
  OTHER: "Something else",
};

export const URGENCIES: Record<ReportUrgency, string> = {
  LOW: "Low: whenever someone has time",
  NORMAL: "Normal",
  HIGH: "High: today, please",
  URGENT: "Urgent: it is happening now",
};

export const VISIBILITY_CHOICES: Record<Visibility, { label: string; explanation: string }> = {
  STANDARD: { label: "Standard", explanation: "The Security Review Team and the COO can read it." },
  SENSITIVE: {
    label: "Sensitive",
    explanation: "Sealed: only the Security Review Team and the COO can read it; nobody else can find it exists.",
  },
  COO_ONLY: {
    label: "COO only",
    explanation: "Code of Conduct reports go to the COO alone; not even the Security Review Team can see them.",
  },
};

export const REPORTER_STATUS: Record<ReportStatus, string> = {
  RECEIVED: "Received",
  IN_REVIEW: "In review",
  RESOLVED: "Resolved",
  CLOSED: "Closed",
};

/** Code of Conduct reports are always COO only; nothing else may be. */
export function visibilityFor(category: ReportCategory, requested: Visibility | undefined): Visibility {
  if (category === "CODE_OF_CONDUCT") return "COO_ONLY";
  return requested === "SENSITIVE" ? "SENSITIVE" : "STANDARD";
}

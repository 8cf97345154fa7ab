// The case workflow (product.md): NEW → TRIAGE → INVESTIGATING → CONTAINED → REMEDIATED →
// RESOLVED → CLOSED, the outcomes a resolution records, and what a case needs before it may
// close. Pure: the operations ask it, the pages show its answers.

export const CASE_STATUSES = ["NEW", "TRIAGE", "INVESTIGATING", "CONTAINED", "REMEDIATED", "RESOLVED", "CLOSED"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_OUTCOMES = ["CONFIRMED_INCIDENT", "FALSE_POSITIVE", "BENIGN", "DUPLICATE", "NOT_SECURITY_RELATED"] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const STATUS_LABELS: Record<CaseStatus, string> = {
  NEW: "New",
  TRIAGE: "Triage",
  INVESTIGATING: "Investigating",
  CONTAINED: "Contained",
  REMEDIATED: "Remediated",
  RESOLVED: "Resolved",
  CLOSED: "Closed",
};

export const OUTCOME_LABELS: Record<CaseOutcome, string> = {
  CONFIRMED_INCIDENT: "Confirmed incident",
  FALSE_POSITIVE: "False positive",
  BENIGN: "Benign",
  DUPLICATE: "Duplicate",
  NOT_SECURITY_RELATED: "Not security-related",
};

/**
 * Where a case may go from each status. Forward one step at a time through the response, or
 * straight to RESOLVED from any open status (a false positive needs no containment); back one
 * step when work must be redone; a resolved case may be reopened into investigation.
 */
const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  NEW: ["TRIAGE", "RESOLVED"],
  TRIAGE: ["INVESTIGATING", "NEW", "RESOLVED"],
  INVESTIGATING: ["CONTAINED", "TRIAGE", "RESOLVED"],
  CONTAINED: ["REMEDIATED", "INVESTIGATING", "RESOLVED"],
  REMEDIATED: ["RESOLVED", "CONTAINED"],
  RESOLVED: ["CLOSED", "INVESTIGATING"],
  CLOSED: [],
};

export const nextStatuses = (from: CaseStatus): readonly CaseStatus[] => TRANSITIONS[from];

export const isOpen = (status: CaseStatus): boolean => status !== "RESOLVED" && status !== "CLOSED";

/** What the case holds that the close rule looks at. */
export type CloseFacts = {
  outcome: CaseOutcome | null;
  impactDetermined: boolean;
  disclosureDecided: boolean;
  openRequiredTasks: number;
};

export type TransitionCheck = { ok: true } | { ok: false; reasons: string[] };

/** Whether a case may move from `from` to `to`, and if not, every reason in words a person can act on. */
export function checkTransition(from: CaseStatus, to: CaseStatus, facts: CloseFacts & { outcomeGiven?: CaseOutcome | null }): TransitionCheck {
  if (from === to) return { ok: false, reasons: [`The case is already ${STATUS_LABELS[to].toLowerCase()}.`] };
  if (!TRANSITIONS[from].includes(to)) {
    const allowed = TRANSITIONS[from].map((s) => STATUS_LABELS[s].toLowerCase());
    return { ok: false, reasons: [from === "CLOSED" ? "A closed case cannot change." : `A ${STATUS_LABELS[from].toLowerCase()} case can move to ${allowed.join(", ") || "nothing"}, not ${STATUS_LABELS[to].toLowerCase()}.`] };
  }
  const reasons: string[] = [];
  if (to === "RESOLVED" && !(facts.outcomeGiven ?? facts.outcome)) reasons.push("Resolving needs an outcome: confirmed incident, false positive, benign, duplicate or not security-related.");
  if (to === "CLOSED") {
    if (!facts.outcome) reasons.push("The case has no outcome: resolve it first.");
    if (facts.outcome === "CONFIRMED_INCIDENT") {
      if (!facts.impactDetermined) reasons.push("A confirmed incident needs its impact determined before it closes.");
      if (!facts.disclosureDecided) reasons.push("A confirmed incident needs its disclosure decision recorded before it closes.");
    }
    if (facts.openRequiredTasks > 0) reasons.push(`${facts.openRequiredTasks} required task${facts.openRequiredTasks === 1 ? " is" : "s are"} not done.`);
  }
  return reasons.length ? { ok: false, reasons } : { ok: true };
}

/** The stamp a status change sets, so time to acknowledge, contain and resolve are exact. */
export function stampFor(to: CaseStatus): "triagedAt" | "investigatingAt" | "containedAt" | "remediatedAt" | "resolvedAt" | "closedAt" | null {
  switch (to) {
    case "TRIAGE":
      return "triagedAt";
    case "INVESTIGATING":
      return "investigatingAt";
    case "CONTAINED":
      return "containedAt";
    case "REMEDIATED":
      return "remediatedAt";
    case "RESOLVED":
      return "resolvedAt";
    case "CLOSED":
      return "closedAt";
    default:
      return null;
  }
}

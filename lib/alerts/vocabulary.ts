// The words of the alert queue: statuses, dismissal kinds, sorts and their labels. Pure and
// free of server code, so client components may import it.
export const ALERT_STATUSES = ["OPEN", "ACKNOWLEDGED", "LINKED", "DISMISSED"] as const;
export type AlertStatusName = (typeof ALERT_STATUSES)[number];
export const STATUS_LABELS: Record<AlertStatusName, string> = { OPEN: "Open", ACKNOWLEDGED: "Acknowledged", LINKED: "Linked to a case", DISMISSED: "Dismissed" };

export const DISMISSALS = ["FALSE_POSITIVE", "BENIGN", "EXPECTED"] as const;
export type DismissalName = (typeof DISMISSALS)[number];
export const DISMISSAL_LABELS: Record<DismissalName, string> = { FALSE_POSITIVE: "False positive", BENIGN: "Benign (true, harmless)", EXPECTED: "Expected (planned change)" };

export const ALERT_SORTS = ["newest", "severity", "oldest"] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];


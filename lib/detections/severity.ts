// Alert severities, in order, and the arithmetic on them (raise, compare). Pure.
import type { Severity } from "@/lib/generated/prisma/enums";

export type { Severity };

export const SEVERITIES = ["INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"] as const satisfies readonly Severity[];

export const SEVERITY_LABELS: Record<Severity, string> = { INFO: "Info", LOW: "Low", MEDIUM: "Medium", HIGH: "High", CRITICAL: "Critical" };

export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

export const isAtLeast = (s: Severity, floor: Severity): boolean => severityRank(s) >= severityRank(floor);

export const maxSeverity = (a: Severity, b: Severity): Severity => (severityRank(a) >= severityRank(b) ? a : b);

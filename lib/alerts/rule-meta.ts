// A rule as people read it on the alert and rules pages: metadata from the registry with the
// configured switches applied. Pure: the registry and the settings come in.
import type { Rule } from "@/lib/detections/define-rule";
import { ruleSwitches, thresholdOf } from "@/lib/detections/engine";
import type { DetectionSettings } from "@/lib/detections/settings-schema";
import type { Severity } from "@/lib/detections/severity";

export function ruleMeta(rule: Rule, settings: DetectionSettings) {
  const sw = ruleSwitches(rule, settings);
  const ownSeverity = typeof rule.severity === "string" ? rule.severity : null;
  return {
    id: rule.id,
    title: rule.title,
    description: rule.description,
    kind: rule.kind,
    logType: rule.logType,
    /** The severity alerts get: the override, else the rule's own; null when the rule decides per event. */
    severity: (sw.severity ?? ownSeverity) as Severity | null,
    ownSeverity,
    severityOverride: sw.severity,
    enabled: sw.enabled,
    dedupMinutes: sw.dedupMinutes,
    ownDedupMinutes: rule.dedupMinutes,
    windowMinutes: rule.kind === "windowed" ? rule.windowMinutes(settings) : null,
    /** A threshold rule's count and window under the settings; null for other rules. */
    threshold: rule.kind === "realtime" && rule.threshold ? thresholdMeta(thresholdOf(rule, settings)) : null,
    runbook: rule.runbook.split("\n").map((s) => s.trim()).filter(Boolean),
    references: rule.reference,
    mitre: rule.mitre.map((tag) => {
      const [tactic, technique] = tag.split(":");
      return { tag, tactic: tactic!, technique: technique ?? "" };
    }),
  };
}
export type RuleMeta = ReturnType<typeof ruleMeta>;

/** MITRE ATT&CK links: techniques with a sub-technique live under their parent's path. */
export const mitreTechniqueUrl = (technique: string) => `https://attack.mitre.org/techniques/${technique.replace(".", "/")}/`;
export const mitreTacticUrl = (tactic: string) => `https://attack.mitre.org/tactics/${tactic}/`;

const thresholdMeta = (t: { threshold: number; thresholdMinutes: number }) => ({ count: t.threshold, windowMinutes: t.thresholdMinutes });

/** When a threshold rule raises, in words: the rules pages and the try-it box say it alike. */
export const thresholdPhrase = (t: { count: number; windowMinutes: number }) => `once ${t.count} matching events with the same dedup key fall within ${formatMinutes(t.windowMinutes)}`;

/** How a rule runs, as the rules pages say it. */
export function runsLabel(rule: Pick<RuleMeta, "kind" | "windowMinutes" | "threshold">, long = false): string {
  if (rule.kind === "windowed") return long ? `Every ${formatMinutes(rule.windowMinutes ?? 0)}, over the window` : `Every ${formatMinutes(rule.windowMinutes ?? 0)}`;
  if (rule.threshold) return long ? `In real time, alerting ${thresholdPhrase(rule.threshold)}` : `Real time, ${rule.threshold.count} in ${formatMinutes(rule.threshold.windowMinutes)}`;
  return long ? "In real time, on each batch of events" : "Real time";
}

/** Minutes as people say them: 90 → "1 h 30 min", 1440 → "1 day". */
export function formatMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} ${minutes === 1440 ? "day" : "days"}`;
  if (minutes >= 60) return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
  return `${minutes} min`;
}

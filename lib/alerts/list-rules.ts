import "server-only";
// Every rule the registry holds, as configured (enabled, severity override, dedup window), with
// how it has behaved: last fired, alerts raised, the share dismissed as false positives, and for
// windowed rules how far they have evaluated and their last error.
import { db } from "@/lib/db";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { RULES } from "@/lib/detections/registry";
import { getDetectionSettings } from "@/lib/detections/settings";
import type { DetectionSettings } from "@/lib/detections/settings-schema";
import { ruleMeta } from "./rule-meta";
import { settingsAdvice } from "./settings-advice";

type Stats = { rule_id: string; alerts: bigint; false_positives: bigint; open: bigint; last_fired: Date | null };

export async function listRules({ viewer }: { viewer: Viewer }) {
  assertCan(viewer, "alerts.read");
  return summarize(await getDetectionSettings());
}

/** The rules page: every rule, and the settings that make some of them noisy (lib/alerts/settings-advice.ts), from one read of the settings. */
export async function getRulesPage({ viewer }: { viewer: Viewer }) {
  assertCan(viewer, "alerts.read");
  const settings = await getDetectionSettings();
  return { rules: await summarize(settings), advice: settingsAdvice(settings) };
}

async function summarize(settings: DetectionSettings) {
  const [stats, watermarks] = await Promise.all([
    db.$queryRaw<Stats[]>`
      SELECT rule_id, count(*) AS alerts, count(*) FILTER (WHERE dismissal = 'FALSE_POSITIVE') AS false_positives,
        count(*) FILTER (WHERE status = 'OPEN') AS open, max(created_at) AS last_fired
      FROM alerts GROUP BY rule_id`,
    db.detectionWatermark.findMany(),
  ]);
  const statsOf = new Map(stats.map((s) => [s.rule_id, s]));
  const watermarkOf = new Map(watermarks.map((w) => [w.ruleId, w]));
  return RULES.map((rule) => {
    const s = statsOf.get(rule.id);
    const w = watermarkOf.get(rule.id);
    const alerts = Number(s?.alerts ?? 0);
    return {
      ...ruleMeta(rule, settings),
      alertCount: alerts,
      openCount: Number(s?.open ?? 0),
      lastFiredAt: s?.last_fired?.toISOString() ?? null,
      /** Dismissed as false positives over all of the rule's alerts; null before the first alert. */
      falsePositiveRate: alerts ? Number(s!.false_positives) / alerts : null,
      watermark: w ? { evaluatedTo: w.evaluatedTo.toISOString(), lastRunAt: w.lastRunAt?.toISOString() ?? null, lastDurationMs: w.lastDurationMs, lastError: w.lastError } : null,
    };
  });
}
export type RuleSummary = Awaited<ReturnType<typeof summarize>>[number];

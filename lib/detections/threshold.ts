// Threshold rules (a real-time rule with `threshold`): when enough matches of one rule and key
// fall close enough together to raise an alert. Pure; lib/alerts/raise-alerts.ts holds the
// matches and asks.

/** Held matches are forgotten this long after they arrived (the maintenance job deletes them). */
export const HELD_MATCH_DAYS = 2;
/**
 * The start of the earliest span of `spanMs` that holds `at` and at least `count` of the sorted
 * `times` (which include `at`), or null when there is none.
 */
export function thresholdSpanStart(times: number[], at: number, count: number, spanMs: number): number | null {
  for (let i = 0, j = 0; i < times.length; i++) {
    const from = times[i]!;
    if (from > at) break;
    if (at - from > spanMs) continue;
    j = Math.max(j, i);
    while (j + 1 < times.length && times[j + 1]! - from <= spanMs) j++;
    if (j - i + 1 >= count) return from;
  }
  return null;
}

import "server-only";
// The `detection_windowed` job: each windowed rule runs its SQL over the windows that closed since
// its watermark, one window per transaction that also writes the matches and moves the watermark,
// so every window is evaluated exactly once, across restarts and concurrent workers.
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import type { AnyWindowedRule } from "./define-rule";
import { contextOf, ruleSwitches, windowMatch, type Match } from "./engine";
import { RULES } from "./registry";
import { getDetectionSettings } from "./settings";
import { cachedDevices } from "./known-devices";
import { writeMatchesInTx } from "./outbox";
import type { DetectionSettings } from "./settings-schema";

/** Records arrive late (flow windows, streaming batches): a window is evaluated this long after it ends. */
export const WINDOW_LAG_MS = 2 * 60_000;
/**
 * Windows (or the integrity job's buckets) of `stepMs` one run takes on: after a long stop a job
 * catches up six hours a minute, at least one step, rather than all at once; none is skipped.
 */
export const stepsPerRun = (stepMs: number) => Math.max(1, Math.floor((6 * 3_600_000) / stepMs));

export type WindowRun = { ruleId: string; windows: number; matches: number; error?: string };

export const windowedRules = (): AnyWindowedRule[] => RULES.filter((r): r is AnyWindowedRule => r.kind === "windowed");

/** Runs every enabled windowed rule up to `now` (tests and the benchmark pass their own clock and rules). */
export async function runWindowedRules(options: { now?: Date; rules?: AnyWindowedRule[]; maxWindows?: number } = {}): Promise<WindowRun[]> {
  const now = options.now ?? new Date();
  const settings = await getDetectionSettings();
  const runs: WindowRun[] = [];
  for (const rule of options.rules ?? windowedRules()) {
    if (!ruleSwitches(rule, settings).enabled) continue;
    try {
      runs.push(await runRule(rule, settings, now, options.maxWindows));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.error({ ruleId: rule.id, err: message }, "windowed rule failed");
      await db.detectionWatermark.updateMany({ where: { ruleId: rule.id }, data: { lastError: message.slice(0, 1000), lastRunAt: new Date() } });
      runs.push({ ruleId: rule.id, windows: 0, matches: 0, error: message });
    }
  }
  return runs;
}

const alignDown = (t: number, step: number) => Math.floor(t / step) * step;

async function runRule(rule: AnyWindowedRule, settings: DetectionSettings, now: Date, windowsAsked: number | undefined): Promise<WindowRun> {
  const step = rule.windowMinutes(settings) * 60_000;
  const maxWindows = windowsAsked ?? stepsPerRun(step);
  const due = now.getTime() - WINDOW_LAG_MS;
  let horizon = due;
  if (rule.after) {
    // Only windows whose reading the other job has already covered (none before its first run).
    const other = await db.detectionWatermark.findUnique({ where: { ruleId: rule.after.watermark }, select: { evaluatedTo: true } });
    horizon = Math.min(horizon, other ? other.evaluatedTo.getTime() + rule.after.readsBehindMinutes * 60_000 : -Infinity);
  }
  const existing = await db.detectionWatermark.findUnique({ where: { ruleId: rule.id } });
  // The first run starts with the last complete window: no history replay on installation.
  let from = existing?.evaluatedTo.getTime() ?? alignDown(due, step) - step;
  if (!existing) {
    await db.detectionWatermark.createMany({ data: [{ ruleId: rule.id, evaluatedTo: new Date(from), startedAt: now }], skipDuplicates: true });
  }
  const run: WindowRun = { ruleId: rule.id, windows: 0, matches: 0 };
  const began = Date.now();
  const ctx = contextOf(settings, await cachedDevices());
  while (from + step <= horizon && run.windows < maxWindows) {
    const to = from + step;
    const evaluated = await db.$transaction(
      async (tx) => {
        // The row lock makes concurrent workers take turns; the second finds the window done.
        const [mark] = await tx.$queryRaw<{ evaluated_to: Date; started_at: Date }[]>`
          SELECT evaluated_to, started_at FROM detection_watermarks WHERE rule_id = ${rule.id} FOR UPDATE`;
        if (!mark || mark.evaluated_to.getTime() > from) return null;
        const window = { from: new Date(from), to: new Date(to), settings, ruleStartedAt: mark.started_at };
        // PostgreSQL refuses a parameter the statement does not use: $3 only when the SQL reads it.
        const args: unknown[] = [window.from, window.to];
        if (rule.sql.includes("$3")) args.push(JSON.stringify(rule.params?.(window) ?? {}));
        const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(rule.sql, ...args);
        const matches = rows.map((row) => windowMatch(rule, row, window, ctx)).filter((m): m is Match => m !== null);
        await writeMatchesInTx(tx, matches);
        await tx.detectionWatermark.update({ where: { ruleId: rule.id }, data: { evaluatedTo: window.to, lastRunAt: new Date(), lastError: null, lastDurationMs: Date.now() - began } });
        return matches.length;
      },
      { timeout: 300_000 },
    );
    if (evaluated === null) break;
    run.windows++;
    run.matches += evaluated;
    from = to;
  }
  return run;
}

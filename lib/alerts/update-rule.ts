import "server-only";
// A rule's switches: on or off, a severity override, another dedup window. Written into the
// detection settings' `rules` map under the same lock as every settings change, so two people
// tuning two rules at once never undo each other; on the audit trail.
import { db } from "@/lib/db";
import { notFound, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { findRule } from "@/lib/detections/registry";
import { invalidateDetectionCache } from "@/lib/detections/settings";
import { DEFAULT_DETECTION_SETTINGS, ZDetectionSettings, type RuleOverride } from "@/lib/detections/settings-schema";
import { ZRuleUpdate } from "./schemas";

const KEY = "detections";

export async function updateRule({ viewer, id, input }: { viewer: Viewer; id: string; input: unknown }) {
  assertCan(viewer, "detections.manage");
  const rule = findRule(id);
  if (!rule) throw notFound("rule");
  const patch = parseInput(ZRuleUpdate, input);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('detection_settings'))`;
    const row = await tx.appSetting.findUnique({ where: { key: KEY } });
    const parsed = ZDetectionSettings.safeParse({ ...DEFAULT_DETECTION_SETTINGS, ...((row?.value as object | undefined) ?? {}) });
    const current = parsed.success ? parsed.data : DEFAULT_DETECTION_SETTINGS;
    const before: RuleOverride = current.rules[id] ?? {};
    const after: RuleOverride = { ...before };
    if (patch.enabled !== undefined) after.enabled = patch.enabled;
    // Back to the rule's own value: the override is removed rather than stored equal.
    if (patch.severity !== undefined) after.severity = patch.severity ?? undefined;
    if (patch.dedupMinutes !== undefined) after.dedupMinutes = patch.dedupMinutes === null || patch.dedupMinutes === rule.dedupMinutes ? undefined : patch.dedupMinutes;
    if (after.enabled === true) delete after.enabled;
    for (const k of Object.keys(after) as (keyof RuleOverride)[]) if (after[k] === undefined) delete after[k];
    const rules = { ...current.rules };
    if (Object.keys(after).length) rules[id] = after;
    else delete rules[id];
    const next = ZDetectionSettings.parse({ ...current, rules });
    const value = next as unknown as Prisma.InputJsonValue;
    await tx.appSetting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
    await appendAudit(tx, viewer, { action: "detections.rule_update", targetType: "DetectionRule", targetId: id, before, after });
    invalidateDetectionCache();
    return after;
  });
}

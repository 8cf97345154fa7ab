import "server-only";
// The thresholds and lists the rules read (everything but the per-rule switches), replaced a
// whole top-level key at a time under the settings lock, on the audit trail. The contract of
// updateDetectionSettings (lib/detections/settings.ts), which takes its lock with `$queryRaw`:
// Prisma cannot read pg_advisory_xact_lock's void result, so that one always fails.
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { invalidateDetectionCache } from "@/lib/detections/settings";
import { DEFAULT_DETECTION_SETTINGS, ZDetectionSettings, type DetectionSettings } from "@/lib/detections/settings-schema";

const KEY = "detections";
const ZThresholds = ZDetectionSettings.omit({ rules: true }).partial().strict();

export async function updateRuleSettings({ viewer, input }: { viewer: Viewer; input: unknown }): Promise<DetectionSettings> {
  assertCan(viewer, "detections.manage");
  const patch = parseInput(ZThresholds, input);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('detection_settings'))`;
    const row = await tx.appSetting.findUnique({ where: { key: KEY } });
    const before = ZDetectionSettings.safeParse({ ...DEFAULT_DETECTION_SETTINGS, ...((row?.value as object | undefined) ?? {}) });
    const current = before.success ? before.data : DEFAULT_DETECTION_SETTINGS;
    const next = ZDetectionSettings.parse({ ...current, ...patch });
    const value = next as unknown as Prisma.InputJsonValue;
    await tx.appSetting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
    const changed = (Object.keys(patch) as (keyof DetectionSettings)[]).filter((k) => JSON.stringify(current[k]) !== JSON.stringify(next[k]));
    const pick = (s: DetectionSettings) => Object.fromEntries(changed.map((k) => [k, s[k]]));
    await appendAudit(tx, viewer, { action: "detections.settings_update", targetType: "AppSetting", targetId: KEY, before: pick(current), after: pick(next) });
    invalidateDetectionCache();
    return next;
  });
}

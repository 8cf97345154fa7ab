import "server-only";
// Log pipeline settings edited by ADMIN: retention per log type and when a quiet source warns.
import { z } from "zod";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";

const KEY = "ingest";

export const ZIngestSettings = z.object({
  auditRetentionDays: z.coerce.number().int("Whole days only.").min(1, "Keep audit events at least a day.").max(3650, "At most 3650 days."),
  flowRetentionDays: z.coerce.number().int("Whole days only.").min(1, "Keep flow records at least a day.").max(3650, "At most 3650 days."),
  quietAfterMinutes: z.coerce.number().int("Whole minutes only.").min(1, "At least a minute.").max(10_080, "At most a week (10080 minutes)."),
});
export type IngestSettings = z.infer<typeof ZIngestSettings>;

export const INGEST_DEFAULTS: IngestSettings = { auditRetentionDays: 90, flowRetentionDays: 30, quietAfterMinutes: 15 };

export async function getIngestSettings(): Promise<IngestSettings> {
  const row = await db.appSetting.findUnique({ where: { key: KEY } });
  const parsed = ZIngestSettings.partial().safeParse(row?.value ?? {});
  return { ...INGEST_DEFAULTS, ...(parsed.success ? parsed.data : {}) };
}

export async function updateIngestSettings({ viewer, input }: { viewer: Viewer; input: unknown }): Promise<IngestSettings> {
  assertCan(viewer, "settings.manage");
  const next = parseInput(ZIngestSettings, input);
  const before = await getIngestSettings();
  await db.$transaction(async (tx) => {
    await tx.appSetting.upsert({ where: { key: KEY }, create: { key: KEY, value: next }, update: { value: next } });
    await appendAudit(tx, viewer, { action: "ingest_settings.update", targetType: "AppSetting", targetId: KEY, before, after: next });
  });
  return next;
}

import "server-only";
// The detections' settings as stored (one AppSetting row), read by the pipeline, the windowed
// runner and the rules page; edited by SECURITY. The pipeline reads them through a short cache.
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { DEFAULT_DETECTION_SETTINGS, ZDetectionSettings, type DetectionSettings } from "./settings-schema";

const KEY = "detections";

/** The stored settings over the defaults; a stored value that no longer validates falls back to them. */
export async function getDetectionSettings(): Promise<DetectionSettings> {
  const row = await db.appSetting.findUnique({ where: { key: KEY } });
  const parsed = ZDetectionSettings.safeParse({ ...DEFAULT_DETECTION_SETTINGS, ...((row?.value as object | undefined) ?? {}) });
  const settings = parsed.success ? parsed.data : DEFAULT_DETECTION_SETTINGS;
  if (settings.companyDomains.length) return settings;
  return { ...settings, companyDomains: await domainsOfUsers() };
}

// Without a configured list, the company is whoever has an account here.
async function domainsOfUsers(): Promise<string[]> {
  const rows = await db.$queryRaw<{ domain: string }[]>`
    SELECT DISTINCT lower(split_part(email, '@', 2)) AS domain FROM "User" WHERE "disabledAt" IS NULL AND email LIKE '%@%.%'`;
  return rows.map((r) => r.domain).filter((d) => /^[a-z0-9.-]+\.[a-z]{2,}$/.test(d));
}

/** Replaces part of the settings (a whole top-level key at a time), on the audit trail. */
export async function updateDetectionSettings({ viewer, input }: { viewer: Viewer; input: unknown }): Promise<DetectionSettings> {
  assertCan(viewer, "detections.manage");
  const patch = parseInput(ZDetectionSettings.partial(), input);
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext('detection_settings'))`;
    const row = await tx.appSetting.findUnique({ where: { key: KEY } });
    const before = ZDetectionSettings.safeParse({ ...DEFAULT_DETECTION_SETTINGS, ...((row?.value as object | undefined) ?? {}) });
    const current = before.success ? before.data : DEFAULT_DETECTION_SETTINGS;
    const next = ZDetectionSettings.parse({ ...current, ...patch });
    const value = next as unknown as Prisma.InputJsonValue;
    await tx.appSetting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
    await appendAudit(tx, viewer, { action: "detections.settings_update", targetType: "AppSetting", targetId: KEY, before: pick(current, patch), after: pick(next, patch) });
    invalidateDetectionCache();
    return next;
  });
}

const pick = (s: DetectionSettings, patch: Partial<DetectionSettings>) => Object.fromEntries(Object.keys(patch).map((k) => [k, s[k as keyof DetectionSettings]]));

// ---------------------------------------------------------------------------------------------
// The pipeline's view: settings for a few seconds, so a batch never waits on a settings read.

const SETTINGS_TTL_MS = 5_000;
const cache = globalThis as unknown as { countersignDetectionSettings?: { at: number; value: Promise<DetectionSettings> } };

export function cachedDetectionSettings(): Promise<DetectionSettings> {
  const hit = cache.countersignDetectionSettings;
  if (hit && Date.now() - hit.at < SETTINGS_TTL_MS) return hit.value;
  const value = getDetectionSettings().catch(() => DEFAULT_DETECTION_SETTINGS);
  cache.countersignDetectionSettings = { at: Date.now(), value };
  return value;
}

export function invalidateDetectionCache() {
  cache.countersignDetectionSettings = undefined;
}

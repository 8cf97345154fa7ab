import "server-only";
// The detections' settings as stored (one AppSetting row), read by the pipeline, the windowed
// runner and the rules page; edited by SECURITY. The pipeline reads them through a short cache.
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAudit, type AuditEntry } from "@/lib/audit/append-audit";
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

const ZThresholds = ZDetectionSettings.omit({ rules: true }).partial().strict();

/**
 * Replaces thresholds and lists (a whole top-level key at a time; the per-rule switches have
 * their own operation, lib/alerts/update-rule.ts), on the audit trail with what changed.
 */
export async function updateDetectionSettings({ viewer, input }: { viewer: Viewer; input: unknown }): Promise<DetectionSettings> {
  assertCan(viewer, "detections.manage");
  const patch = parseInput(ZThresholds, input);
  return changeDetectionSettings(viewer, (current) => {
    const next = ZDetectionSettings.parse({ ...current, ...patch });
    const changed = (Object.keys(patch) as (keyof DetectionSettings)[]).filter((k) => JSON.stringify(current[k]) !== JSON.stringify(next[k]));
    const pick = (s: DetectionSettings) => Object.fromEntries(changed.map((k) => [k, s[k]]));
    return { next, result: next, audit: { action: "detections.settings_update", targetType: "AppSetting", targetId: KEY, before: pick(current), after: pick(next) } };
  });
}

/**
 * Every change to the detection settings: under one lock (two people tuning at once never undo
 * each other), read → change → write → audit in one transaction, then the pipeline's cache is
 * dropped. The stored value is read without the filled-in defaults (company domains).
 */
export async function changeDetectionSettings<T>(viewer: Viewer, change: (current: DetectionSettings) => { next: DetectionSettings; result: T; audit: AuditEntry }): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('detection_settings'))`;
    const row = await tx.appSetting.findUnique({ where: { key: KEY } });
    const parsed = ZDetectionSettings.safeParse({ ...DEFAULT_DETECTION_SETTINGS, ...((row?.value as object | undefined) ?? {}) });
    const { next, result, audit } = change(parsed.success ? parsed.data : DEFAULT_DETECTION_SETTINGS);
    const value = next as unknown as Prisma.InputJsonValue;
    await tx.appSetting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
    await appendAudit(tx, viewer, audit);
    invalidateDetectionCache();
    return result;
  });
}

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

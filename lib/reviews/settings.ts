import "server-only";
// The log review schedule (one AppSetting row, defaults when absent or invalid). Edited by the
// Security Review Team (cases.work) on /reviews/settings; every change is on the audit trail.
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append-audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { REVIEW_SCHEDULE_DEFAULTS, ZReviewSchedule, type ReviewSchedule } from "./schedule";

export const REVIEW_SETTINGS_KEY = "log_review";

export async function getReviewSchedule(): Promise<ReviewSchedule> {
  const row = await db.appSetting.findUnique({ where: { key: REVIEW_SETTINGS_KEY } });
  const parsed = ZReviewSchedule.safeParse({ ...REVIEW_SCHEDULE_DEFAULTS, ...((row?.value as object | undefined) ?? {}) });
  return parsed.success ? parsed.data : REVIEW_SCHEDULE_DEFAULTS;
}

export async function updateReviewSchedule({ viewer, input }: { viewer: Viewer; input: unknown }): Promise<ReviewSchedule> {
  assertCan(viewer, "cases.work");
  const next = parseInput(ZReviewSchedule, input);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('log_review_settings'))`;
    const row = await tx.appSetting.findUnique({ where: { key: REVIEW_SETTINGS_KEY } });
    const parsed = ZReviewSchedule.safeParse({ ...REVIEW_SCHEDULE_DEFAULTS, ...((row?.value as object | undefined) ?? {}) });
    const before = parsed.success ? parsed.data : REVIEW_SCHEDULE_DEFAULTS;
    const value = next as unknown as Prisma.InputJsonValue;
    await tx.appSetting.upsert({ where: { key: REVIEW_SETTINGS_KEY }, create: { key: REVIEW_SETTINGS_KEY, value }, update: { value } });
    await appendAudit(tx, viewer, { action: "reviews.schedule_update", targetType: "AppSetting", targetId: REVIEW_SETTINGS_KEY, before, after: next });
    return next;
  });
}

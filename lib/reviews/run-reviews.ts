import "server-only";
// The log_review job, every minute: creates the review of the period that ended, exactly once
// (log_reviews.period_start is unique, so two workers or a restart cannot create it twice), and
// announces each open review past its due time once (overdue_notified_at is claimed with a
// conditional update in the same transaction as the notification job).
import { db } from "@/lib/db";
import { appendAudit } from "@/lib/audit/append-audit";
import { systemViewer } from "@/lib/auth/viewer";
import { notifyInTx } from "@/lib/notifications/process";
import { duePeriod } from "./schedule";
import { getReviewSchedule } from "./settings";

export async function createDueReview(now = new Date()): Promise<{ created: string | null }> {
  const schedule = await getReviewSchedule();
  const last = await db.logReview.findFirst({ orderBy: { periodEnd: "desc" }, select: { periodEnd: true } });
  const period = duePeriod(schedule, now, last?.periodEnd ?? null);
  if (!period) return { created: null };
  return db.$transaction(async (tx) => {
    const { count } = await tx.logReview.createMany({ data: [{ ...period, createdAt: now }], skipDuplicates: true });
    if (!count) return { created: null };
    const review = await tx.logReview.findUniqueOrThrow({ where: { periodStart: period.periodStart }, select: { id: true } });
    await appendAudit(tx, systemViewer("system"), {
      action: "reviews.create",
      targetType: "LogReview",
      targetId: review.id,
      after: { periodStart: period.periodStart.toISOString(), periodEnd: period.periodEnd.toISOString(), dueAt: period.dueAt.toISOString() },
    });
    return { created: review.id };
  });
}

export async function notifyOverdueReviews(now = new Date()): Promise<{ notified: string[] }> {
  const due = await db.logReview.findMany({ where: { status: "OPEN", dueAt: { lt: now }, overdueNotifiedAt: null }, select: { id: true }, orderBy: { dueAt: "asc" }, take: 50 });
  const notified: string[] = [];
  for (const r of due) {
    const claimed = await db.$transaction(async (tx) => {
      const { count } = await tx.logReview.updateMany({ where: { id: r.id, status: "OPEN", overdueNotifiedAt: null }, data: { overdueNotifiedAt: now } });
      if (count) await notifyInTx(tx, { type: "review.overdue", reviewId: r.id });
      return count > 0;
    });
    if (claimed) notified.push(r.id);
  }
  return { notified };
}

export async function runLogReviews(now = new Date()) {
  const created = await createDueReview(now);
  const overdue = await notifyOverdueReviews(now);
  return { ...created, ...overdue };
}

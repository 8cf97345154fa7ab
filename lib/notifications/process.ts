import "server-only";
// The notification jobs. `notification_plan` turns an event into deliveries (one row and one
// job each, in one transaction); `notification_deliver` sends one, retried with backoff, and
// records every attempt on its row.
import type PgBoss from "pg-boss";
import { db, type Tx } from "@/lib/db";
import { userCan, usersWithPermissionWhere } from "@/lib/auth/permissions";
import { canSeeClass, userMayWorkCaseClass } from "@/lib/auth/visibility";
import { asUserViewer } from "@/lib/auth/viewer";
import { logger } from "@/lib/logger";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueInTx, QUEUES } from "@/lib/jobs/boss";
import { planAlertDeliveries, planCaseOverdueDeliveries, planDeliveries, planMentionDeliveries, planReviewOverdueDeliveries, type Audience, type DeliveryDraft, type NotificationEvent } from "./plan";
import { sendEmail, sendSlack, sendWebhook } from "./senders";
import { getNotificationSettings } from "./settings";

export type PlanJob = { type: NotificationEvent["type"]; reportId: string } | { type: "alert.raised"; alertId: number } | { type: "case.mention"; commentId: string; userId: string } | { type: "case.overdue"; caseId: string } | { type: "review.overdue"; reviewId: string };
export type DeliverJob = { deliveryId: string };

/** Called by operations inside their transaction. */
export function notifyInTx(tx: Tx, job: PlanJob) {
  return enqueueInTx(tx, QUEUES.notificationPlan.name, job);
}

export function baseUrl(): string {
  return process.env.NEXTAUTH_URL || `http://localhost:${process.env.PORT || 3000}`;
}

// Who hears about what is asked of lib/auth: the security team (who work alerts), and those who
// may read COO_ONLY reports; together they are everyone who triages reports.
async function audience(): Promise<Audience> {
  const users = await db.user.findMany({ where: usersWithPermissionWhere("reports.triage"), select: { id: true, email: true, name: true, roles: true } });
  return {
    security: users.filter((u) => userCan(u, "alerts.work")).map((u) => u.email),
    coo: users.filter((u) => canSeeClass(asUserViewer(u), "COO_ONLY")).map((u) => u.email),
  };
}

export async function planNotification(job: PlanJob) {
  if (job.type === "alert.raised") return planAlertNotification(job.alertId);
  if (job.type === "case.mention") return planMentionNotification(job.commentId, job.userId);
  if (job.type === "case.overdue") return planCaseOverdueNotification(job.caseId);
  if (job.type === "review.overdue") return planReviewOverdueNotification(job.reviewId);
  const report = await db.report.findUnique({ where: { id: job.reportId }, include: { reporter: { select: { email: true, disabledAt: true } } } });
  if (!report) return;
  const settings = await getNotificationSettings();
  const facts = { id: report.id, reference: report.reference, category: report.category, urgency: report.urgency, visibility: report.visibility };
  const event: NotificationEvent =
    job.type === "report.created"
      ? { type: "report.created", report: facts }
      : {
          type: "report.message_to_reporter",
          report: facts,
          reporterEmail: report.reporter && !report.reporter.disabledAt ? report.reporter.email : report.externalEmail,
          reporterHasAccount: Boolean(report.reporter),
        };
  const drafts = planDeliveries(event, channelsOf(settings), await audience(), baseUrl());
  await saveDeliveries(job.type, drafts, report.id);
}

function channelsOf(settings: Awaited<ReturnType<typeof getNotificationSettings>>) {
  return {
    slack: settings.slack.enabled && Boolean(settings.slack.webhookUrl),
    email: settings.email.enabled && Boolean(settings.email.host),
    webhook: settings.webhook.enabled && Boolean(settings.webhook.url),
  };
}

async function planAlertNotification(alertId: number) {
  const alert = await db.alert.findUnique({ where: { id: alertId }, select: { id: true, ruleId: true, severity: true, title: true, firstSeenAt: true } });
  if (!alert) return;
  const drafts = planAlertDeliveries({ ...alert, firstSeenAt: alert.firstSeenAt.toISOString() }, channelsOf(await getNotificationSettings()), await audience(), baseUrl());
  await saveDeliveries("alert.raised", drafts, null);
}

// Checked again when planned: someone who may no longer see the case (tightened, role removed,
// disabled) is not told about it.
async function planMentionNotification(commentId: string, userId: string) {
  const comment = await db.caseComment.findUnique({ where: { id: commentId }, select: { body: true, authorId: true, case: { select: { reference: true, title: true, visibility: true } } } });
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, roles: true, disabledAt: true } });
  if (!comment || !user || !userMayWorkCaseClass(user, comment.case.visibility)) return;
  const author = comment.authorId ? await db.user.findUnique({ where: { id: comment.authorId }, select: { name: true } }) : null;
  const drafts = planMentionDeliveries(
    { reference: comment.case.reference, visibility: comment.case.visibility, caseTitle: comment.case.title, authorName: author?.name ?? "Someone", body: comment.body, to: user.email },
    channelsOf(await getNotificationSettings()),
    baseUrl(),
  );
  await saveDeliveries("case.mention", drafts, null);
}

// The lead and members who may still work the case's class hear of it; the plan falls back to
// the security team (or the COO for COO_ONLY) when there is nobody on the case.
async function planCaseOverdueNotification(caseId: string) {
  const c = await db.case.findUnique({
    where: { id: caseId },
    select: {
      reference: true,
      title: true,
      severity: true,
      visibility: true,
      dueAt: true,
      lead: { select: { id: true, email: true, name: true, roles: true, disabledAt: true } },
      members: { select: { user: { select: { id: true, email: true, name: true, roles: true, disabledAt: true } } } },
    },
  });
  if (!c || !c.dueAt) return;
  const people = [...(c.lead ? [c.lead] : []), ...c.members.map((m) => m.user)].filter((u) => userMayWorkCaseClass(u, c.visibility));
  const drafts = planCaseOverdueDeliveries(
    { reference: c.reference, title: c.title, severity: c.severity, visibility: c.visibility, dueAt: c.dueAt.toISOString() },
    channelsOf(await getNotificationSettings()),
    { onCase: people.map((u) => u.email) },
    await audience(),
    baseUrl(),
  );
  await saveDeliveries("case.overdue", drafts, null);
}

// An open log review past its due time: the Security Review Team (who sign reviews off) hears of it.
async function planReviewOverdueNotification(reviewId: string) {
  const r = await db.logReview.findUnique({ where: { id: reviewId }, select: { id: true, status: true, periodStart: true, periodEnd: true, dueAt: true } });
  if (!r || r.status !== "OPEN") return;
  const team = await db.user.findMany({ where: usersWithPermissionWhere("cases.work"), select: { email: true } });
  const drafts = planReviewOverdueDeliveries(
    { id: r.id, periodStart: r.periodStart.toISOString(), periodEnd: r.periodEnd.toISOString(), dueAt: r.dueAt.toISOString() },
    channelsOf(await getNotificationSettings()),
    team.map((u) => u.email),
    baseUrl(),
  );
  await saveDeliveries("review.overdue", drafts, null);
}

async function saveDeliveries(event: string, drafts: DeliveryDraft[], reportId: string | null) {
  await db.$transaction(async (tx) => {
    for (const draft of drafts) {
      const delivery = await tx.notificationDelivery.create({
        data: {
          event,
          channel: draft.channel,
          destination: draft.destination,
          subject: draft.subject,
          body: draft.body,
          payload: draft.payload as Prisma.InputJsonValue | undefined,
          reportId,
        },
      });
      await enqueueInTx(tx, QUEUES.notificationDeliver.name, { deliveryId: delivery.id } satisfies DeliverJob);
    }
  });
}

/** Sends one delivery with the current settings. */
export async function sendDelivery(delivery: { channel: string; destination: string; subject: string | null; body: string; payload: Prisma.JsonValue | null }) {
  const settings = await getNotificationSettings();
  switch (delivery.channel) {
    case "SLACK":
      if (!settings.slack.webhookUrl) throw new Error("Slack is not configured.");
      return sendSlack(settings.slack.webhookUrl, delivery.body);
    case "WEBHOOK":
      if (!settings.webhook.url) throw new Error("The webhook is not configured.");
      return sendWebhook(settings.webhook.url, settings.webhook.secret, (delivery.payload ?? {}) as Record<string, unknown>);
    case "EMAIL":
      if (!settings.email.host) throw new Error("Email is not configured.");
      return sendEmail(settings.email, delivery.destination, delivery.subject ?? "Countersign", delivery.body);
  }
}

export async function deliver(job: PgBoss.JobWithMetadata<DeliverJob>) {
  const delivery = await db.notificationDelivery.findUnique({ where: { id: job.data.deliveryId } });
  if (!delivery || delivery.status === "SENT") return;
  try {
    await sendDelivery(delivery);
    await db.notificationDelivery.update({ where: { id: delivery.id }, data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 }, lastError: null } });
  } catch (error) {
    const final = job.retryCount >= job.retryLimit;
    const message = error instanceof Error ? error.message : String(error);
    await db.notificationDelivery.update({
      where: { id: delivery.id },
      data: { attempts: { increment: 1 }, lastError: message.slice(0, 1000), status: final ? "FAILED" : "PENDING" },
    });
    logger.warn({ deliveryId: delivery.id, channel: delivery.channel, final, err: message }, "notification delivery failed");
    if (!final) throw error;
  }
}

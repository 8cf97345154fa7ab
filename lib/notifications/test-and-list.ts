import "server-only";
// For the settings page: send a test through one channel now, and list recent deliveries.
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { appendAudit } from "@/lib/audit/append-audit";
import { canSeeClass } from "@/lib/auth/visibility";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { SLACK_DESTINATION, WEBHOOK_DESTINATION } from "./plan";
import { baseUrl, sendDelivery } from "./process";

export const ZTestChannel = z.enum(["SLACK", "EMAIL", "WEBHOOK"]);

export async function sendTestNotification({ viewer, channel, to }: { viewer: Viewer; channel: unknown; to?: string }) {
  assertCan(viewer, "settings.manage");
  const which = parseInput(ZTestChannel, channel);
  const email = which === "EMAIL" ? (to ?? (viewer.kind === "user" ? viewer.email : "")) : "";
  if (which === "EMAIL" && !email) throw new AppError("INVALID_INPUT", "Say where the test email goes.");
  const delivery = await db.notificationDelivery.create({
    data: {
      event: "test",
      channel: which,
      destination: which === "EMAIL" ? email : which === "SLACK" ? SLACK_DESTINATION : WEBHOOK_DESTINATION,
      subject: "[Countersign] Test notification",
      body: `Test notification from Countersign at ${baseUrl()}. If you can read this, the ${which.toLowerCase()} settings work.`,
      payload: { event: "test", url: baseUrl() },
    },
  });
  let error: string | null = null;
  try {
    await sendDelivery(delivery);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  await db.$transaction(async (tx) => {
    await tx.notificationDelivery.update({
      where: { id: delivery.id },
      data: error ? { status: "FAILED", attempts: 1, lastError: error.slice(0, 1000) } : { status: "SENT", attempts: 1, sentAt: new Date() },
    });
    await appendAudit(tx, viewer, { action: "settings.notification_test", targetType: "NotificationDelivery", targetId: delivery.id, after: { channel: which, ok: !error } });
  });
  if (error) throw new AppError("CONFLICT", `The test ${which.toLowerCase()} notification failed: ${error}`);
}

/**
 * Recent deliveries. A delivery about a report the viewer may not see keeps only its channel,
 * status and times: its event and destination would tell an admin that someone filed (or was
 * written to about) a sealed report, and for whom.
 */
export async function listDeliveries({ viewer }: { viewer: Viewer }) {
  assertCan(viewer, "settings.manage");
  const rows = await db.notificationDelivery.findMany({
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, event: true, channel: true, destination: true, subject: true, status: true, attempts: true, lastError: true, createdAt: true, sentAt: true, reportId: true },
  });
  const reportIds = [...new Set(rows.map((r) => r.reportId).filter((id): id is string => id !== null))];
  const classes = new Map((await db.report.findMany({ where: { id: { in: reportIds } }, select: { id: true, visibility: true } })).map((r) => [r.id, r.visibility]));
  return rows.map(({ reportId, ...row }) => {
    const visibility = reportId ? classes.get(reportId) : undefined;
    if (!reportId || (visibility && canSeeClass(viewer, visibility))) return row;
    return { ...row, event: "report notification", destination: "(sealed report)", subject: null, lastError: row.lastError ? "(hidden: sealed report)" : null };
  });
}

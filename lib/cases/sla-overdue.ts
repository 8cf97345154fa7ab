import "server-only";
// The overdue announcement: every minute, each open case past its SLA due date that was not yet
// announced for that due date gets one notification (lib/notifications: the lead and members,
// or the security team; a COO_ONLY case the COO alone). The notice row and the notification job
// are written in one transaction, so a case is announced once, even with two workers.
import { db } from "@/lib/db";
import { notifyInTx } from "@/lib/notifications/process";
import { CASE_STATUSES, isOpen } from "./status";

const OPEN = CASE_STATUSES.filter(isOpen);
const BATCH = 200;

export async function notifyOverdueCases(now = new Date()): Promise<{ notified: string[] }> {
  const due = await db.case.findMany({
    where: { status: { in: OPEN }, mergedIntoId: null, dueAt: { lt: now } },
    select: { id: true, reference: true, dueAt: true },
    orderBy: { dueAt: "asc" },
  });
  if (!due.length) return { notified: [] };
  const done = await db.caseOverdueNotice.findMany({ where: { caseId: { in: due.map((c) => c.id) } }, select: { caseId: true, dueAt: true } });
  const seen = new Set(done.map((d) => `${d.caseId}@${d.dueAt.getTime()}`));
  const pending = due.filter((c) => !seen.has(`${c.id}@${c.dueAt!.getTime()}`)).slice(0, BATCH);
  const notified: string[] = [];
  for (const c of pending) {
    const claimed = await db.$transaction(async (tx) => {
      const { count } = await tx.caseOverdueNotice.createMany({ data: [{ caseId: c.id, dueAt: c.dueAt!, notifiedAt: now }], skipDuplicates: true });
      if (count) await notifyInTx(tx, { type: "case.overdue", caseId: c.id });
      return count > 0;
    });
    if (claimed) notified.push(c.reference);
  }
  return { notified };
}

import "server-only";
// Starts the background workers on the shared queue: by default inside each app process
// (instrumentation.ts), or in `npm run worker` processes when RUN_WORKERS=false on the web.
import type PgBoss from "pg-boss";
import { logger } from "@/lib/logger";
import { deliver, planNotification, type DeliverJob, type PlanJob } from "@/lib/notifications/process";
import { runIngestMaintenance } from "@/lib/ingest/maintenance";
import { runTailscalePoll } from "@/lib/ingest/poller/run-poll";
import { raiseAlerts } from "@/lib/alerts/raise-alerts";
import { runWindowedRules } from "@/lib/detections/run-windowed";
import { notifyOverdueCases } from "@/lib/cases/sla-overdue";
import { runVerification } from "@/lib/integrity/run-verification";
import { runLogReviews } from "@/lib/reviews/run-reviews";
import { getBoss, QUEUES, SCHEDULES, type QueueName } from "./boss";

const globalForWorkers = globalThis as unknown as { countersignWorkers?: Promise<void> };

// pg-boss polls once per interval and hands over a batch; jobs in a batch run concurrently and
// fail (and are retried) one by one, so one bad destination never holds back the others.
const POLL = { includeMetadata: true as const, pollingIntervalSeconds: 0.5, batchSize: 20 };

async function workEach<T extends object>(boss: PgBoss, queue: QueueName, handle: (job: PgBoss.JobWithMetadata<T>) => Promise<void>) {
  await boss.work<T>(queue, POLL, async (jobs: PgBoss.JobWithMetadata<T>[]) => {
    const results = await Promise.allSettled(jobs.map(handle));
    await Promise.all(
      results.map((result, i) => {
        if (result.status === "fulfilled") return undefined;
        const reason = result.reason as Error | undefined;
        logger.warn({ queue, jobId: jobs[i]!.id, err: reason?.message }, "job failed");
        return boss.fail(queue, jobs[i]!.id, { message: reason?.message ?? String(reason) });
      }),
    );
  });
}

export function startWorkers(): Promise<void> {
  globalForWorkers.countersignWorkers ??= (async () => {
    const boss = await getBoss();
    await workEach<PlanJob>(boss, QUEUES.notificationPlan.name, (job) => planNotification(job.data));
    await workEach<DeliverJob>(boss, QUEUES.notificationDeliver.name, deliver);
    await workEach(boss, QUEUES.ingestMaintenance.name, async () => void (await runIngestMaintenance()));
    await workEach(boss, QUEUES.tailscalePoll.name, async () => void (await runTailscalePoll()));
    await workEach(boss, QUEUES.detectionAlerts.name, async () => void (await raiseAlerts()));
    await workEach(boss, QUEUES.detectionWindowed.name, async () => void (await runWindowedRules()));
    await workEach(boss, QUEUES.caseOverdue.name, async () => void (await notifyOverdueCases()));
    await workEach(boss, QUEUES.integrityVerify.name, async () => void (await runVerification()));
    await workEach(boss, QUEUES.logReview.name, async () => void (await runLogReviews()));
    for (const { queue, cron } of SCHEDULES) await boss.schedule(queue, cron, {}, { tz: "UTC" });
    // Partitions for today must exist before the first record arrives, not at the next quarter hour.
    await boss.send(QUEUES.ingestMaintenance.name, {}, { singletonKey: "startup", singletonSeconds: 60 });
    logger.info("background workers started");
  })().catch((error) => {
    globalForWorkers.countersignWorkers = undefined;
    throw error;
  });
  return globalForWorkers.countersignWorkers;
}

import "server-only";
// Starts the background workers on the shared queue: by default inside each app process
// (instrumentation.ts), or in `npm run worker` processes when RUN_WORKERS=false on the web.
import type PgBoss from "pg-boss";
import { logger } from "@/lib/logger";
import { deliver, planNotification, type DeliverJob, type PlanJob } from "@/lib/notifications/process";
import { getBoss, QUEUES } from "./boss";

const globalForWorkers = globalThis as unknown as { countersignWorkers?: Promise<void> };

export function startWorkers(): Promise<void> {
  globalForWorkers.countersignWorkers ??= (async () => {
    const boss = await getBoss();
    const options = { includeMetadata: true as const, pollingIntervalSeconds: 1, batchSize: 5 };
    await boss.work<PlanJob>(QUEUES.notificationPlan.name, options, async (jobs: PgBoss.JobWithMetadata<PlanJob>[]) => {
      for (const job of jobs) await planNotification(job.data);
    });
    await boss.work<DeliverJob>(QUEUES.notificationDeliver.name, { ...options, batchSize: 1 }, async (jobs: PgBoss.JobWithMetadata<DeliverJob>[]) => {
      for (const job of jobs) await deliver(job);
    });
    logger.info("background workers started");
  })();
  return globalForWorkers.countersignWorkers;
}

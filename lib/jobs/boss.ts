import "server-only";
// The durable job queue: pg-boss in its own `pgboss` schema of the app's database, so nothing
// new runs beside PostgreSQL. Jobs are enqueued inside the transaction of the change that
// causes them: no change without its job, no job without its change.
import PgBoss from "pg-boss";
import type { Tx } from "@/lib/db";
import { logger } from "@/lib/logger";

// Seconds before the first retry; backoff doubles it each time. Tests shorten it.
const RETRY_DELAY = Number(process.env.JOB_RETRY_DELAY_SECONDS) || 10;

export const QUEUES = {
  notificationPlan: { name: "notification_plan", retryLimit: 5, retryDelay: RETRY_DELAY, retryBackoff: true },
  notificationDeliver: { name: "notification_deliver", retryLimit: 6, retryDelay: RETRY_DELAY, retryBackoff: true },
  /** Log partitions ahead, retention, counters: every 15 minutes and at start. */
  ingestMaintenance: { name: "ingest_maintenance", retryLimit: 2, retryDelay: RETRY_DELAY, retryBackoff: true },
  /** Tailscale API poller: every minute when configured. */
  tailscalePoll: { name: "tailscale_poll", retryLimit: 0, retryDelay: RETRY_DELAY, retryBackoff: false },
  /** Folds the detections' matches (the outbox) into alerts: enqueued with the matches. */
  detectionAlerts: { name: "detection_alerts", retryLimit: 10, retryDelay: 2, retryBackoff: true },
  /** Windowed rules: every minute, each rule from its watermark. */
  detectionWindowed: { name: "detection_windowed", retryLimit: 0, retryDelay: RETRY_DELAY, retryBackoff: false },
  /** Cases past their SLA due date, each announced once (lib/cases/sla-overdue.ts): every minute. */
  caseOverdue: { name: "case_overdue", retryLimit: 0, retryDelay: RETRY_DELAY, retryBackoff: false },
  /** Double-entry verification of flow logs (lib/integrity): every minute, from its watermark. */
  integrityVerify: { name: "integrity_verify", retryLimit: 0, retryDelay: RETRY_DELAY, retryBackoff: false },
  /** The regular log review (lib/reviews): creates the review of a period that ended, announces overdue ones; every minute. */
  logReview: { name: "log_review", retryLimit: 0, retryDelay: RETRY_DELAY, retryBackoff: false },
} as const;

/** Cron schedules (UTC) of the recurring jobs. */
export const SCHEDULES: ReadonlyArray<{ queue: QueueName; cron: string }> = [
  { queue: "ingest_maintenance", cron: "*/15 * * * *" },
  { queue: "tailscale_poll", cron: "* * * * *" },
  { queue: "detection_windowed", cron: "* * * * *" },
  // Matches left behind by a crash between commit and fold: picked up within a minute.
  { queue: "detection_alerts", cron: "* * * * *" },
  { queue: "case_overdue", cron: "* * * * *" },
  { queue: "integrity_verify", cron: "* * * * *" },
  { queue: "log_review", cron: "* * * * *" },
];
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]["name"];

const globalForBoss = globalThis as unknown as { countersignBoss?: Promise<PgBoss> };

export function getBoss(): Promise<PgBoss> {
  globalForBoss.countersignBoss ??= (async () => {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: the job queue needs the database.");
    const boss = new PgBoss({ connectionString, schema: "pgboss", max: 4, application_name: "countersign-jobs" });
    boss.on("error", (err) => logger.error({ err }, "job queue error"));
    await boss.start();
    for (const queue of Object.values(QUEUES)) await boss.createQueue(queue.name, queue);
    return boss;
  })().catch((error) => {
    globalForBoss.countersignBoss = undefined;
    throw error;
  });
  return globalForBoss.countersignBoss;
}

export async function stopBoss() {
  const pending = globalForBoss.countersignBoss;
  globalForBoss.countersignBoss = undefined;
  if (pending) await (await pending).stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
}

/** Enqueues a job in the caller's transaction (pg-boss writes through the transaction). */
export function enqueueInTx(tx: Tx, queue: QueueName, data: object) {
  return enqueueThrough(
    async (text, values) => ({
      rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values.map((v) => (v !== null && typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v))),
    }),
    queue,
    data,
  );
}

/** The same on a raw `pg` client inside its transaction (the log pipeline). */
export function enqueueOnClient(client: { query: (text: string, values: unknown[]) => Promise<{ rows: unknown[] }> }, queue: QueueName, data: object) {
  return enqueueThrough((text, values) => client.query(text, values), queue, data);
}

async function enqueueThrough(executeSql: (text: string, values: unknown[]) => Promise<{ rows: unknown[] }>, queue: QueueName, data: object) {
  const boss = await getBoss();
  const options = Object.values(QUEUES).find((q) => q.name === queue)!;
  await boss.send(queue, data, { retryLimit: options.retryLimit, retryDelay: options.retryDelay, retryBackoff: options.retryBackoff, db: { executeSql } });
}

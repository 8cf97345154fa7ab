import "server-only";
// The scheduled upkeep of the log tables: partitions for the coming days, retention by dropping
// whole daily partitions, and trimming the status counters, the quarantine and the threshold
// rules' held matches.
import { HELD_MATCH_DAYS } from "@/lib/detections/threshold";
import { logger } from "@/lib/logger";
import { createPartitionsAhead, dropExpiredPartitions } from "./partitions";
import { ingestPool } from "./pg-pool";
import { getIngestSettings } from "./settings";

const COUNTER_DAYS = 14;
const QUARANTINE_DAYS = 30;

export async function runIngestMaintenance(now = new Date()) {
  const settings = await getIngestSettings();
  const created = await createPartitionsAhead(3, now);
  const dropped = [
    ...(await dropExpiredPartitions("audit_events", settings.auditRetentionDays, now)),
    ...(await dropExpiredPartitions("flow_records", settings.flowRetentionDays, now)),
  ];
  // These tables are small and unpartitioned; a bounded delete is fine.
  const pool = ingestPool();
  await pool.query(`DELETE FROM ingest_minutes WHERE minute < $1`, [new Date(now.getTime() - COUNTER_DAYS * 86_400_000)]);
  await pool.query(`DELETE FROM quarantined_records WHERE received_at < $1`, [new Date(now.getTime() - QUARANTINE_DAYS * 86_400_000)]);
  await pool.query(`DELETE FROM detection_held_matches WHERE created_at < $1`, [new Date(now.getTime() - HELD_MATCH_DAYS * 86_400_000)]);
  if (created || dropped.length) logger.info({ created, dropped }, "log partitions maintained");
  return { created, dropped };
}

// A hole in the logs longer than the threshold: a source that sent no records at all for a
// while (ingest_minutes), or a device silent while its peers logged traffic with it (the
// integrity verification's silent buckets). Reported once the hole has closed; a source that
// is quiet right now is on the ingest status page.
import { defineWindowedRule } from "../../define-rule";
import { AFTER_VERIFICATION, SETTLE_SQL } from "../../helpers/integrity";

export type LoggingGapRow = {
  kind: "source" | "device";
  entity: string;
  name: string | null;
  gap_from: Date | string;
  gap_to: Date | string;
  minutes: number;
};

export const WINDOW_MINUTES = 15;
/** A hole at least this long is an alert. */
export const GAP_MINUTES = 15;

const SQL = `
WITH m AS (
  SELECT source_id, minute, lag(minute) OVER (PARTITION BY source_id ORDER BY minute) AS prev
    FROM ingest_minutes WHERE records > 0 AND minute >= $1::timestamptz - interval '7 days' AND minute < $2::timestamptz
), r AS (
  SELECT d.node_id, d.bucket, d.silent, d.entries, b.minutes,
         sum((d.entries > 0)::int) OVER (PARTITION BY d.node_id ORDER BY d.bucket) AS grp
    FROM integrity_device_buckets d JOIN integrity_buckets b ON b.bucket = d.bucket
   WHERE d.bucket >= $1::timestamptz - ${SETTLE_SQL} - interval '1 day' AND d.bucket < $2::timestamptz - ${SETTLE_SQL}
), spans AS (
  SELECT node_id, min(bucket) AS gap_from, max(bucket + make_interval(mins => minutes)) AS gap_to, bool_or(bucket >= $1::timestamptz - ${SETTLE_SQL}) AS recent
    FROM r WHERE silent > 0 AND entries = 0 GROUP BY node_id, grp
)
SELECT 'source' AS kind, m.source_id::text AS entity, s.name, m.prev + interval '1 minute' AS gap_from, m.minute AS gap_to,
       (extract(epoch FROM m.minute - m.prev) / 60)::int - 1 AS minutes
  FROM m JOIN ingest_sources s ON s.id = m.source_id
 WHERE m.prev IS NOT NULL AND m.minute >= $1::timestamptz AND m.minute - m.prev > interval '${GAP_MINUTES} minutes'
UNION ALL
SELECT 'device', spans.node_id, dev.name, spans.gap_from, spans.gap_to, (extract(epoch FROM spans.gap_to - spans.gap_from) / 60)::int
  FROM spans LEFT JOIN devices dev ON dev.node_id = spans.node_id
 WHERE spans.recent AND spans.gap_to - spans.gap_from >= interval '${GAP_MINUTES} minutes'
   -- the span has closed: the device reported again, or the window's results end after it
   AND spans.gap_to < $2::timestamptz - ${SETTLE_SQL}`;

const row = (o: Partial<LoggingGapRow> = {}): LoggingGapRow => ({
  kind: "source",
  entity: "3",
  name: "splunk-stream",
  gap_from: "2026-11-21T10:00:00Z",
  gap_to: "2026-11-21T10:45:00Z",
  minutes: 45,
  ...o,
});

export default defineWindowedRule<LoggingGapRow>({
  id: "Countersign.Integrity.LoggingGap",
  title: "Gap in the logs",
  description:
    "A log source sent no records at all, or a device logged nothing while its peers logged traffic with it, for longer than the threshold. The policy asks for missing time spans to be found and explained: the records of that span may be lost for good.",
  logType: "flow",
  after: AFTER_VERIFICATION,
  windowMinutes: () => WINDOW_MINUTES,
  sql: SQL,
  severity: (r) => (r.minutes >= 120 ? "HIGH" : "MEDIUM"),
  mitre: ["TA0005:T1562.008"],
  runbook: [
    "For a source: check the ingest status page and Tailscale's log streaming settings for the span; fetch the missing span through the poll API or an S3 export if it is still kept (flow logs 30 days).",
    "For a device: check whether it was off (its peers' records show traffic, so it was not), whether tailscaled or its logging was stopped, and who used it in the span.",
    "Record the explanation on the log review; open a case if there is none.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1255/log-streaming", "https://tailscale.com/kb/1219/network-flow-logs"],
  dedupMinutes: 60,
  evaluate: (r) => r.minutes >= GAP_MINUTES,
  dedupKey: (r) => `${r.kind}:${r.entity}:${new Date(r.gap_from).toISOString()}`,
  alertTitle: (r) => `No ${r.kind === "source" ? "records from source" : "records from device"} ${r.name ?? r.entity} for ${r.minutes} min`,
  context: (r) => ({ kind: r.kind, entity: r.entity, name: r.name, from: r.gap_from, to: r.gap_to, minutes: r.minutes }),
  matchedFields: ["gap_from", "gap_to", "minutes"],
  entity: (r) => (r.kind === "device" ? { type: "device", value: r.entity } : null),
  tests: [
    { name: "A stream silent for 45 minutes", expected: true, row: row() },
    { name: "A device silent for 20 minutes while its peers logged", expected: true, row: row({ kind: "device", entity: "nSrv20CNTRL", minutes: 20 }) },
    { name: "A five-minute pause", expected: false, row: row({ minutes: 5 }) },
  ],
});

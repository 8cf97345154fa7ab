// The policy's "investigate unexpected reboots": a device that reported nothing for a while and
// came back reached at another physical endpoint (peers' physicalTraffic: src is the device's
// tailnet address, dst its endpoint) restarted on another network, moved, or was replaced.
import { defineWindowedRule } from "../../define-rule";

export type PossibleRestartRow = {
  node_id: string;
  name: string | null;
  silent_from: Date | string;
  back_at: Date | string;
  minutes: number;
  endpoint_before: string | null;
  endpoint_after: string | null;
};

export const WINDOW_MINUTES = 15;
/** Silence at least this long before the device came back. */
export const SILENT_MINUTES = 15;
const SETTLE = "interval '20 minutes'";

const SQL = `
WITH own AS (
  SELECT d.node_id, d.bucket, lag(d.bucket + make_interval(mins => b.minutes)) OVER (PARTITION BY d.node_id ORDER BY d.bucket) AS prev_end
    FROM integrity_device_buckets d JOIN integrity_buckets b ON b.bucket = d.bucket
   WHERE d.entries > 0 AND d.bucket >= $1::timestamptz - ${SETTLE} - interval '1 day' AND d.bucket < $2::timestamptz - ${SETTLE}
), back AS (
  SELECT own.node_id, own.prev_end AS silent_from, own.bucket AS back_at, dev.name, dev.addresses
    FROM own JOIN devices dev ON dev.node_id = own.node_id
   WHERE own.bucket >= $1::timestamptz - ${SETTLE} AND own.prev_end IS NOT NULL
     AND own.bucket - own.prev_end >= interval '${SILENT_MINUTES} minutes'
)
SELECT back.node_id, back.name, back.silent_from, back.back_at,
       (extract(epoch FROM back.back_at - back.silent_from) / 60)::int AS minutes,
       (SELECT host(f.dst_ip) || ':' || coalesce(f.dst_port, 0) FROM flow_records f
         WHERE f.kind = 'PHYSICAL' AND f.src_ip = ANY (back.addresses::inet[])
           AND f.window_start >= back.silent_from - interval '1 hour' AND f.window_start < back.silent_from
         ORDER BY f.window_start DESC LIMIT 1) AS endpoint_before,
       (SELECT host(f.dst_ip) || ':' || coalesce(f.dst_port, 0) FROM flow_records f
         WHERE f.kind = 'PHYSICAL' AND f.src_ip = ANY (back.addresses::inet[])
           AND f.window_start >= back.back_at AND f.window_start < back.back_at + interval '1 hour'
         ORDER BY f.window_start LIMIT 1) AS endpoint_after
  FROM back`;

const row = (o: Partial<PossibleRestartRow> = {}): PossibleRestartRow => ({
  node_id: "nSrv20CNTRL",
  name: "srv-20.example.ts.net",
  silent_from: "2026-11-21T10:00:00Z",
  back_at: "2026-11-21T10:40:00Z",
  minutes: 40,
  endpoint_before: "203.0.113.9:41641",
  endpoint_after: "198.51.100.7:41641",
  ...o,
});

export default defineWindowedRule<PossibleRestartRow>({
  id: "Countersign.Integrity.PossibleRestart",
  title: "Device back from a new endpoint (possible restart or move)",
  description:
    "A device reported nothing for a while and came back reached at a different physical endpoint: it restarted on another network, was moved, or another machine now answers for it. The policy asks for unexpected reboots to be investigated.",
  logType: "flow",
  windowMinutes: () => WINDOW_MINUTES,
  sql: SQL,
  severity: (r) => (r.minutes >= 60 ? "MEDIUM" : "LOW"),
  mitre: ["TA0040:T1529"],
  runbook: [
    "Ask the device's owner whether it was rebooted, moved or reinstalled in the span; servers should have a change record.",
    "Look up both endpoints: a laptop moving between home and office is expected, a server changing networks is not.",
    "If nobody can explain it, check the device's audit log entries (key, tags) and whether its logs countersign since it came back.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1219/network-flow-logs", "https://attack.mitre.org/techniques/T1529/"],
  dedupMinutes: 6 * 60,
  evaluate: (r) => r.minutes >= SILENT_MINUTES && r.endpoint_before !== null && r.endpoint_after !== null && r.endpoint_before !== r.endpoint_after,
  dedupKey: (r) => `${r.node_id}:${new Date(r.back_at).toISOString()}`,
  alertTitle: (r) => `${r.name ?? r.node_id} silent for ${r.minutes} min, back from ${r.endpoint_after} (was ${r.endpoint_before})`,
  context: (r) => ({ nodeId: r.node_id, silentFrom: r.silent_from, backAt: r.back_at, minutes: r.minutes, endpointBefore: r.endpoint_before, endpointAfter: r.endpoint_after }),
  matchedFields: ["endpoint_before", "endpoint_after", "minutes"],
  entity: (r) => ({ type: "device", value: r.node_id }),
  tests: [
    { name: "Silent 40 minutes, back on another network", expected: true, row: row() },
    { name: "Silent 40 minutes, back at the same endpoint", expected: false, row: row({ endpoint_after: "203.0.113.9:41641" }) },
    { name: "No endpoint known before", expected: false, row: row({ endpoint_before: null }) },
    { name: "A short pause", expected: false, row: row({ minutes: 5 }) },
  ],
});

// The policy's "investigate unexpected reboots": a device that reported nothing for a while and
// came back reached at another physical endpoint (peers' physicalTraffic: src is the device's
// tailnet address, dst its endpoint) restarted on another network, moved, or was replaced.
import { restartSql } from "@/lib/integrity/restart-sql";
import { defineWindowedRule } from "../../define-rule";
import { AFTER_VERIFICATION, SETTLE_SQL } from "../../helpers/integrity";

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

// Read SETTLE_MINUTES after the fact (late re-checks are over); the device came back within the window.
const SQL = `SELECT node_id, name, span_from AS silent_from, span_to AS back_at, minutes, endpoint_before, endpoint_after
  FROM (${restartSql({ from: `$1::timestamptz - ${SETTLE_SQL}`, to: `$2::timestamptz - ${SETTLE_SQL}`, minMinutes: String(SILENT_MINUTES) })}) r`;

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
  after: AFTER_VERIFICATION,
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

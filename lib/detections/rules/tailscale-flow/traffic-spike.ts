// Volume against each pair's own history. The baseline (flow_baselines) is updated in the same
// statement that compares against it; the comparison reads the values from before the update
// (a data-modifying CTE's changes are not visible to the rest of its statement).
import { defineWindowedRule, type RuleContext } from "../../define-rule";
import { deviceOfSql } from "../../helpers/flow";

export type TrafficSpikeRow = {
  pair_key: string;
  kind: "pair" | "exit";
  /** The side that sent more (pairs), or the device whose traffic went through the exit node. */
  sender: string | null;
  receiver: string | null;
  node_id: string | null;
  bytes: number;
  avg_bytes: number;
  windows: number;
  ratio: number;
};

// The average is a plain mean over the first minWindows windows of a pair, then an exponentially
// weighted one (alpha 2/(minWindows+1)): a pair's normal volume may drift, one spike moves it a
// little. Only windows in which the pair carried traffic count: an hourly backup's baseline is
// the size of a backup, not of the hours in between.
const SQL = `
WITH p AS (
  SELECT ($3::jsonb->>'factor')::float8 AS factor, ($3::jsonb->>'minBytes')::float8 AS min_bytes,
         ($3::jsonb->>'minWindows')::int AS min_windows, ($3::jsonb->>'alpha')::float8 AS alpha
),
views AS (
  -- Each reporter's own view: its address is src, tx is what it sent.
  SELECT f.node_id, f.src_ip, f.dst_ip, sum(f.tx_bytes)::float8 AS tx, sum(f.rx_bytes)::float8 AS rx
    FROM flow_records f
   WHERE f.window_start >= $1::timestamptz AND f.window_start < $2::timestamptz
     AND f.kind = 'VIRTUAL' AND f.src_ip IS NOT NULL AND f.dst_ip IS NOT NULL
   GROUP BY f.node_id, f.src_ip, f.dst_ip
),
pairs AS (
  -- Both ends log the same bytes: the larger of the two views, not their sum.
  SELECT 'v:' || host(least(src_ip, dst_ip)) || '-' || host(greatest(src_ip, dst_ip)) AS pair_key, 'pair' AS kind,
         max(tx + rx) AS bytes,
         (array_agg(host(CASE WHEN tx >= rx THEN src_ip ELSE dst_ip END) ORDER BY tx + rx DESC))[1] AS sender,
         (array_agg(host(CASE WHEN tx >= rx THEN dst_ip ELSE src_ip END) ORDER BY tx + rx DESC))[1] AS receiver,
         (array_agg(CASE WHEN tx >= rx THEN node_id END ORDER BY tx + rx DESC))[1] AS node_id
    FROM views GROUP BY least(src_ip, dst_ip), greatest(src_ip, dst_ip)
),
exits AS (
  -- Through an exit node, per reporting node and tailnet address (the outside address may be dropped).
  SELECT 'x:' || f.node_id || ':' || coalesce(host(f.src_ip), '-') AS pair_key, 'exit' AS kind,
         sum(f.tx_bytes + f.rx_bytes)::float8 AS bytes, host(f.src_ip) AS sender, NULL::text AS receiver, f.node_id
    FROM flow_records f
   WHERE f.window_start >= $1::timestamptz AND f.window_start < $2::timestamptz AND f.kind = 'EXIT'
   GROUP BY f.node_id, f.src_ip
),
cur AS (SELECT * FROM pairs UNION ALL SELECT * FROM exits),
updated AS (
  INSERT INTO flow_baselines (pair_key, avg_bytes, windows, updated_at)
  SELECT pair_key, bytes, 1, $2::timestamptz FROM cur
  ON CONFLICT (pair_key) DO UPDATE SET
    avg_bytes = flow_baselines.avg_bytes + (EXCLUDED.avg_bytes - flow_baselines.avg_bytes) *
      CASE WHEN flow_baselines.windows < (SELECT min_windows FROM p) THEN 1.0 / (flow_baselines.windows + 1) ELSE (SELECT alpha FROM p) END,
    windows = flow_baselines.windows + 1,
    updated_at = EXCLUDED.updated_at
  WHERE flow_baselines.updated_at < EXCLUDED.updated_at
  RETURNING pair_key
)
SELECT c.pair_key, c.kind, c.sender, c.receiver,
       coalesce(c.node_id, ${deviceOfSql("c.sender")}) AS node_id,
       c.bytes, b.avg_bytes, b.windows, (c.bytes / nullif(b.avg_bytes, 0))::float8 AS ratio
  FROM cur c JOIN flow_baselines b ON b.pair_key = c.pair_key, p
 WHERE c.bytes >= p.min_bytes AND b.windows >= p.min_windows AND c.bytes >= p.factor * b.avg_bytes`;

const GB = 1_000_000_000;
const human = (bytes: number) => (bytes >= GB ? `${(bytes / GB).toFixed(1)} GB` : `${Math.round(bytes / 1_000_000)} MB`);

/** High when the window carries five times the configured factor or more (50× the average by default). */
const severityOf = (r: TrafficSpikeRow, ctx: RuleContext) => (r.ratio >= 5 * ctx.settings.volume.factor ? "HIGH" : "MEDIUM");

const row = (o: Partial<TrafficSpikeRow> = {}): TrafficSpikeRow => ({
  pair_key: "v:100.64.0.7-100.64.0.20",
  kind: "pair",
  sender: "100.64.0.20",
  receiver: "100.64.0.7",
  node_id: "nSrv20CNTRL",
  bytes: 6 * GB,
  avg_bytes: 40_000_000,
  windows: 200,
  ratio: 150,
  ...o,
});

export default defineWindowedRule<TrafficSpikeRow>({
  id: "Tailscale.Flow.TrafficSpike",
  title: "Traffic spike between devices or through an exit node",
  description:
    "A pair of devices (or one device through an exit node) moved many times its usual volume in a window (settings: volume factor, minimum bytes, windows of history). Bulk transfers that break a pair's own pattern are how data theft and staging look in flow logs.",
  logType: "flow",
  windowMinutes: (s) => s.volume.windowMinutes,
  sql: SQL,
  params: ({ settings }) => ({
    factor: settings.volume.factor,
    minBytes: settings.volume.minBytes,
    minWindows: settings.volume.minWindows,
    alpha: Math.min(0.5, 2 / (settings.volume.minWindows + 1)),
  }),
  severity: severityOf,
  mitre: ["TA0010:T1048", "TA0009:T1074"],
  runbook: [
    "Identify the sending device and its owner, and the receiver (or the exit node for exit traffic).",
    "Ask the owner whether a backup, migration, sync or large download explains the volume in that hour.",
    "Look at the ports involved (Flow log, filter by the two addresses) and the processes on the sender that use them.",
    "If unexplained, cut the sender off (remove it or expire its key) and preserve its disk for analysis; open a case.",
    "If expected and recurring, raise the volume factor or minimum bytes in Detections settings, or suppress the rule for the pair's device.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1219/network-flow-logs", "https://attack.mitre.org/techniques/T1048/"],
  dedupMinutes: 6 * 60,
  evaluate: (r, ctx) => {
    const v = ctx.settings.volume;
    return r.windows >= v.minWindows && r.bytes >= v.minBytes && r.avg_bytes >= 0 && r.bytes >= v.factor * r.avg_bytes;
  },
  dedupKey: (r) => r.pair_key,
  alertTitle: (r) =>
    r.kind === "exit"
      ? `${r.sender ?? r.node_id} moved ${human(r.bytes)} through exit node ${r.node_id} (${Math.round(r.ratio)}× usual)`
      : `${human(r.bytes)} between ${r.sender} and ${r.receiver} (${Math.round(r.ratio)}× usual)`,
  context: (r) => ({ kind: r.kind, sender: r.sender, receiver: r.receiver, nodeId: r.node_id, bytes: r.bytes, averageBytes: Math.round(r.avg_bytes), windows: r.windows, ratio: Math.round(r.ratio * 10) / 10 }),
  matchedFields: ["bytes", "avg_bytes"],
  entity: (r) => (r.node_id ? { type: "device", value: r.node_id } : r.sender ? { type: "address", value: r.sender } : null),
  tests: [
    { name: "6 GB where 40 MB is usual", expected: true, row: row() },
    { name: "Through an exit node", expected: true, row: row({ pair_key: "x:nExit1CNTRL:100.64.0.7", kind: "exit", sender: "100.64.0.7", receiver: null, node_id: "nExit1CNTRL", bytes: 2 * GB, avg_bytes: 100_000_000, ratio: 20 }) },
    { name: "Large but usual for the pair", expected: false, row: row({ bytes: 6 * GB, avg_bytes: 2 * GB, ratio: 3 }) },
    { name: "Ten times a tiny average, but small", expected: false, row: row({ bytes: 50_000_000, avg_bytes: 1_000_000, ratio: 50 }) },
    { name: "Too little history", expected: false, row: row({ windows: 3 }) },
  ],
});

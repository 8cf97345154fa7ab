// First-seen: the ports each tailnet address serves are remembered in listening_ports, in the same
// statement that finds them, so the state commits with the window's watermark and alerts.
import { defineWindowedRule } from "../../define-rule";
import { DEFAULT_DETECTION_SETTINGS } from "../../settings-schema";
import { deviceOfSql, isoSql, protoName } from "../../helpers/flow";

export type NewPortRow = {
  address: string;
  proto: number;
  port: number;
  node_id: string | null;
  clients: number;
  client_sample: string[];
  server_pkts: number;
  first_seen: string;
  learning: boolean;
};

export const NEW_PORT_WINDOW_MINUTES = 15;

// The server side of an entry: the lower port when it is at most maxPort and the other is higher
// (an ephemeral port). Both sides' records count: the client logs the server as dst (the server's
// packets are its rx), the server logs itself as src (its packets are its tx). A port counts as
// listening when the server sent at least two packets in the window: a refused connection (one
// RST per attempt) or a silent drop does not.
const SQL = `
WITH p AS (
  SELECT ($3::jsonb->>'maxPort')::int AS max_port, ($3::jsonb->>'learningUntil')::timestamptz AS learning_until
),
sides AS (
  SELECT CASE WHEN f.dst_port < f.src_port THEN f.dst_ip ELSE f.src_ip END AS address,
         CASE WHEN f.dst_port < f.src_port THEN f.src_ip ELSE f.dst_ip END AS client,
         f.proto,
         least(f.src_port, f.dst_port) AS port,
         CASE WHEN f.dst_port < f.src_port THEN f.rx_pkts ELSE f.tx_pkts END AS server_pkts,
         f.window_start, f.window_end
    FROM flow_records f, p
   WHERE f.window_start >= $1::timestamptz AND f.window_start < $2::timestamptz
     AND f.kind = 'VIRTUAL' AND f.proto IN (6, 17)
     AND f.src_port > 0 AND f.dst_port > 0 AND f.src_port <> f.dst_port
     AND least(f.src_port, f.dst_port) <= p.max_port
),
seen AS (
  SELECT address, proto, port, sum(server_pkts)::float8 AS server_pkts, count(DISTINCT client)::int AS clients,
         (array_agg(DISTINCT host(client)))[1:5] AS client_sample, min(window_start) AS first_seen, max(window_end) AS last_seen
    FROM sides
   GROUP BY address, proto, port
  HAVING sum(server_pkts) >= 2
),
upserted AS (
  INSERT INTO listening_ports (address, proto, port, first_seen_at, last_seen_at)
  SELECT address, proto, port, first_seen, last_seen FROM seen
  ON CONFLICT (address, proto, port) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at
   WHERE listening_ports.last_seen_at < EXCLUDED.last_seen_at
  RETURNING address, proto, port, (xmax = 0) AS inserted
)
-- The device is looked up only for rows that may alert: the first run learns every port at once.
SELECT host(s.address) AS address, s.proto::int AS proto, s.port,
       CASE WHEN s.first_seen < p.learning_until THEN NULL ELSE ${deviceOfSql("host(s.address)")} END AS node_id,
       s.clients, s.client_sample, s.server_pkts, ${isoSql("s.first_seen")} AS first_seen,
       (s.first_seen < p.learning_until) AS learning
  FROM upserted u
  JOIN seen s ON s.address = u.address AND s.proto = u.proto AND s.port = u.port, p
 WHERE u.inserted`;

const row = (o: Partial<NewPortRow> = {}): NewPortRow => ({
  address: "100.64.0.20",
  proto: 6,
  port: 8443,
  node_id: "nSrv20CNTRL",
  clients: 2,
  client_sample: ["100.64.0.7", "100.64.0.8"],
  server_pkts: 140,
  first_seen: "2026-11-21T11:50:00Z",
  learning: false,
  ...o,
});

export default defineWindowedRule<NewPortRow>({
  id: "Tailscale.Flow.NewListeningPort",
  title: "New listening port on a tailnet device",
  description:
    "A tailnet address answered on a TCP or UDP port it had never served before (after the learning period). A new service is either a deployment nobody announced, a backdoor or reverse shell listener, or a tool an attacker started to move data; each deserves a look.",
  logType: "flow",
  windowMinutes: () => NEW_PORT_WINDOW_MINUTES,
  sql: SQL,
  params: ({ settings, ruleStartedAt }) => ({
    maxPort: settings.newPort.maxPort,
    learningUntil: new Date(ruleStartedAt.getTime() + settings.newPort.learningHours * 3_600_000).toISOString(),
  }),
  severity: "MEDIUM",
  mitre: ["TA0011:T1571", "TA0003:T1543"],
  runbook: [
    "Find the device (node id or address) and its owner; ask whether a service was started on this port, and why.",
    "On the device, list the listener: `ss -tulpn | grep :PORT` (Linux), `lsof -iTCP:PORT -sTCP:LISTEN` (macOS), `Get-NetTCPConnection -LocalPort PORT` (Windows); note the process and its binary.",
    "Check who connected (the alert's clients) and how much data moved (Flow log, filter by address and port).",
    "If the service is expected, dismiss as expected; it will not alert again for this address and port.",
    "If not, stop the process, preserve the binary for analysis, and open a case.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1219/network-flow-logs", "https://attack.mitre.org/techniques/T1571/"],
  dedupMinutes: 24 * 60,
  evaluate: (r, ctx) => !r.learning && r.port <= ctx.settings.newPort.maxPort && r.server_pkts >= 2,
  dedupKey: (r) => `${r.address}:${protoName(r.proto)}/${r.port}`,
  alertTitle: (r) => `New ${protoName(r.proto).toUpperCase()} port ${r.port} listening on ${r.address}`,
  context: (r) => ({ address: r.address, proto: protoName(r.proto), port: r.port, nodeId: r.node_id, clients: r.clients, clientSample: r.client_sample, serverPackets: r.server_pkts, firstSeen: r.first_seen }),
  matchedFields: ["address", "port"],
  entity: (r) => (r.node_id ? { type: "device", value: r.node_id } : { type: "address", value: r.address }),
  tests: [
    { name: "A port first seen after the learning period", expected: true, row: row() },
    { name: "An IPv6 UDP port without a known device", expected: true, row: row({ address: "fd7a:115c:a1e0::20", proto: 17, port: 4444, node_id: null }) },
    { name: "First seen during the learning period: recorded, no alert", expected: false, row: row({ learning: true }) },
    { name: "Above the highest port considered", expected: false, row: row({ port: 40000 }), context: { settings: { ...DEFAULT_DETECTION_SETTINGS, newPort: { learningHours: 24, maxPort: 32_767 } } } },
  ],
});

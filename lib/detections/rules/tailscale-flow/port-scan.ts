// One source touching many ports of one host, or many hosts, in a window. Both sides' records
// count and fold into the same (scanner, target, port) touches: each entry is oriented by its
// ports (the initiator's port is the higher, ephemeral one), whoever logged it.
import { defineWindowedRule } from "../../define-rule";
import { DEFAULT_DETECTION_SETTINGS } from "../../settings-schema";
import { deviceOfSql } from "../../helpers/flow";

export type PortScanRow = {
  scanner: string;
  node_id: string | null;
  hosts: number;
  max_ports: number;
  busiest_host: string;
  busiest_ports: number[];
  host_sample: string[];
  entries: number;
};

// Ports at or above 49152 (the IANA ephemeral range) are left out: both sides of peer-to-peer
// media or game traffic are ephemeral and would look like many "ports".
const SQL = `
WITH p AS (
  SELECT ($3::jsonb->>'distinctPorts')::int AS min_ports, ($3::jsonb->>'distinctHosts')::int AS min_hosts
),
touches AS (
  SELECT CASE WHEN f.src_port >= f.dst_port THEN f.src_ip ELSE f.dst_ip END AS scanner,
         CASE WHEN f.src_port >= f.dst_port THEN f.dst_ip ELSE f.src_ip END AS target,
         least(f.src_port, f.dst_port) AS port
    FROM flow_records f
   WHERE f.window_start >= $1::timestamptz AND f.window_start < $2::timestamptz
     AND f.kind = 'VIRTUAL' AND f.proto IN (6, 17)
     AND f.src_port > 0 AND f.dst_port > 0 AND least(f.src_port, f.dst_port) < 49152
),
per_host AS (
  SELECT scanner, target, count(DISTINCT port)::int AS ports, count(*)::int AS entries
    FROM touches GROUP BY scanner, target
),
per_scanner AS (
  SELECT scanner, count(*)::int AS hosts, max(ports)::int AS max_ports, sum(entries)::int AS entries,
         (array_agg(target ORDER BY ports DESC, target))[1] AS busiest_host,
         (array_agg(host(target) ORDER BY ports DESC, target))[1:10] AS host_sample
    FROM per_host GROUP BY scanner
)
SELECT host(s.scanner) AS scanner, ${deviceOfSql("host(s.scanner)")} AS node_id, s.hosts, s.max_ports, s.entries,
       host(s.busiest_host) AS busiest_host, s.host_sample,
       ARRAY(SELECT DISTINCT t.port FROM touches t WHERE t.scanner = s.scanner AND t.target = s.busiest_host ORDER BY t.port LIMIT 20) AS busiest_ports
  FROM per_scanner s, p
 WHERE s.hosts >= p.min_hosts OR s.max_ports >= p.min_ports`;

const row = (o: Partial<PortScanRow> = {}): PortScanRow => ({
  scanner: "100.64.0.66",
  node_id: "nKali1CNTRL",
  hosts: 1,
  max_ports: 812,
  busiest_host: "100.64.0.20",
  busiest_ports: [21, 22, 23, 25, 53, 80, 110, 135, 139, 143, 443, 445],
  host_sample: ["100.64.0.20"],
  entries: 830,
  ...o,
});

export default defineWindowedRule<PortScanRow>({
  id: "Tailscale.Flow.PortScan",
  title: "Port scan inside the tailnet",
  description:
    "One tailnet address touched many ports of one device, or many devices, within a few minutes (settings: port scan). Scanning is how an intruder on one device maps what else it can reach; inside a tailnet it is rarely legitimate outside a scheduled vulnerability scan.",
  logType: "flow",
  windowMinutes: (s) => s.portScan.windowMinutes,
  sql: SQL,
  params: ({ settings }) => ({ distinctPorts: settings.portScan.distinctPorts, distinctHosts: settings.portScan.distinctHosts }),
  severity: "HIGH",
  mitre: ["TA0007:T1046", "TA0007:T1018"],
  runbook: [
    "Identify the scanning device and its owner (node id or address in the alert).",
    "Ask whether a vulnerability scan or inventory job was scheduled from it; if so, dismiss as expected and suppress the rule for that device.",
    "Otherwise isolate the device: remove it from the tailnet or strip its tags in the admin console, and expire its node key.",
    "Look at what it reached afterwards: Flow log from the scanner's address, and sensitive-port alerts for it.",
    "Collect the process list and shell history of the device, and open a case.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1219/network-flow-logs", "https://attack.mitre.org/techniques/T1046/"],
  dedupMinutes: 60,
  evaluate: (r, ctx) => r.max_ports >= ctx.settings.portScan.distinctPorts || r.hosts >= ctx.settings.portScan.distinctHosts,
  dedupKey: (r) => r.scanner,
  alertTitle: (r) =>
    r.max_ports >= r.hosts ? `${r.scanner} scanned ${r.max_ports} ports on ${r.busiest_host}` : `${r.scanner} swept ${r.hosts} hosts`,
  context: (r) => ({ scanner: r.scanner, nodeId: r.node_id, hosts: r.hosts, maxPortsOnOneHost: r.max_ports, busiestHost: r.busiest_host, busiestPorts: r.busiest_ports, hostSample: r.host_sample, entries: r.entries }),
  matchedFields: ["scanner", "max_ports", "hosts"],
  entity: (r) => (r.node_id ? { type: "device", value: r.node_id } : { type: "address", value: r.scanner }),
  tests: [
    { name: "Hundreds of ports on one host", expected: true, row: row() },
    { name: "A sweep of 40 hosts on one port", expected: true, row: row({ hosts: 40, max_ports: 1, busiest_ports: [22], host_sample: ["100.64.0.20", "100.64.0.21"] }) },
    { name: "A client using a handful of services on a few hosts", expected: false, row: row({ hosts: 4, max_ports: 3 }) },
    {
      name: "Below raised thresholds",
      expected: false,
      row: row({ hosts: 40, max_ports: 60 }),
      context: { settings: { ...DEFAULT_DETECTION_SETTINGS, portScan: { windowMinutes: 5, distinctPorts: 100, distinctHosts: 100 } } },
    },
  ],
});

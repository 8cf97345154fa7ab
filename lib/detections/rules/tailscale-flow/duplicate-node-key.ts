// One node key in use on two machines: peers reach "the same device" at two public endpoints at
// the same time. physicalTraffic entries carry the peer's tailnet address as src (port 0) and its
// physical endpoint as dst, so grouping by src over the peers' records shows where each device is.
import { defineWindowedRule } from "../../define-rule";
import { NON_PUBLIC_RANGES } from "../../helpers/network";
import { deviceOfSql } from "../../helpers/flow";

export type DuplicateNodeKeyRow = {
  device: string;
  node_id: string | null;
  /** Minutes of the window in which two endpoints were in use at once, seen by different peers. */
  overlap_minutes: number;
  endpoints: string[];
  reporters: number;
};

export const DUPLICATE_KEY_WINDOW_MINUTES = 5;
/** A roaming device overlaps its old and new endpoint for one minute at most; a copy persists. */
export const MIN_OVERLAP_MINUTES = 2;

// Endpoints are compared by address (ports differ per peer behind a NAT); IPv6 by /64 (privacy
// addresses rotate inside one). IPv4 and IPv6 endpoints are compared within their family only: a
// dual-stack device is legitimately reachable at one of each. DERP (127.3.3.40), private, CGNAT,
// link-local and ULA endpoints are left out: peers on the same LAN see the LAN address.
const SQL = `
WITH e AS (
  SELECT f.src_ip AS device, date_trunc('minute', f.window_start) AS minute, f.node_id AS reporter,
         family(f.dst_ip) AS fam,
         CASE WHEN family(f.dst_ip) = 6 THEN text(network(set_masklen(f.dst_ip, 64))) ELSE host(f.dst_ip) END AS endpoint
    FROM flow_records f
   WHERE f.window_start >= $1::timestamptz AND f.window_start < $2::timestamptz
     AND f.kind = 'PHYSICAL' AND f.src_ip IS NOT NULL AND f.dst_ip IS NOT NULL
     AND (f.tx_pkts > 0 OR f.rx_pkts > 0)
     AND NOT (f.dst_ip <<= ANY ('{${NON_PUBLIC_RANGES.join(",")}}'::inet[]))
),
at_once AS (
  SELECT device, minute, fam FROM e
   GROUP BY device, minute, fam
  HAVING count(DISTINCT endpoint) >= 2 AND count(DISTINCT reporter) >= 2
)
SELECT host(e.device) AS device, ${deviceOfSql("host(e.device)")} AS node_id,
       count(DISTINCT e.minute)::int AS overlap_minutes,
       (array_agg(DISTINCT e.endpoint))[1:10] AS endpoints,
       count(DISTINCT e.reporter)::int AS reporters
  FROM e JOIN at_once o ON o.device = e.device AND o.minute = e.minute AND o.fam = e.fam
 GROUP BY e.device`;

const row = (o: Partial<DuplicateNodeKeyRow> = {}): DuplicateNodeKeyRow => ({
  device: "100.64.0.20",
  node_id: "nSrv20CNTRL",
  overlap_minutes: 4,
  endpoints: ["198.51.100.10", "203.0.113.7"],
  reporters: 3,
  ...o,
});

export default defineWindowedRule<DuplicateNodeKeyRow>({
  id: "Tailscale.Flow.DuplicateNodeKey",
  title: "Device at two places at once (copied node key)",
  description:
    "Peers reached one tailnet device at two different public endpoints at the same time, minute after minute. A node's identity is its key; two machines using it means the key (and the device's access) was copied off the device, for example from a stolen disk image or backup.",
  logType: "flow",
  windowMinutes: () => DUPLICATE_KEY_WINDOW_MINUTES,
  sql: SQL,
  severity: "CRITICAL",
  mitre: ["TA0006:T1552.004", "TA0003:T1098"],
  runbook: [
    "Identify the device and its owner; ask where the device is and whether it was cloned (VM template, disk image, backup restore) recently.",
    "Look up the endpoints in the alert: which one is the device's usual network (office, home ISP, cloud), and who owns the other (whois, geolocation).",
    "Expire the node's key and remove the device from the tailnet in the admin console; re-add the genuine machine with a fresh key.",
    "Review what the device's address reached during the overlap (Flow log) and open a case.",
    "If the device is a VM or container cloned from an image that contains tailscaled state, clear /var/lib/tailscale from the image.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1219/network-flow-logs", "https://tailscale.com/kb/1028/key-expiry", "https://attack.mitre.org/techniques/T1552/004/"],
  dedupMinutes: 24 * 60,
  evaluate: (r) => r.overlap_minutes >= MIN_OVERLAP_MINUTES && r.endpoints.length >= 2 && r.reporters >= 2,
  dedupKey: (r) => r.node_id ?? r.device,
  alertTitle: (r) => `${r.node_id ?? r.device} seen at ${r.endpoints.length} public endpoints at once (${r.endpoints.slice(0, 3).join(", ")})`,
  context: (r) => ({ device: r.device, nodeId: r.node_id, endpoints: r.endpoints, overlapMinutes: r.overlap_minutes, reporters: r.reporters }),
  matchedFields: ["device", "endpoints"],
  entity: (r) => (r.node_id ? { type: "device", value: r.node_id } : { type: "address", value: r.device }),
  tests: [
    { name: "Two public endpoints for four minutes, three peers", expected: true, row: row() },
    { name: "Two IPv6 /64s, no known device", expected: true, row: row({ node_id: null, endpoints: ["2001:db8:1::/64", "2001:db8:2::/64"], overlap_minutes: 2, reporters: 2 }) },
    { name: "A roaming laptop: one minute of overlap while it changed networks", expected: false, row: row({ overlap_minutes: 1 }) },
    { name: "Only one peer saw both", expected: false, row: row({ reporters: 1 }) },
  ],
});

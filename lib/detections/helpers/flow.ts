// Shared by the flow rules: protocol names, the server side of an entry, SQL snippets, and test
// records in Tailscale's shape (tailscale-logs.md §2). Pure.

export const PROTO_NAMES: Record<number, string> = { 1: "icmp", 6: "tcp", 17: "udp", 58: "ipv6-icmp", 132: "sctp" };
export const protoName = (proto: number | null | undefined): string => (proto == null ? "?" : (PROTO_NAMES[proto] ?? String(proto)));

/** A time column as ISO 8601 UTC text in a rule's SQL (rows stay plain JSON). */
export const isoSql = (expr: string) => `to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** The address as text, and the device that has it (the inventory), for a rule's final SELECT. */
export const deviceOfSql = (addressExpr: string) => `(SELECT d.node_id FROM devices d WHERE ${addressExpr} = ANY (d.addresses) ORDER BY d.last_seen_at DESC LIMIT 1)`;

const iso = (ms: number) => new Date(ms).toISOString();

type Entry = { proto?: number; src: string; dst: string; txPkts?: number; txBytes?: number; rxPkts?: number; rxBytes?: number };

/** A flow record for a rule's tests, as a node sends it: `node` reports, its own address is `src`. */
export function flowTestRecord(o: { node?: string; at?: number; virtual?: Entry[]; subnet?: Entry[]; exit?: Entry[]; physical?: Entry[] }) {
  const node = o.node ?? "nTestCNTRL";
  const at = o.at ?? Date.parse("2026-11-21T11:00:00Z");
  return {
    nodeId: node,
    start: iso(at),
    end: iso(at + 5_000),
    ...(o.virtual ? { virtualTraffic: o.virtual } : {}),
    ...(o.subnet ? { subnetTraffic: o.subnet } : {}),
    ...(o.exit ? { exitTraffic: o.exit } : {}),
    ...(o.physical ? { physicalTraffic: o.physical } : {}),
  };
}

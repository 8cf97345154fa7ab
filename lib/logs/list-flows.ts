import "server-only";
// The Tailscale network flow log, one row per traffic entry, filtered, newest window first, a
// page at a time by cursor, within the last hour unless another window is asked for. Addresses on the page are named after the devices that hold them.
import { db } from "@/lib/db";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { encodeCursor, LOG_PAGE_SIZE, type FlowFilter } from "./filters";
import { flowConditions } from "./flow-conditions";
import { protocolLabel } from "./protocols";
import { isoTime, microsOf } from "./sql";

export type NodeRef = { nodeId: string; name: string | null };

export type FlowView = {
  windowStart: string;
  windowEnd: string;
  entryHash: string;
  node: NodeRef;
  kind: string;
  proto: number | null;
  protocol: string | null;
  src: { ip: string | null; port: number | null; node: NodeRef | null };
  dst: { ip: string | null; port: number | null; node: NodeRef | null };
  txPkts: number;
  txBytes: number;
  rxPkts: number;
  rxBytes: number;
};

type FlowRow = {
  micros: bigint;
  entry_hash: bigint;
  window_start: string;
  window_end: string;
  node_id: string;
  node_name: string | null;
  kind: string;
  proto: number | null;
  proto_name: string | null;
  src_ip: string | null;
  src_port: number | null;
  dst_ip: string | null;
  dst_port: number | null;
  tx_pkts: bigint;
  tx_bytes: bigint;
  rx_pkts: bigint;
  rx_bytes: bigint;
};

export async function listFlows({ viewer, filter, now = new Date() }: { viewer: Viewer; filter: FlowFilter; now?: Date }) {
  assertCan(viewer, "logs.read");
  const limit = filter.limit ?? LOG_PAGE_SIZE;
  const { where, from, until } = flowConditions(filter, now);
  const rows = await db.$queryRaw<FlowRow[]>`
    SELECT ${microsOf("f.window_start")} AS micros, f.entry_hash, ${isoTime("f.window_start")} AS window_start,
      ${isoTime("f.window_end")} AS window_end, f.node_id, d.name AS node_name, f.kind::text AS kind, f.proto::int AS proto,
      f.proto_name, host(f.src_ip) AS src_ip, f.src_port, host(f.dst_ip) AS dst_ip, f.dst_port,
      f.tx_pkts, f.tx_bytes, f.rx_pkts, f.rx_bytes
    FROM flow_records f LEFT JOIN devices d ON d.node_id = f.node_id
    ${where}
    ORDER BY f.window_start DESC, f.entry_hash DESC LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  const owners = await devicesByAddress(page.flatMap((r) => [r.src_ip, r.dst_ip]).filter((ip): ip is string => ip !== null));
  const last = page.at(-1);
  return {
    window: { from: from.toISOString(), until: until?.toISOString() ?? null },
    flows: page.map((r): FlowView => ({
      windowStart: r.window_start,
      windowEnd: r.window_end,
      entryHash: String(r.entry_hash),
      node: { nodeId: r.node_id, name: r.node_name },
      kind: r.kind,
      proto: r.proto,
      protocol: r.proto_name ?? protocolLabel(r.proto),
      src: { ip: r.src_ip, port: r.src_port, node: r.src_ip ? (owners.get(r.src_ip) ?? null) : null },
      dst: { ip: r.dst_ip, port: r.dst_port, node: r.dst_ip ? (owners.get(r.dst_ip) ?? null) : null },
      txPkts: Number(r.tx_pkts),
      txBytes: Number(r.tx_bytes),
      rxPkts: Number(r.rx_pkts),
      rxBytes: Number(r.rx_bytes),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ micros: BigInt(last.micros), key: BigInt(last.entry_hash) }) : null,
  };
}

/**
 * Which device holds each address. A tailnet address belongs to one node at a time, but is given
 * to another after a node is deleted: the device seen most recently with it wins.
 */
export async function devicesByAddress(ips: string[]): Promise<Map<string, NodeRef>> {
  const unique = [...new Set(ips)];
  if (unique.length === 0) return new Map();
  const devices = await db.device.findMany({
    where: { addresses: { hasSome: unique } },
    select: { nodeId: true, name: true, addresses: true },
    orderBy: [{ lastSeenAt: "asc" }, { nodeId: "asc" }], // later rows overwrite earlier ones below
  });
  const owners = new Map<string, NodeRef>();
  const wanted = new Set(unique);
  for (const d of devices) for (const a of d.addresses) if (wanted.has(a)) owners.set(a, { nodeId: d.nodeId, name: d.name });
  return owners;
}

import "server-only";
// What the flow log says about a range as a whole: totals, the nodes and the address pairs that
// moved the most bytes, and bytes over time, over exactly the rows the explorer's table pages
// through (the same filters, the same window). Counters are as nodes report them: traffic
// between two nodes that both log is counted by each.
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { bucketSecondsFor, fillBuckets, type BucketPoint } from "./flow-buckets";
import { flowConditions } from "./flow-conditions";
import type { FlowSummaryFilter } from "./filters";
import { devicesByAddress, type NodeRef } from "./list-flows";

export const TOP_TALKERS = 10;

type Traffic = { entries: number; txBytes: number; rxBytes: number; txPkts: number; rxPkts: number };
export type FlowSummary = {
  window: { from: string; until: string | null };
  totals: Traffic;
  topNodes: (Traffic & { node: NodeRef; bytes: number })[];
  topPairs: (Traffic & { src: { ip: string; node: NodeRef | null }; dst: { ip: string; node: NodeRef | null }; bytes: number })[];
  series: { bucketSeconds: number; points: BucketPoint[] };
};

// Sums travel as text: a numeric over bigints, exact, and read as numbers in JavaScript.
const SUMS = Prisma.sql`count(*)::text AS entries, coalesce(sum(f.tx_bytes), 0)::text AS tx_bytes, coalesce(sum(f.rx_bytes), 0)::text AS rx_bytes,
  coalesce(sum(f.tx_pkts), 0)::text AS tx_pkts, coalesce(sum(f.rx_pkts), 0)::text AS rx_pkts`;
type SumRow = { entries: string; tx_bytes: string; rx_bytes: string; tx_pkts: string; rx_pkts: string };
const traffic = (r: SumRow): Traffic => ({ entries: Number(r.entries), txBytes: Number(r.tx_bytes), rxBytes: Number(r.rx_bytes), txPkts: Number(r.tx_pkts), rxPkts: Number(r.rx_pkts) });

export async function summarizeFlows({ viewer, filter, now = new Date() }: { viewer: Viewer; filter: FlowSummaryFilter; now?: Date }): Promise<FlowSummary> {
  assertCan(viewer, "logs.read");
  // A page's cursor may come along with the filters; the summary is of the whole range.
  const { where, from, until } = flowConditions({ ...filter, before: undefined }, now);
  const bucketSeconds = bucketSecondsFor((until ?? now).getTime() - from.getTime());
  const bucket = Prisma.sql`date_bin(${bucketSeconds} * interval '1 second', f.window_start, timestamptz '1970-01-01')`;

  const [[totals], nodes, pairs, buckets] = await Promise.all([
    db.$queryRaw<SumRow[]>`SELECT ${SUMS} FROM flow_records f ${where}`,
    db.$queryRaw<(SumRow & { node_id: string; name: string | null })[]>`
      SELECT t.*, d.name FROM (
        SELECT f.node_id, ${SUMS}, sum(f.tx_bytes + f.rx_bytes) AS bytes FROM flow_records f ${where}
        GROUP BY f.node_id ORDER BY bytes DESC, f.node_id LIMIT ${TOP_TALKERS}
      ) t LEFT JOIN devices d ON d.node_id = t.node_id ORDER BY t.bytes DESC, t.node_id`,
    db.$queryRaw<(SumRow & { src_ip: string; dst_ip: string })[]>`
      SELECT host(f.src_ip) AS src_ip, host(f.dst_ip) AS dst_ip, ${SUMS}, sum(f.tx_bytes + f.rx_bytes) AS bytes FROM flow_records f
      ${where} AND f.src_ip IS NOT NULL AND f.dst_ip IS NOT NULL
      GROUP BY f.src_ip, f.dst_ip ORDER BY bytes DESC, f.src_ip, f.dst_ip LIMIT ${TOP_TALKERS}`,
    db.$queryRaw<{ at: string; tx_bytes: string; rx_bytes: string }[]>`
      SELECT (extract(epoch from ${bucket}) * 1000)::bigint::text AS at, sum(f.tx_bytes)::text AS tx_bytes, sum(f.rx_bytes)::text AS rx_bytes
      FROM flow_records f ${where} GROUP BY 1`,
  ]);

  const owners = await devicesByAddress(pairs.flatMap((p) => [p.src_ip, p.dst_ip]));
  const sums = new Map(buckets.map((b) => [Number(b.at), { txBytes: Number(b.tx_bytes), rxBytes: Number(b.rx_bytes) }]));
  return {
    window: { from: from.toISOString(), until: until?.toISOString() ?? null },
    totals: traffic(totals!),
    topNodes: nodes.map((n) => ({ node: { nodeId: n.node_id, name: n.name }, ...traffic(n), bytes: Number(n.tx_bytes) + Number(n.rx_bytes) })),
    topPairs: pairs.map((p) => ({
      src: { ip: p.src_ip, node: owners.get(p.src_ip) ?? null },
      dst: { ip: p.dst_ip, node: owners.get(p.dst_ip) ?? null },
      ...traffic(p),
      bytes: Number(p.tx_bytes) + Number(p.rx_bytes),
    })),
    series: { bucketSeconds, points: fillBuckets(sums, from, until ?? now, bucketSeconds) },
  };
}

import "server-only";
// Coverage: per device over a window (any from/to, read in a time zone), its countersign rate,
// last record, and a strip of cells (the verified buckets aggregated to at most MAX_CELLS), each
// countersigned / one-sided / mismatched / gap (not verified) / none (no traffic). Read from
// integrity_device_buckets and integrity_buckets; drill-down from integrity_pair_results.
import { fromZonedTime } from "date-fns-tz";
import { z } from "zod";
import { db } from "@/lib/db";
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError, parseInput } from "@/lib/errors";
import { ZTimeZone } from "@/lib/reports/schemas";

export const MAX_CELLS = 96;
const MINUTE = 60_000;
/** Cell sizes a strip may use, in minutes. */
const CELL_SIZES = [5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];
export const MAX_WINDOW_DAYS = 92;

export type CellStatus = "countersigned" | "one-sided" | "mismatched" | "gap" | "none";
export const CELL_STATUSES: CellStatus[] = ["countersigned", "one-sided", "mismatched", "gap", "none"];

export type CellCounts = { countersigned: number; mismatched: number; silent: number; peerSilent: number; entries: number; checked: number };
export type Cell = CellCounts & { from: Date; to: Date; status: CellStatus };

/** A cell's status: the worst thing in it. Not verified (no checked bucket) is a gap. */
export function cellStatus(c: CellCounts): CellStatus {
  if (c.mismatched > 0) return "mismatched";
  if (c.silent + c.peerSilent > 0) return "one-sided";
  if (c.countersigned > 0) return "countersigned";
  if (c.checked === 0) return "gap";
  return "none";
}

/** The smallest cell size that keeps the strip at MAX_CELLS or fewer. */
export function cellMinutes(from: Date, to: Date): number {
  const minutes = (to.getTime() - from.getTime()) / MINUTE;
  return CELL_SIZES.find((s) => minutes / s <= MAX_CELLS) ?? CELL_SIZES.at(-1)!;
}

const RANGES = { "24h": 24 * 60, "7d": 7 * 24 * 60 } as const;
const localTime = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "A time is YYYY-MM-DDTHH:MM.");

export const ZCoverageWindow = z.object({
  range: z.enum(["24h", "7d"], { message: "range is 24h or 7d." }).optional(),
  from: localTime.optional(),
  to: localTime.optional(),
  tz: ZTimeZone.optional(),
});
export type CoverageWindowInput = z.input<typeof ZCoverageWindow>;
export type CoverageWindow = { from: Date; to: Date; tz: string; cellMinutes: number };

/** The window asked for: `from`/`to` as wall-clock times in `tz`, or the last 24 hours / 7 days. */
export function coverageWindow(input: CoverageWindowInput, now = new Date()): CoverageWindow {
  const w = parseInput(ZCoverageWindow, input);
  const tz = w.tz || "UTC";
  let from: Date;
  let to: Date;
  if (w.from || w.to) {
    to = w.to ? fromZonedTime(w.to, tz) : now;
    from = w.from ? fromZonedTime(w.from, tz) : new Date(to.getTime() - RANGES["24h"] * MINUTE);
  } else {
    to = now;
    from = new Date(now.getTime() - RANGES[w.range ?? "24h"] * MINUTE);
  }
  if (!(from < to)) throw new AppError("INVALID_INPUT", "`from` must be before `to`.", { fieldErrors: { to: ["`to` is before `from`."] } });
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 24 * 60 * MINUTE) throw new AppError("INVALID_INPUT", `A window is at most ${MAX_WINDOW_DAYS} days.`, { fieldErrors: { from: [`At most ${MAX_WINDOW_DAYS} days.`] } });
  return { from, to, tz, cellMinutes: cellMinutes(from, to) };
}

export type DeviceCoverage = {
  nodeId: string;
  name: string | null;
  lastRecordAt: Date | null;
  countersigned: number;
  mismatched: number;
  silent: number;
  peerSilent: number;
  entries: number;
  countersignRate: number | null;
  cells: Cell[];
};

type Row = { node_id: string; cell: number; cs: number; mm: number; sil: number; psil: number; entries: number };

function buildCells(w: CoverageWindow, checked: Map<number, number>, rows: Row[]): Cell[] {
  const size = w.cellMinutes * MINUTE;
  const count = Math.ceil((w.to.getTime() - w.from.getTime()) / size);
  const byCell = new Map(rows.map((r) => [r.cell, r]));
  return Array.from({ length: count }, (_, i) => {
    const r = byCell.get(i);
    const counts: CellCounts = { countersigned: r?.cs ?? 0, mismatched: r?.mm ?? 0, silent: r?.sil ?? 0, peerSilent: r?.psil ?? 0, entries: r?.entries ?? 0, checked: checked.get(i) ?? 0 };
    const from = new Date(w.from.getTime() + i * size);
    return { ...counts, from, to: new Date(Math.min(from.getTime() + size, w.to.getTime())), status: cellStatus(counts) };
  });
}

export function rateOf(d: { countersigned: number; mismatched: number; silent: number; peerSilent: number }): number | null {
  const two = d.countersigned + d.mismatched + d.silent + d.peerSilent;
  return two ? d.countersigned / two : null;
}

/** Worst first: lowest countersign rate, then most silent connections; devices without two-sided traffic last. */
export function byWorst(a: DeviceCoverage, b: DeviceCoverage): number {
  const ra = a.countersignRate ?? 2;
  const rb = b.countersignRate ?? 2;
  return ra - rb || b.silent - a.silent || b.mismatched - a.mismatched || a.nodeId.localeCompare(b.nodeId);
}

/**
 * Coverage per device over the window. `nodeIds` restricts it to those devices (the case map);
 * otherwise every device with verified buckets in the window, or seen in it.
 */
export async function deviceCoverage({ viewer, window: w, nodeIds }: { viewer: Viewer; window: CoverageWindow; nodeIds?: string[] }): Promise<DeviceCoverage[]> {
  assertCan(viewer, "logs.read");
  const cellSec = w.cellMinutes * 60;
  const only = nodeIds ?? null;
  const [checkedRows, rows, devices] = await Promise.all([
    db.$queryRaw<{ cell: number; n: number }[]>`
      SELECT floor(extract(epoch FROM bucket - ${w.from}::timestamptz) / ${cellSec})::int AS cell, count(*)::int AS n
        FROM integrity_buckets WHERE bucket >= ${w.from} AND bucket < ${w.to} GROUP BY 1`,
    db.$queryRaw<Row[]>`
      SELECT node_id, floor(extract(epoch FROM bucket - ${w.from}::timestamptz) / ${cellSec})::int AS cell,
             sum(countersigned)::int AS cs, sum(mismatched)::int AS mm, sum(silent)::int AS sil, sum(peer_silent)::int AS psil, sum(entries)::int AS entries
        FROM integrity_device_buckets
       WHERE bucket >= ${w.from} AND bucket < ${w.to} AND (${only}::text[] IS NULL OR node_id = ANY (${only}::text[]))
       GROUP BY 1, 2`,
    db.device.findMany({
      where: only ? { nodeId: { in: only } } : { lastSeenAt: { gte: w.from }, firstSeenAt: { lt: w.to } },
      select: { nodeId: true, name: true, lastRecordAt: true },
    }),
  ]);
  const checked = new Map(checkedRows.map((r) => [r.cell, r.n]));
  const rowsByNode = new Map<string, Row[]>();
  for (const r of rows) rowsByNode.set(r.node_id, [...(rowsByNode.get(r.node_id) ?? []), r]);
  const info = new Map(devices.map((d) => [d.nodeId, d]));
  const ids = new Set([...(only ?? []), ...devices.map((d) => d.nodeId), ...rowsByNode.keys()]);
  return [...ids]
    .map((nodeId) => {
      const mine = rowsByNode.get(nodeId) ?? [];
      const sum = (k: keyof Row) => mine.reduce((n, r) => n + (r[k] as number), 0);
      const totals = { countersigned: sum("cs"), mismatched: sum("mm"), silent: sum("sil"), peerSilent: sum("psil"), entries: sum("entries") };
      return { nodeId, name: info.get(nodeId)?.name ?? null, lastRecordAt: info.get(nodeId)?.lastRecordAt ?? null, ...totals, countersignRate: rateOf(totals), cells: buildCells(w, checked, mine) };
    })
    .sort(byWorst);
}

export type PairResult = {
  id: string;
  bucket: Date;
  minutes: number;
  outcome: "MISMATCHED" | "ONE_SIDED";
  proto: number;
  low: { address: string; port: number; nodeId: string | null; txPkts: number; rxPkts: number; txBytes: number; rxBytes: number };
  high: { address: string; port: number; nodeId: string | null; txPkts: number; rxPkts: number; txBytes: number; rxBytes: number };
  silentNodeId: string | null;
};

/** A device's mismatched and one-sided connections in the window, newest first (at most `limit`). */
export async function devicePairResults({ viewer, nodeId, from, to, outcome, limit = 200 }: { viewer: Viewer; nodeId: string; from: Date; to: Date; outcome?: "MISMATCHED" | "ONE_SIDED"; limit?: number }): Promise<PairResult[]> {
  assertCan(viewer, "logs.read");
  const rows = await db.$queryRaw<
    { id: bigint; bucket: Date; minutes: number | null; outcome: "MISMATCHED" | "ONE_SIDED"; proto: number; low_ip: string; low_port: number; high_ip: string; high_port: number; low_node_id: string | null; high_node_id: string | null; silent_node_id: string | null; low_tx_pkts: number; low_rx_pkts: number; low_tx_bytes: number; low_rx_bytes: number; high_tx_pkts: number; high_rx_pkts: number; high_tx_bytes: number; high_rx_bytes: number }[]
  >`
    SELECT p.id, p.bucket, b.minutes, p.outcome::text AS outcome, p.proto, host(p.low_ip) AS low_ip, p.low_port, host(p.high_ip) AS high_ip, p.high_port,
           p.low_node_id, p.high_node_id, p.silent_node_id, p.low_tx_pkts, p.low_rx_pkts, p.low_tx_bytes, p.low_rx_bytes, p.high_tx_pkts, p.high_rx_pkts, p.high_tx_bytes, p.high_rx_bytes
      FROM integrity_pair_results p LEFT JOIN integrity_buckets b ON b.bucket = p.bucket
     WHERE p.bucket >= ${from} AND p.bucket < ${to} AND (p.low_node_id = ${nodeId} OR p.high_node_id = ${nodeId})
       AND (${outcome ?? null}::text IS NULL OR p.outcome::text = ${outcome ?? null})
     ORDER BY p.bucket DESC, p.id LIMIT ${limit}`;
  const r1 = (n: number) => Math.round(n * 10) / 10;
  return rows.map((r) => ({
    id: String(r.id),
    bucket: r.bucket,
    minutes: r.minutes ?? 1,
    outcome: r.outcome,
    proto: r.proto,
    low: { address: r.low_ip, port: r.low_port, nodeId: r.low_node_id, txPkts: r1(r.low_tx_pkts), rxPkts: r1(r.low_rx_pkts), txBytes: r1(r.low_tx_bytes), rxBytes: r1(r.low_rx_bytes) },
    high: { address: r.high_ip, port: r.high_port, nodeId: r.high_node_id, txPkts: r1(r.high_tx_pkts), rxPkts: r1(r.high_rx_pkts), txBytes: r1(r.high_tx_bytes), rxBytes: r1(r.high_rx_bytes) },
    silentNodeId: r.silent_node_id,
  }));
}

/** The flow explorer filtered to one node and a bucket (with a minute either side). */
export function flowLink(nodeId: string, from: Date, minutes: number): string {
  const f = new Date(from.getTime() - MINUTE).toISOString();
  const t = new Date(from.getTime() + (minutes + 1) * MINUTE).toISOString();
  return `/logs/flows?node=${encodeURIComponent(nodeId)}&from=${encodeURIComponent(f)}&to=${encodeURIComponent(t)}`;
}

/** For pages: the window asked for, or the last 24 hours with the errors of what was not understood. */
export function pageWindow(raw: Record<string, string | undefined>, now = new Date()): { window: CoverageWindow; errors: Record<string, string> } {
  try {
    return { window: coverageWindow({ range: raw.range as "24h" | undefined, from: raw.from, to: raw.to, tz: raw.tz }, now), errors: {} };
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "INVALID_INPUT") throw e;
    const fieldErrors = (e.details as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors ?? {};
    const errors = Object.fromEntries(Object.entries(fieldErrors).map(([k, v]) => [k, v[0] ?? e.message]));
    if (Object.keys(errors).length === 0) errors.from = e.message;
    return { window: coverageWindow({}, now), errors };
  }
}

/** The query string of a window, to carry it across links. */
export function windowQuery(raw: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const k of ["range", "from", "to", "tz"]) if (raw[k]) p.set(k, raw[k]!);
  const s = p.toString();
  return s ? `?${s}` : "";
}

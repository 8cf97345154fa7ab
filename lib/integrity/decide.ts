// The rules that judge one connection in one bucket, as pure functions (unit-tested) and as the
// SQL expressions the verification runs (lib/integrity/verify.ts), built from the same rules so
// the two cannot drift apart.
//
// A connection's two sides: the "low" end (smaller address, port) and the "high" end. Each side
// reports what it sent (tx) and received (rx). Low's tx must match high's rx and the other way
// round, in packets and in bytes, within the tolerance. Buckets are compared alone, then merged
// with the previous or the next bucket (the neighbouring-bucket allowance: windows are ~5 s,
// not aligned between nodes, and a burst in a window that straddles an edge lands unevenly).

export type Outcome = "COUNTERSIGNED" | "MISMATCHED" | "ONE_SIDED";

export type Tolerance = { packets: number; ratio: number };

/** Bytes are allowed this many bytes per packet of tolerance (one full-size packet). */
export const BYTES_PER_PACKET = 1500;

/** Counts of one connection over one bucket (or a merged pair of buckets). */
export type Sides = {
  lowTxPkts: number; highRxPkts: number; highTxPkts: number; lowRxPkts: number;
  lowTxBytes: number; highRxBytes: number; highTxBytes: number; lowRxBytes: number;
};

/** Two counts of the same traffic agree when they differ by at most the absolute allowance or the ratio of the larger. */
export function agrees(a: number, b: number, allowance: number, ratio: number): boolean {
  return Math.abs(a - b) <= Math.max(allowance, ratio * Math.max(a, b));
}

export function sidesAgree(s: Sides, t: Tolerance): boolean {
  return (
    agrees(s.lowTxPkts, s.highRxPkts, t.packets, t.ratio) &&
    agrees(s.highTxPkts, s.lowRxPkts, t.packets, t.ratio) &&
    agrees(s.lowTxBytes, s.highRxBytes, t.packets * BYTES_PER_PACKET, t.ratio) &&
    agrees(s.highTxBytes, s.lowRxBytes, t.packets * BYTES_PER_PACKET, t.ratio)
  );
}

const add = (a: Sides, b: Sides): Sides => ({
  lowTxPkts: a.lowTxPkts + b.lowTxPkts, highRxPkts: a.highRxPkts + b.highRxPkts,
  highTxPkts: a.highTxPkts + b.highTxPkts, lowRxPkts: a.lowRxPkts + b.lowRxPkts,
  lowTxBytes: a.lowTxBytes + b.lowTxBytes, highRxBytes: a.highRxBytes + b.highRxBytes,
  highTxBytes: a.highTxBytes + b.highTxBytes, lowRxBytes: a.lowRxBytes + b.lowRxBytes,
});

/**
 * The outcome of a bucket: countersigned when it agrees alone or merged with a neighbour;
 * otherwise one-sided when the quieter side (fewer packets told) has no entry for the connection
 * whose window starts in the bucket (a window straddling in from the previous bucket does not
 * count): that side is the silent one. Else mismatched.
 */
export function decide(
  input: { own: Sides; prev?: Sides; next?: Sides; lowEntries: number; highEntries: number },
  t: Tolerance,
): { outcome: Outcome; silent: "low" | "high" | null } {
  const { own, prev, next } = input;
  if (sidesAgree(own, t) || (prev && sidesAgree(add(prev, own), t)) || (next && sidesAgree(add(own, next), t))) return { outcome: "COUNTERSIGNED", silent: null };
  const quieter = quieterSide(own);
  const entries = quieter === "low" ? input.lowEntries : input.highEntries;
  return entries === 0 ? { outcome: "ONE_SIDED", silent: quieter } : { outcome: "MISMATCHED", silent: null };
}

/** The side that told fewer packets (low on a tie). */
export const quieterSide = (s: Sides): "low" | "high" => (s.lowTxPkts + s.lowRxPkts <= s.highTxPkts + s.highRxPkts ? "low" : "high");

// --- The same rules in SQL ---------------------------------------------------------------------

const num = (n: number) => {
  if (!Number.isFinite(n) || n < 0) throw new Error(`Not a tolerance: ${n}`);
  return String(n);
};

/** `agrees` as a SQL expression over two numeric expressions. */
export function sqlAgrees(a: string, b: string, allowance: number, ratio: number): string {
  return `(abs((${a}) - (${b})) <= greatest(${num(allowance)}, ${num(ratio)} * greatest(${a}, ${b})))`;
}

/** `sidesAgree` over columns named `${prefix}lo_tx_p`, `…hi_rx_p`, … (see verify.ts). */
export function sqlSidesAgree(col: (name: string) => string, t: Tolerance): string {
  const bytes = t.packets * BYTES_PER_PACKET;
  return [
    sqlAgrees(col("lo_tx_p"), col("hi_rx_p"), t.packets, t.ratio),
    sqlAgrees(col("hi_tx_p"), col("lo_rx_p"), t.packets, t.ratio),
    sqlAgrees(col("lo_tx_b"), col("hi_rx_b"), bytes, t.ratio),
    sqlAgrees(col("hi_tx_b"), col("lo_rx_b"), bytes, t.ratio),
  ].join(" AND ");
}

// The buckets of the flow explorer's chart: their size follows the range (a minute for an
// hour, an hour for a week) so a chart has at most MAX_BUCKETS bars, and empty buckets are
// zeros rather than gaps. Pure.

export const BUCKET_SECONDS = [60, 300, 900, 3600, 6 * 3600, 86_400] as const;
export const MAX_BUCKETS = 180;

/** The smallest bucket that keeps a span of `spanMs` within MAX_BUCKETS buckets. */
export function bucketSecondsFor(spanMs: number): number {
  return BUCKET_SECONDS.find((s) => spanMs / (s * 1000) <= MAX_BUCKETS) ?? BUCKET_SECONDS.at(-1)!;
}

/** The start of the bucket holding `ms`: buckets are aligned on the Unix epoch (UTC). */
export function bucketStart(ms: number, seconds: number): number {
  return Math.floor(ms / (seconds * 1000)) * seconds * 1000;
}

export type BucketPoint = { start: string; txBytes: number; rxBytes: number };

/**
 * Every bucket from the one holding `from` to the one holding the last instant before `until`,
 * with the sums found (keyed by bucket start in ms) and zeros elsewhere. Sums outside the span
 * (records stamped in the future) are kept, in order, so no byte goes missing from the chart.
 */
export function fillBuckets(sums: Map<number, { txBytes: number; rxBytes: number }>, from: Date, until: Date, seconds: number): BucketPoint[] {
  const step = seconds * 1000;
  const first = bucketStart(from.getTime(), seconds);
  const last = bucketStart(Math.max(until.getTime() - 1, from.getTime()), seconds);
  const starts = new Set<number>();
  for (let t = first; t <= last; t += step) starts.add(t);
  for (const t of sums.keys()) starts.add(t);
  return [...starts]
    .sort((a, b) => a - b)
    .map((t) => ({ start: new Date(t).toISOString(), txBytes: sums.get(t)?.txBytes ?? 0, rxBytes: sums.get(t)?.rxBytes ?? 0 }));
}

/** A bucket's start as people read it: the time within a day, the date for day buckets. */
export function bucketLabel(iso: string, bucketSeconds: number, withDate = false): string {
  const day = iso.slice(5, 10);
  const time = iso.slice(11, 16);
  if (bucketSeconds >= 86_400) return iso.slice(0, 10);
  return withDate ? `${iso.slice(0, 10)} ${time}` : bucketSeconds >= 3600 ? `${day} ${time}` : time;
}

// The one query for "a device that reported nothing for a while came back at another physical
// endpoint", used by lib/integrity/gaps.ts (restartSpans) and the PossibleRestart rule. Pure:
// it only builds SQL text from the expressions given (parameters or literals, never user text).
//
// Rows: node_id, name, span_from (its last bucket with entries ended), span_to (its first bucket
// with entries again, in [from, to)), minutes, endpoint_before / endpoint_after (the physical
// endpoint its peers reached it at in the hour before and after; null when none).
export function restartSql({ from, to, minMinutes }: { from: string; to: string; minMinutes: string }): string {
  const endpoint = (where: string, order: string) =>
    `(SELECT host(f.dst_ip) || ':' || coalesce(f.dst_port, 0) FROM flow_records f
       WHERE f.kind = 'PHYSICAL' AND f.src_ip = ANY (back.addresses::inet[]) AND ${where}
       ORDER BY f.window_start ${order} LIMIT 1)`;
  return `
WITH own AS (
  SELECT d.node_id, d.bucket, lag(d.bucket + make_interval(mins => b.minutes)) OVER (PARTITION BY d.node_id ORDER BY d.bucket) AS prev_end
    FROM integrity_device_buckets d JOIN integrity_buckets b ON b.bucket = d.bucket
   WHERE d.entries > 0 AND d.bucket >= ${from} - interval '1 day' AND d.bucket < ${to}
), back AS (
  SELECT own.node_id, own.prev_end AS span_from, own.bucket AS span_to, dev.name, dev.addresses
    FROM own JOIN devices dev ON dev.node_id = own.node_id
   WHERE own.bucket >= ${from} AND own.prev_end IS NOT NULL AND own.bucket - own.prev_end >= make_interval(mins => ${minMinutes})
)
SELECT back.node_id, back.name, back.span_from, back.span_to,
       (extract(epoch FROM back.span_to - back.span_from) / 60)::int AS minutes,
       ${endpoint("f.window_start >= back.span_from - interval '1 hour' AND f.window_start < back.span_from", "DESC")} AS endpoint_before,
       ${endpoint("f.window_start >= back.span_to AND f.window_start < back.span_to + interval '1 hour'", "ASC")} AS endpoint_after
  FROM back`;
}

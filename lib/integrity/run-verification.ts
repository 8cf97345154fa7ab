import "server-only";
// The `integrity_verify` job: checks the buckets that closed since its watermark (a row in
// detection_watermarks, the windowed rules' table, under VERIFY_WATERMARK_ID), a chunk of buckets per
// transaction that also moves the watermark, so each bucket is checked once across restarts and
// concurrent workers. Then re-checks the checked buckets that late records touched, as long as
// the records arrived within the grace period after the bucket ended.
import { VERIFY_WATERMARK_ID } from "@/lib/detections/helpers/integrity";
import { stepsPerRun } from "@/lib/detections/run-windowed";
import { logger } from "@/lib/logger";
import { withIngestTx } from "@/lib/ingest/pg-pool";
import { getIntegritySettings, type IntegritySettings } from "./settings";
import { verifyRange, type VerifySummary } from "./verify";

/** Records arrive late (windows close, streaming batches): a bucket is checked this long after its next bucket ends. */
export const CHECK_LAG_MS = 2 * 60_000;
/** Buckets checked in one transaction. */
const CHUNK_BUCKETS = 60;

export type VerificationRun = VerifySummary & { checkedFrom: Date | null; checkedTo: Date | null; rechecked: number };

const alignDown = (t: number, step: number) => Math.floor(t / step) * step;

/**
 * The last moment whose buckets may be checked at `now`: a bucket is judged with its next
 * bucket (the neighbouring-bucket allowance), so that one must be over too, plus the lag.
 */
export function horizonOf(now: Date, settings: IntegritySettings): number {
  const step = settings.bucketMinutes * 60_000;
  return alignDown(now.getTime() - CHECK_LAG_MS - step, step);
}

export async function runVerification(options: { now?: Date; settings?: IntegritySettings; maxBuckets?: number } = {}): Promise<VerificationRun> {
  const now = options.now ?? new Date();
  const settings = options.settings ?? (await getIntegritySettings());
  const step = settings.bucketMinutes * 60_000;
  const horizon = horizonOf(now, settings);
  const run: VerificationRun = { buckets: 0, entries: 0, connections: 0, countersigned: 0, mismatched: 0, oneSided: 0, singleSided: 0, checkedFrom: null, checkedTo: null, rechecked: 0 };
  const add = (s: VerifySummary) => {
    for (const k of ["buckets", "entries", "connections", "countersigned", "mismatched", "oneSided", "singleSided"] as const) run[k] += s[k];
  };
  const began = Date.now();
  try {
    // The first run starts with the last complete bucket: no history replay on installation.
    await withIngestTx((c) =>
      c.query(`INSERT INTO detection_watermarks (rule_id, evaluated_to, started_at) VALUES ($1, $2, $3) ON CONFLICT (rule_id) DO NOTHING`, [VERIFY_WATERMARK_ID, new Date(horizon - step), now]),
    );
    let left = options.maxBuckets ?? stepsPerRun(step);
    for (;;) {
      const done = await withIngestTx(async (c) => {
        // The row lock makes concurrent workers take turns; the second finds the buckets done.
        const { rows } = await c.query<{ evaluated_to: Date }>(`SELECT evaluated_to FROM detection_watermarks WHERE rule_id = $1 FOR UPDATE`, [VERIFY_WATERMARK_ID]);
        const mark = rows[0]!.evaluated_to.getTime();
        const from = alignDown(mark, step);
        const to = Math.min(horizon, from + Math.min(CHUNK_BUCKETS, left) * step);
        if (to <= from) return true;
        add(await verifyRange(c, { from: new Date(from), to: new Date(to), settings }));
        run.checkedFrom ??= new Date(from);
        run.checkedTo = new Date(to);
        left -= (to - from) / step;
        await c.query(`UPDATE detection_watermarks SET evaluated_to = $2, last_run_at = now(), last_error = NULL, last_duration_ms = $3 WHERE rule_id = $1`, [VERIFY_WATERMARK_ID, new Date(to), Date.now() - began]);
        return to >= horizon || left <= 0;
      });
      if (done) break;
    }
    run.rechecked = await recheckLate(now, settings);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.error({ err: message }, "integrity verification failed");
    await withIngestTx((c) => c.query(`UPDATE detection_watermarks SET last_error = $2, last_run_at = now() WHERE rule_id = $1`, [VERIFY_WATERMARK_ID, message.slice(0, 1000)])).catch(() => undefined);
    throw error;
  }
  return run;
}

/**
 * Buckets already checked whose records (their own or a neighbour's, which the allowance reads)
 * received something after the check, while the bucket ended less than the grace period ago.
 */
async function recheckLate(now: Date, settings: IntegritySettings): Promise<number> {
  if (settings.graceMinutes <= 0) return 0;
  const step = settings.bucketMinutes * 60_000;
  return withIngestTx(async (c) => {
    const { rows: mark } = await c.query<{ evaluated_to: Date }>(`SELECT evaluated_to FROM detection_watermarks WHERE rule_id = $1 FOR UPDATE`, [VERIFY_WATERMARK_ID]);
    if (!mark[0]) return 0;
    const { rows } = await c.query<{ bucket: Date }>(
      `SELECT ib.bucket FROM integrity_buckets ib
        WHERE ib.bucket + make_interval(secs => $3) >= $1::timestamptz - make_interval(mins => $4) AND ib.bucket < $2
          AND EXISTS (SELECT 1 FROM flow_records f
                       WHERE f.window_start >= ib.bucket - make_interval(secs => $3) - interval '60 seconds'
                         AND f.window_start < ib.bucket + make_interval(secs => 2 * $3)
                         AND f.kind <> 'PHYSICAL' AND f.received_at > ib.checked_at)
        ORDER BY ib.bucket`,
      [now, mark[0].evaluated_to, step / 1000, settings.graceMinutes],
    );
    for (const { bucket } of rows) await verifyRange(c, { from: bucket, to: new Date(bucket.getTime() + step), settings });
    return rows.length;
  });
}

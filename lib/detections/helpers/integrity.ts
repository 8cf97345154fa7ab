// What the integrity rules share: they read the verification's results (lib/integrity), which
// the `integrity_verify` job writes behind its own watermark. Pure.

/** The verification job's row in detection_watermarks. */
export const VERIFY_WATERMARK_ID = "integrity.verify";

/** The integrity rules read their window this many minutes late, once late re-checks are over. */
export const SETTLE_MINUTES = 20;

/** A window of an integrity rule is evaluated only once the verification has checked what it reads. */
export const AFTER_VERIFICATION = { watermark: VERIFY_WATERMARK_ID, readsBehindMinutes: SETTLE_MINUTES } as const;

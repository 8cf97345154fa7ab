// What the integrity rules share: they read the verification's results (lib/integrity), which
// the `integrity_verify` job writes behind its own watermark. Pure.

/** The verification job's row in detection_watermarks. */
export const VERIFY_WATERMARK_ID = "integrity.verify";

/**
 * The integrity rules read their window this many minutes late, once late re-checks are over: at
 * least the verification's lag plus its grace period (at most 15 minutes, lib/integrity/settings.ts).
 */
export const SETTLE_MINUTES = 20;
/** The same, as the rules' SQL subtracts it from their window. */
export const SETTLE_SQL = `interval '${SETTLE_MINUTES} minutes'`;

/** A window of an integrity rule is evaluated only once the verification has checked what it reads. */
export const AFTER_VERIFICATION = { watermark: VERIFY_WATERMARK_ID, readsBehindMinutes: SETTLE_MINUTES } as const;

import "server-only";
// Settings of the double-entry verification (one AppSetting row, defaults when absent or invalid).
import { z } from "zod";
import { db } from "@/lib/db";

const KEY = "integrity";

export const ZIntegritySettings = z.object({
  /** Both sides are summed per bucket of this many minutes. */
  bucketMinutes: z.coerce.number().int().min(1).max(60),
  /** Packets either side may be off by (in flight, lost on the wire); bytes: this many full 1500-byte packets. */
  tolerancePackets: z.coerce.number().min(0).max(100_000),
  /** And a share of the larger count (0.05 = 5 %): whichever allows more. */
  toleranceRatio: z.coerce.number().min(0).max(0.5),
  /** A bucket is re-checked when records touching it arrive up to this many minutes after it ends. */
  /** At most 15: the integrity rules read results 20 minutes after the fact (SETTLE_MINUTES in lib/detections/helpers/integrity.ts). */
  graceMinutes: z.coerce.number().int().min(0).max(15),
});
export type IntegritySettings = z.infer<typeof ZIntegritySettings>;

export const INTEGRITY_DEFAULTS: IntegritySettings = { bucketMinutes: 1, tolerancePackets: 10, toleranceRatio: 0.05, graceMinutes: 10 };

export async function getIntegritySettings(): Promise<IntegritySettings> {
  const row = await db.appSetting.findUnique({ where: { key: KEY } });
  const parsed = ZIntegritySettings.partial().safeParse(row?.value ?? {});
  return { ...INTEGRITY_DEFAULTS, ...(parsed.success ? parsed.data : {}) };
}

// Where evidence lives and how large it may be: EVIDENCE_STORAGE (disk | db, default disk),
// EVIDENCE_DIR (default DATA_DIR/evidence) and EVIDENCE_MAX_BYTES (default 100 MB). Read on
// every call, so tests and operators can change them without a restart of the module graph.
import path from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/errors";

export const DEFAULT_EVIDENCE_MAX_BYTES = 100 * 1024 * 1024;
/** Log exports stop at this many records; a larger range is refused with a message to narrow it. */
export const DEFAULT_PRESERVE_MAX_RECORDS = 200_000;

const ZEvidenceEnv = z.object({
  EVIDENCE_STORAGE: z.enum(["disk", "db"]).default("disk"),
  EVIDENCE_DIR: z.string().min(1).optional(),
  EVIDENCE_MAX_BYTES: z.coerce.number().int().positive().default(DEFAULT_EVIDENCE_MAX_BYTES),
  EVIDENCE_PRESERVE_MAX_RECORDS: z.coerce.number().int().positive().default(DEFAULT_PRESERVE_MAX_RECORDS),
  DATA_DIR: z.string().default(".data"),
});

export type EvidenceConfig = { storage: "disk" | "db"; dir: string; maxBytes: number; preserveMaxRecords: number };

export function evidenceConfig(source: Record<string, string | undefined> = process.env): EvidenceConfig {
  const cleaned = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
  const result = ZEvidenceEnv.safeParse(cleaned);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new AppError("INTERNAL", `The evidence settings are not valid (${detail}).`);
  }
  const e = result.data;
  return {
    storage: e.EVIDENCE_STORAGE,
    dir: path.resolve(e.EVIDENCE_DIR ?? path.join(e.DATA_DIR, "evidence")),
    maxBytes: e.EVIDENCE_MAX_BYTES,
    preserveMaxRecords: e.EVIDENCE_PRESERVE_MAX_RECORDS,
  };
}

/** "100 MB" style, for limits in messages. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[i]}`;
}

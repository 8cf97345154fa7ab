// Body and record size limits of the log pipeline (INGEST_MAX_* in the environment).
import { env } from "@/lib/env";
import type { DecodeLimits } from "./decode-body";

export type IngestLimits = DecodeLimits & { maxRecordBytes: number };

export const INGEST_LIMITS: IngestLimits = {
  get maxCompressedBytes() {
    return env().INGEST_MAX_BODY_MB * 1024 * 1024;
  },
  get maxDecodedBytes() {
    return env().INGEST_MAX_DECODED_MB * 1024 * 1024;
  },
  get maxRecordBytes() {
    return env().INGEST_MAX_RECORD_KB * 1024;
  },
};

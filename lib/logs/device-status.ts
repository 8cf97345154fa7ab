// Whether a device is sending its own flow logs: the gap detection a reader sees at a glance.
// Pure: the quiet threshold is the ingest setting `quietAfterMinutes`.
import type { DeviceStatus } from "./filters";

/** reporting: its own record arrived recently; quiet: it used to report and has stopped; peer-only: only seen by others. */
export function deviceStatus(lastRecordAt: Date | null, quietAfterMinutes: number, now = new Date()): DeviceStatus {
  if (!lastRecordAt) return "peer-only";
  return now.getTime() - lastRecordAt.getTime() > quietAfterMinutes * 60_000 ? "quiet" : "reporting";
}

/** The lastRecordAt boundary: at or after it is reporting, before it is quiet. */
export function quietBoundary(quietAfterMinutes: number, now = new Date()): Date {
  return new Date(now.getTime() - quietAfterMinutes * 60_000);
}

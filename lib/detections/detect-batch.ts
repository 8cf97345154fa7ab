import "server-only";
// Real-time detection inside the log pipeline: the rules run over the records of a batch in
// memory, inside the batch's transaction, and their matches are written to the outbox in it.
// Nothing is read back from the log tables.
import type { AuditRow, FlowEntryRow } from "@/lib/ingest/records";
import { contextOf, runRealtime, ruleSwitches, type Match } from "./engine";
import { auditEventFromRow } from "./events";
import { RULES } from "./registry";
import { cachedDetectionSettings } from "./settings";
import { cachedDevices } from "./known-devices";

/** Runs the real-time rules over newly stored audit events (with their ids) and the batch's flow entries. */
export async function matchBatch(audits: { id: string; row: AuditRow }[], flows: FlowEntryRow[]): Promise<Match[]> {
  if (!audits.length && !flows.length) return [];
  const settings = await cachedDetectionSettings();
  const active = RULES.filter((r) => r.kind === "realtime" && ruleSwitches(r, settings).enabled && (r.logType === "audit" ? audits.length : flows.length));
  if (!active.length) return [];
  const ctx = contextOf(settings, await cachedDevices());
  return runRealtime(active, { audit: audits.map((a) => ({ key: `audit:${a.id}`, event: auditEventFromRow(a.row) })), flow: flows }, ctx);
}

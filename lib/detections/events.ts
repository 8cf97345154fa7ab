// The events rules see. Audit events keep the shape of Tailscale's record (tailscale-logs.md §1),
// so a rule reads like the documentation and a test event is a record pasted from a real log.
// Flow events are one traffic entry of a flow record. Pure: no database.
import { normalizeRecord, type AuditRow, type FlowEntryRow } from "@/lib/ingest/records";

export type AuditEvent = {
  eventTime: string;
  origin: string | null;
  eventGroupID: string | null;
  actor: { id: string | null; type: string | null; loginName: string | null; displayName: string | null; tags: string[] };
  target: { id: string | null; name: string | null; type: string | null; property: string | null; isEphemeral: boolean | null };
  action: string;
  old: unknown;
  new: unknown;
  actionDetails: string | null;
  error: string | null;
};

/** One traffic entry, as stored (without the pipeline's dedup hash and unmapped protocol name). */
export type FlowEvent = Omit<FlowEntryRow, "entryHash" | "protoName">;

const parseJson = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

export function auditEventFromRow(row: AuditRow): AuditEvent {
  return {
    eventTime: row.eventTime,
    origin: row.origin,
    eventGroupID: row.eventGroupId,
    actor: { id: row.actorId, type: row.actorType, loginName: row.actorLogin, displayName: row.actorName, tags: row.actorTags },
    target: { id: row.targetId, name: row.targetName, type: row.targetType, property: row.targetProperty, isEphemeral: row.targetIsEphemeral },
    action: row.action,
    old: parseJson(row.old),
    new: parseJson(row.new),
    actionDetails: row.actionDetails,
    error: row.error,
  };
}

export function flowEventFromRow(row: FlowEntryRow): FlowEvent {
  return {
    nodeId: row.nodeId,
    windowStart: row.windowStart,
    windowEnd: row.windowEnd,
    kind: row.kind,
    proto: row.proto,
    srcIp: row.srcIp,
    srcPort: row.srcPort,
    dstIp: row.dstIp,
    dstPort: row.dstPort,
    txPkts: row.txPkts,
    txBytes: row.txBytes,
    rxPkts: row.rxPkts,
    rxBytes: row.rxBytes,
  };
}

export type ParsedEvents = { audit: AuditEvent[]; flow: FlowEvent[] } | { error: string };

/**
 * A record as it comes from Tailscale (bare, in a HEC envelope or Panther's wrapper), read the
 * way the pipeline reads it: rule tests and the "try it" box go through the same normalisation.
 */
export function eventsFromRecord(value: unknown, now = Date.now()): ParsedEvents {
  const normalized = normalizeRecord(value, now);
  if (normalized.type === "invalid") return { error: normalized.reason };
  if (normalized.type === "audit") return { audit: [auditEventFromRow(normalized.row)], flow: [] };
  return { audit: [], flow: normalized.record.entries.map(flowEventFromRow) };
}

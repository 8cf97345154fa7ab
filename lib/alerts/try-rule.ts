import "server-only";
// The rules page's "try it" box: pasted JSON run through one rule with the current settings and
// the known devices, exactly as the pipeline would (records are read by `eventsFromRecord`).
// It answers, per event, whether the rule raises, follows or leaves it; it never throws at the
// page for what was pasted.
import { assertCan } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import type { AnyRealtimeRule, Rule } from "@/lib/detections/define-rule";
import { auditMatch, contextOf, flowMatch, verdictOf, windowMatch, type Match } from "@/lib/detections/engine";
import { eventsFromRecord, type AuditEvent, type FlowEvent } from "@/lib/detections/events";
import { cachedDevices } from "@/lib/detections/known-devices";
import { findRule } from "@/lib/detections/registry";
import { getDetectionSettings } from "@/lib/detections/settings";
import { notFound } from "@/lib/errors";
import { thresholdPhrase } from "./rule-meta";
import { MAX_TRY_BYTES } from "./schemas";

export type TryOutcome = {
  label: string;
  verdict: "match" | "follows" | "no" | "error";
  severity?: string;
  title?: string;
  dedupKey?: string;
  matchedFields?: string[];
  context?: unknown;
  error?: string;
  /** For a threshold rule's match: it counts toward an alert, it does not raise one alone. */
  note?: string;
};
export type TryResult = { ok: true; enabled: boolean; outcomes: TryOutcome[] } | { ok: false; error: string };

const MAX_RECORDS = 100;

export async function tryRule({ viewer, ruleId, text, now = Date.now() }: { viewer: Viewer; ruleId: string; text: unknown; now?: number }): Promise<TryResult> {
  assertCan(viewer, "alerts.read");
  const rule = findRule(ruleId);
  if (!rule) throw notFound("rule");
  if (typeof text !== "string" || !text.trim()) return { ok: false, error: "Paste a JSON record (or a JSON array of records) first." };
  if (Buffer.byteLength(text, "utf8") > MAX_TRY_BYTES) return { ok: false, error: `That is more than ${MAX_TRY_BYTES / 1024} KiB; paste one record or a few.` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `That is not valid JSON: ${(error as Error).message}` };
  }
  const [settings, devices] = await Promise.all([getDetectionSettings(), cachedDevices()]);
  const ctx = contextOf(settings, devices);
  const enabled = settings.rules[rule.id]?.enabled ?? true;
  const items = Array.isArray(value) ? value : [value];
  if (items.length > MAX_RECORDS) return { ok: false, error: `At most ${MAX_RECORDS} records at a time.` };
  if (rule.kind === "windowed") return { ok: true, enabled, outcomes: items.map((row, i) => tryRow(rule, row, i, ctx, now)) };

  const outcomes: TryOutcome[] = [];
  items.forEach((record, i) => {
    const parsed = eventsFromRecord(record, now);
    const label = items.length > 1 ? `Record ${i + 1}` : "Record";
    if ("error" in parsed) return void outcomes.push({ label, verdict: "error", error: `Not a Tailscale log record: ${parsed.error}` });
    const events = rule.logType === "audit" ? parsed.audit : parsed.flow;
    if (!events.length) {
      const other = rule.logType === "audit" ? "a flow record" : "an audit record";
      return void outcomes.push({ label, verdict: "error", error: `This is ${other}; the rule reads ${rule.logType} records.` });
    }
    events.forEach((event, j) => outcomes.push(tryEvent(rule as AnyRealtimeRule, event, events.length > 1 ? `${label}, entry ${j + 1}` : label, ctx)));
  });
  return { ok: true, enabled, outcomes };
}

function fromMatch(label: string, m: Match): TryOutcome {
  const note = m.threshold > 1 ? `Counts toward the threshold: an alert is raised ${thresholdPhrase({ count: m.threshold, windowMinutes: m.thresholdMinutes })}.` : undefined;
  return { label, verdict: m.isRelated ? "follows" : "match", severity: m.severity, title: m.title, dedupKey: m.dedupKey, matchedFields: m.matchedFields, context: m.context, ...(note ? { note } : {}) };
}

function tryEvent(rule: AnyRealtimeRule, event: AuditEvent | FlowEvent, label: string, ctx: ReturnType<typeof contextOf>): TryOutcome {
  try {
    // verdictOf first: a rule that throws is reported as such, where the pipeline would count it a "no".
    if (!verdictOf(rule as { match: (e: unknown, c: typeof ctx) => boolean }, event, ctx)) return { label, verdict: "no" };
    const m = rule.logType === "audit" ? auditMatch(rule as AnyRealtimeRule & { logType: "audit" }, event as AuditEvent, "try", ctx) : flowMatch(rule as AnyRealtimeRule & { logType: "flow" }, event as FlowEvent, "try", ctx);
    return m ? fromMatch(label, m) : { label, verdict: "no" };
  } catch (error) {
    return { label, verdict: "error", error: `The rule failed on this event: ${(error as Error).message}` };
  }
}

function tryRow(rule: Rule & { kind: "windowed" }, row: unknown, i: number, ctx: ReturnType<typeof contextOf>, now: number): TryOutcome {
  const label = `Row ${i + 1}`;
  if (row === null || typeof row !== "object" || Array.isArray(row)) return { label, verdict: "error", error: "A windowed rule reads rows: paste a JSON object (or an array of objects) as its SQL returns them." };
  try {
    const to = new Date(now);
    const from = new Date(now - rule.windowMinutes(ctx.settings) * 60_000);
    const m = windowMatch(rule, row as Record<string, unknown>, { from, to }, ctx);
    return m ? fromMatch(label, m) : { label, verdict: "no" };
  } catch (error) {
    return { label, verdict: "error", error: `The rule failed on this row: ${(error as Error).message}` };
  }
}

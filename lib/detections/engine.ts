// Runs rules over events and returns matches: what the pipeline writes to the outbox, what the
// "try it" box shows, and what every rule's own tests check. Pure: the context carries settings
// and the device inventory in.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AnyRealtimeRule, AnyWindowedRule, Entity, KnownDevice, RealtimeRule, Rule, RuleContext } from "./define-rule";
import type { AuditEvent, FlowEvent } from "./events";
import { DEFAULT_DETECTION_SETTINGS, type DetectionSettings } from "./settings-schema";
import type { Severity } from "./severity";

export type MatchKind = "audit" | "flow" | "app" | "window";

export type Match = {
  ruleId: string;
  severity: Severity;
  title: string;
  dedupKey: string;
  dedupMinutes: number;
  eventKey: string;
  kind: MatchKind;
  eventTime: string;
  isRelated: boolean;
  matchedFields: string[];
  data: Prisma.InputJsonValue;
  context: Prisma.InputJsonObject;
  entityType: Entity["type"] | null;
  entity: string | null;
  deviceNodeId: string | null;
  userLogin: string | null;
  /** Matches of the rule and key needed within thresholdMinutes before an alert is raised (1: at once). */
  threshold: number;
  thresholdMinutes: number;
};

/** The rule as configured: switched off, severity overridden, another dedup window. */
export function ruleSwitches(rule: Rule, settings: DetectionSettings) {
  const o = settings.rules[rule.id] ?? {};
  return { enabled: o.enabled ?? true, severity: o.severity ?? null, dedupMinutes: o.dedupMinutes ?? rule.dedupMinutes };
}

const indexes = new WeakMap<KnownDevice[], Map<string, KnownDevice>>();

export function contextOf(settings: DetectionSettings = DEFAULT_DETECTION_SETTINGS, devices: KnownDevice[] = []): RuleContext {
  let index = indexes.get(devices);
  if (!index) {
    index = new Map();
    for (const d of devices) {
      index.set(d.nodeId, d);
      for (const a of d.addresses) index.set(a, d);
    }
    indexes.set(devices, index);
  }
  const found = index;
  return { settings, device: (key) => found.get(key) ?? null };
}

function defaultAuditEntity(e: AuditEvent): Entity | null {
  const t = e.target;
  if (t.type === "NODE" && t.id) return { type: "device", value: t.id };
  if (t.type === "USER" && (t.name || t.id)) return { type: "user", value: (t.name || t.id)! };
  if ((t.type === "API_KEY" || t.type === "OAUTH_ACCESS_TOKEN") && t.id) return { type: "key", value: t.id };
  const who = e.actor.loginName || e.actor.id;
  return who ? { type: "user", value: who } : null;
}

const resolve = <E>(value: Severity | ((e: E, ctx: RuleContext) => Severity), e: E, ctx: RuleContext) => (typeof value === "function" ? value(e, ctx) : value);
const fields = <E>(value: string[] | ((e: E, ctx: RuleContext) => string[]), e: E, ctx: RuleContext) => (typeof value === "function" ? value(e, ctx) : value);

type Verdict = "match" | "follows" | null;

/** Whether one event raises (match), joins (follows) or leaves alone; exceptions in a rule are its own "no". */
export function verdictOf<E>(rule: { match: (e: E, c: RuleContext) => boolean; follows?: (e: E, c: RuleContext) => boolean }, event: E, ctx: RuleContext): Verdict {
  if (rule.match(event, ctx)) return "match";
  if (rule.follows?.(event, ctx)) return "follows";
  return null;
}

/** What differs between log types: the event's time and snapshot, and who it is about. */
type Facts = { kind: MatchKind; eventTime: string; data: Prisma.InputJsonValue; entity: Entity | null; deviceNodeId: string | null; userLogin: string | null };

function realtimeMatch<E>(rule: RealtimeRule<E>, event: E, eventKey: string, ctx: RuleContext, facts: (e: E) => Facts): Match | null {
  const verdict = verdictOf(rule, event, ctx);
  if (!verdict) return null;
  const sw = ruleSwitches(rule as unknown as Rule, ctx.settings);
  const f = facts(event);
  const entity = rule.entity ? rule.entity(event, ctx) : f.entity;
  return {
    ruleId: rule.id,
    severity: sw.severity ?? resolve(rule.severity, event, ctx),
    title: rule.alertTitle(event, ctx).slice(0, 300),
    dedupKey: rule.dedupKey(event, ctx).slice(0, 500),
    dedupMinutes: sw.dedupMinutes,
    eventKey,
    kind: f.kind,
    eventTime: f.eventTime,
    isRelated: verdict === "follows",
    matchedFields: fields(rule.matchedFields, event, ctx),
    data: f.data,
    context: (rule.context?.(event, ctx) ?? {}) as Prisma.InputJsonObject,
    entityType: entity?.type ?? null,
    entity: entity?.value ?? null,
    deviceNodeId: f.deviceNodeId,
    userLogin: f.userLogin,
    ...thresholdOf(rule, ctx.settings),
  };
}

/** A real-time rule's threshold under the current settings (count 1: no threshold). */
export function thresholdOf(rule: { threshold?: RealtimeRule<never>["threshold"] }, settings: DetectionSettings): { threshold: number; thresholdMinutes: number } {
  if (!rule.threshold) return { threshold: 1, thresholdMinutes: 0 };
  return { threshold: Math.max(1, Math.floor(rule.threshold.count(settings))), thresholdMinutes: Math.max(0, rule.threshold.windowMinutes(settings)) };
}

export function auditMatch(rule: AnyRealtimeRule & { logType: "audit" }, event: AuditEvent, eventKey: string, ctx: RuleContext, data?: Prisma.InputJsonValue): Match | null {
  return realtimeMatch(rule as unknown as RealtimeRule<AuditEvent>, event, eventKey, ctx, (e) => ({
    kind: "audit",
    eventTime: e.eventTime,
    data: data ?? (e as unknown as Prisma.InputJsonValue),
    entity: defaultAuditEntity(e),
    deviceNodeId: e.target.type === "NODE" ? e.target.id : null,
    userLogin: e.actor.loginName || (e.target.type === "USER" ? e.target.name : null),
  }));
}

export function flowMatch(rule: AnyRealtimeRule & { logType: "flow" }, event: FlowEvent, eventKey: string, ctx: RuleContext): Match | null {
  return realtimeMatch(rule as unknown as RealtimeRule<FlowEvent>, event, eventKey, ctx, (e) => ({
    kind: "flow",
    eventTime: e.windowStart,
    data: flowData(e),
    entity: { type: "device", value: e.nodeId },
    deviceNodeId: e.nodeId,
    userLogin: ctx.device(e.nodeId)?.userLogin ?? null,
  }));
}

export function windowMatch(rule: AnyWindowedRule, row: Record<string, unknown>, window: { from: Date; to: Date }, ctx: RuleContext): Match | null {
  if (!rule.evaluate(row, ctx)) return null;
  const sw = ruleSwitches(rule, ctx.settings);
  const entity = rule.entity?.(row) ?? null;
  const dedupKey = rule.dedupKey(row).slice(0, 500);
  const data = JSON.parse(JSON.stringify(row, (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v))) as Prisma.InputJsonObject;
  return {
    ruleId: rule.id,
    severity: sw.severity ?? resolve(rule.severity, row, ctx),
    title: rule.alertTitle(row).slice(0, 300),
    dedupKey,
    dedupMinutes: sw.dedupMinutes,
    eventKey: `window:${window.from.toISOString()}:${dedupKey}`.slice(0, 700),
    kind: rule.logType === "app" ? "app" : "window",
    eventTime: window.from.toISOString(),
    isRelated: false,
    matchedFields: rule.matchedFields,
    data: { ...data, window: { from: window.from.toISOString(), to: window.to.toISOString() } },
    context: (rule.context?.(row) ?? {}) as Prisma.InputJsonObject,
    entityType: entity?.type ?? null,
    entity: entity?.value ?? null,
    deviceNodeId: entity?.type === "device" ? entity.value : null,
    userLogin: entity?.type === "user" ? entity.value : null,
    threshold: 1,
    thresholdMinutes: 0,
  };
}

// The entry without the pipeline's bookkeeping (the hash is in the event key).
function flowData(e: FlowEvent): Prisma.InputJsonObject {
  const { nodeId, windowStart, windowEnd, kind, proto, srcIp, srcPort, dstIp, dstPort, txPkts, txBytes, rxPkts, rxBytes } = e;
  return { nodeId, windowStart, windowEnd, kind, proto, srcIp, srcPort, dstIp, dstPort, txPkts, txBytes, rxPkts, rxBytes };
}

/** Runs the enabled real-time rules over a batch: audit events keyed by id, flow entries by their key. */
export function runRealtime(
  rules: readonly Rule[],
  batch: { audit: { key: string; event: AuditEvent }[]; flow: (FlowEvent & { entryHash: string })[] },
  ctx: RuleContext,
): Match[] {
  const matches: Match[] = [];
  for (const rule of rules) {
    if (rule.kind !== "realtime" || !ruleSwitches(rule, ctx.settings).enabled) continue;
    if (rule.logType === "audit") {
      for (const { key, event } of batch.audit) {
        const m = safely(() => auditMatch(rule as AnyRealtimeRule & { logType: "audit" }, event, key, ctx));
        if (m) matches.push(m);
      }
    } else {
      for (const event of batch.flow) {
        const m = safely(() => flowMatch(rule as AnyRealtimeRule & { logType: "flow" }, event, `flow:${event.windowStart}:${event.entryHash}`, ctx));
        if (m) matches.push(m);
      }
    }
  }
  return matches;
}

// A rule that throws on a strange event must not stop the others or the batch: it did not match.
function safely<T>(fn: () => T | null): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}

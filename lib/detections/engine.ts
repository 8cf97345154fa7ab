// Runs rules over events and returns matches: what the pipeline writes to the outbox, what the
// "try it" box shows, and what every rule's own tests check. Pure: the context carries settings
// and the device inventory in.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AnyRealtimeRule, AnyWindowedRule, Entity, KnownDevice, Rule, RuleContext } from "./define-rule";
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

export function auditMatch(rule: AnyRealtimeRule & { logType: "audit" }, event: AuditEvent, eventKey: string, ctx: RuleContext, data?: Prisma.InputJsonValue): Match | null {
  const r = rule as unknown as import("./define-rule").RealtimeRule<AuditEvent>;
  const verdict = verdictOf(r, event, ctx);
  if (!verdict) return null;
  const sw = ruleSwitches(rule, ctx.settings);
  const entity = r.entity ? r.entity(event, ctx) : defaultAuditEntity(event);
  return {
    ruleId: rule.id,
    severity: sw.severity ?? resolve(r.severity, event, ctx),
    title: r.alertTitle(event, ctx).slice(0, 300),
    dedupKey: r.dedupKey(event, ctx).slice(0, 500),
    dedupMinutes: sw.dedupMinutes,
    eventKey,
    kind: "audit",
    eventTime: event.eventTime,
    isRelated: verdict === "follows",
    matchedFields: fields(r.matchedFields, event, ctx),
    data: data ?? (event as unknown as Prisma.InputJsonValue),
    context: (r.context?.(event, ctx) ?? {}) as Prisma.InputJsonObject,
    entityType: entity?.type ?? null,
    entity: entity?.value ?? null,
    deviceNodeId: event.target.type === "NODE" ? event.target.id : null,
    userLogin: event.actor.loginName || (event.target.type === "USER" ? event.target.name : null),
  };
}

export function flowMatch(rule: AnyRealtimeRule & { logType: "flow" }, event: FlowEvent, eventKey: string, ctx: RuleContext): Match | null {
  const r = rule as unknown as import("./define-rule").RealtimeRule<FlowEvent>;
  const verdict = verdictOf(r, event, ctx);
  if (!verdict) return null;
  const sw = ruleSwitches(rule, ctx.settings);
  const entity = r.entity ? r.entity(event, ctx) : { type: "device" as const, value: event.nodeId };
  return {
    ruleId: rule.id,
    severity: sw.severity ?? resolve(r.severity, event, ctx),
    title: r.alertTitle(event, ctx).slice(0, 300),
    dedupKey: r.dedupKey(event, ctx).slice(0, 500),
    dedupMinutes: sw.dedupMinutes,
    eventKey,
    kind: "flow",
    eventTime: event.windowStart,
    isRelated: verdict === "follows",
    matchedFields: fields(r.matchedFields, event, ctx),
    data: flowData(event),
    context: (r.context?.(event, ctx) ?? {}) as Prisma.InputJsonObject,
    entityType: entity?.type ?? null,
    entity: entity?.value ?? null,
    deviceNodeId: event.nodeId,
    userLogin: ctx.device(event.nodeId)?.userLogin ?? null,
  };
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

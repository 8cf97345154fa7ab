// The shape shared by the "security setting switched off" rules: one tailnet property (or a few
// related ones) turned off or removed, on any origin; turning it back on joins the open alert
// instead of closing it.
import { defineRule, type MitreTag } from "../define-rule";
import type { AuditEvent } from "../events";
import type { Severity } from "../severity";
import { actorLabel, auditContext, isTailnetSettingOff, isTailnetSettingOn, originLabel, tailnetNameOf, tailnetOf } from "./audit";

type Options = {
  id: string;
  title: string;
  description: string;
  /** `target.property` in the audit log. */
  property: string;
  /** The setting as people name it: "HTTPS certificates". */
  setting: string;
  /** Related properties the same rule watches, with their names: `{ POSTURE_INTEGRATION: "A device posture integration" }`. */
  also?: Record<string, string>;
  /**
   * The setting is a thing that can be removed, not only switched off (Tailnet Lock, an
   * integration): `DELETE`, or an `UPDATE` from a value to nothing, turns it off too, and
   * `CREATE` turns it back on.
   */
  removable?: boolean;
  /**
   * Properties whose records name the item itself in `target.id` (a posture integration's own id),
   * not the tailnet: keyed by the tailnet's name instead, so removing one, then another, or adding
   * one back joins the same open alert.
   */
  itemProperties?: string[];
  severity: Severity;
  mitre: MitreTag[];
  runbook: string;
  reference: string[];
  tests: { name: string; expected: boolean; event: unknown }[];
};

export const DAY_MINUTES = 24 * 60;

const isOn = (v: unknown) => v !== null && v !== false;

/** Removed: `DELETE`, or an update from something to nothing (an absent `new` reads as null, so `old` must have held a value). */
function isRemoved(e: AuditEvent, property: string): boolean {
  if (e.target.type !== "TAILNET" || e.target.property !== property || e.error) return false;
  return e.action === "DELETE" || (e.action === "UPDATE" && e.new === null && isOn(e.old));
}

function isAdded(e: AuditEvent, property: string): boolean {
  return e.target.type === "TAILNET" && e.target.property === property && !e.error && e.action === "CREATE";
}

export function settingDisabledRule(o: Options) {
  const names: Record<string, string> = { [o.property]: o.setting, ...o.also };
  const properties = Object.keys(names);
  const off = (e: AuditEvent, p: string) => isTailnetSettingOff(e, p) || (!!o.removable && isRemoved(e, p));
  const on = (e: AuditEvent, p: string) => isTailnetSettingOn(e, p) || (!!o.removable && isAdded(e, p));
  const scopeOf = (e: AuditEvent) => (o.itemProperties?.includes(e.target.property ?? "") ? tailnetNameOf(e) : tailnetOf(e));
  const nameOf = (e: AuditEvent) => names[e.target.property ?? ""] ?? o.setting;
  const verb = (e: AuditEvent) => (e.action === "DELETE" || (e.action === "UPDATE" && e.new === null) ? "removed" : "disabled");
  return defineRule<AuditEvent>({
    id: o.id,
    title: o.title,
    description: o.description,
    logType: "audit",
    severity: o.severity,
    mitre: o.mitre,
    runbook: o.runbook,
    reference: o.reference,
    dedupMinutes: DAY_MINUTES,
    match: (e) => properties.some((p) => off(e, p)),
    follows: (e) => properties.some((p) => on(e, p)),
    dedupKey: (e) => `${scopeOf(e)}:${e.target.property}`,
    alertTitle: (e) => `${nameOf(e)} ${verb(e)} by ${actorLabel(e)} through ${originLabel(e)}`,
    context: (e) => ({ ...auditContext(e), setting: nameOf(e), ...(e.old !== null || e.new !== null ? { old: e.old, new: e.new } : {}) }),
    matchedFields: (e) => ["target.type", "target.property", "action", ...(e.action === "UPDATE" ? ["new"] : [])],
    tests: o.tests,
  });
}

type RecordOverrides = Partial<{ origin: string; error: string; time: number; actorType: string; login: string; targetId: string; old: unknown; new: unknown }>;

/** A test record for a tailnet setting change, in the streamed (HEC envelope) shape. */
export function tailnetSettingRecord(property: string, action: string, overrides: RecordOverrides = {}) {
  return {
    time: overrides.time ?? 1_784_800_000.25,
    event: {
      deferredAt: "0001-01-01T00:00:00Z",
      eventGroupID: "5c1dbb1d0e6a4b6d8d2b1e0f7a9c3e21",
      origin: overrides.origin ?? "CONFIG_API",
      actor: { id: "u8WzRJ3CNTRL", type: overrides.actorType ?? "USER", loginName: overrides.login ?? "mallory@example.com", displayName: "Mallory" },
      target: { id: overrides.targetId ?? "example.com", name: "example.com", type: "TAILNET", property },
      action,
      ...("old" in overrides ? { old: overrides.old } : {}),
      ...("new" in overrides ? { new: overrides.new } : {}),
      ...(overrides.error ? { error: overrides.error } : {}),
    },
    fields: { recorded: "2026-07-23T10:13:20.250Z" },
  };
}

// The shape shared by the "security setting switched off" rules: one tailnet property turned off,
// on any origin; turning it back on joins the open alert instead of closing it.
import { defineRule, type MitreTag } from "../define-rule";
import type { AuditEvent } from "../events";
import type { Severity } from "../severity";
import { actorLabel, auditContext, isTailnetSettingOff, isTailnetSettingOn, originLabel, tailnetOf } from "./audit";

type Options = {
  id: string;
  title: string;
  description: string;
  /** `target.property` in the audit log. */
  property: string;
  /** The setting as people name it: "HTTPS certificates". */
  setting: string;
  severity: Severity;
  mitre: MitreTag[];
  runbook: string;
  reference: string[];
  tests: { name: string; expected: boolean; event: unknown }[];
};

export const DAY_MINUTES = 24 * 60;

export function settingDisabledRule(o: Options) {
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
    match: (e) => isTailnetSettingOff(e, o.property),
    follows: (e) => isTailnetSettingOn(e, o.property),
    dedupKey: (e) => `${tailnetOf(e)}:${o.property}`,
    alertTitle: (e) => `${o.setting} disabled by ${actorLabel(e)} through ${originLabel(e)}`,
    context: (e) => ({ ...auditContext(e), setting: o.setting }),
    matchedFields: ["target.type", "target.property", "action"],
    tests: o.tests,
  });
}

/** A test record for a tailnet setting change, in the streamed (HEC envelope) shape. */
export function tailnetSettingRecord(property: string, action: string, overrides: Partial<{ origin: string; error: string; time: number; actorType: string; login: string }> = {}) {
  return {
    time: overrides.time ?? 1_784_800_000.25,
    event: {
      deferredAt: "0001-01-01T00:00:00Z",
      eventGroupID: "5c1dbb1d0e6a4b6d8d2b1e0f7a9c3e21",
      origin: overrides.origin ?? "CONFIG_API",
      actor: { id: "u8WzRJ3CNTRL", type: overrides.actorType ?? "USER", loginName: overrides.login ?? "mallory@example.com", displayName: "Mallory" },
      target: { id: "example.com", name: "example.com", type: "TAILNET", property },
      action,
      ...(overrides.error ? { error: overrides.error } : {}),
    },
    fields: { recorded: "2026-07-23T10:13:20.250Z" },
  };
}

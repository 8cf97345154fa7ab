// Field access and wording shared by the audit-log rules (tailscale-logs.md §1). Pure.
import type { AuditEvent } from "../events";

/** Who did it, as a person reads it: the login, else the display name, else the id and kind. */
export function actorLabel(e: AuditEvent): string {
  const a = e.actor;
  return a.loginName || a.displayName || (a.id ? `${(a.type ?? "actor").toLowerCase()} ${a.id}` : a.type?.toLowerCase() || "someone");
}

/** How it was done: console, API, SCIM, … */
export function originLabel(e: AuditEvent): string {
  const labels: Record<string, string> = {
    ADMIN_CONSOLE: "the admin console",
    CONFIG_API: "the API",
    CONTROL: "Tailscale's control plane",
    IDENTITY_PROVIDER: "the identity provider",
    NODE: "a device",
    SUPPORT_REQUEST: "a support request",
    SECURITY_NOTIFICATION: "a security notification",
  };
  return e.origin ? (labels[e.origin] ?? e.origin.toLowerCase()) : "an unknown origin";
}

export const succeeded = (e: AuditEvent): boolean => !e.error;

/** A tailnet setting switched off: `TAILNET / DISABLE / <property>` (or an update to false). */
export function isTailnetSettingOff(e: AuditEvent, property: string): boolean {
  if (e.target.type !== "TAILNET" || e.target.property !== property || !succeeded(e)) return false;
  return e.action === "DISABLE" || (e.action === "UPDATE" && e.new === false);
}

/** The same setting switched back on. */
export function isTailnetSettingOn(e: AuditEvent, property: string): boolean {
  if (e.target.type !== "TAILNET" || e.target.property !== property || !succeeded(e)) return false;
  return e.action === "ENABLE" || (e.action === "UPDATE" && e.new === true);
}

/** The tailnet a record is about, for dedup keys: its target id, else "tailnet". */
export const tailnetOf = (e: AuditEvent): string => (e.target.type === "TAILNET" && e.target.id) || "tailnet";

export const asObject = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

export const asStringArray = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** The common context of an audit alert: who, how, what. */
export function auditContext(e: AuditEvent): Record<string, unknown> {
  return {
    actor: actorLabel(e),
    actorType: e.actor.type,
    origin: e.origin,
    target: e.target.name || e.target.id,
    targetType: e.target.type,
    property: e.target.property,
    action: e.action,
    eventGroupID: e.eventGroupID,
  };
}

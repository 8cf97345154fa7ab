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

/**
 * Whether a record is this kind of change, and it went through: `target.type` / `action` /
 * `target.property` as tailscale-logs.md lists them. `property` left out: any (or none).
 */
export function isChange(e: AuditEvent, targetType: string, actions: string | readonly string[], property?: string | readonly string[]): boolean {
  if (e.target.type !== targetType || !succeeded(e)) return false;
  if (!(typeof actions === "string" ? [actions] : actions).includes(e.action)) return false;
  if (property === undefined) return true;
  return (typeof property === "string" ? [property] : property).includes(e.target.property ?? "");
}

/** The tailnet by name, for dedup keys of records whose target id is a sub-object (a log stream, an integration). */
export const tailnetNameOf = (e: AuditEvent): string => (e.target.type === "TAILNET" && (e.target.name || e.target.id)) || "tailnet";

/** What changed, for an alert's context: the old and new values as Tailscale recorded them. */
export const changeOf = (e: AuditEvent): { old: unknown; new: unknown } => ({ old: e.old, new: e.new });

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The part after the @ of a login or e-mail, lower-cased; `bob@github` (a GitHub login) gives `github`. */
export function emailDomain(login: string | null | undefined): string | null {
  if (!login || !EMAIL.test(login.trim())) return null;
  return login.trim().split("@").pop()!.toLowerCase();
}

/** Whether a domain is one of these or below one of them (`eng.example.com` is under `example.com`). */
export const isDomainIn = (domain: string, domains: readonly string[]): boolean => domains.some((d) => domain === d.toLowerCase() || domain.endsWith(`.${d.toLowerCase()}`));

/** The first value that reads as an e-mail or login (`name@domain`). */
export function firstEmail(...candidates: unknown[]): string | null {
  for (const c of candidates) if (typeof c === "string" && EMAIL.test(c.trim())) return c.trim();
  return null;
}

/** Strings in `after` that are not in `before`: tags, routes or owners gained. */
export const gained = (before: readonly string[], after: readonly string[]): string[] => after.filter((x) => !before.includes(x));

/** An array of strings out of a value that may be an array, a comma-separated string or empty (`""` for none). */
export function stringList(v: unknown): string[] {
  if (Array.isArray(v)) return asStringArray(v);
  if (typeof v === "string") return v.split(",").map((s) => s.trim()).filter(Boolean);
  return [];
}

/** Whether the actor is one of these: logins (case-insensitive), actor ids, or tags the actor (a tagged node) carries. */
export function actorIsOneOf(e: AuditEvent, entries: readonly string[]): boolean {
  const login = e.actor.loginName?.toLowerCase();
  return entries.some((entry) => {
    const x = entry.trim();
    if (x.startsWith("tag:")) return e.actor.tags.includes(x);
    return (!!login && x.toLowerCase() === login) || (!!e.actor.id && x === e.actor.id);
  });
}

import "server-only";
// One Tailscale audit event as pages and the API show it: ids as strings, times as RFC 3339
// with microseconds, nothing a JSON encoder cannot write.
import { Prisma } from "@/lib/generated/prisma/client";
import { isoTime, microsOf } from "./sql";

export type AuditEventView = {
  id: string;
  eventTime: string;
  receivedAt: string;
  loggedAt: string | null;
  eventGroupId: string | null;
  origin: string | null;
  actor: { id: string | null; type: string | null; loginName: string | null; displayName: string | null; tags: string[] };
  target: { id: string | null; name: string | null; type: string | null; property: string | null; isEphemeral: boolean | null };
  action: string;
  actionDetails: string | null;
  error: string | null;
  old: unknown;
  new: unknown;
  extra?: unknown;
};

export type AuditEventRow = {
  id: bigint;
  micros: bigint;
  event_time: string;
  received_at: string;
  logged_at: string | null;
  event_group_id: string | null;
  origin: string | null;
  actor_id: string | null;
  actor_type: string | null;
  actor_login: string | null;
  actor_name: string | null;
  actor_tags: string[] | null;
  target_id: string | null;
  target_name: string | null;
  target_type: string | null;
  target_property: string | null;
  target_is_ephemeral: boolean | null;
  action: string;
  action_details: string | null;
  error: string | null;
  old: unknown;
  new: unknown;
  extra?: unknown;
};

/**
 * The columns of a view. `values: "preview"` cuts old/new to their first 300 characters of text
 * (a policy file can be hundreds of kilobytes), which a list page needs and no more.
 */
export function auditEventColumns(values: "full" | "preview") {
  // A string value (a policy file) previews as its text, anything else as its JSON.
  const value = (c: string) =>
    values === "full" ? Prisma.raw(c) : Prisma.raw(`to_jsonb(left(CASE WHEN jsonb_typeof(${c}) = 'string' THEN ${c} #>> '{}' ELSE ${c}::text END, 300)) AS ${c}`);
  return Prisma.sql`id, ${microsOf("event_time")} AS micros, ${isoTime("event_time")} AS event_time, ${isoTime("received_at")} AS received_at,
    ${isoTime("logged_at")} AS logged_at, event_group_id, origin, actor_id, actor_type, actor_login, actor_name, actor_tags,
    target_id, target_name, target_type, target_property, target_is_ephemeral, action, action_details, error,
    ${value("old")}, ${value("new")}${values === "full" ? Prisma.sql`, extra` : Prisma.empty}`;
}

export function toAuditEventView(r: AuditEventRow): AuditEventView {
  return {
    id: String(r.id),
    eventTime: r.event_time,
    receivedAt: r.received_at,
    loggedAt: r.logged_at,
    eventGroupId: r.event_group_id,
    origin: r.origin,
    actor: { id: r.actor_id, type: r.actor_type, loginName: r.actor_login, displayName: r.actor_name, tags: r.actor_tags ?? [] },
    target: { id: r.target_id, name: r.target_name, type: r.target_type, property: r.target_property, isEphemeral: r.target_is_ephemeral },
    action: r.action,
    actionDetails: r.action_details,
    error: r.error,
    old: r.old,
    new: r.new,
    ...(r.extra !== undefined ? { extra: r.extra } : {}),
  };
}

// Tailscale configuration audit events as a table; each row links to the whole event.
import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { AuditEventView } from "@/lib/logs/audit-event-row";
import { LogTime } from "./log-time";

// Turning something off, removing it or taking access away is what a reviewer looks at first.
const ACTION_TONES: Record<string, BadgeTone> = { DISABLE: "warning", DELETE: "warning", REVOKE: "warning", SUSPEND: "warning", EXPIRED: "neutral", ENABLE: "info", CREATE: "info", APPROVE: "info" };

export function actionTone(event: Pick<AuditEventView, "action" | "error">): BadgeTone {
  return event.error ? "danger" : (ACTION_TONES[event.action] ?? "neutral");
}

export function valueText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function AuditEventTable({ events, caption }: { events: AuditEventView[]; caption: string }) {
  return (
    <Table>
      <caption className="sr-only">{caption}</caption>
      <THead>
        <TR>
          <TH>Time (UTC)</TH>
          <TH>Actor · origin</TH>
          <TH>Action</TH>
          <TH>Target</TH>
          <TH>Change</TH>
        </TR>
      </THead>
      <TBody>
        {events.map((e) => (
          <TR key={e.id}>
            <TD>
              <Link href={`/logs/audit/${e.id}`} className="text-indigo-600 hover:underline dark:text-indigo-400" aria-label={`Event ${e.id} at ${e.eventTime}`}>
                <LogTime iso={e.eventTime} />
              </Link>
            </TD>
            <TD className="max-w-56">
              <span className="block truncate" title={e.actor.loginName || e.actor.displayName || e.actor.id || ""}>
                <bdi>{e.actor.loginName || e.actor.displayName || e.actor.id || "unknown"}</bdi>
              </span>
              <span className="block text-xs text-zinc-500">{[e.actor.type !== "USER" ? e.actor.type : null, e.origin].filter(Boolean).join(" · ")}</span>
            </TD>
            <TD>
              <Badge tone={actionTone(e)}>{e.action}</Badge>
              {e.error ? <span className="mt-1 block max-w-48 truncate text-xs text-red-700 dark:text-red-400" title={e.error}>failed: {e.error}</span> : null}
            </TD>
            <TD className="max-w-64 text-xs">
              <span className="font-medium">{e.target.type ?? "?"}</span>
              {e.target.property ? <span className="font-mono"> · {e.target.property}</span> : null}
              <span className="block truncate text-zinc-500" title={e.target.name ?? e.target.id ?? ""}>
                <bdi>{e.target.name ?? e.target.id}</bdi>
              </span>
            </TD>
            <TD className="max-w-72 font-mono text-xs">
              {e.old !== null || e.new !== null ? (
                <span className="block truncate" title={`${valueText(e.old)} → ${valueText(e.new)}`}>
                  <span className="text-zinc-500">{valueText(e.old) || "∅"}</span> → <span>{valueText(e.new) || "∅"}</span>
                </span>
              ) : (
                <span className="text-zinc-500">{e.actionDetails ?? ""}</span>
              )}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

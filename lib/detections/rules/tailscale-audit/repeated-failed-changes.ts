// Configuration changes that Tailscale refused (the record's `error`), repeated by one actor: a
// threshold rule. Every refused change is a match; the alert is raised when the threshold's
// worth of them by the same actor fall within the window (settings: failed changes), holding
// every one of those records, and later refusals join it. Real time, so it fires the moment the
// last refusal is stored, and records that arrive late (retries, the API poller's backfill)
// count by their own time.
import { defineRule } from "../../define-rule";
import type { AuditEvent } from "../../events";
import { actorLabel, auditContext, originLabel } from "../../helpers/audit";

const actorKey = (e: AuditEvent) => e.actor.loginName || e.actor.id || "unknown";

const refused = (extra: Record<string, unknown> = {}) => ({
  eventTime: "2026-11-21T11:46:10.204Z",
  type: "CONFIG",
  deferredAt: "0001-01-01T00:00:00Z",
  eventGroupID: "5d1c3b7a9e2f40c6b8a4d2e0f6c8a1b3",
  origin: "CONFIG_API",
  actor: { id: "kAbC123CNTRL", type: "API_KEY", loginName: "mallory@example.com", displayName: "Mallory" },
  target: { id: "nXyZ789CNTRL", name: "db-1.example.ts.net", type: "NODE", property: "ACL_TAGS" },
  action: "UPDATE",
  old: ["tag:db"],
  new: ["tag:db", "tag:exit"],
  error: "permission denied: tag:exit is not owned by the actor",
  ...extra,
});

export default defineRule<AuditEvent>({
  id: "Tailscale.Audit.RepeatedFailedChanges",
  title: "Repeated failed configuration changes",
  description:
    "One actor (user, API key or OAuth client) had several configuration changes refused by Tailscale within minutes (settings: failed changes, 5 in 15 minutes by default). Someone probing what a stolen credential may do, or trying to weaken the policy without the rights, leaves exactly this trail. The alert holds every refused record.",
  logType: "audit",
  severity: "MEDIUM",
  mitre: ["TA0007:T1087", "TA0005:T1562"],
  runbook: [
    "Read the refused records on this alert (and the Config log, filtered by the actor): what was attempted, on which targets, and the errors.",
    "Ask the actor (or the owner of the API key or OAuth client) whether they were doing this; confirm through a second channel.",
    "If a script is misconfigured, fix its scopes or stop it; dismiss as benign.",
    "If nobody can explain it, revoke the actor's API keys and sessions, and review its successful changes in the same period.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1203/audit-logging", "https://attack.mitre.org/techniques/T1087/"],
  dedupMinutes: 60,
  threshold: { count: (s) => s.failedChanges.threshold, windowMinutes: (s) => s.failedChanges.windowMinutes },
  match: (e) => typeof e.error === "string" && e.error.trim() !== "",
  dedupKey: actorKey,
  alertTitle: (e) => `Repeated failed configuration changes by ${actorLabel(e)}`,
  context: (e) => ({ ...auditContext(e), error: e.error, via: originLabel(e) }),
  matchedFields: ["error", "actor.loginName"],
  entity: (e) => ({ type: "user", value: actorKey(e) }),
  tests: [
    { name: "A tag change refused for an API key", expected: true, event: refused() },
    { name: "A policy file update refused in the console", expected: true, event: refused({ origin: "ADMIN_CONSOLE", actor: { id: "uK7fR1CNTRL", type: "USER", loginName: "carol@example.com" }, target: { id: "example.com", name: "example.com", type: "TAILNET", property: "ACL" }, old: null, new: null, error: "parse error: line 12" }) },
    { name: "Streamed record", expected: true, event: { time: 1_777_000_000.1, event: refused({ eventTime: undefined }) } },
    { name: "The same change, accepted", expected: false, event: refused({ error: undefined }) },
    { name: "An empty error", expected: false, event: refused({ error: "" }) },
  ],
});

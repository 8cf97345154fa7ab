import { defineRule } from "../../define-rule";
import type { AuditEvent } from "../../events";
import { actorLabel, asObject, auditContext, isChange, originLabel } from "../../helpers/audit";

/** The endpoint's URL: the target's name when it is one, else `endpointUrl` / `url` in the values. */
function urlOf(v: unknown): string | null {
  const o = asObject(v);
  const u = typeof v === "string" ? v : (o?.endpointUrl ?? o?.endpointURL ?? o?.url);
  return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null;
}
const endpointOf = (e: AuditEvent) => urlOf(e.target.name) ?? urlOf(e.new) ?? urlOf(e.old) ?? e.target.id ?? "a webhook";
const urlChanged = (e: AuditEvent) => urlOf(e.old) !== urlOf(e.new) && (urlOf(e.old) !== null || urlOf(e.new) !== null);

type Kind = "created" | "secret rotated" | "URL changed";
function kindOf(e: AuditEvent): Kind | null {
  if (isChange(e, "WEBHOOK_ENDPOINT", "CREATE")) return "created";
  if (isChange(e, "WEBHOOK_ENDPOINT", "UPDATE", "SECRET")) return "secret rotated";
  // Tailscale records URL edits without a documented property: any update whose URL differs (subscriptions are not URLs).
  if (isChange(e, "WEBHOOK_ENDPOINT", "UPDATE") && e.target.property !== "SUBSCRIBED_EVENTS" && urlChanged(e)) return "URL changed";
  return null;
}

const record = (action: string, property: string | null, extra: Record<string, unknown> = {}) => ({
  eventTime: "2026-04-07T15:48:12.77Z",
  type: "CONFIG",
  deferredAt: "0001-01-01T00:00:00Z",
  eventGroupID: "9e7c5a3b1d2f4e6a8c0b2d4f6e8a0c35",
  origin: "ADMIN_CONSOLE",
  actor: { id: "uQ4xP2CNTRL", type: "USER", loginName: "bob@example.com", displayName: "Bob Builder" },
  target: { id: "whK2m9CNTRL", name: "https://hooks.slack.com/services/T000/B000/XXXX", type: "WEBHOOK_ENDPOINT", ...(property ? { property } : {}) },
  action,
  ...extra,
});

export default defineRule<AuditEvent>({
  id: "Tailscale.Audit.WebhookChanged",
  title: "Webhook endpoint created, repointed or its secret rotated",
  description:
    "A webhook endpoint was created, its URL changed, or its signing secret rotated. Webhooks send tailnet events (new devices, policy changes, key expiries) to an outside URL: a new one can leak them to whoever owns it, and a rotated secret or new URL can cut the real receiver off or let someone else forge or read deliveries.",
  logType: "audit",
  severity: "MEDIUM",
  mitre: ["TA0010:T1567", "TA0005:T1562.001"],
  runbook: [
    "Ask the actor what the endpoint is for and who runs the receiver; confirm through a second channel.",
    "Check it in the admin console: Settings → Webhooks (URL, subscribed events, recent deliveries).",
    "If the URL is not one of yours, delete the endpoint; if a secret was rotated unexpectedly, rotate it again and give the new one only to the real receiver.",
    "Check that the receivers you rely on (alerting, SIEM) still get deliveries.",
    "If the actor's account or key is suspect, revoke it and open a case.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1213/webhooks"],
  dedupMinutes: 60,
  match: (e) => kindOf(e) !== null,
  dedupKey: (e) => `webhook:${e.target.id || endpointOf(e)}`,
  alertTitle: (e) => `Webhook ${endpointOf(e)} ${kindOf(e)} by ${actorLabel(e)} through ${originLabel(e)}`,
  context: (e) => ({ ...auditContext(e), endpoint: endpointOf(e), change: kindOf(e), ...(urlChanged(e) ? { oldURL: urlOf(e.old), newURL: urlOf(e.new) } : {}) }),
  matchedFields: (e) => (e.action === "CREATE" ? ["target.type", "action"] : e.target.property === "SECRET" ? ["target.type", "target.property"] : ["target.type", "old", "new"]),
  tests: [
    { name: "Endpoint created in the console", expected: true, event: record("CREATE", null, { new: { subscriptions: ["nodeCreated", "policyUpdate"] } }) },
    { name: "Secret rotated through the API", expected: true, event: record("UPDATE", "SECRET", { origin: "CONFIG_API" }) },
    {
      name: "URL changed (streamed)",
      expected: true,
      event: { time: 1_781_000_000.8, event: record("UPDATE", null, { eventTime: undefined, target: { id: "whK2m9CNTRL", name: "Webhook", type: "WEBHOOK_ENDPOINT" }, old: { endpointUrl: "https://hooks.example.com/ts" }, new: { endpointUrl: "https://collector.attacker.example/ts" } }) },
    },
    { name: "Subscribed events changed", expected: false, event: record("UPDATE", "SUBSCRIBED_EVENTS", { old: ["nodeCreated"], new: ["nodeCreated", "policyUpdate"] }) },
    { name: "Endpoint deleted", expected: false, event: record("DELETE", null) },
    { name: "Creation that failed", expected: false, event: record("CREATE", null, { error: "invalid URL" }) },
    { name: "Update with the same URL", expected: false, event: record("UPDATE", null, { old: { endpointUrl: "https://hooks.example.com/ts" }, new: { endpointUrl: "https://hooks.example.com/ts" } }) },
    { name: "Log stream created, not a webhook", expected: false, event: record("CREATE", "LOGSTREAM_ENDPOINT", { target: { id: "example.com", name: "example.com", type: "TAILNET", property: "LOGSTREAM_ENDPOINT" } }) },
  ],
});

import { defineRule } from "../../define-rule";
import type { AuditEvent } from "../../events";
import { actorLabel, asObject, auditContext, firstEmail, isChange, originLabel, tailnetNameOf } from "../../helpers/audit";
import { DAY_MINUTES } from "../../helpers/setting-disabled";

const emailOf = (v: unknown) => firstEmail(v, asObject(v)?.email);

const record = (old: unknown, next: unknown, extra: Record<string, unknown> = {}) => ({
  eventTime: "2026-02-26T07:31:58.204Z",
  type: "CONFIG",
  deferredAt: "0001-01-01T00:00:00Z",
  eventGroupID: "2c4e6a8b0d1f43e5a7c9b1d3f5e7a9c8",
  origin: "ADMIN_CONSOLE",
  actor: { id: "uK7fR1CNTRL", type: "USER", loginName: "carol@example.com", displayName: "Carol Owner" },
  target: { id: "example.com", name: "example.com", type: "TAILNET", property: "SECURITY_EMAIL" },
  action: "UPDATE",
  old,
  new: next,
  ...extra,
});

export default defineRule<AuditEvent>({
  id: "Tailscale.Audit.SecurityContactChanged",
  title: "Security contact e-mail changed",
  description:
    "The tailnet's security contact e-mail was changed. Tailscale sends security bulletins and leaked-key notices from its secret scanner to that address: an attacker who redirects it learns first, and the company not at all, that a key of theirs was found.",
  logType: "audit",
  severity: "MEDIUM",
  mitre: ["TA0005:T1562.001", "TA0003:T1098"],
  runbook: [
    "Check the new address belongs to the company's security team (a shared mailbox, not a person's or an outside domain).",
    "Ask the actor why it changed; confirm through a second channel.",
    "If it is not expected, set it back: admin console → Settings → General → Contact preferences → Security issues.",
    "Ask the previous address's owners whether any Tailscale security notice arrived recently, and check Config log for SECRET_SCANNER actions.",
    "If the actor's account is suspect, open a case.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1224/contact-preferences"],
  dedupMinutes: DAY_MINUTES,
  match: (e) => isChange(e, "TAILNET", "UPDATE", "SECURITY_EMAIL"),
  dedupKey: (e) => `${tailnetNameOf(e)}:SECURITY_EMAIL`,
  alertTitle: (e) => `Security contact changed${emailOf(e.new) ? ` to ${emailOf(e.new)}` : ""} by ${actorLabel(e)} through ${originLabel(e)}`,
  context: (e) => ({ ...auditContext(e), oldEmail: emailOf(e.old), newEmail: emailOf(e.new) }),
  matchedFields: ["target.property", "old", "new"],
  tests: [
    { name: "Changed in the admin console", expected: true, event: record("security@example.com", "alerts@outside-mail.net") },
    { name: "Changed through the API", expected: true, event: record("security@example.com", "secops@example.com", { origin: "CONFIG_API" }) },
    { name: "Streamed record", expected: true, event: { time: 1_777_000_000.1, event: record("security@example.com", "x@evil.example", { eventTime: undefined }) } },
    { name: "Security contact verified, not changed", expected: false, event: record(null, "security@example.com", { action: "VERIFY" }) },
    { name: "Support contact changed", expected: false, event: record("support@example.com", "help@example.com", { target: { id: "example.com", name: "example.com", type: "TAILNET", property: "SUPPORT_EMAIL" } }) },
    { name: "Billing e-mail changed", expected: false, event: record("billing@example.com", "ap@example.com", { target: { id: "example.com", name: "example.com", type: "BILLING", property: "EMAIL" } }) },
    { name: "Change that failed", expected: false, event: record("security@example.com", "x@evil.example", { error: "invalid e-mail" }) },
  ],
});

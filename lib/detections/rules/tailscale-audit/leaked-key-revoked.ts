import { defineRule } from "../../define-rule";
import type { AuditEvent } from "../../events";
import { auditContext } from "../../helpers/audit";
import { DAY_MINUTES } from "../../helpers/setting-disabled";

const keyOf = (e: AuditEvent) => e.target.id || e.target.name || "a key";

const record = (extra: Record<string, unknown> = {}) => ({
  eventTime: "2026-05-19T22:17:03.90211Z",
  type: "CONFIG",
  deferredAt: "0001-01-01T00:00:00Z",
  eventGroupID: "e3c1a9b7d5f34e2a8c6b4d2f0e8a6c41",
  origin: "SECURITY_NOTIFICATION",
  actor: { id: "secret-scanner", type: "SECRET_SCANNER", loginName: "", displayName: "Secret scanner" },
  target: { id: "kQ3vN8CNTRL", name: "Auth key", type: "API_KEY" },
  action: "REVOKE",
  ...extra,
});

export default defineRule<AuditEvent>({
  id: "Tailscale.Audit.LeakedKeyRevoked",
  title: "Leaked key revoked by Tailscale's secret scanner",
  description:
    "Tailscale's secret scanner found one of the tailnet's keys published somewhere public (a GitHub repository, a gist, a package) and revoked it. Whoever saw it may already have used it: an auth key adds devices, an API key changes the tailnet. Any action by the scanner alerts, including one that failed (then the key may still work).",
  logType: "audit",
  severity: "CRITICAL",
  mitre: ["TA0006:T1552.001", "TA0001:T1078.004"],
  runbook: [
    "Open a case: a credential was public. Tailscale's e-mail to the security contact says where it was found; find the commit or file and who published it.",
    "Confirm the key is revoked: admin console → Settings → Keys (if the record has an error, revoke it by hand now).",
    "Find what the key did before revocation: devices that joined with it (Config log NODE / CREATE around and after the leak, Machines sorted by Created) and API changes made with it (Config log, actor = the key).",
    "Remove devices nobody recognises and revert changes made with the key; check flows from those devices.",
    "Remove the secret from the repository and its history, and replace the key wherever it was legitimately used (a new key, stored in a secret manager).",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1301/secret-scanning", "https://tailscale.com/kb/1085/auth-keys"],
  dedupMinutes: DAY_MINUTES,
  match: (e) => e.actor.type === "SECRET_SCANNER",
  dedupKey: (e) => `leaked-key:${keyOf(e)}`,
  alertTitle: (e) =>
    `${e.target.name || "Key"} ${keyOf(e)} found leaked in public ${e.error ? "— Tailscale's secret scanner could NOT revoke it" : `and ${e.action === "REVOKE" ? "revoked" : e.action.toLowerCase()} by Tailscale's secret scanner`}`,
  context: (e) => ({ ...auditContext(e), key: keyOf(e), keyKind: e.target.name || e.target.type, ...(e.error ? { error: e.error } : {}) }),
  entity: (e) => ({ type: "key", value: keyOf(e) }),
  matchedFields: ["actor.type", "action"],
  tests: [
    { name: "Auth key revoked after a leak", expected: true, event: record() },
    {
      name: "API access token revoked (streamed)",
      expected: true,
      event: { time: 1_779_000_000.4, event: record({ eventTime: undefined, target: { id: "kApi9CNTRL", name: "API access token", type: "API_KEY" } }) },
    },
    { name: "Revocation that failed (key may still work)", expected: true, event: record({ error: "key not found in tailnet" }) },
    { name: "Key revoked by an admin in the console", expected: false, event: record({ origin: "ADMIN_CONSOLE", actor: { id: "uA1CNTRL", type: "USER", loginName: "alice@example.com", displayName: "Alice" } }) },
    { name: "Key revoked through the API by an OAuth client", expected: false, event: record({ origin: "CONFIG_API", actor: { id: "k3F261FC38A07CNTRL", type: "OAUTH_CLIENT", loginName: "", displayName: "OAuth client" } }) },
    { name: "Key expired on its own", expected: false, event: record({ origin: "CONTROL", action: "EXPIRED", actor: { id: "control", type: "AUTOMATED_WORKER", loginName: "", displayName: "Tailscale" } }) },
  ],
});

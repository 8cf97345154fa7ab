import { defineRule } from "../../define-rule";
import type { AuditEvent } from "../../events";
import type { Severity } from "../../severity";
import { actorLabel, asObject, auditContext, originLabel, stringList, succeeded } from "../../helpers/audit";
import { DAY_MINUTES } from "../../helpers/setting-disabled";

/** The scopes an API key or OAuth access token was created with: `actionDetails` reads `scopes - all` or `scopes - devices:core, dns:read`. */
const scopesOf = (e: AuditEvent): string[] => {
  const m = /^scopes\s*-\s*(.*)$/i.exec(e.actionDetails ?? "");
  return m ? m[1]!.split(/[\s,]+/).filter(Boolean) : [];
};

type KeyRisk = { allScope: boolean; reusable: boolean; preauthorized: boolean; noExpiry: boolean; tags: string[] };

/**
 * What a new key allows. Auth keys carry `new.capabilities`: real records name a single-use key
 * `ONE_OFF_NODE_AUTH`, so a node-auth key without it (or one marked `REUSABLE`) is reusable;
 * `expires` is Go's time text, missing or the zero time when the key never expires.
 */
function keyRisk(e: AuditEvent): KeyRisk {
  const n = asObject(e.new);
  const caps = stringList(n?.capabilities).map((c) => c.toUpperCase());
  const isAuthKey = caps.length > 0;
  const expires = typeof n?.expires === "string" ? n.expires : "";
  return {
    allScope: scopesOf(e).some((s) => s.toLowerCase() === "all"),
    reusable: caps.some((c) => c.includes("REUSABLE")) || (caps.some((c) => c.endsWith("NODE_AUTH")) && !caps.includes("ONE_OFF_NODE_AUTH")),
    preauthorized: caps.some((c) => c.includes("PREAUTHORIZED")),
    noExpiry: isAuthKey && (expires === "" || expires.startsWith("0001-01-01")),
    tags: stringList(n?.authTags),
  };
}

const reasons = (r: KeyRisk): string[] =>
  [r.allScope && "all scopes (full API access)", r.reusable && "reusable", r.preauthorized && "pre-authorized", r.noExpiry && "no expiry"].filter((x): x is string => !!x);

/** High: full API access, or a reusable pre-authorized auth key (each copy adds devices nobody approves). Medium: any other single risky property. */
function severityOf(r: KeyRisk): Severity {
  if (r.allScope || (r.reusable && r.preauthorized)) return "HIGH";
  return "MEDIUM";
}

const isKeyCreate = (e: AuditEvent) => (e.target.type === "API_KEY" || e.target.type === "OAUTH_ACCESS_TOKEN") && e.action === "CREATE" && succeeded(e);

const record = (target: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  logged: "2026-07-27T12:10:49.053320544Z",
  eventTime: "2026-07-27T12:10:48.689105685Z",
  eventGroupID: "496c539b4cbb942448326f849f777608",
  origin: "CONFIG_API",
  actor: { id: "k3F261FC38A07CNTRL", type: "OAUTH_CLIENT", loginName: "", displayName: "OAuth client" },
  target,
  action: "CREATE",
  ...extra,
});
const AUTH_KEY = { id: "kA925C82D335ACNTRL", name: "Auth key", type: "API_KEY" };
const OAUTH_TOKEN = { id: "tskey-token-EXAMPLE-redacted", name: "OAuth access token", type: "OAUTH_ACCESS_TOKEN" };
const authKey = (capabilities: string[], expires: string | null, origin = "CONFIG_API") =>
  record(AUTH_KEY, { origin, new: { capabilities, domainLevel: true, authTags: ["tag:ci"], description: "ci runners", ...(expires ? { expires } : {}) } });
const IN_90_DAYS = "2026-10-25 12:15:48.688963096 +0000 UTC";

export default defineRule<AuditEvent>({
  id: "Tailscale.Audit.RiskyKeyCreated",
  title: "Risky auth key or API token created",
  description:
    "A key was created that does more harm when it leaks. Severity: an API key or OAuth access token with the `all` scope (full control of the tailnet) → High; an auth key that is both reusable and pre-authorized (every copy adds devices nobody approves) → High; an auth key with one or two of reusable, pre-authorized, no expiry → Medium. One-off, expiring, unapproved auth keys and narrowly scoped tokens do not alert. Note that OAuth clients with the `all` scope mint such a token on every use: the alert joins per client for a day, and the fix is a narrower client.",
  logType: "audit",
  severity: (e) => severityOf(keyRisk(e)),
  mitre: ["TA0003:T1098.001", "TA0001:T1078.004"],
  runbook: [
    "Ask the actor what the key is for and where it is stored; a CI system or a Terraform run is typical, a personal laptop is not.",
    "Check the key in the admin console: Settings → Keys (auth and API keys) or Settings → OAuth clients (its scopes).",
    "If it is broader than the job needs, replace it: one-off or ephemeral auth keys, tagged, with device approval; OAuth clients with only the scopes used.",
    "If nobody owns it, revoke it at once and check what used it (Config log NODE / CREATE for auth keys, actor = the key or client for API changes).",
    "If the actor's account is suspect, open a case.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1085/auth-keys", "https://tailscale.com/kb/1215/oauth-clients", "https://tailscale.com/kb/1101/api"],
  dedupMinutes: DAY_MINUTES,
  match: (e) => isKeyCreate(e) && reasons(keyRisk(e)).length > 0,
  dedupKey: (e) => `risky-key:${e.actor.id || e.actor.loginName || "unknown"}:${keyRisk(e).allScope ? "all-scope" : "auth-key"}:${severityOf(keyRisk(e))}`,
  alertTitle: (e) => `${e.target.name || "Key"} created with ${reasons(keyRisk(e)).join(", ")} by ${actorLabel(e)} through ${originLabel(e)}`,
  context: (e) => {
    const r = keyRisk(e);
    return { ...auditContext(e), key: e.target.id, keyKind: e.target.name || e.target.type, risks: reasons(r), scopes: scopesOf(e), tags: r.tags, capabilities: stringList(asObject(e.new)?.capabilities), expires: asObject(e.new)?.expires ?? null };
  },
  matchedFields: (e) => (keyRisk(e).allScope ? ["target.type", "action", "actionDetails"] : ["target.type", "action", "new.capabilities", "new.expires"]),
  tests: [
    { name: "OAuth access token with all scopes (real record)", expected: true, event: record(OAUTH_TOKEN, { actionDetails: "scopes - all" }) },
    { name: "Reusable, pre-authorized auth key through the API", expected: true, event: authKey(["REUSABLE", "PREAUTHORIZED"], IN_90_DAYS) },
    { name: "Reusable node-auth key (not one-off) in the admin console", expected: true, event: authKey(["NODE_AUTH"], IN_90_DAYS, "ADMIN_CONSOLE") },
    { name: "Auth key that never expires (zero time)", expected: true, event: authKey(["ONE_OFF_NODE_AUTH"], "0001-01-01 00:00:00 +0000 UTC") },
    { name: "API key with all scopes (streamed)", expected: true, event: { time: 1_785_000_000.3, event: record({ id: "kApi7CNTRL", name: "API key", type: "API_KEY" }, { eventTime: undefined, actionDetails: "scopes - all" }) } },
    {
      name: "One-off ephemeral tagged key expiring in 5 minutes (real record)",
      expected: false,
      event: record(AUTH_KEY, { new: { expires: "2026-07-27 12:15:48.688963096 +0000 UTC", capabilities: ["ONE_OFF_NODE_AUTH", "EPHEMERAL"], domainLevel: true, authTags: ["tag:ci"], description: "issue-288 capture probe" } }),
    },
    { name: "Token with narrow scopes", expected: false, event: record(OAUTH_TOKEN, { actionDetails: "scopes - devices:core, dns:read" }) },
    { name: "Token with read-only all scope", expected: false, event: record(OAUTH_TOKEN, { actionDetails: "scopes - all:read" }) },
    { name: "Risky key whose creation failed", expected: false, event: record(AUTH_KEY, { new: { capabilities: ["REUSABLE", "PREAUTHORIZED"] }, error: "tags not permitted" }) },
    { name: "Reusable key revoked, not created", expected: false, event: record(AUTH_KEY, { action: "REVOKE" }) },
    {
      name: "Panther's API key created with an empty new (no capabilities, no scopes)",
      expected: false,
      event: record({ id: "k6r3fm3CNTRL", name: "API key", type: "API_KEY" }, { origin: "ADMIN_CONSOLE", new: {}, actor: { id: "uodc9f3CNTRL", type: "USER", loginName: "homer.simpson@yourcompany.io", displayName: "Homer Simpson" } }),
    },
  ],
});

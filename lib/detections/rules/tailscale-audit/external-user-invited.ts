import { defineRule, type RuleContext } from "../../define-rule";
import type { AuditEvent } from "../../events";
import { actorLabel, asObject, auditContext, emailDomain, firstEmail, isChange, isDomainIn, originLabel } from "../../helpers/audit";
import { DAY_MINUTES } from "../../helpers/setting-disabled";
import { DEFAULT_DETECTION_SETTINGS } from "../../settings-schema";

const PRIVILEGED = ["owner", "admin", "it-admin", "network-admin"];

/** The invited person: the target's name for users, else an e-mail in `new` (a string, or `email` / `loginName` / `inviteeEmail`). */
function inviteeOf(e: AuditEvent): string | null {
  const n = asObject(e.new);
  return firstEmail(e.target.name, e.new, n?.email, n?.loginName, n?.inviteeEmail, n?.recipient);
}
const roleOf = (e: AuditEvent): string | null => {
  const role = asObject(e.new)?.role;
  return typeof role === "string" ? role.toLowerCase().replace(/[\s_]+/g, "-") : null;
};

/** A user added or invited (`USER / CREATE|INVITE`), or a tailnet invite (`INVITE / CREATE`, not device shares or feature invites). */
const isInvite = (e: AuditEvent) => isChange(e, "USER", ["CREATE", "INVITE"]) || isChange(e, "INVITE", "CREATE", ["TAILNET_INVITE", ""]);

function outsider(e: AuditEvent, ctx: RuleContext): string | null {
  const domains = ctx.settings.companyDomains;
  const domain = emailDomain(inviteeOf(e));
  return domains.length && domain && !isDomainIn(domain, domains) ? domain : null;
}

const record = (target: Record<string, unknown>, action: string, extra: Record<string, unknown> = {}) => ({
  eventTime: "2026-03-11T10:22:31.507Z",
  type: "CONFIG",
  deferredAt: "0001-01-01T00:00:00Z",
  eventGroupID: "c8e6a4b2d0f94e7c9a5b3d1f8e6c4a27",
  origin: "ADMIN_CONSOLE",
  actor: { id: "uQ4xP2CNTRL", type: "USER", loginName: "bob@example.com", displayName: "Bob Builder" },
  target,
  action,
  ...extra,
});
const COMPANY = { settings: { ...DEFAULT_DETECTION_SETTINGS, companyDomains: ["example.com", "example.org"] } };
const invite = (extra: Record<string, unknown> = {}) => record({ id: "inv5Hk2CNTRL", name: "Tailnet invite", type: "INVITE", property: "TAILNET_INVITE" }, "CREATE", extra);

export default defineRule<AuditEvent>({
  id: "Tailscale.Audit.ExternalUserInvited",
  title: "User from outside the company invited or added",
  description:
    "Someone whose e-mail domain is not one of the company's (Settings → Detections → company domains) was invited to the tailnet or added to it: a personal Gmail or GitHub account gets the access autogroup:member has, outside the IdP's offboarding. Medium; High when the invite grants an admin role. With no company domains configured the rule does not fire: it cannot tell inside from outside.",
  logType: "audit",
  severity: (e) => (PRIVILEGED.includes(roleOf(e) ?? "") ? "HIGH" : "MEDIUM"),
  mitre: ["TA0003:T1136.003"],
  runbook: [
    "Ask the actor who the person is and why they need tailnet access (a contractor with an approved engagement, or not).",
    "Check the user in the admin console (Users): role, devices, groups; and pending invites (Users → Invites).",
    "If it is not approved, revoke the invite or suspend the user and remove their devices.",
    "If the access is legitimate, prefer a device share or a guest account in the IdP, scoped by the policy; add the domain to company domains only if it is the company's.",
    "If the actor's account is suspect, open a case.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1371/invite-users", "https://tailscale.com/kb/1138/user-roles"],
  dedupMinutes: DAY_MINUTES,
  match: (e, ctx) => isInvite(e) && outsider(e, ctx) !== null,
  dedupKey: (e) => `external-user:${(inviteeOf(e) ?? "unknown").toLowerCase()}`,
  alertTitle: (e) => `${inviteeOf(e)} ${e.action === "CREATE" && e.target.type === "USER" ? "added to" : "invited to"} the tailnet${roleOf(e) ? ` as ${roleOf(e)}` : ""} by ${actorLabel(e)} through ${originLabel(e)}`,
  context: (e, ctx) => ({ ...auditContext(e), invitee: inviteeOf(e), domain: outsider(e, ctx), role: roleOf(e), companyDomains: ctx.settings.companyDomains }),
  entity: (e) => ({ type: "user", value: inviteeOf(e) ?? "unknown" }),
  matchedFields: (e) => (e.target.type === "USER" ? ["target.type", "action", "target.name"] : ["target.type", "action", "new"]),
  tests: [
    { name: "Gmail user invited in the console", expected: true, event: record({ id: "uG1CNTRL", name: "eve.personal@gmail.com", type: "USER" }, "INVITE"), context: COMPANY },
    { name: "GitHub login joins (bob@github)", expected: true, event: record({ id: "uG2CNTRL", name: "bob@github", type: "USER" }, "CREATE", { origin: "IDENTITY_PROVIDER" }), context: COMPANY },
    { name: "Tailnet invite through the API as admin (High)", expected: true, event: invite({ origin: "CONFIG_API", new: { email: "mallory@contractor.io", role: "admin" } }), context: COMPANY },
    { name: "Streamed invite", expected: true, event: { time: 1_780_000_000.6, event: invite({ eventTime: undefined, new: { email: "x@partner.net" } }) }, context: COMPANY },
    { name: "Company user invited", expected: false, event: record({ id: "uC1CNTRL", name: "carol@example.com", type: "USER" }, "INVITE"), context: COMPANY },
    { name: "Company subdomain user added", expected: false, event: record({ id: "uC2CNTRL", name: "dan@eng.example.org", type: "USER" }, "CREATE"), context: COMPANY },
    { name: "No company domains configured", expected: false, event: record({ id: "uG1CNTRL", name: "eve.personal@gmail.com", type: "USER" }, "INVITE") },
    { name: "Look-alike domain is outside (example.com.evil.io)", expected: true, event: record({ id: "uG3CNTRL", name: "x@example.com.evil.io", type: "USER" }, "INVITE"), context: COMPANY },
    { name: "Invite that failed", expected: false, event: record({ id: "uG1CNTRL", name: "eve.personal@gmail.com", type: "USER" }, "INVITE", { error: "user approval required" }), context: COMPANY },
    { name: "Outside user suspended, not invited", expected: false, event: record({ id: "uG1CNTRL", name: "eve.personal@gmail.com", type: "USER" }, "SUSPEND"), context: COMPANY },
    {
      name: "Device share invite (NODE_SHARE), not a tailnet invite",
      expected: false,
      event: record({ id: "inv6CNTRL", name: "Share invite", type: "INVITE", property: "NODE_SHARE" }, "CREATE", { new: { email: "friend@gmail.com" } }),
      context: COMPANY,
    },
    { name: "Outside invite accepted (its creation alerted)", expected: false, event: invite({ action: "ACCEPT", new: { email: "x@partner.net" } }), context: COMPANY },
  ],
});

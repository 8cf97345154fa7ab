import { defineRule } from "../../define-rule";
import type { AuditEvent } from "../../events";
import { actorLabel, auditContext, isChange, originLabel } from "../../helpers/audit";
import { DAY_MINUTES } from "../../helpers/setting-disabled";

// What each role may do (tailscale.com/kb/1138/user-roles), so "higher" is a question of powers
// gained: it-admin and network-admin are neither above nor below each other.
const POWERS: Record<string, readonly string[]> = {
  member: [],
  auditor: ["read"],
  "billing-admin": ["read", "billing"],
  "it-admin": ["read", "users", "devices", "keys"],
  "network-admin": ["read", "policy", "dns", "network"],
  admin: ["read", "billing", "users", "devices", "keys", "policy", "dns", "network", "settings"],
  owner: ["read", "billing", "users", "devices", "keys", "policy", "dns", "network", "settings", "ownership"],
};
const PRIVILEGED = ["owner", "admin", "it-admin", "network-admin"];

/** `Network admin`, `network_admin` and `NETWORK-ADMIN` are the same role; none or unknown reads as member. */
const roleOf = (v: unknown): string => (typeof v === "string" && v.trim() ? v.trim().toLowerCase().replace(/[\s_]+/g, "-") : "member");
const gainedPowers = (e: AuditEvent) => (POWERS[roleOf(e.new)] ?? []).filter((p) => !(POWERS[roleOf(e.old)] ?? []).includes(p));
const userOf = (e: AuditEvent) => e.target.name || e.target.id || "a user";

const record = (old: unknown, next: unknown, extra: Record<string, unknown> = {}) => ({
  eventTime: "2026-10-02T08:41:09.311204551Z",
  type: "CONFIG",
  deferredAt: "0001-01-01T00:00:00Z",
  eventGroupID: "0b6f3e2d1c4a49e8a7b6c5d4e3f2a1b0",
  origin: "ADMIN_CONSOLE",
  actor: { id: "uK7fR1CNTRL", type: "USER", loginName: "carol@example.com", displayName: "Carol Owner" },
  target: { id: "uZ9pL4CNTRL", name: "dave@example.com", type: "USER", property: "USER_ROLE" },
  action: "UPDATE",
  old,
  new: next,
  ...extra,
});

export default defineRule<AuditEvent>({
  id: "Tailscale.Audit.UserRoleElevated",
  title: "User given an admin role",
  description:
    "A user was given a role with administrative power (owner, admin, it-admin or network-admin) that they did not have: a higher role, or a lateral move that adds powers (it-admin to network-admin gains the policy file). Admin roles change who can join, what can reach what, and who sees the logs; an attacker with one account makes a second one admin to keep access.",
  logType: "audit",
  severity: "HIGH",
  mitre: ["TA0004:T1098.003", "TA0003:T1098.003"],
  runbook: [
    "Check with the actor and the user (second channel) that the role change was requested, and with whoever approves admin access.",
    "If it was not, set the role back: admin console → Users → the user → … → Edit role.",
    "Review what the user did with the role since (Config log, filter by actor = the user), and their recent sign-ins.",
    "If the actor's account is suspect, suspend it, revoke its keys and open a case.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1138/user-roles"],
  dedupMinutes: DAY_MINUTES,
  match: (e) => isChange(e, "USER", "UPDATE", "USER_ROLE") && PRIVILEGED.includes(roleOf(e.new)) && gainedPowers(e).length > 0,
  dedupKey: (e) => `user-role:${e.target.id || userOf(e)}`,
  alertTitle: (e) => `${userOf(e)} made ${roleOf(e.new)} (was ${roleOf(e.old)}) by ${actorLabel(e)} through ${originLabel(e)}`,
  context: (e) => ({ ...auditContext(e), user: userOf(e), oldRole: roleOf(e.old), newRole: roleOf(e.new), powersGained: gainedPowers(e) }),
  entity: (e) => ({ type: "user", value: userOf(e) }),
  matchedFields: ["target.property", "old", "new"],
  tests: [
    { name: "Member made admin in the admin console", expected: true, event: record("member", "admin") },
    { name: "Member made owner through the API", expected: true, event: record("member", "owner", { origin: "CONFIG_API" }) },
    { name: "Auditor made network-admin (streamed)", expected: true, event: { time: 1_790_000_000.2, event: record("auditor", "network-admin", { eventTime: undefined }) } },
    { name: "it-admin moved to network-admin gains the policy file", expected: true, event: record("it-admin", "network-admin") },
    { name: "Role written differently (Admin)", expected: true, event: record("Member", "Admin") },
    { name: "Admin demoted to member", expected: false, event: record("admin", "member") },
    { name: "Owner made admin (fewer powers)", expected: false, event: record("owner", "admin") },
    { name: "Member made auditor (read-only)", expected: false, event: record("member", "auditor") },
    { name: "Member made billing-admin", expected: false, event: record("member", "billing-admin") },
    { name: "Elevation that failed", expected: false, event: record("member", "admin", { error: "only owners can assign the admin role" }) },
    { name: "User suspended, not a role change", expected: false, event: record(null, null, { action: "SUSPEND", target: { id: "uZ9pL4CNTRL", name: "dave@example.com", type: "USER" } }) },
  ],
});

import { defineRule } from "../../define-rule";
import type { AuditEvent } from "../../events";
import { actorLabel, auditContext, isChange, originLabel, tailnetNameOf } from "../../helpers/audit";
import { analysePolicyChange, type PolicyChange } from "../../helpers/policy";

// Match, severity, title and context all read the analysis: parse each policy once per event.
const analyses = new WeakMap<AuditEvent, PolicyChange>();
function analysis(e: AuditEvent): PolicyChange {
  let a = analyses.get(e);
  if (!a) analyses.set(e, (a = analysePolicyChange(e.old, e.new)));
  return a;
}
const risky = (e: AuditEvent) => analysis(e).risks.length > 0;

const POLICY = `{
  // Engineering reaches production over HTTPS only.
  "groups": {"group:eng": ["alice@example.com", "bob@example.com"]},
  "tagOwners": {"tag:prod": ["group:eng"]},
  "acls": [
    {"action": "accept", "src": ["group:eng"], "dst": ["tag:prod:443"]},
  ],
  "ssh": [
    {"action": "check", "src": ["group:eng"], "dst": ["tag:prod"], "users": ["autogroup:nonroot"]},
  ],
}
`;
const withLine = (after: string, line: string) => POLICY.replace(after, `${after}\n    ${line}`);

const record = (old: unknown, next: unknown, extra: Record<string, unknown> = {}) => ({
  eventTime: "2026-09-14T16:02:11.482913004Z",
  type: "CONFIG",
  deferredAt: "0001-01-01T00:00:00Z",
  eventGroupID: "7d1e0c4b9a2f4c6e8b0d2f4a6c8e0b13",
  origin: "ADMIN_CONSOLE",
  actor: { id: "uQ4xP2CNTRL", type: "USER", loginName: "bob@example.com", displayName: "Bob Builder" },
  target: { id: "example.com", name: "example.com", type: "TAILNET", property: "ACL" },
  action: "UPDATE",
  old,
  new: next,
  ...extra,
});

export default defineRule<AuditEvent>({
  id: "Tailscale.Audit.PolicyFileChanged",
  title: "Tailnet policy file changed",
  description:
    "The tailnet policy file (ACLs, grants, SSH rules, tag owners, auto-approvers) was changed. Every change is recorded at Info with its line diff; the alert is raised to High when the change adds something that opens the tailnet: an allow-all rule, autogroup:danger-all, SSH as root, SSH opened to everyone in the tailnet (sources `*`, autogroup:member or autogroup:danger-all, to more than their own devices), a tag more people can apply, or auto-approval of exit nodes or routes. A policy that does not parse stays at Info, with a note.",
  logType: "audit",
  severity: (e) => (risky(e) ? "HIGH" : "INFO"),
  mitre: ["TA0005:T1562.007", "TA0003:T1098", "TA0008:T1021.004"],
  runbook: [
    "Read the risky additions and the diff in the alert; open Access controls in the admin console to see the policy as it is now.",
    "Ask the actor (or the GitOps pull request behind it, when the origin is the API) why each risky line was added; confirm through a second channel.",
    "If a change is not explained, revert it: paste the previous version from the diff, or revert the commit in the policy repository (GitOps pushes it back).",
    "For an allow-all rule or danger-all: check the flow log for new connections that the old policy would have refused, since the change.",
    "For new SSH root access, tag owners or auto-approvers: list devices tagged, routes approved and SSH sessions since the change (Machines, Config log NODE / UPDATE, SSH recordings).",
    "If the actor's account or API key is suspect, revoke it and open a case.",
  ].join("\n"),
  reference: [
    "https://tailscale.com/kb/1337/policy-syntax",
    "https://tailscale.com/kb/1324/grants",
    "https://tailscale.com/kb/1193/tailscale-ssh",
    "https://tailscale.com/kb/1068/tags",
    "https://tailscale.com/kb/1204/gitops-acls",
  ],
  dedupMinutes: 60,
  match: (e) => isChange(e, "TAILNET", "UPDATE", "ACL"),
  // Routine edits fold together; a risky one never hides inside an Info alert.
  dedupKey: (e) => `${tailnetNameOf(e)}:ACL:${risky(e) ? "risky" : "routine"}`,
  alertTitle: (e) => {
    const a = analysis(e);
    const what = a.risks.length ? `${a.risks.length} risky addition${a.risks.length === 1 ? "" : "s"}` : a.diff ? `+${a.diff.added} −${a.diff.removed} lines` : "large rewrite";
    return `Policy file changed by ${actorLabel(e)} through ${originLabel(e)}: ${what}`;
  },
  context: (e) => {
    const a = analysis(e);
    return {
      ...auditContext(e),
      riskyAdditions: a.risks.map((r) => r.text),
      riskKinds: [...new Set(a.risks.map((r) => r.kind))],
      ...(a.note ? { note: a.note } : {}),
      ...(a.diff
        ? { linesAdded: a.diff.added, linesRemoved: a.diff.removed, diff: a.diff.text, diffTruncated: a.diff.truncated }
        : { diffNote: "The two policies differ too much for a line diff; compare them on the event page." }),
    };
  },
  matchedFields: ["target.property", "action", "new"],
  tests: [
    { name: "Routine change in the admin console (Info)", expected: true, event: record(POLICY, POLICY.replace("tag:prod:443", "tag:prod:8443")) },
    { name: "Allow-all added through the API (High)", expected: true, event: record(POLICY, withLine(`"acls": [`, `{"action": "accept", "src": ["*"], "dst": ["*:*"]},`), { origin: "CONFIG_API" }) },
    {
      name: "SSH as root added, streamed (HEC envelope)",
      expected: true,
      event: { time: 1_789_000_000.1, event: record(POLICY, POLICY.replace(`"users": ["autogroup:nonroot"]`, `"users": ["root"]`), { eventTime: undefined, origin: "CONFIG_API" }) },
    },
    {
      name: "SSH opened to every member as any non-root user (High)",
      expected: true,
      event: record(POLICY, POLICY.replace(`{"action": "check", "src": ["group:eng"]`, `{"action": "accept", "src": ["autogroup:member"]`)),
    },
    {
      name: "Members' SSH to their own devices added (Tailscale's default, Info)",
      expected: true,
      event: record(POLICY, withLine(`"ssh": [`, `{"action": "check", "src": ["autogroup:member"], "dst": ["autogroup:self"], "users": ["autogroup:nonroot"]},`)),
    },
    { name: "New policy does not parse (Info with a note)", expected: true, event: record(POLICY, `${POLICY} {`) },
    { name: "Update that failed validation", expected: false, event: record(POLICY, withLine(`"acls": [`, `{"action": "accept", "src": ["*"], "dst": ["*:*"]},`), { error: "policy: unknown group:nope" }) },
    { name: "DNS configuration changed, not the policy", expected: false, event: record({ nameservers: [] }, { nameservers: ["9.9.9.9"] }, { target: { id: "example.com", name: "example.com", type: "TAILNET", property: "DNS_CONFIG" } }) },
    {
      name: "A device's tags changed (ACL_TAGS), not the policy file",
      expected: false,
      event: record("", ["tag:prod"], { target: { id: "nAuditTgt1CNTRL", name: "service-node.example.ts.net", type: "NODE", property: "ACL_TAGS" }, origin: "NODE" }),
    },
  ],
});

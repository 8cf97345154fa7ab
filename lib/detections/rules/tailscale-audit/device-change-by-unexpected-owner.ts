import { defineRule, type RuleContext } from "../../define-rule";
import type { AuditEvent } from "../../events";
import type { Severity } from "../../severity";
import { DEFAULT_DETECTION_SETTINGS } from "../../settings-schema";
import { actorIsOneOf, actorLabel, asObject, auditContext, gained, isChange, originLabel, stringList } from "../../helpers/audit";

type Change = { kind: "approved" | "tagged" | "routes" | "exit-node"; added: string[] };

const EXIT_ROUTES = ["0.0.0.0/0", "::/0"];
// A device's own tailnet addresses sit in ALLOWED_IPS too; they are not routes.
const isOwnAddress = (cidr: string) => /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.\d{1,3}\.\d{1,3}\/32$/.test(cidr) || /^fd7a:115c:a1e0:[0-9a-f:]*\/128$/i.test(cidr);
const routes = (v: unknown) => stringList(v).filter((r) => !isOwnAddress(r));
const tagsIn = (v: unknown) => (Array.isArray(v) || typeof v === "string" ? stringList(v) : stringList(asObject(v)?.tags ?? asObject(v)?.aclTags ?? asObject(v)?.authTags)).filter((t) => t.startsWith("tag:"));
const isOn = (v: unknown) => v === true || (typeof v === "string" && !["", "false"].includes(v)) || (Array.isArray(v) && v.length > 0);

/** The device change this record is, if it is one the rule watches. */
function changeOf(e: AuditEvent): Change | null {
  if (isChange(e, "NODE", "APPROVE")) return { kind: "approved", added: [] };
  if (isChange(e, "NODE", "CREATE") && tagsIn(e.new).length) return { kind: "tagged", added: tagsIn(e.new) };
  if (isChange(e, "NODE", "UPDATE", "ACL_TAGS")) {
    const added = gained(tagsIn(e.old), tagsIn(e.new));
    return added.length ? { kind: "tagged", added } : null;
  }
  if (isChange(e, "NODE", "UPDATE", ["ALLOWED_IPS", "AUTO_APPROVED_ROUTES"])) {
    const added = gained(routes(e.old), routes(e.new));
    if (!added.length) return null;
    return { kind: added.some((r) => EXIT_ROUTES.includes(r)) ? "exit-node" : "routes", added };
  }
  if (isChange(e, "NODE", "UPDATE", "EXIT_NODE") && isOn(e.new) && !isOn(e.old)) return { kind: "exit-node", added: [] };
  return null;
}

const expected = (ctx: RuleContext) => ctx.settings.expectedDeviceOwners;
const carriesTraffic = (c: Change) => c.kind === "routes" || c.kind === "exit-node";

/** Empty list: nobody is named, so every change is only noted (Medium for routes and exit nodes, Low otherwise). Named list and someone else: Medium, High for routes and exit nodes. */
function severityOf(c: Change, ctx: RuleContext): Severity {
  if (!expected(ctx).length) return carriesTraffic(c) ? "MEDIUM" : "LOW";
  return carriesTraffic(c) ? "HIGH" : "MEDIUM";
}

const WHAT: Record<Change["kind"], string> = { approved: "approved", tagged: "tagged", routes: "given subnet routes", "exit-node": "made an exit node" };
const deviceName = (e: AuditEvent, ctx: RuleContext) => (e.target.id && ctx.device(e.target.id)?.name) || e.target.name || e.target.id || "a device";

const record = (action: string, property: string | null, extra: Record<string, unknown> = {}) => ({
  eventTime: "2026-06-02T19:00:05.558444283Z",
  type: "CONFIG",
  eventGroupID: "egExample0000000000000000000000000001",
  origin: "ADMIN_CONSOLE",
  actor: { id: "uExample1CNTRL", type: "USER", loginName: "alice@example.com", displayName: "Alice Example" },
  target: { id: "nAuditTgt1CNTRL", name: "service-node.example.ts.net", type: "NODE", isEphemeral: false, ...(property ? { property } : {}) },
  action,
  ...extra,
});
const OWNERS = { settings: { ...DEFAULT_DETECTION_SETTINGS, expectedDeviceOwners: ["Netops@Example.com", "tag:provisioner"] } };
const OWN = ["100.101.102.103/32", "fd7a:115c:a1e0::1234/128"];

export default defineRule<AuditEvent>({
  id: "Tailscale.Audit.DeviceChangeByUnexpectedOwner",
  title: "Device approved, tagged or given routes by someone unexpected",
  description:
    "A device was approved, created with tags, given tags, given subnet routes or made an exit node by someone not in the expected device owners (Settings → Detections: logins, or tags of the automation that does it). Tags carry a server's access, and routes and exit nodes carry other people's traffic, so who sets them matters. With owners named, anyone else alerts: High for routes and exit nodes, Medium otherwise. With none named, every such change is noted: Medium for routes and exit nodes, Low otherwise.",
  logType: "audit",
  severity: (e, ctx) => severityOf(changeOf(e)!, ctx),
  mitre: ["TA0003:T1133", "TA0011:T1090"],
  runbook: [
    "Ask the actor why they changed this device; confirm through a second channel.",
    "Check the device in the admin console (Machines → the device): owner, tags, approved routes and exit-node status, last seen.",
    "If the change is not expected: remove the tags (Edit ACL tags), disable the routes or exit node (Edit route settings), or remove the device.",
    "Check who may make such changes in the policy (tagOwners, autoApprovers) and whether the actor should be one of them; then add the actor to expected device owners, or narrow the policy.",
    "For routes or an exit node: check the device's flows since the change (kind SUBNET or EXIT) for traffic it should not carry.",
    "If the actor's account or the device is suspect, open a case.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1068/tags", "https://tailscale.com/kb/1019/subnets", "https://tailscale.com/kb/1103/exit-nodes", "https://tailscale.com/kb/1099/device-approval"],
  dedupMinutes: 60,
  match: (e, ctx) => {
    if (!changeOf(e)) return false;
    return !(expected(ctx).length && actorIsOneOf(e, expected(ctx)));
  },
  dedupKey: (e) => `device:${e.target.id || e.target.name}`,
  alertTitle: (e, ctx) => {
    const c = changeOf(e)!;
    return `Device ${deviceName(e, ctx)} ${WHAT[c.kind]}${c.added.length ? ` (${c.added.join(", ")})` : ""} by ${actorLabel(e)} through ${originLabel(e)}`;
  },
  context: (e, ctx) => {
    const c = changeOf(e)!;
    return { ...auditContext(e), device: deviceName(e, ctx), nodeId: e.target.id, change: c.kind, added: c.added, expectedDeviceOwners: expected(ctx), actorTags: e.actor.tags };
  },
  matchedFields: (e) => (changeOf(e)?.kind === "approved" ? ["target.type", "action", "actor.loginName"] : ["target.property", "new", "actor.loginName"]),
  tests: [
    { name: "Tags advertised from the device itself (real sample), nobody named: Low", expected: true, event: { ...record("UPDATE", "ACL_TAGS", { origin: "NODE", old: "", new: ["tag:grafana-pdc"] }) } },
    { name: "Device approved in the console by someone not in the list", expected: true, event: record("APPROVE", null), context: OWNERS },
    { name: "Exit node route approved through the API by someone else", expected: true, event: record("UPDATE", "ALLOWED_IPS", { origin: "CONFIG_API", old: OWN, new: [...OWN, "0.0.0.0/0", "::/0"] }), context: OWNERS },
    { name: "Subnet route auto-approved (streamed)", expected: true, event: { time: 1_783_000_000.7, event: record("UPDATE", "AUTO_APPROVED_ROUTES", { eventTime: undefined, origin: "CONTROL", old: [], new: ["10.20.0.0/16"] }) } },
    { name: "Created with tags", expected: true, event: record("CREATE", null, { origin: "NODE", new: { tags: ["tag:prod"] } }), context: OWNERS },
    { name: "Exit-node status turned on", expected: true, event: record("UPDATE", "EXIT_NODE", { old: false, new: true }) },
    { name: "Approved by an expected owner (login, any case)", expected: false, event: record("APPROVE", null, { actor: { id: "uN1CNTRL", type: "USER", loginName: "netops@example.com", displayName: "Netops" } }), context: OWNERS },
    {
      name: "Routes set by the provisioning node, whose tag is expected",
      expected: false,
      event: record("UPDATE", "ALLOWED_IPS", { origin: "NODE", actor: { id: "nProv1CNTRL", type: "NODE", loginName: "", displayName: "provisioner", tags: ["tag:provisioner"] }, old: OWN, new: [...OWN, "10.0.0.0/8"] }),
      context: OWNERS,
    },
    { name: "Only the device's own addresses in ALLOWED_IPS", expected: false, event: record("UPDATE", "ALLOWED_IPS", { old: [], new: OWN }) },
    { name: "Routes removed", expected: false, event: record("UPDATE", "ALLOWED_IPS", { old: [...OWN, "10.0.0.0/8"], new: OWN }) },
    { name: "Tags removed", expected: false, event: record("UPDATE", "ACL_TAGS", { old: ["tag:prod", "tag:db"], new: ["tag:prod"] }) },
    { name: "Created without tags", expected: false, event: record("CREATE", null, { origin: "NODE" }) },
    { name: "Approval that failed", expected: false, event: record("APPROVE", null, { error: "device not found" }) },
    { name: "Device renamed", expected: false, event: record("UPDATE", "MACHINE_NAME", { old: "a", new: "b" }) },
  ],
});

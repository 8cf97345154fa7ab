import { defineRule, type RuleContext } from "../../define-rule";
import type { AuditEvent } from "../../events";
import { actorLabel, asObject, auditContext, isChange, originLabel, stringList } from "../../helpers/audit";
import { DAY_MINUTES } from "../../helpers/setting-disabled";

/** The device's tags: from the inventory, else any the record itself carries. */
function deviceTags(e: AuditEvent, ctx: RuleContext): string[] {
  const known = e.target.id ? ctx.device(e.target.id)?.tags : undefined;
  if (known?.length) return known;
  const hint = (v: unknown) => stringList(asObject(v)?.tags ?? asObject(v)?.aclTags);
  return [...new Set([...hint(e.new), ...hint(e.old)])].filter((t) => t.startsWith("tag:"));
}
const deviceOf = (e: AuditEvent, ctx: RuleContext) => (e.target.id && ctx.device(e.target.id)?.name) || e.target.name || e.target.id || "a device";

const record = (extra: Record<string, unknown> = {}) => ({
  eventTime: "2026-08-21T13:05:44.018Z",
  type: "CONFIG",
  deferredAt: "0001-01-01T00:00:00Z",
  eventGroupID: "4a8c2e6b0d1f43a5b7c9e1d3f5a7b9c2",
  origin: "ADMIN_CONSOLE",
  actor: { id: "uQ4xP2CNTRL", type: "USER", loginName: "bob@example.com", displayName: "Bob Builder" },
  target: { id: "nR7tY3CNTRL", name: "db-01.example.ts.net", type: "NODE", property: "KEY_EXPIRY" },
  action: "DISABLE",
  ...extra,
});
const DB01 = { nodeId: "nR7tY3CNTRL", name: "db-01", addresses: ["100.101.102.103"], userLogin: null, tags: ["tag:prod", "tag:db"] };

export default defineRule<AuditEvent>({
  id: "Tailscale.Audit.KeyExpiryDisabled",
  title: "Device key expiry disabled",
  description:
    "Key expiry was disabled on a device: its node key never expires, so the device never has to re-authenticate and a copied node key stays valid until someone removes the device. High on tagged devices (servers, owned by no person, surviving every offboarding), Medium on a person's device. Tailscale also disables expiry when a device is first tagged; a deliberate change by a person is what this shows.",
  logType: "audit",
  severity: (e, ctx) => (deviceTags(e, ctx).length ? "HIGH" : "MEDIUM"),
  mitre: ["TA0003:T1098"],
  runbook: [
    "Ask the actor why this device must not expire; long-lived servers are the usual reason, laptops are not.",
    "If there is no reason, re-enable it: admin console → Machines → the device → … → Enable key expiry.",
    "Check the device: owner, tags, OS, last seen, and its recent flows; remove it if nobody recognises it.",
    "If the actor's account is suspect, revoke its keys and open a case.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1028/key-expiry", "https://tailscale.com/kb/1068/tags"],
  dedupMinutes: DAY_MINUTES,
  match: (e) => isChange(e, "NODE", "DISABLE", "KEY_EXPIRY"),
  follows: (e) => isChange(e, "NODE", "ENABLE", "KEY_EXPIRY"),
  dedupKey: (e) => `key-expiry:${e.target.id || e.target.name}`,
  alertTitle: (e, ctx) => {
    const tags = deviceTags(e, ctx);
    return `Key expiry disabled on ${tags.length ? "tagged " : ""}device ${deviceOf(e, ctx)}${tags.length ? ` (${tags.join(", ")})` : ""} by ${actorLabel(e)} through ${originLabel(e)}`;
  },
  context: (e, ctx) => ({ ...auditContext(e), device: deviceOf(e, ctx), nodeId: e.target.id, tags: deviceTags(e, ctx), owner: (e.target.id && ctx.device(e.target.id)?.userLogin) || null }),
  matchedFields: ["target.type", "target.property", "action"],
  tests: [
    { name: "Disabled on a tagged server (inventory knows the tags)", expected: true, event: record(), context: { devices: [DB01] } },
    { name: "Disabled on an unknown device through the API", expected: true, event: record({ origin: "CONFIG_API" }) },
    { name: "Disabled on a laptop (streamed)", expected: true, event: { time: 1_787_000_000.9, event: record({ eventTime: undefined, target: { id: "nL1CNTRL", name: "bobs-macbook.example.ts.net", type: "NODE", property: "KEY_EXPIRY" } }) } },
    { name: "Key expiry re-enabled", expected: false, event: record({ action: "ENABLE" }) },
    { name: "Disable that failed", expected: false, event: record({ error: "device not found" }) },
    { name: "Node key expired (KEY_EXPIRY_TIME), not disabled", expected: false, event: record({ action: "EXPIRED", target: { id: "nR7tY3CNTRL", name: "db-01.example.ts.net", type: "NODE", property: "KEY_EXPIRY_TIME" } }) },
    { name: "Key expiry time extended (KEY_EXPIRY_TIME update)", expected: false, event: record({ action: "UPDATE", target: { id: "nR7tY3CNTRL", name: "db-01.example.ts.net", type: "NODE", property: "KEY_EXPIRY_TIME" } }) },
  ],
});

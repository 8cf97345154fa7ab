// What the registry test does not check for the audit rules: severities that depend on the
// event, the alert's title and context, and that turning a setting back on joins its alert.
import { describe, expect, it } from "vitest";
import type { AnyRealtimeRule, KnownDevice } from "../../define-rule";
import { auditMatch, contextOf, verdictOf } from "../../engine";
import { eventsFromRecord, type AuditEvent } from "../../events";
import { tailnetSettingRecord } from "../../helpers/setting-disabled";
import { findRule } from "../../registry";
import { ZDetectionSettings, DEFAULT_DETECTION_SETTINGS } from "../../settings-schema";

const NOW = Date.parse("2026-11-21T12:00:00Z");

function rule(id: string) {
  const r = findRule(id);
  if (!r || r.kind !== "realtime" || r.logType !== "audit") throw new Error(`${id} is not an audit rule`);
  return r as AnyRealtimeRule & { logType: "audit" };
}

function eventOf(record: unknown): AuditEvent {
  const parsed = eventsFromRecord(record, NOW);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed.audit[0]!;
}

/** The match a rule's own named test produces. */
function matchOfTest(id: string, name: string) {
  const r = rule(id);
  const test = (r.tests as { name: string; event: unknown; context?: { settings?: object; devices?: KnownDevice[] } }[]).find((t) => t.name === name);
  if (!test) throw new Error(`${id} has no test "${name}"`);
  const ctx = contextOf(ZDetectionSettings.parse({ ...DEFAULT_DETECTION_SETTINGS, ...(test.context?.settings ?? {}) }), test.context?.devices ?? []);
  const m = auditMatch(r, eventOf(test.event), "test", ctx);
  if (!m) throw new Error(`${id} "${name}" does not match`);
  return m;
}

describe.each([
  ["Tailscale.Audit.PolicyFileChanged", "Routine change in the admin console (Info)", "INFO"],
  ["Tailscale.Audit.PolicyFileChanged", "Allow-all added through the API (High)", "HIGH"],
  ["Tailscale.Audit.PolicyFileChanged", "SSH as root added, streamed (HEC envelope)", "HIGH"],
  ["Tailscale.Audit.PolicyFileChanged", "SSH opened to every member as any non-root user (High)", "HIGH"],
  ["Tailscale.Audit.PolicyFileChanged", "Members' SSH to their own devices added (Tailscale's default, Info)", "INFO"],
  ["Tailscale.Audit.PolicyFileChanged", "New policy does not parse (Info with a note)", "INFO"],
  ["Tailscale.Audit.RiskyKeyCreated", "OAuth access token with all scopes (real record)", "HIGH"],
  ["Tailscale.Audit.RiskyKeyCreated", "Reusable, pre-authorized auth key through the API", "HIGH"],
  ["Tailscale.Audit.RiskyKeyCreated", "Reusable node-auth key (not one-off) in the admin console", "MEDIUM"],
  ["Tailscale.Audit.RiskyKeyCreated", "Auth key that never expires (zero time)", "MEDIUM"],
  ["Tailscale.Audit.KeyExpiryDisabled", "Disabled on a tagged server (inventory knows the tags)", "HIGH"],
  ["Tailscale.Audit.KeyExpiryDisabled", "Disabled on an unknown device through the API", "MEDIUM"],
  ["Tailscale.Audit.DeviceChangeByUnexpectedOwner", "Tags advertised from the device itself (real sample), nobody named: Low", "LOW"],
  ["Tailscale.Audit.DeviceChangeByUnexpectedOwner", "Subnet route auto-approved (streamed)", "MEDIUM"],
  ["Tailscale.Audit.DeviceChangeByUnexpectedOwner", "Device approved in the console by someone not in the list", "MEDIUM"],
  ["Tailscale.Audit.DeviceChangeByUnexpectedOwner", "Exit node route approved through the API by someone else", "HIGH"],
  ["Tailscale.Audit.ExternalUserInvited", "Gmail user invited in the console", "MEDIUM"],
  ["Tailscale.Audit.ExternalUserInvited", "Tailnet invite through the API as admin (High)", "HIGH"],
  ["Tailscale.Audit.TailnetLockDisabled", "Deleted", "CRITICAL"],
  ["Tailscale.Audit.LogStreamingChanged", "Configuration stream to Splunk deleted through the API (real record)", "CRITICAL"],
])("%s: %s", (id, name, severity) => {
  it(`is ${severity}`, () => expect(matchOfTest(id, name).severity).toBe(severity));
});

describe("alert titles and context", () => {
  it("names who did what, through which origin", () => {
    expect(matchOfTest("Tailscale.Audit.MagicDNSDisabled", "Disabled through the API").title).toBe("MagicDNS disabled by mallory@example.com through the API");
    expect(matchOfTest("Tailscale.Audit.TailnetLockDisabled", "Deleted").title).toBe("Tailnet Lock removed by mallory@example.com through the API");
    expect(matchOfTest("Tailscale.Audit.UserRoleElevated", "Member made admin in the admin console").title).toBe("dave@example.com made admin (was member) by carol@example.com through the admin console");
    expect(matchOfTest("Tailscale.Audit.RiskyKeyCreated", "OAuth access token with all scopes (real record)").title).toBe("OAuth access token created with all scopes (full API access) by OAuth client through the API");
    expect(matchOfTest("Tailscale.Audit.DeviceChangeByUnexpectedOwner", "Exit node route approved through the API by someone else").title).toBe(
      "Device service-node.example.ts.net made an exit node (0.0.0.0/0, ::/0) by alice@example.com through the API",
    );
  });

  it("shows the old and new log streaming destinations", () => {
    const m = matchOfTest("Tailscale.Audit.LogStreamingChanged", "Destination repointed to another URL (HEC envelope)");
    expect(m.context).toMatchObject({
      logstreamType: "configuration",
      oldDestination: { provider: "splunk", endpointURL: "https://siem.example.com:8088/services/collector/event" },
      newDestination: { endpointURL: "https://collector.attacker.example/services/collector/event" },
    });
    expect(m.title).toBe("Configuration log streaming to splunk (https://siem.example.com:8088/services/collector/event) changed by OAuth client through the API");
  });

  it("lists a policy change's risky additions and its diff", () => {
    const m = matchOfTest("Tailscale.Audit.PolicyFileChanged", "Allow-all added through the API (High)");
    const c = m.context as { riskyAdditions: string[]; diff: string; linesAdded: number };
    expect(c.riskyAdditions).toHaveLength(1);
    expect(c.riskyAdditions[0]).toMatch(/allow-all ACL/);
    expect(c.diff).toContain('+     {"action": "accept", "src": ["*"], "dst": ["*:*"]},');
    expect(c.linesAdded).toBe(1);
    expect(m.dedupKey).toBe("example.com:ACL:risky");
    expect(matchOfTest("Tailscale.Audit.PolicyFileChanged", "Routine change in the admin console (Info)").dedupKey).toBe("example.com:ACL:routine");
    expect(matchOfTest("Tailscale.Audit.PolicyFileChanged", "New policy does not parse (Info with a note)").context).toHaveProperty("note");
  });

  it("says who a policy change opens SSH to, and as whom", () => {
    const m = matchOfTest("Tailscale.Audit.PolicyFileChanged", "SSH opened to every member as any non-root user (High)");
    expect(m.context).toMatchObject({
      riskyAdditions: ["SSH as any non-root local user (autogroup:nonroot) from everyone in the tailnet (src autogroup:member) to tag:prod, without re-authentication (accept)."],
      riskKinds: ["ssh-any-user"],
    });
    expect(m.title).toBe("Policy file changed by bob@example.com through the admin console: 1 risky addition");
  });

  it("dedups user role changes by user, and keys by key", () => {
    expect(matchOfTest("Tailscale.Audit.UserRoleElevated", "Member made owner through the API").dedupKey).toBe("user-role:uZ9pL4CNTRL");
    expect(matchOfTest("Tailscale.Audit.LeakedKeyRevoked", "Auth key revoked after a leak").entity).toBe("kQ3vN8CNTRL");
  });
});

describe("turning a setting back on joins its alert", () => {
  const ctx = contextOf();
  it.each([
    ["Tailscale.Audit.MagicDNSDisabled", "MAGIC_DNS", "DISABLE", "ENABLE"],
    ["Tailscale.Audit.FlowLoggingDisabled", "NETWORK_FLOW_LOGGING", "DISABLE", "ENABLE"],
    ["Tailscale.Audit.TailnetLockDisabled", "TKA", "DELETE", "CREATE"],
    ["Tailscale.Audit.PostureIntegrationRemoved", "COLLECT_POSTURE_IDENTITY", "DISABLE", "ENABLE"],
  ])("%s", (id, property, off, on) => {
    const r = rule(id);
    const offEvent = eventOf(tailnetSettingRecord(property, off));
    const onEvent = eventOf(tailnetSettingRecord(property, on));
    expect(verdictOf(r as never, onEvent as never, ctx)).toBe("follows");
    const raised = auditMatch(r, offEvent, "a", ctx)!;
    const joined = auditMatch(r, onEvent, "b", ctx)!;
    expect(joined.isRelated).toBe(true);
    expect(joined.dedupKey).toBe(raised.dedupKey);
  });

  it("posture integrations removed or added back in one tailnet join one alert, whatever their own ids", () => {
    const r = rule("Tailscale.Audit.PostureIntegrationRemoved");
    const removed = matchOfTest("Tailscale.Audit.PostureIntegrationRemoved", "Integration deleted through the API");
    expect(removed.dedupKey).toBe("example.com:POSTURE_INTEGRATION");
    expect(matchOfTest("Tailscale.Audit.PostureIntegrationRemoved", "Another integration deleted (Intune), same tailnet").dedupKey).toBe(removed.dedupKey);
    const addedBack = eventOf(tailnetSettingRecord("POSTURE_INTEGRATION", "CREATE", { targetId: "pi9Xw1CNTRL", new: { provider: "crowdstrike" } }));
    expect(verdictOf(r as never, addedBack as never, ctx)).toBe("follows");
    const joined = auditMatch(r, addedBack, "b", ctx)!;
    expect(joined.isRelated).toBe(true);
    expect(joined.dedupKey).toBe(removed.dedupKey);
    const otherTailnet = tailnetSettingRecord("POSTURE_INTEGRATION", "DELETE", { targetId: "pi7Kq2CNTRL" });
    otherTailnet.event.target.name = "other.example";
    expect(auditMatch(r, eventOf(otherTailnet), "c", ctx)!.dedupKey).toBe("other.example:POSTURE_INTEGRATION");
  });

  it("a new log streaming destination joins the alert of the one deleted for the same log type", () => {
    const r = rule("Tailscale.Audit.LogStreamingChanged");
    const base = { eventTime: "2026-07-27T12:10:27.7Z", origin: "CONFIG_API", actor: { id: "k1CNTRL", type: "OAUTH_CLIENT", loginName: "" }, target: { name: "example.com", type: "TAILNET", property: "LOGSTREAM_ENDPOINT" } };
    const deleted = auditMatch(r, eventOf({ ...base, target: { ...base.target, id: "SA1CNTRL" }, action: "DELETE", old: { provider: "splunk", logstreamType: "network" } }), "a", ctx)!;
    const created = auditMatch(r, eventOf({ ...base, target: { ...base.target, id: "SB2CNTRL" }, action: "CREATE", new: { provider: "s3", logstreamType: "network", s3Bucket: "b" } }), "b", ctx)!;
    expect(created.isRelated).toBe(true);
    expect(created.dedupKey).toBe(deleted.dedupKey);
  });
});

import { defineRule } from "../../define-rule";
import type { AuditEvent } from "../../events";
import { actorLabel, asObject, auditContext, isChange, originLabel, tailnetNameOf } from "../../helpers/audit";
import { DAY_MINUTES } from "../../helpers/setting-disabled";

/** A log streaming destination as people read it; `old`/`new` look like `{"provider":"splunk","logstreamType":"configuration","endpointURL":"…"}`. */
function destination(v: unknown) {
  const d = asObject(v);
  if (!d) return null;
  const pick = (k: string) => (typeof d[k] === "string" ? (d[k] as string) : null);
  const where = pick("endpointURL") ?? (pick("s3Bucket") ? `s3://${pick("s3Bucket")}` : null) ?? pick("gcsBucket");
  return { provider: pick("provider"), logstreamType: pick("logstreamType"), endpointURL: where };
}

const describe = (d: ReturnType<typeof destination>) => (d ? [d.provider, d.endpointURL && `(${d.endpointURL})`].filter(Boolean).join(" ") : "a destination");
const logKind = (e: AuditEvent) => (destination(e.old) ?? destination(e.new))?.logstreamType ?? "unknown";

const record = (action: string, extra: Record<string, unknown> = {}) => ({
  logged: "2026-07-27T12:10:29.541584437Z",
  eventTime: "2026-07-27T12:10:27.726509128Z",
  eventGroupID: "f846956bdb059dc565e74ad4503580bb",
  origin: "CONFIG_API",
  actor: { id: "k3F261FC38A07CNTRL", type: "OAUTH_CLIENT", loginName: "", displayName: "OAuth client" },
  target: { id: "SA3854F0E5139CNTRL", name: "example.com", type: "TAILNET", property: "LOGSTREAM_ENDPOINT" },
  action,
  ...extra,
});
const SPLUNK = { provider: "splunk", logstreamType: "configuration", endpointURL: "https://siem.example.com:8088/services/collector/event" };

export default defineRule<AuditEvent>({
  id: "Tailscale.Audit.LogStreamingChanged",
  title: "Log streaming destination deleted or changed",
  description:
    "A log streaming destination (the SIEM, S3 bucket or collector that receives the tailnet's configuration or network logs) was deleted or repointed. An attacker blinds the defenders first: deleting the stream stops the evidence, repointing it sends the logs to them. Creating a new destination does not raise an alert, but joins an open one (it shows where the logs went instead).",
  logType: "audit",
  severity: "CRITICAL",
  mitre: ["TA0005:T1562.008"],
  runbook: [
    "Treat it as hostile until the actor confirms it through a second channel; compare the old and new destinations in the alert's context.",
    "Check Logs → Streaming in the admin console: which destinations remain for configuration and network logs, and whether their URLs and tokens are yours.",
    "If it was not planned, restore the destination (new token on the SIEM side) and delete any destination you do not own.",
    "Record the gap: logs between the change and the fix are only in Tailscale's own log (90 days for configuration, 30 for network): fetch them with the API now.",
    "Revoke the actor's key or OAuth client (Settings → Keys / OAuth clients) if it is suspect, and open a case.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1255/log-streaming", "https://tailscale.com/kb/1203/audit-logging"],
  dedupMinutes: DAY_MINUTES,
  match: (e) => isChange(e, "TAILNET", ["DELETE", "UPDATE"], "LOGSTREAM_ENDPOINT"),
  follows: (e) => isChange(e, "TAILNET", "CREATE", "LOGSTREAM_ENDPOINT"),
  dedupKey: (e) => `${tailnetNameOf(e)}:LOGSTREAM_ENDPOINT:${logKind(e)}`,
  alertTitle: (e) =>
    `${logKind(e) === "unknown" ? "Log" : `${logKind(e)[0]!.toUpperCase()}${logKind(e).slice(1)} log`} streaming to ${describe(destination(e.old) ?? destination(e.new))} ${e.action === "DELETE" ? "deleted" : "changed"} by ${actorLabel(e)} through ${originLabel(e)}`,
  context: (e) => ({ ...auditContext(e), logstreamType: logKind(e), oldDestination: destination(e.old), newDestination: destination(e.new) }),
  matchedFields: (e) => ["target.property", "action", ...(e.old !== null ? ["old"] : []), ...(e.new !== null ? ["new"] : [])],
  tests: [
    {
      name: "Configuration stream to Splunk deleted through the API (real record)",
      expected: true,
      event: record("DELETE", { old: { provider: "splunk", logstreamType: "configuration", endpointURL: "http://[fd7a:115c:a1e0::1]:9999/services/collector/event" } }),
    },
    { name: "Network stream deleted in the admin console", expected: true, event: record("DELETE", { origin: "ADMIN_CONSOLE", old: { ...SPLUNK, logstreamType: "network" } }) },
    {
      name: "Destination repointed to another URL (HEC envelope)",
      expected: true,
      event: { time: 1_786_000_000.5, event: record("UPDATE", { eventTime: undefined, old: SPLUNK, new: { ...SPLUNK, endpointURL: "https://collector.attacker.example/services/collector/event" } }) },
    },
    { name: "Destination created (joins, never raises)", expected: false, event: record("CREATE", { new: { provider: "s3", logstreamType: "configuration", s3Region: "us-east-1", s3Bucket: "example-export-bucket" } }) },
    { name: "Delete that failed", expected: false, event: record("DELETE", { old: SPLUNK, error: "permission denied" }) },
    { name: "Flow logging enabled, another property", expected: false, event: record("ENABLE", { target: { id: "example.com", name: "example.com", type: "TAILNET", property: "NETWORK_FLOW_LOGGING" } }) },
    { name: "Webhook endpoint deleted, not a log stream", expected: false, event: record("DELETE", { target: { id: "wh1CNTRL", name: "https://hooks.example.com/x", type: "WEBHOOK_ENDPOINT" } }) },
  ],
});

import { settingDisabledRule, tailnetSettingRecord } from "../../helpers/setting-disabled";

export default settingDisabledRule({
  id: "Tailscale.Audit.FlowLoggingDisabled",
  title: "Network flow logging disabled",
  description:
    "Network flow logging was turned off: from now on nobody can tell which device talked to which. An attacker blinds the defenders first, so this is the change to catch before the lateral movement it hides.",
  property: "NETWORK_FLOW_LOGGING",
  setting: "Network flow logging",
  severity: "CRITICAL",
  mitre: ["TA0005:T1562.008"],
  runbook: [
    "Treat it as hostile until the actor confirms it through a second channel (not the account that made the change).",
    "Turn it back on at once: admin console → Logs → Network flow logs → Enable.",
    "Note the gap: flows between the disable and the re-enable are lost for good; record its start and end in the case.",
    "Review everything the actor did in the hour around it (Logs → Configuration, filter by actor), especially log streaming, policy and key changes.",
    "If the actor's account or key is suspect, suspend the user or revoke the key (Settings → Keys) and open a case.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1219/network-flow-logs", "https://tailscale.com/kb/1255/log-streaming"],
  tests: [
    { name: "Disabled through the API", expected: true, event: tailnetSettingRecord("NETWORK_FLOW_LOGGING", "DISABLE") },
    { name: "Disabled in the admin console", expected: true, event: tailnetSettingRecord("NETWORK_FLOW_LOGGING", "DISABLE", { origin: "ADMIN_CONSOLE" }) },
    { name: "Turned off as an update to false", expected: true, event: tailnetSettingRecord("NETWORK_FLOW_LOGGING", "UPDATE", { old: true, new: false }) },
    { name: "Enabled", expected: false, event: tailnetSettingRecord("NETWORK_FLOW_LOGGING", "ENABLE") },
    { name: "Disable that failed", expected: false, event: tailnetSettingRecord("NETWORK_FLOW_LOGGING", "DISABLE", { error: "feature not available on this plan" }) },
    { name: "Exit-flow logging disabled (its own rule)", expected: false, event: tailnetSettingRecord("LOG_EXIT_FLOWS", "DISABLE") },
  ],
});

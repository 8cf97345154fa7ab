import { settingDisabledRule, tailnetSettingRecord } from "../../helpers/setting-disabled";

export default settingDisabledRule({
  id: "Tailscale.Audit.ExitFlowLoggingDisabled",
  title: "Exit-node flow logging disabled",
  description:
    "Logging of traffic through exit nodes was turned off: exit traffic is logged anonymised again (no destination, no ports), so data leaving through an exit node can no longer be traced. An attacker blinds the defenders first.",
  property: "LOG_EXIT_FLOWS",
  setting: "Exit-node flow logging",
  severity: "CRITICAL",
  mitre: ["TA0005:T1562.008"],
  runbook: [
    "Treat it as hostile until the actor confirms it through a second channel.",
    "Turn it back on: admin console → Logs → Network flow logs → Log exit node traffic.",
    "Note the gap in the case: exit traffic between the disable and the re-enable has no destinations.",
    "Check which devices used exit nodes during the gap (Flows, kind EXIT) and their volumes.",
    "Review the actor's other changes in the same hour; if the account or key is suspect, suspend or revoke it and open a case.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1219/network-flow-logs", "https://tailscale.com/kb/1103/exit-nodes"],
  tests: [
    { name: "Disabled through the API", expected: true, event: tailnetSettingRecord("LOG_EXIT_FLOWS", "DISABLE") },
    { name: "Disabled in the admin console", expected: true, event: tailnetSettingRecord("LOG_EXIT_FLOWS", "DISABLE", { origin: "ADMIN_CONSOLE" }) },
    { name: "Enabled", expected: false, event: tailnetSettingRecord("LOG_EXIT_FLOWS", "ENABLE") },
    { name: "Disable that failed", expected: false, event: tailnetSettingRecord("LOG_EXIT_FLOWS", "DISABLE", { error: "permission denied" }) },
    { name: "Network flow logging disabled (its own rule)", expected: false, event: tailnetSettingRecord("NETWORK_FLOW_LOGGING", "DISABLE") },
  ],
});

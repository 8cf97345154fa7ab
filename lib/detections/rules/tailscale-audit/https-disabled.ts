import { settingDisabledRule, tailnetSettingRecord } from "../../helpers/setting-disabled";
import pantherTests from "./panther/Tailscale.HTTPS.Disabled.json";

export default settingDisabledRule({
  id: "Tailscale.Audit.HTTPSDisabled",
  title: "HTTPS certificates disabled",
  description:
    "The tailnet's HTTPS certificates were turned off, through the admin console or the API. Services that relied on Tailscale-issued certificates fall back to plain HTTP or stop; an attacker may do this before intercepting traffic.",
  property: "HTTPS",
  setting: "HTTPS certificates",
  severity: "HIGH",
  mitre: ["TA0005:T1562.001", "TA0006:T1557"],
  runbook: [
    "Ask the actor whether they turned HTTPS off, and why; confirm through a second channel.",
    "If nobody can explain it, turn HTTPS back on in the admin console (DNS → HTTPS certificates).",
    "Review the actor's other changes in the same hour (Config log, filter by actor).",
    "If the actor's account or API key is suspect, revoke its keys and open a case.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1153/enabling-https", "https://github.com/panther-labs/panther-analysis/tree/develop/rules/tailscale_rules"],
  tests: [
    { name: "Disabled through the API (Panther's rule misses it)", expected: true, event: tailnetSettingRecord("HTTPS", "DISABLE") },
    { name: "Enabled", expected: false, event: tailnetSettingRecord("HTTPS", "ENABLE") },
    { name: "Disable that failed", expected: false, event: tailnetSettingRecord("HTTPS", "DISABLE", { error: "permission denied" }) },
    { name: "Another setting disabled", expected: false, event: tailnetSettingRecord("MAGIC_DNS", "DISABLE") },
    ...pantherTests.map((t) => ({ name: `Panther: ${t.name}`, expected: t.expectedResult, event: t.log })),
  ],
});

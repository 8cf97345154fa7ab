import { settingDisabledRule, tailnetSettingRecord } from "../../helpers/setting-disabled";
import pantherTests from "./panther/Tailscale.Magic.DNS.Disabled.json";

export default settingDisabledRule({
  id: "Tailscale.Audit.MagicDNSDisabled",
  title: "MagicDNS disabled",
  description:
    "MagicDNS was turned off. Devices stop resolving tailnet names through Tailscale and fall back to whatever resolver the network hands them, so names like db.example.ts.net can be answered by a resolver an attacker controls, and HTTPS certificates for tailnet names stop working.",
  property: "MAGIC_DNS",
  setting: "MagicDNS",
  severity: "HIGH",
  mitre: ["TA0005:T1562.001", "TA0006:T1557"],
  runbook: [
    "Ask the actor whether they turned MagicDNS off, and why; confirm through a second channel (not the account that made the change).",
    "If nobody can explain it, turn it back on in the admin console: DNS → MagicDNS → Enable.",
    "Check DNS → Nameservers for resolvers added in the same hour (Config log, property DNS_CONFIG): a new global or split-DNS resolver is how names get redirected.",
    "Review the actor's other changes in the same hour (Logs → Configuration, filter by actor).",
    "If the actor's account or API key is suspect, revoke its keys (Settings → Keys), suspend the user, and open a case.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1081/magicdns", "https://tailscale.com/kb/1054/dns", "https://github.com/panther-labs/panther-analysis/tree/develop/rules/tailscale_rules"],
  tests: [
    { name: "Disabled through the API", expected: true, event: tailnetSettingRecord("MAGIC_DNS", "DISABLE") },
    { name: "Disabled in the admin console", expected: true, event: tailnetSettingRecord("MAGIC_DNS", "DISABLE", { origin: "ADMIN_CONSOLE" }) },
    { name: "Disabled by an OAuth client", expected: true, event: tailnetSettingRecord("MAGIC_DNS", "DISABLE", { actorType: "OAUTH_CLIENT", login: "" }) },
    { name: "Enabled (joins the alert, never raises one)", expected: false, event: tailnetSettingRecord("MAGIC_DNS", "ENABLE") },
    { name: "Disable that failed", expected: false, event: tailnetSettingRecord("MAGIC_DNS", "DISABLE", { error: "permission denied" }) },
    { name: "DNS nameservers changed, not MagicDNS", expected: false, event: tailnetSettingRecord("DNS_CONFIG", "UPDATE", { old: { nameservers: ["1.1.1.1"] }, new: { nameservers: ["9.9.9.9"] } }) },
    { name: "HTTPS disabled, another setting", expected: false, event: tailnetSettingRecord("HTTPS", "DISABLE") },
    ...pantherTests.map((t) => ({ name: `Panther: ${t.name}`, expected: t.expectedResult, event: t.log })),
  ],
});

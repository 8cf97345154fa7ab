import { settingDisabledRule, tailnetSettingRecord } from "../../helpers/setting-disabled";

export default settingDisabledRule({
  id: "Tailscale.Audit.PostureIntegrationRemoved",
  title: "Device posture integration removed or collection disabled",
  description:
    "A device posture integration (CrowdStrike, Intune, Jamf, Kandji, …) was removed, or collection of device posture identity (serial numbers) was turned off. Medium, not High: posture conditions in the policy fail closed when the attributes go away (access is denied, not granted), so this mainly removes the compliance signal; the change that opens access is the policy dropping its posture conditions, which Tailscale.Audit.PolicyFileChanged shows. Integrations removed from one tailnet, and integrations added back, join one alert.",
  property: "POSTURE_INTEGRATION",
  setting: "A device posture integration",
  also: { COLLECT_POSTURE_IDENTITY: "Device posture identity collection" },
  removable: true,
  // Its records carry the integration's id in target.id; one tailnet's integrations share an alert.
  itemProperties: ["POSTURE_INTEGRATION"],
  severity: "MEDIUM",
  mitre: ["TA0005:T1562.001"],
  runbook: [
    "Ask the actor why the integration was removed or collection turned off; confirm through a second channel.",
    "Check Settings → Device management → Device posture: which integrations remain, and whether identity collection is on.",
    "Look at the policy file (Access controls) for postures and srcPosture conditions that relied on it, and at policy changes in the same hour.",
    "If nobody can explain it, restore the integration with new credentials from the MDM/EDR vendor, and open a case if the actor is suspect.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1288/device-posture", "https://tailscale.com/kb/1326/device-identity"],
  tests: [
    { name: "Integration deleted through the API", expected: true, event: tailnetSettingRecord("POSTURE_INTEGRATION", "DELETE", { targetId: "pi7Kq2CNTRL", old: { provider: "crowdstrike", clientId: "…" } }) },
    {
      name: "Another integration deleted (Intune), same tailnet",
      expected: true,
      event: tailnetSettingRecord("POSTURE_INTEGRATION", "DELETE", { targetId: "pi3Rm8CNTRL", old: { provider: "intune" } }),
    },
    { name: "Integration deleted in the admin console", expected: true, event: tailnetSettingRecord("POSTURE_INTEGRATION", "DELETE", { origin: "ADMIN_CONSOLE", targetId: "pi7Kq2CNTRL" }) },
    { name: "Posture identity collection disabled", expected: true, event: tailnetSettingRecord("COLLECT_POSTURE_IDENTITY", "DISABLE") },
    { name: "Integration created", expected: false, event: tailnetSettingRecord("POSTURE_INTEGRATION", "CREATE", { targetId: "pi7Kq2CNTRL", new: { provider: "intune" } }) },
    { name: "Integration updated (new credentials)", expected: false, event: tailnetSettingRecord("POSTURE_INTEGRATION", "UPDATE", { targetId: "pi7Kq2CNTRL", old: { provider: "intune" }, new: { provider: "intune" } }) },
    { name: "Posture identity collection enabled", expected: false, event: tailnetSettingRecord("COLLECT_POSTURE_IDENTITY", "ENABLE") },
    { name: "Delete that failed", expected: false, event: tailnetSettingRecord("POSTURE_INTEGRATION", "DELETE", { error: "not found" }) },
    { name: "Service collection disabled (COLLECT_SERVICES), not posture", expected: false, event: tailnetSettingRecord("COLLECT_SERVICES", "DISABLE") },
  ],
});

import { settingDisabledRule, tailnetSettingRecord } from "../../helpers/setting-disabled";

export default settingDisabledRule({
  id: "Tailscale.Audit.SCIMDisabled",
  title: "SCIM provisioning disabled",
  description:
    "User and group provisioning (SCIM) from the identity provider was turned off. People removed or suspended in the IdP keep their tailnet accounts and devices, and group membership in the policy stops following the IdP: offboarding silently stops working.",
  property: "SCIM",
  setting: "SCIM provisioning",
  severity: "HIGH",
  mitre: ["TA0005:T1562.001", "TA0003:T1098"],
  runbook: [
    "Ask the actor whether they turned SCIM off, and why (an IdP migration is the usual reason); confirm through a second channel.",
    "If nobody can explain it, turn it back on: admin console → Settings → User management → User & group provisioning, and re-enter the token in the IdP.",
    "Compare the tailnet's users with the IdP: anyone deprovisioned since the change must be suspended by hand (Users → … → Suspend).",
    "If the actor's account is suspect, suspend it, revoke its keys and open a case.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1290/user-group-provisioning", "https://tailscale.com/kb/1180/sso-okta-scim"],
  tests: [
    { name: "Disabled through the API", expected: true, event: tailnetSettingRecord("SCIM", "DISABLE") },
    { name: "Disabled in the admin console", expected: true, event: tailnetSettingRecord("SCIM", "DISABLE", { origin: "ADMIN_CONSOLE" }) },
    { name: "Enabled", expected: false, event: tailnetSettingRecord("SCIM", "ENABLE") },
    { name: "Disable that failed", expected: false, event: tailnetSettingRecord("SCIM", "DISABLE", { error: "permission denied" }) },
    { name: "Identity provider changed (AUTH_PROVIDER), not SCIM", expected: false, event: tailnetSettingRecord("AUTH_PROVIDER", "UPDATE", { old: "okta", new: "google" }) },
  ],
});

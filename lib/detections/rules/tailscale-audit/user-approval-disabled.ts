import { settingDisabledRule, tailnetSettingRecord } from "../../helpers/setting-disabled";

export default settingDisabledRule({
  id: "Tailscale.Audit.UserApprovalDisabled",
  title: "User approval disabled",
  description:
    "User approval was turned off. Anyone who can sign in through the tailnet's identity provider (including accounts the IdP lets in by mistake, or guests) becomes a tailnet member at once, with the access the policy gives autogroup:member, instead of waiting for an admin.",
  property: "USER_APPROVAL_REQUIRED",
  setting: "User approval",
  severity: "HIGH",
  mitre: ["TA0005:T1562.001", "TA0003:T1136.003"],
  runbook: [
    "Ask the actor whether they turned user approval off, and why; confirm through a second channel.",
    "If nobody can explain it, turn it back on: admin console → Settings → User management → Manually approve new users.",
    "List users who joined since the change (Users, sort by Joined; Config log USER / CREATE) and check each against HR or the IdP; suspend any nobody recognises.",
    "If the actor's account is suspect, suspend it, revoke its keys and open a case.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1239/user-approval"],
  tests: [
    { name: "Disabled through the API", expected: true, event: tailnetSettingRecord("USER_APPROVAL_REQUIRED", "DISABLE") },
    { name: "Disabled in the admin console", expected: true, event: tailnetSettingRecord("USER_APPROVAL_REQUIRED", "DISABLE", { origin: "ADMIN_CONSOLE" }) },
    { name: "Enabled", expected: false, event: tailnetSettingRecord("USER_APPROVAL_REQUIRED", "ENABLE") },
    { name: "Disable that failed", expected: false, event: tailnetSettingRecord("USER_APPROVAL_REQUIRED", "DISABLE", { error: "permission denied" }) },
    { name: "Device approval disabled, a different setting", expected: false, event: tailnetSettingRecord("MACHINE_APPROVAL_NEEDED", "DISABLE") },
  ],
});

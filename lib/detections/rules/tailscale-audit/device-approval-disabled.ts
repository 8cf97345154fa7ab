import { settingDisabledRule, tailnetSettingRecord } from "../../helpers/setting-disabled";
import pantherTests from "./panther/Tailscale.Machine.Approval.Requirements.Disabled.json";

export default settingDisabledRule({
  id: "Tailscale.Audit.DeviceApprovalDisabled",
  title: "Device approval disabled",
  description:
    "Device approval was turned off. Any device that signs in with a tailnet account, or with an auth key, joins the network at once instead of waiting for an admin: a phished account or a leaked key becomes a device on the tailnet without anyone looking at it.",
  property: "MACHINE_APPROVAL_NEEDED",
  setting: "Device approval",
  severity: "HIGH",
  mitre: ["TA0005:T1562.001", "TA0003:T1133"],
  runbook: [
    "Ask the actor whether they turned device approval off, and why; confirm through a second channel.",
    "If nobody can explain it, turn it back on: admin console → Settings → Device management → Manually approve new devices.",
    "List devices added since the change (Machines, sort by Created; Config log NODE / CREATE) and check each one's owner and OS; remove any nobody recognises.",
    "Look for auth keys created around the same time (Config log API_KEY / CREATE): pre-authorized keys bypass approval anyway.",
    "If the actor's account is suspect, suspend it, revoke its keys and open a case.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1099/device-approval", "https://github.com/panther-labs/panther-analysis/tree/develop/rules/tailscale_rules"],
  tests: [
    { name: "Disabled through the API", expected: true, event: tailnetSettingRecord("MACHINE_APPROVAL_NEEDED", "DISABLE") },
    { name: "Disabled in the admin console", expected: true, event: tailnetSettingRecord("MACHINE_APPROVAL_NEEDED", "DISABLE", { origin: "ADMIN_CONSOLE" }) },
    { name: "Enabled", expected: false, event: tailnetSettingRecord("MACHINE_APPROVAL_NEEDED", "ENABLE") },
    { name: "Disable that failed", expected: false, event: tailnetSettingRecord("MACHINE_APPROVAL_NEEDED", "DISABLE", { error: "only owners and admins can change this" }) },
    { name: "User approval disabled, a different setting", expected: false, event: tailnetSettingRecord("USER_APPROVAL_REQUIRED", "DISABLE") },
    { name: "MACHINE_AUTH_NEEDED (a device's own state), not the tailnet setting", expected: false, event: tailnetSettingRecord("MACHINE_AUTH_NEEDED", "DISABLE") },
    ...pantherTests.map((t) => ({ name: `Panther: ${t.name}`, expected: t.expectedResult, event: t.log })),
  ],
});

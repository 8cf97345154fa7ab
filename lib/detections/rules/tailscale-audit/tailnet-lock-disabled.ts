import { settingDisabledRule, tailnetSettingRecord } from "../../helpers/setting-disabled";

export default settingDisabledRule({
  id: "Tailscale.Audit.TailnetLockDisabled",
  title: "Tailnet Lock disabled",
  description:
    "Tailnet Lock was disabled or removed (DISABLE, DELETE, or an update to false or nothing). Without it, devices accept new peers on the coordination server's word alone: the protection against a compromised control plane or admin adding devices without a trusted signature is gone.",
  property: "TKA",
  setting: "Tailnet Lock",
  removable: true,
  severity: "CRITICAL",
  mitre: ["TA0005:T1562.001", "TA0001:T1199"],
  runbook: [
    "Treat it as hostile until confirmed: disabling Tailnet Lock needs a disablement secret, so ask who held one and who used it, through a second channel.",
    "Check the signing nodes: admin console → Settings → Device management → Tailnet Lock, and `tailscale lock status` on a trusted signing node.",
    "List devices added since the change (Config log NODE / CREATE) and verify each one; remove any nobody recognises.",
    "If it was not planned, re-initialise Tailnet Lock with trusted signing keys (`tailscale lock init`) and rotate the disablement secrets.",
    "Open a case; review the actor's other changes and sign-ins around the same time.",
  ].join("\n"),
  reference: ["https://tailscale.com/kb/1226/tailnet-lock", "https://tailscale.com/kb/1230/tailnet-lock-whitepaper"],
  tests: [
    { name: "Disabled through the API", expected: true, event: tailnetSettingRecord("TKA", "DISABLE") },
    { name: "Disabled from the admin console", expected: true, event: tailnetSettingRecord("TKA", "DISABLE", { origin: "ADMIN_CONSOLE" }) },
    { name: "Deleted", expected: true, event: tailnetSettingRecord("TKA", "DELETE") },
    { name: "Updated to false", expected: true, event: tailnetSettingRecord("TKA", "UPDATE", { old: true, new: false }) },
    { name: "Updated to null", expected: true, event: tailnetSettingRecord("TKA", "UPDATE", { old: { enabled: true }, new: null }) },
    { name: "Enabled", expected: false, event: tailnetSettingRecord("TKA", "ENABLE") },
    { name: "Created (initialised)", expected: false, event: tailnetSettingRecord("TKA", "CREATE") },
    { name: "Updated with new trusted keys", expected: false, event: tailnetSettingRecord("TKA", "UPDATE", { old: { keys: 2 }, new: { keys: 3 } }) },
    { name: "Update with no values at all", expected: false, event: tailnetSettingRecord("TKA", "UPDATE") },
    { name: "Disable that failed", expected: false, event: tailnetSettingRecord("TKA", "DISABLE", { error: "invalid disablement secret" }) },
    {
      name: "A device's Tailnet Lock signature updated (NODE, not the tailnet)",
      expected: false,
      event: {
        eventTime: "2026-08-04T09:12:44.101Z",
        eventGroupID: "b1d7f0c2a9e84e1b9c3d5f7a2e4c6b81",
        origin: "NODE",
        actor: { id: "uA1CNTRL", type: "USER", loginName: "alice@example.com", displayName: "Alice" },
        target: { id: "nB2CNTRL", name: "build-01.example.ts.net", type: "NODE", property: "TKA" },
        action: "UPDATE",
        new: null,
        old: "signed",
      },
    },
  ],
});

// Detection settings that make a rule noisy until someone fills them in, said on the rules page
// (the defaults are empty lists: Countersign cannot guess a company's bastions or device owners).
// Pure.
import type { DetectionSettings } from "@/lib/detections/settings-schema";

export type SettingAdvice = { ruleId: string; setting: string; text: string };

export function settingsAdvice(settings: DetectionSettings): SettingAdvice[] {
  const on = (ruleId: string) => settings.rules[ruleId]?.enabled ?? true;
  const advice: SettingAdvice[] = [];
  if (on("Tailscale.Flow.SensitivePortAccess") && settings.sensitivePortAllowList.length === 0) {
    advice.push({
      ruleId: "Tailscale.Flow.SensitivePortAccess",
      setting: "Sensitive-port allow-list",
      text: "is empty, so every SSH, RDP or database connection between devices raises an alert (once per pair a day). Add the bastions, admin devices, tags or people expected to use those ports.",
    });
  }
  if (on("Tailscale.Audit.DeviceChangeByUnexpectedOwner") && settings.expectedDeviceOwners.length === 0) {
    advice.push({
      ruleId: "Tailscale.Audit.DeviceChangeByUnexpectedOwner",
      setting: "Expected device owners",
      text: "is empty, so every device approval, tagging, subnet route or exit node raises an alert. Add the logins or tags of the people and automation that manage devices.",
    });
  }
  return advice;
}

import { describe, expect, it } from "vitest";
import { DEFAULT_DETECTION_SETTINGS } from "@/lib/detections/settings-schema";
import { findRule } from "@/lib/detections/registry";
import { settingsAdvice } from "./settings-advice";

describe("settingsAdvice", () => {
  it("names the empty lists that make rules noisy, as installed", () => {
    expect(settingsAdvice(DEFAULT_DETECTION_SETTINGS).map((a) => a.ruleId)).toEqual(["Tailscale.Flow.SensitivePortAccess", "Tailscale.Audit.DeviceChangeByUnexpectedOwner"]);
  });

  it("names rules that exist", () => {
    for (const a of settingsAdvice(DEFAULT_DETECTION_SETTINGS)) expect(findRule(a.ruleId), a.ruleId).not.toBeNull();
  });

  it("is quiet once the lists are filled in, or the rule is switched off", () => {
    expect(settingsAdvice({ ...DEFAULT_DETECTION_SETTINGS, sensitivePortAllowList: ["tag:bastion"], expectedDeviceOwners: ["it@example.com"] })).toEqual([]);
    const off = { ...DEFAULT_DETECTION_SETTINGS, rules: { "Tailscale.Flow.SensitivePortAccess": { enabled: false }, "Tailscale.Audit.DeviceChangeByUnexpectedOwner": { enabled: false } } };
    expect(settingsAdvice(off)).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { findRule } from "@/lib/detections/registry";
import { DEFAULT_DETECTION_SETTINGS } from "@/lib/detections/settings-schema";
import { ruleMeta, runsLabel } from "./rule-meta";

const meta = (id: string, settings = DEFAULT_DETECTION_SETTINGS) => ruleMeta(findRule(id)!, settings);

describe("how a rule runs, as the rules pages say it", () => {
  it("a threshold rule: its count and window under the settings", () => {
    const m = meta("Tailscale.Audit.RepeatedFailedChanges");
    expect(m.threshold).toEqual({ count: 5, windowMinutes: 15 });
    expect(runsLabel(m)).toBe("Real time, 5 in 15 min");
    expect(runsLabel(m, true)).toBe("In real time, alerting once 5 matching events with the same dedup key fall within 15 min");
    const raised = meta("Tailscale.Audit.RepeatedFailedChanges", { ...DEFAULT_DETECTION_SETTINGS, failedChanges: { windowMinutes: 60, threshold: 20 } });
    expect(runsLabel(raised)).toBe("Real time, 20 in 1 h");
  });

  it("a plain real-time rule and a windowed one", () => {
    const plain = meta("Tailscale.Audit.HTTPSDisabled");
    expect(plain.threshold).toBeNull();
    expect(runsLabel(plain)).toBe("Real time");
    expect(runsLabel(meta("Tailscale.Flow.PortScan"), true)).toBe("Every 5 min, over the window");
  });
});

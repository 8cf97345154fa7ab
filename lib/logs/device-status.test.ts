import { describe, expect, it } from "vitest";
import { deviceStatus } from "./device-status";

describe("deviceStatus", () => {
  const now = new Date("2026-11-21T12:00:00Z");
  it("is reporting within the quiet threshold, quiet after it, peer-only without its own records", () => {
    expect(deviceStatus(new Date("2026-11-21T11:45:00Z"), 15, now)).toBe("reporting");
    expect(deviceStatus(new Date("2026-11-21T11:44:59Z"), 15, now)).toBe("quiet");
    expect(deviceStatus(null, 15, now)).toBe("peer-only");
  });
});

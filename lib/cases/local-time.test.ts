import { describe, expect, it } from "vitest";
import { localTimeToIso } from "./local-time";

describe("localTimeToIso", () => {
  it("reads a picker's local time in the zone given", () => {
    expect(localTimeToIso("2026-11-20T09:15", "Europe/Berlin", "at")).toBe("2026-11-20T08:15:00.000Z");
    expect(localTimeToIso("2026-07-01T09:15", "America/New_York", "at")).toBe("2026-07-01T13:15:00.000Z");
    expect(localTimeToIso("2026-11-20T09:15", "", "at")).toBe("2026-11-20T09:15:00.000Z");
  });
  it("leaves an empty value out and refuses bad ones with a field error", () => {
    expect(localTimeToIso("", "UTC", "at")).toBeUndefined();
    expect(localTimeToIso(undefined, "UTC", "at")).toBeUndefined();
    expect(() => localTimeToIso("yesterday", "UTC", "at")).toThrow(expect.objectContaining({ code: "INVALID_INPUT", details: { fieldErrors: { at: [expect.any(String)] } } }));
    expect(() => localTimeToIso("2026-11-20T09:15", "Mars/Olympus", "at")).toThrow(expect.objectContaining({ code: "INVALID_INPUT", details: { fieldErrors: { timeZone: [expect.any(String)] } } }));
  });
});

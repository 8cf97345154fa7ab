import { describe, expect, it } from "vitest";
import { actionsFor, changeOf, refusalOf } from "./status";
import { ZAlertChange, ZAlertFilter, ZAlertPatch, decodeAlertCursor, encodeAlertCursor, suppressionEnd } from "./schemas";

describe("alert status rules", () => {
  it("offers only the actions that apply", () => {
    expect(actionsFor({ status: "OPEN", assigneeId: null })).toEqual(["acknowledge", "assign", "dismiss"]);
    expect(actionsFor({ status: "ACKNOWLEDGED", assigneeId: "u" })).toEqual(["assign", "unassign", "dismiss", "reopen"]);
    expect(actionsFor({ status: "DISMISSED", assigneeId: null })).toEqual(["reopen"]);
    expect(actionsFor({ status: "LINKED", assigneeId: null })).toEqual(["assign"]);
  });

  it("says why an action does not apply", () => {
    expect(refusalOf({ status: "ACKNOWLEDGED", assigneeId: null }, { action: "acknowledge" })).toMatch(/already acknowledged/);
    expect(refusalOf({ status: "OPEN", assigneeId: "a" }, { action: "assign", assigneeId: "a" })).toMatch(/already assigned/);
  });

  it("reopening clears the dismissal", () => {
    expect(changeOf({ action: "reopen" }, new Date())).toMatchObject({ status: "OPEN", dismissal: null, dismissReason: null });
  });
});

describe("alert schemas", () => {
  it("reads statuses and severities as sets, any case, comma-separated or repeated", () => {
    expect(ZAlertFilter.parse({ status: "open,acknowledged", severity: ["HIGH", "critical"] })).toMatchObject({ status: ["OPEN", "ACKNOWLEDGED"], severity: ["HIGH", "CRITICAL"] });
    expect(ZAlertFilter.safeParse({ status: "SHOUTING" }).success).toBe(false);
    expect(ZAlertFilter.parse({ status: "" }).status).toBeUndefined();
  });

  it("round-trips cursors and refuses strange ones", () => {
    const c = { rank: 3, micros: 1_784_800_000_123_456n, id: 42 };
    expect(decodeAlertCursor(encodeAlertCursor(c))).toEqual(c);
    expect(decodeAlertCursor("9_1_1")).toBeNull();
    expect(decodeAlertCursor("1_1_99999999999")).toBeNull();
  });

  it("needs a reason and a kind to dismiss", () => {
    expect(ZAlertChange.safeParse({ action: "dismiss", dismissal: "BENIGN", reason: "" }).success).toBe(false);
    expect(ZAlertChange.safeParse({ action: "dismiss", reason: "planned maintenance" }).success).toBe(false);
    expect(ZAlertPatch.safeParse({ status: "DISMISSED", dismissal: "BENIGN", version: 1 }).success).toBe(false);
    expect(ZAlertPatch.safeParse({ status: "DISMISSED", dismissal: "BENIGN", reason: "ok, planned", version: 1 }).success).toBe(true);
    expect(ZAlertPatch.safeParse({ status: "LINKED", version: 1 }).success).toBe(false);
    expect(ZAlertPatch.safeParse({ version: 1 }).success).toBe(false);
  });

  it("ends suppressions within a year, never in the past", () => {
    const now = new Date("2026-11-21T10:00:00Z");
    expect(suppressionEnd({ period: "24h", reason: "x" }, now)?.toISOString()).toBe("2026-11-22T10:00:00.000Z");
    expect(suppressionEnd({ period: "until", until: { at: new Date("2026-11-25T00:00:00Z"), isDay: true }, reason: "x" }, now)?.toISOString()).toBe("2026-11-26T00:00:00.000Z");
    expect(suppressionEnd({ period: "until", until: { at: new Date("2026-11-01T00:00:00Z"), isDay: true }, reason: "x" }, now)).toBeNull();
  });
});

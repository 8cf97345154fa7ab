import { describe, expect, it } from "vitest";
import { countdown, disclosureDeadline, dueAt } from "./deadlines";

const aware = new Date("2026-11-19T15:30:00Z"); // a Thursday

describe("disclosure deadlines", () => {
  it("72 hours is exactly 72 hours after awareness", () => {
    expect(disclosureDeadline({ preset: "HOURS_72", awareAt: aware })).toEqual({ ok: true, deadline: new Date("2026-11-22T15:30:00Z") });
  });

  it("4 business days skip the weekend, in the company's time zone", () => {
    // Thursday + 4 business days = next Wednesday, same time of day.
    expect(disclosureDeadline({ preset: "BUSINESS_DAYS_4", awareAt: aware })).toEqual({ ok: true, deadline: new Date("2026-11-25T15:30:00Z") });
    // 23:30 on Friday in UTC is already Saturday 08:30 in Tokyo: there, Monday is the first
    // business day and Thursday 08:30 the fourth; in UTC it is still Friday, four business days on is Thursday 23:30.
    const friday = new Date("2026-11-20T23:30:00Z");
    expect(disclosureDeadline({ preset: "BUSINESS_DAYS_4", awareAt: friday, timeZone: "Asia/Tokyo" })).toEqual({ ok: true, deadline: new Date("2026-11-25T23:30:00Z") });
    expect(disclosureDeadline({ preset: "BUSINESS_DAYS_4", awareAt: friday })).toEqual({ ok: true, deadline: new Date("2026-11-26T23:30:00Z") });
  });

  it("a custom deadline must be given, after awareness, and not already past", () => {
    expect(disclosureDeadline({ preset: "CUSTOM", awareAt: aware })).toMatchObject({ ok: false });
    expect(disclosureDeadline({ preset: "CUSTOM", awareAt: aware, custom: new Date("2026-11-18T00:00:00Z") })).toMatchObject({ ok: false, reason: expect.stringContaining("after the time") });
    expect(disclosureDeadline({ preset: "CUSTOM", awareAt: aware, custom: new Date("2026-11-20T00:00:00Z"), now: new Date("2026-11-21T00:00:00Z") })).toMatchObject({ ok: false, reason: expect.stringContaining("already past") });
    expect(disclosureDeadline({ preset: "CUSTOM", awareAt: aware, custom: new Date("2026-12-01T09:00:00Z"), now: new Date("2026-11-21T00:00:00Z") })).toEqual({ ok: true, deadline: new Date("2026-12-01T09:00:00Z") });
    expect(disclosureDeadline({ preset: "HOURS_72", awareAt: new Date("nonsense") })).toMatchObject({ ok: false });
  });
});

describe("clocks", () => {
  it("due dates follow the severity", () => {
    expect(dueAt("CRITICAL", aware)).toEqual(new Date("2026-11-20T15:30:00Z"));
    expect(dueAt("LOW", aware, { CRITICAL: 1, HIGH: 2, MEDIUM: 3, LOW: 4, INFO: 5 })).toEqual(new Date("2026-11-19T19:30:00Z"));
  });

  it("counts down, then up once overdue", () => {
    const deadline = new Date("2026-11-22T15:30:00Z");
    expect(countdown(deadline, new Date("2026-11-20T10:30:00Z"))).toMatchObject({ overdue: false, label: "in 2 d 5 h" });
    expect(countdown(deadline, new Date("2026-11-22T18:40:00Z"))).toMatchObject({ overdue: true, label: "3 h 10 min overdue" });
    expect(countdown(deadline, new Date("2026-11-22T15:20:00Z"))).toMatchObject({ overdue: false, label: "in 10 min" });
  });
});

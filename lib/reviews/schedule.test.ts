import { describe, expect, it } from "vitest";
import { duePeriod, latestBoundary, nextBoundary, previousBoundary, REVIEW_SCHEDULE_DEFAULTS, ZReviewSchedule, type ReviewSchedule } from "./schedule";

const berlinDaily: ReviewSchedule = { frequency: "daily", weekday: 1, hour: 9, timeZone: "Europe/Berlin", graceHours: 24 };
const berlinWeekly: ReviewSchedule = { ...berlinDaily, frequency: "weekly", weekday: 1 };
const hours = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 3_600_000;

describe("review schedule", () => {
  it("daily: the latest 09:00 local at or before now", () => {
    expect(latestBoundary(berlinDaily, new Date("2026-11-21T08:00:00Z")).toISOString()).toBe("2026-11-21T08:00:00.000Z");
    expect(latestBoundary(berlinDaily, new Date("2026-11-21T07:59:59Z")).toISOString()).toBe("2026-11-20T08:00:00.000Z");
    expect(nextBoundary(berlinDaily, new Date("2026-11-21T07:59:59Z")).toISOString()).toBe("2026-11-21T08:00:00.000Z");
  });

  it("daily across the spring DST change is 23 hours, across the autumn change 25", () => {
    const spring = latestBoundary(berlinDaily, new Date("2026-03-29T12:00:00Z")); // 09:00 CEST = 07:00Z
    expect(spring.toISOString()).toBe("2026-03-29T07:00:00.000Z");
    expect(hours(previousBoundary(berlinDaily, spring), spring)).toBe(23);
    const autumn = latestBoundary(berlinDaily, new Date("2026-10-25T12:00:00Z")); // 09:00 CET = 08:00Z
    expect(autumn.toISOString()).toBe("2026-10-25T08:00:00.000Z");
    expect(hours(previousBoundary(berlinDaily, autumn), autumn)).toBe(25);
  });

  it("weekly: the weekday and hour in the zone, 167 hours across DST", () => {
    // 2026-11-21 is a Saturday; the latest Monday 09:00 Berlin is 2026-11-16 08:00Z.
    expect(latestBoundary(berlinWeekly, new Date("2026-11-21T12:00:00Z")).toISOString()).toBe("2026-11-16T08:00:00.000Z");
    expect(nextBoundary(berlinWeekly, new Date("2026-11-21T12:00:00Z")).toISOString()).toBe("2026-11-23T08:00:00.000Z");
    const afterSpring = latestBoundary(berlinWeekly, new Date("2026-03-31T00:00:00Z")); // Monday 30 March
    expect(afterSpring.toISOString()).toBe("2026-03-30T07:00:00.000Z");
    expect(hours(previousBoundary(berlinWeekly, afterSpring), afterSpring)).toBe(167);
  });

  it("a zone west of UTC: the local day, not the UTC day", () => {
    const ny: ReviewSchedule = { ...berlinDaily, timeZone: "America/New_York", hour: 22 };
    // 2026-11-21T02:00Z is 21:00 on the 20th in New York: the latest 22:00 is the 19th's.
    expect(latestBoundary(ny, new Date("2026-11-21T02:00:00Z")).toISOString()).toBe("2026-11-20T03:00:00.000Z");
  });

  it("the due period starts where the last review ended, or one period back", () => {
    const now = new Date("2026-11-21T12:00:00Z");
    const first = duePeriod(berlinDaily, now, null)!;
    expect(first.periodStart.toISOString()).toBe("2026-11-20T08:00:00.000Z");
    expect(first.periodEnd.toISOString()).toBe("2026-11-21T08:00:00.000Z");
    expect(first.dueAt.toISOString()).toBe("2026-11-22T08:00:00.000Z");
    expect(duePeriod(berlinDaily, now, first.periodEnd)).toBeNull();
    const catchUp = duePeriod(berlinDaily, now, new Date("2026-11-17T08:00:00Z"))!;
    expect(hours(catchUp.periodStart, catchUp.periodEnd)).toBe(96);
  });

  it("rejects unknown zones, weekdays and frequencies", () => {
    expect(ZReviewSchedule.safeParse({ ...REVIEW_SCHEDULE_DEFAULTS, timeZone: "Mars/Olympus" }).success).toBe(false);
    expect(ZReviewSchedule.safeParse({ ...REVIEW_SCHEDULE_DEFAULTS, weekday: 8 }).success).toBe(false);
    expect(ZReviewSchedule.safeParse({ ...REVIEW_SCHEDULE_DEFAULTS, frequency: "hourly" }).success).toBe(false);
    expect(ZReviewSchedule.safeParse(REVIEW_SCHEDULE_DEFAULTS).success).toBe(true);
  });
});

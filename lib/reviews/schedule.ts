// The log review schedule, pure: when a review period ends ("the boundary") in a time zone,
// daily or weekly at an hour, and which period a review created at a given moment covers.
// Boundaries are local wall-clock times, so a period across a DST change is 23 or 25 hours
// (daily) or 167 or 169 hours (weekly).
import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import { z } from "zod";

export const REVIEW_FREQUENCIES = ["daily", "weekly"] as const;
export type ReviewFrequency = (typeof REVIEW_FREQUENCIES)[number];

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const ZReviewSchedule = z.object({
  frequency: z.enum(REVIEW_FREQUENCIES),
  weekday: z.coerce.number().int().min(1).max(7),
  hour: z.coerce.number().int().min(0).max(23),
  timeZone: z.string().trim().min(1).max(64).refine(isTimeZone, "Unknown time zone."),
  /** Hours after the period ends before an open review is overdue. */
  graceHours: z.coerce.number().int().min(1).max(24 * 14),
});
export type ReviewSchedule = z.infer<typeof ZReviewSchedule>;

export const REVIEW_SCHEDULE_DEFAULTS: ReviewSchedule = { frequency: "weekly", weekday: 1, hour: 9, timeZone: "UTC", graceHours: 48 };

type LocalDay = { y: number; m: number; d: number };

function localDay(instant: Date, timeZone: string): LocalDay {
  const [y, m, d] = formatInTimeZone(instant, timeZone, "yyyy-MM-dd").split("-").map(Number) as [number, number, number];
  return { y, m, d };
}

function addDays(day: LocalDay, days: number): LocalDay {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** ISO weekday (1 = Monday) of a calendar day. */
function isoWeekday(day: LocalDay): number {
  const w = new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** The instant of `hour`:00 local time on a calendar day (a skipped hour moves forward, fromZonedTime). */
function at(day: LocalDay, hour: number, timeZone: string): Date {
  const pad = (n: number) => String(n).padStart(2, "0");
  return fromZonedTime(`${day.y}-${pad(day.m)}-${pad(day.d)}T${pad(hour)}:00:00`, timeZone);
}

/** The latest period boundary at or before `now`. */
export function latestBoundary(schedule: ReviewSchedule, now: Date): Date {
  let day = localDay(now, schedule.timeZone);
  for (let i = 0; i < 9; i++) {
    const matchesDay = schedule.frequency === "daily" || isoWeekday(day) === schedule.weekday;
    if (matchesDay) {
      const candidate = at(day, schedule.hour, schedule.timeZone);
      if (candidate.getTime() <= now.getTime()) return candidate;
    }
    day = addDays(day, -1);
  }
  throw new Error("no review boundary within nine days");
}

/** The boundary one period before a boundary. */
export function previousBoundary(schedule: ReviewSchedule, boundary: Date): Date {
  return latestBoundary(schedule, new Date(boundary.getTime() - 1));
}

/** The boundary after a moment (the next time a review is created). */
export function nextBoundary(schedule: ReviewSchedule, now: Date): Date {
  const step = schedule.frequency === "daily" ? 1 : 7;
  let day = localDay(latestBoundary(schedule, now), schedule.timeZone);
  for (let i = 0; i < 3; i++) {
    day = addDays(day, step);
    const candidate = at(day, schedule.hour, schedule.timeZone);
    if (candidate.getTime() > now.getTime()) return candidate;
  }
  throw new Error("no next review boundary");
}

export type DuePeriod = { periodStart: Date; periodEnd: Date; dueAt: Date };

/**
 * The review due at `now`, if any: it ends at the latest boundary and starts where the previous
 * review ended (the whole time since, even after the worker was down for several periods), or
 * one period before the boundary for the first review. Null when the latest boundary is covered.
 */
export function duePeriod(schedule: ReviewSchedule, now: Date, previousEnd: Date | null): DuePeriod | null {
  const periodEnd = latestBoundary(schedule, now);
  if (previousEnd && previousEnd.getTime() >= periodEnd.getTime()) return null;
  const periodStart = previousEnd ?? previousBoundary(schedule, periodEnd);
  return { periodStart, periodEnd, dueAt: new Date(periodEnd.getTime() + schedule.graceHours * 3_600_000) };
}

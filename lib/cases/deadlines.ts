// The clocks of a case: disclosure obligations counted from the time the team became aware
// (72 hours, 4 business days, or a date given), and the response due date per severity (SLA).
// Pure: times come in as Dates, the time zone that defines "business day" as an IANA name.
import { addBusinessDays, addHours } from "date-fns";
import { fromZonedTime, toZonedTime } from "date-fns-tz";
import type { Severity } from "@/lib/detections/severity";

export const DEADLINE_PRESETS = ["HOURS_72", "BUSINESS_DAYS_4", "CUSTOM"] as const;
export type DeadlinePreset = (typeof DEADLINE_PRESETS)[number];

export const PRESET_LABELS: Record<DeadlinePreset, string> = {
  HOURS_72: "72 hours from awareness",
  BUSINESS_DAYS_4: "4 business days from awareness",
  CUSTOM: "A date of your choosing",
};

export type DeadlineResult = { ok: true; deadline: Date } | { ok: false; reason: string };

/**
 * The deadline of an obligation. Business days skip Saturdays and Sundays as they fall in
 * `timeZone`, and keep the time of day of the awareness there. A custom deadline must be after
 * the awareness time and, when the obligation is new, not already past.
 */
export function disclosureDeadline(input: { preset: DeadlinePreset; awareAt: Date; custom?: Date | null; timeZone?: string; now?: Date }): DeadlineResult {
  const { preset, awareAt } = input;
  if (Number.isNaN(awareAt.getTime())) return { ok: false, reason: "The awareness time is not a valid time." };
  switch (preset) {
    case "HOURS_72":
      return { ok: true, deadline: addHours(awareAt, 72) };
    case "BUSINESS_DAYS_4": {
      const zone = input.timeZone ?? "UTC";
      const local = toZonedTime(awareAt, zone);
      return { ok: true, deadline: fromZonedTime(addBusinessDays(local, 4), zone) };
    }
    case "CUSTOM": {
      const custom = input.custom;
      if (!custom || Number.isNaN(custom.getTime())) return { ok: false, reason: "Give the deadline's date and time." };
      if (custom <= awareAt) return { ok: false, reason: "The deadline must be after the time the team became aware." };
      if (input.now && custom <= input.now) return { ok: false, reason: "The deadline is already past: give a time still ahead." };
      return { ok: true, deadline: custom };
    }
  }
}

/** Hours to resolve a case of each severity (settings may change them). */
export const DEFAULT_SLA_HOURS: Record<Severity, number> = { CRITICAL: 24, HIGH: 72, MEDIUM: 7 * 24, LOW: 14 * 24, INFO: 30 * 24 };

export function dueAt(severity: Severity, awareAt: Date, slaHours: Record<Severity, number> = DEFAULT_SLA_HOURS): Date {
  return addHours(awareAt, slaHours[severity]);
}

export type Countdown = { overdue: boolean; ms: number; label: string };

/** What a countdown shows: "in 2 d 5 h", "3 h 10 min overdue". */
export function countdown(deadline: Date, now: Date): Countdown {
  const ms = deadline.getTime() - now.getTime();
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const text = days ? `${days} d ${hours} h` : hours ? `${hours} h ${minutes} min` : `${minutes} min`;
  return { overdue: ms < 0, ms, label: ms < 0 ? `${text} overdue` : `in ${text}` };
}

// Dates as people read them in tables: UTC, minute precision, unambiguous.
import { formatInTimeZone } from "date-fns-tz";

export function formatDateTime(date: Date | string | null | undefined): string {
  if (!date) return "";
  return formatInTimeZone(new Date(date), "UTC", "yyyy-MM-dd HH:mm 'UTC'");
}

export function formatDateTimeSeconds(date: Date | string | null | undefined): string {
  if (!date) return "";
  return formatInTimeZone(new Date(date), "UTC", "yyyy-MM-dd HH:mm:ss 'UTC'");
}

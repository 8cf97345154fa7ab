// A date-time picker's local value ("2026-11-21T14:05") in the time zone a person gave, as an ISO
// instant for the case operations; bad values are field errors. Pure.
import { fromZonedTime } from "date-fns-tz";
import { AppError } from "@/lib/errors";
import { ZTimeZone } from "@/lib/reports/schemas";

export function localTimeToIso(value: unknown, zone: unknown, field: string): string | undefined {
  if (typeof value !== "string" || !value.trim()) return undefined;
  const tz = ZTimeZone.safeParse(typeof zone === "string" && zone.trim() ? zone.trim() : "UTC");
  if (!tz.success) throw new AppError("INVALID_INPUT", "Choose a time zone such as Europe/Berlin.", { fieldErrors: { timeZone: ["Choose a time zone such as Europe/Berlin."] } });
  const bad = () => new AppError("INVALID_INPUT", "Give the date and time as the picker shows them.", { fieldErrors: { [field]: ["Give the date and time as the picker shows them."] } });
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value.trim())) throw bad();
  const date = fromZonedTime(value.trim(), tz.data);
  if (Number.isNaN(date.getTime())) throw bad();
  return date.toISOString();
}

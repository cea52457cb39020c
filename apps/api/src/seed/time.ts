// Moments of the demo's history, written in Vietnam time as the registers were kept.
import { addDays, type CalendarDate } from "@sodoan/domain";

/** An instant on a date at a time of day in Vietnam, e.g. `2017-09-01T13:00:00+07:00`. */
export function vietnamTime(date: CalendarDate, time = "09:00"): string {
  return `${date}T${time}:00+07:00`;
}

/** An instant some days after a date, at a time of day in Vietnam. */
export function daysAfter(date: CalendarDate, days: number, time = "09:00"): string {
  return vietnamTime(addDays(date, days), time);
}

// Dates and moments as the domain reads them: calendar dates in Vietnam time (UTC+7), recording
// instants, inclusive periods, and the "as of D, known at T" view every figure is asked in.
import { z } from "zod";
import { bilingual } from "../i18n/message.js";

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A calendar date in Vietnam time, `YYYY-MM-DD`. Such strings sort and compare as dates.
 * @example CalendarDateSchema.parse("2017-08-31")
 */
export const CalendarDateSchema = z
  .string()
  .refine((value) => DATE_PATTERN.test(value), {
    ...bilingual("Ngày phải có dạng YYYY-MM-DD", "The date must be written YYYY-MM-DD"),
    abort: true,
  })
  .refine(
    (value) => {
      const [, y, m, d] = DATE_PATTERN.exec(value) ?? [];
      return isRealDate(Number(y), Number(m), Number(d));
    },
    bilingual("Ngày không tồn tại trong lịch", "No such day in the calendar"),
  );
export type CalendarDate = z.infer<typeof CalendarDateSchema>;

/**
 * A moment, ISO 8601 with its offset (`2017-09-01T13:00:00+07:00`); when something was recorded.
 * @example InstantSchema.parse("2017-09-01T06:00:00Z")
 */
export const InstantSchema = z
  .string()
  .refine(
    (value) => z.iso.datetime({ offset: true }).safeParse(value).success,
    bilingual(
      "Thời điểm phải theo ISO 8601, kèm múi giờ (2017-09-01T13:00:00+07:00)",
      "The moment must be ISO 8601 with its offset (2017-09-01T13:00:00+07:00)",
    ),
  );
export type Instant = z.infer<typeof InstantSchema>;

/**
 * A date of which sometimes only the year or the month is known: `1995`, `1995-04`, `1995-04-12`.
 * Nothing is invented for the missing parts.
 */
export const PartialDateSchema = z
  .string()
  .refine((value) => /^\d{4}(-\d{2}(-\d{2})?)?$/.test(value), {
    ...bilingual(
      "Ngày phải có dạng YYYY, YYYY-MM hoặc YYYY-MM-DD",
      "Write the date as YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    abort: true,
  })
  .refine(
    (value) => {
      const [y, m, d] = value.split("-").map(Number);
      if (m === undefined) return true;
      if (m < 1 || m > 12) return false;
      return d === undefined || isRealDate(y ?? 0, m, d);
    },
    bilingual("Ngày không tồn tại trong lịch", "No such day in the calendar"),
  );
export type PartialDate = z.infer<typeof PartialDateSchema>;

/** An inclusive period: both `from` and `to` belong to it. */
export const PeriodSchema = z
  .object({ from: CalendarDateSchema, to: CalendarDateSchema })
  .refine(
    (period) => period.from <= period.to,
    bilingual("Ngày kết thúc không được sớm hơn ngày bắt đầu", "The end must not come before the start", [
      "to",
    ]),
  );
export type Period = z.infer<typeof PeriodSchema>;

/**
 * How a question about the records is asked: everything that took effect on or before `asOf`,
 * and, when `knownAt` is given, only what had been recorded by then.
 */
export const TimeViewSchema = z.object({
  asOf: CalendarDateSchema,
  knownAt: InstantSchema.optional(),
});
export type TimeView = z.infer<typeof TimeViewSchema>;

/** A fact or event with the date it took effect and the moment it was recorded. */
export type Dated = { effectiveDate: CalendarDate; recordedAt: Instant };

/** Milliseconds since the epoch of an instant; instants with different offsets compare by this. */
export function instantToMillis(instant: Instant): number {
  return Date.parse(instant);
}

/**
 * Whether a dated fact belongs to a view: effective on or before `asOf`, recorded by `knownAt`.
 * @example isVisible({ effectiveDate: "2017-08-31", recordedAt: "2017-09-01T00:00:00Z" }, { asOf: "2017-08-31" }) // true
 */
export function isVisible(fact: Dated, view: TimeView): boolean {
  if (fact.effectiveDate > view.asOf) return false;
  return view.knownAt === undefined || instantToMillis(fact.recordedAt) <= instantToMillis(view.knownAt);
}

/** Whether a date lies in an inclusive period. */
export function isInPeriod(date: CalendarDate, period: Period): boolean {
  return date >= period.from && date <= period.to;
}

/**
 * The calendar date in Vietnam (UTC+7) at an instant.
 * @example toVietnamDate("2017-08-31T18:00:00Z") // "2017-09-01"
 */
export function toVietnamDate(instant: Instant | Date): CalendarDate {
  const millis = instant instanceof Date ? instant.getTime() : instantToMillis(instant);
  return new Date(millis + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The start of a calendar day in Vietnam, as an instant. */
export function startOfVietnamDay(date: CalendarDate): Instant {
  return new Date(Date.parse(`${date}T00:00:00Z`) - VIETNAM_OFFSET_MS).toISOString();
}

/** The year of a calendar or partial date. */
export function yearOf(date: CalendarDate | PartialDate): number {
  return Number(date.slice(0, 4));
}

/** 1 January of a year. */
export function startOfYear(year: number): CalendarDate {
  return `${String(year).padStart(4, "0")}-01-01`;
}

/** 31 December of a year. */
export function endOfYear(year: number): CalendarDate {
  return `${String(year).padStart(4, "0")}-12-31`;
}

/** The whole calendar year as a period. */
export function yearPeriod(year: number): Period {
  return { from: startOfYear(year), to: endOfYear(year) };
}

/** A date moved by whole days (negative to go back). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A date moved by whole years; 29 February falls back to 28 February in a common year. */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const year = y + years;
  const day = Math.min(d, daysInMonth(year, m));
  return `${String(year).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The earliest and latest full dates a partial date can stand for. */
export function partialDateBounds(date: PartialDate): { earliest: CalendarDate; latest: CalendarDate } {
  const [y, m, d] = date.split("-").map(Number) as [number, number | undefined, number | undefined];
  const year = String(y).padStart(4, "0");
  if (m === undefined) return { earliest: `${year}-01-01`, latest: `${year}-12-31` };
  const month = String(m).padStart(2, "0");
  if (d === undefined) {
    return { earliest: `${year}-${month}-01`, latest: `${year}-${month}-${daysInMonth(y, m)}` };
  }
  return { earliest: date, latest: date };
}

function completedYears(birth: CalendarDate, on: CalendarDate): number {
  const years = yearOf(on) - yearOf(birth);
  return on.slice(5) >= birth.slice(5) ? years : years - 1;
}

/**
 * The age in completed years on a date, as a range when the birth date is partial:
 * `min === max` when it is certain.
 * @example ageOn("2000", "2017-08-31") // { min: 16, max: 17 }
 */
export function ageOn(birth: PartialDate, on: CalendarDate): { min: number; max: number } {
  const { earliest, latest } = partialDateBounds(birth);
  return { min: completedYears(latest, on), max: completedYears(earliest, on) };
}

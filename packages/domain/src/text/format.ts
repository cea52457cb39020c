// Numbers, percentages and dates written for Vietnamese and English readers, without locale data.
import type { Locale } from "../i18n/message.js";
import { type CalendarDate, type Instant, instantToMillis, type PartialDate } from "../time/index.js";

const SEPARATORS = {
  vi: { group: ".", decimal: "," },
  en: { group: ",", decimal: "." },
} as const satisfies Record<Locale, { group: string; decimal: string }>;

const MONTHS_EN = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** How many decimals a number is written with. */
export type NumberFormatOptions = { minimumFractionDigits?: number; maximumFractionDigits?: number };

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * A number with the reader's separators: thousands grouped, at most two decimals unless asked.
 * @example formatNumber(1587, "vi") // "1.587"
 * @example formatNumber(1587.5, "en") // "1,587.5"
 */
export function formatNumber(value: number, locale: Locale, options: NumberFormatOptions = {}): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "∞" : "-∞";
  const maximum = options.maximumFractionDigits ?? Math.max(2, options.minimumFractionDigits ?? 0);
  const minimum = Math.min(options.minimumFractionDigits ?? 0, maximum);
  const { group, decimal } = SEPARATORS[locale];
  const fixed = Math.abs(value).toFixed(maximum);
  let [whole = "0", fraction = ""] = fixed.split(".");
  while (fraction.length > minimum && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  const isZero = /^0*$/.test(whole + fraction);
  const sign = value < 0 && !isZero ? "-" : "";
  return `${sign}${groupThousands(whole, group)}${fraction.length > 0 ? decimal + fraction : ""}`;
}

/**
 * A ratio as a percentage, with one decimal unless asked otherwise.
 * @example formatPercent(0.5876, "vi") // "58,8%"
 * @example formatPercent(0.5876, "en") // "58.8%"
 */
export function formatPercent(ratio: number, locale: Locale, options: { decimals?: number } = {}): string {
  const decimals = options.decimals ?? 1;
  const value = formatNumber(ratio * 100, locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return `${value}%`;
}

/**
 * A calendar date as readers write it: Vietnamese `31/08/2017`; English `31 Aug 2017` (day, short
 * month, year, which no reader can take for month/day). A partial date shows what is known:
 * `08/2017` or `Aug 2017`, and the year alone.
 * @example formatDate("2017-08-31", "vi") // "31/08/2017"
 * @example formatDate("2017-08-31", "en") // "31 Aug 2017"
 */
export function formatDate(date: CalendarDate | PartialDate, locale: Locale): string {
  const [year = "", month, day] = date.split("-");
  const monthName = month === undefined ? "" : (MONTHS_EN[Number(month) - 1] ?? month);
  if (month === undefined) return year;
  if (day === undefined) return locale === "vi" ? `${month}/${year}` : `${monthName} ${year}`;
  return locale === "vi" ? `${day}/${month}/${year}` : `${Number(day)} ${monthName} ${year}`;
}

/**
 * A moment in Vietnam time (UTC+7), whatever offset it was recorded with.
 * @example formatDateTime("2017-09-01T06:00:00Z", "vi") // "13:00 01/09/2017"
 * @example formatDateTime("2017-09-01T06:00:00Z", "en") // "13:00, 1 Sep 2017"
 */
export function formatDateTime(instant: Instant | Date, locale: Locale): string {
  const millis = instant instanceof Date ? instant.getTime() : instantToMillis(instant);
  const local = new Date(millis + VIETNAM_OFFSET_MS).toISOString();
  const time = local.slice(11, 16);
  const date = formatDate(local.slice(0, 10), locale);
  return locale === "vi" ? `${time} ${date}` : `${time}, ${date}`;
}

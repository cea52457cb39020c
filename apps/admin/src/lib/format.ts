// Numbers and dates for Vietnamese and English readers, as the domain writes them. The domain's own
// functions sit in a module beside its zod schemas, and importing them would put zod into the first
// download; format.test.ts holds these copies to the domain's answers.
import type { Locale } from "@sodoan/domain";

const SEPARATORS = {
  vi: { group: ".", decimal: "," },
  en: { group: ",", decimal: "." },
} as const;
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * A number with the reader's separators, at most two decimals unless asked.
 * @example formatNumber(1587, "vi") // "1.587"
 */
export function formatNumber(
  value: number,
  locale: Locale,
  options: { minimumFractionDigits?: number; maximumFractionDigits?: number } = {},
): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "∞" : "-∞";
  const maximum = options.maximumFractionDigits ?? Math.max(2, options.minimumFractionDigits ?? 0);
  const minimum = Math.min(options.minimumFractionDigits ?? 0, maximum);
  const { group, decimal } = SEPARATORS[locale];
  let [whole = "0", fraction = ""] = Math.abs(value).toFixed(maximum).split(".");
  while (fraction.length > minimum && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  const sign = value < 0 && !/^0*$/.test(whole + fraction) ? "-" : "";
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${sign}${grouped}${fraction.length > 0 ? decimal + fraction : ""}`;
}

/** A ratio as a percentage with one decimal: `58,8%`. */
export function formatPercent(ratio: number, locale: Locale): string {
  return `${formatNumber(ratio * 100, locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

/** A calendar or partial date: `31/08/2017` in Vietnamese, `31 Aug 2017` in English. */
export function formatDate(date: string, locale: Locale): string {
  const [year = "", month, day] = date.split("-");
  if (month === undefined) return year;
  const monthName = MONTHS_EN[Number(month) - 1] ?? month;
  if (day === undefined) return locale === "vi" ? `${month}/${year}` : `${monthName} ${year}`;
  return locale === "vi" ? `${day}/${month}/${year}` : `${Number(day)} ${monthName} ${year}`;
}

/** A moment in Vietnam time (UTC+7): `13:00 01/09/2017`. */
export function formatDateTime(instant: string | Date, locale: Locale): string {
  const millis = instant instanceof Date ? instant.getTime() : Date.parse(instant);
  const local = new Date(millis + VIETNAM_OFFSET_MS).toISOString();
  const date = formatDate(local.slice(0, 10), locale);
  return locale === "vi" ? `${local.slice(11, 16)} ${date}` : `${local.slice(11, 16)}, ${date}`;
}

/** Today's (or a moment's) date in Vietnam, whatever the browser's time zone. */
export function toVietnamDate(instant: Date = new Date()): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

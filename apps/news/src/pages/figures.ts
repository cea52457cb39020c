// How a quoted figure is written for readers, and which number of a computed figure it quotes.
import { formatDate, formatNumber, formatPercent, type QuotedFigure } from "@sodoan/domain";

/** A figure's value as readers read it: 1.587, or 58,8% for a ratio. */
export function formatFigureValue(value: number, unit: QuotedFigure["unit"]): string {
  return unit === "ratio" ? formatPercent(value, "vi") : formatNumber(value, "vi");
}

/** "tính đến 31/08/2017" or "từ 01/01/2014 đến 31/08/2017". */
export function describeFigureTime(figure: Pick<QuotedFigure, "asOf" | "period">): string {
  if (figure.period !== undefined) {
    return `từ ${formatDate(figure.period.from, "vi")} đến ${formatDate(figure.period.to, "vi")}`;
  }
  return figure.asOf === undefined ? "" : `tính đến ${formatDate(figure.asOf, "vi")}`;
}

/**
 * The one number a quote takes from a metric's value: the number itself, the members counted, a
 * rate, or a distribution's total. Null when the public may not see it (a small group) or the value
 * has no such number.
 */
export function quotedNumberOf(value: unknown, unit: QuotedFigure["unit"]): number | null {
  if (typeof value === "number") return value;
  if (typeof value !== "object" || value === null) return null;
  const record = value as Record<string, unknown>;
  const key = unit === "ratio" ? "rate" : "count" in record ? "count" : "total";
  const found = record[key];
  return typeof found === "number" ? found : null;
}

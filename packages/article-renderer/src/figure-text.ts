// How a quoted figure is written for readers: its value and the date or period it counts.
import { formatDate, formatNumber, formatPercent, type QuotedFigure } from "@sodoan/domain";

/**
 * A figure's value as readers read it: 1.587, or 58,8% for a ratio.
 * @example formatFigureValue(0.588, "ratio") // "58,8%"
 */
export function formatFigureValue(value: number, unit: QuotedFigure["unit"]): string {
  return unit === "ratio" ? formatPercent(value, "vi") : formatNumber(value, "vi");
}

/**
 * When a figure counts: "tính đến 31/08/2017" or "từ 01/01/2014 đến 31/08/2017".
 * @example describeFigureTime({ asOf: "2017-08-31" }) // "tính đến 31/08/2017"
 */
export function describeFigureTime(figure: Pick<QuotedFigure, "asOf" | "period">): string {
  if (figure.period !== undefined) {
    return `từ ${formatDate(figure.period.from, "vi")} đến ${formatDate(figure.period.to, "vi")}`;
  }
  return figure.asOf === undefined ? "" : `tính đến ${formatDate(figure.asOf, "vi")}`;
}

// Which number of a computed figure a quote takes; how a figure is written lives in @sodoan/article-renderer.
import type { QuotedFigure } from "@sodoan/domain";

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

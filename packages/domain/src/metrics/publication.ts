// The checks a figure passes before it is published, and the suppression of small groups for the public.
import type { LocalizedText } from "../i18n/message.js";
import { ok, type Result, refuse } from "../result.js";
import type { MetricResult } from "./definitions.js";

/** The codes of a failed publication check. */
export type PublicationCheckCode =
  | "NOT_A_COUNT"
  | "PARTS_DO_NOT_SUM"
  | "RATE_OUT_OF_RANGE"
  | "NUMERATOR_EXCEEDS_DENOMINATOR"
  | "COHORT_ADMITTED_EXCEEDS_REFERRED";

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function failure(code: PublicationCheckCode, message: LocalizedText, path: (string | number)[]) {
  return refuse(code, message, [{ path, message }]);
}

/**
 * Checks a figure before it is published: counts are whole and not negative, the parts of a
 * distribution (with its "not rated" or "unknown" bucket) sum to the whole, a rate lies in [0, 1]
 * with its numerator at most its denominator, and a cohort's admitted are at most its referred.
 * @example checkFigureForPublication(computeResidenceRate(records, query)).ok // true
 */
export function checkFigureForPublication<V>(
  result: MetricResult<V>,
): Result<MetricResult<V>, PublicationCheckCode> {
  const value: unknown = result.value;
  const notCount = (path: (string | number)[]) =>
    failure(
      "NOT_A_COUNT",
      { vi: "Số liệu phải là số nguyên không âm", en: "A count must be a whole number, not negative" },
      path,
    );
  if (typeof value === "number") return isCount(value) ? ok(result) : notCount(["value"]);
  if (!isRecord(value)) return notCount(["value"]);
  if ("buckets" in value && isRecord(value.buckets)) {
    let sum = 0;
    for (const [key, count] of Object.entries(value.buckets)) {
      if (!isCount(count)) return notCount(["value", "buckets", key]);
      sum += count;
    }
    if (sum !== value.total) {
      return failure(
        "PARTS_DO_NOT_SUM",
        { vi: "Tổng các phần không bằng tổng số", en: "The parts do not add up to the whole" },
        ["value", "total"],
      );
    }
    return ok(result);
  }
  if ("numerator" in value && "denominator" in value) {
    const { numerator, denominator, rate } = value;
    if (!isCount(numerator)) return notCount(["value", "numerator"]);
    if (!isCount(denominator)) return notCount(["value", "denominator"]);
    if (numerator > denominator) {
      const isCohort = result.provenance.metricId.startsWith("referrals.");
      return isCohort
        ? failure(
            "COHORT_ADMITTED_EXCEEDS_REFERRED",
            { vi: "Số được kết nạp vượt số được giới thiệu", en: "More admitted than referred" },
            ["value", "numerator"],
          )
        : failure(
            "NUMERATOR_EXCEEDS_DENOMINATOR",
            { vi: "Tử số lớn hơn mẫu số", en: "The numerator exceeds the denominator" },
            ["value", "numerator"],
          );
    }
    const expected = denominator === 0 ? null : numerator / denominator;
    if (rate !== expected || (typeof rate === "number" && (rate < 0 || rate > 1))) {
      return failure(
        "RATE_OUT_OF_RANGE",
        { vi: "Tỉ lệ phải nằm trong khoảng từ 0 đến 1", en: "A rate must lie between 0 and 1" },
        ["value", "rate"],
      );
    }
    return ok(result);
  }
  if ("count" in value && "postponed" in value) {
    if (!isCount(value.count)) return notCount(["value", "count"]);
    if (!isCount(value.postponed)) return notCount(["value", "postponed"]);
    if (value.postponed > value.count) {
      return failure(
        "PARTS_DO_NOT_SUM",
        { vi: "Số tạm hoãn vượt tổng số đoàn viên", en: "More postponed members than members" },
        ["value", "postponed"],
      );
    }
    return ok(result);
  }
  return notCount(["value"]);
}

/** The smallest group the public may see, unless a publication sets another. */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/** Why a cell is hidden: below the threshold itself, or because it would give one away by subtraction. */
export type SuppressionReason = "below_threshold" | "complementary";

/** A table as the public may see it: hidden cells and total are null, with the reason of each. */
export type SuppressedTable<K extends string> = {
  cells: Record<K, number | null>;
  total: number | null;
  hidden: { key: K | "total"; reason: SuppressionReason }[];
  threshold: number;
};

/**
 * Hides, for the public, every cell below the threshold and every further cell needed so that no
 * hidden cell can be recovered from the shown ones and the total: while a single cell is hidden,
 * or the hidden cells add up to less than the threshold, the smallest shown cell is hidden too.
 * The cells must add up to the total (check the figure first).
 * @example suppressSmallCells({ cells: { male: 40, female: 3, unknown: 12 }, total: 55 }).hidden // female (below), unknown (complementary)
 */
export function suppressSmallCells<K extends string>(
  table: { cells: Record<K, number>; total: number },
  options: { threshold?: number } = {},
): SuppressedTable<K> {
  const threshold = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  const keys = Object.keys(table.cells) as K[];
  const hidden = new Map<K | "total", SuppressionReason>();
  for (const key of keys) if (table.cells[key] < threshold) hidden.set(key, "below_threshold");
  if (table.total < threshold) {
    hidden.set("total", "below_threshold");
    for (const key of keys) if (!hidden.has(key)) hidden.set(key, "complementary");
  }
  const hiddenCells = () => keys.filter((key) => hidden.has(key));
  const hiddenSum = () => hiddenCells().reduce((sum, key) => sum + table.cells[key], 0);
  while (
    !hidden.has("total") &&
    hiddenCells().length > 0 &&
    (hiddenCells().length === 1 || hiddenSum() < threshold)
  ) {
    const shown = keys
      .filter((key) => !hidden.has(key))
      .sort((a, b) => table.cells[a] - table.cells[b] || (a < b ? -1 : 1));
    const next = shown[0];
    if (next === undefined) {
      // Every cell is hidden and together they are the total: hide the total too.
      hidden.set("total", "complementary");
      break;
    }
    hidden.set(next, "complementary");
  }
  const cells = Object.fromEntries(
    keys.map((key) => [key, hidden.has(key) ? null : table.cells[key]]),
  ) as Record<K, number | null>;
  return {
    cells,
    total: hidden.has("total") ? null : table.total,
    hidden: [...hidden].map(([key, reason]) => ({ key, reason })),
    threshold,
  };
}

/**
 * Whether a rate may be shown to the public: its denominator, its numerator and the rest are each
 * zero or at least the threshold, so that no small group can be inferred from it.
 */
export function isRatePublishable(
  value: { numerator: number; denominator: number },
  options: { threshold?: number } = {},
): boolean {
  const threshold = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  const rest = value.denominator - value.numerator;
  const isSmall = (count: number) => count > 0 && count < threshold;
  return value.denominator >= threshold && !isSmall(value.numerator) && !isSmall(rest);
}

/** A figure as the public may see it: small groups hidden (null), with the reason for each. */
export type PublicFigure = {
  value: unknown;
  provenance: MetricResult<unknown>["provenance"];
  hidden: { path: string[]; reason: SuppressionReason }[];
  threshold: number;
};

/**
 * Prepares a figure for the public: it must pass `checkFigureForPublication`, then every group
 * smaller than the threshold is hidden, and so is anything that would let one be worked out — a
 * distribution through `suppressSmallCells`, a rate whose numerator or remainder is small, a count
 * below the threshold, and the postponed members of a small active count.
 * @example toPublicFigure(countActiveMembers(records, query)) // { ok: true, value: { value: { count: 1587, postponed: 12 }, … } }
 */
export function toPublicFigure(
  result: MetricResult<unknown>,
  options: { threshold?: number } = {},
): Result<PublicFigure, PublicationCheckCode> {
  const checked = checkFigureForPublication(result);
  if (!checked.ok) return checked;
  const threshold = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  const isSmall = (count: number) => count > 0 && count < threshold;
  const figure = (value: unknown, hidden: PublicFigure["hidden"]): PublicFigure => ({
    value,
    provenance: result.provenance,
    hidden,
    threshold,
  });
  const value: unknown = result.value;

  if (typeof value === "number") {
    return ok(isSmall(value) ? figure(null, [{ path: [], reason: "below_threshold" }]) : figure(value, []));
  }
  if (isRecord(value) && "buckets" in value && isRecord(value.buckets) && typeof value.total === "number") {
    const table = suppressSmallCells(
      { cells: value.buckets as Record<string, number>, total: value.total },
      { threshold },
    );
    return ok(
      figure(
        { ...value, buckets: table.cells, total: table.total },
        table.hidden.map(({ key, reason }) => ({
          path: key === "total" ? ["total"] : ["buckets", key],
          reason,
        })),
      ),
    );
  }
  if (isRecord(value) && typeof value.numerator === "number" && typeof value.denominator === "number") {
    if (isRatePublishable({ numerator: value.numerator, denominator: value.denominator }, { threshold })) {
      return ok(figure(value, []));
    }
    const hidden = ["numerator", "denominator", "rate"].map((key) => ({
      path: [key],
      reason: "below_threshold" as const,
    }));
    return ok(figure({ ...value, numerator: null, denominator: null, rate: null }, hidden));
  }
  if (isRecord(value) && typeof value.count === "number") {
    if (isSmall(value.count)) {
      const hidden = Object.keys(value).map((key) => ({ path: [key], reason: "below_threshold" as const }));
      return ok(figure(Object.fromEntries(Object.keys(value).map((key) => [key, null])), hidden));
    }
    // The parts of a shown count (postponed members) are hidden when small, and so is their
    // complement, which the count would otherwise give away.
    const count = value.count;
    const parts = Object.entries(value).filter(([key, part]) => key !== "count" && typeof part === "number");
    const small = parts.filter(([, part]) => isSmall(part as number) || isSmall(count - (part as number)));
    if (small.length === 0) return ok(figure(value, []));
    return ok(
      figure(
        { ...value, ...Object.fromEntries(small.map(([key]) => [key, null])) },
        small.map(([key]) => ({ path: [key], reason: "below_threshold" as const })),
      ),
    );
  }
  return ok(figure(value, []));
}

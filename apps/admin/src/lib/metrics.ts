// The dashboard's figures: which metrics it asks for, over which date or period, and how each value
// reads as one figure.
import type { LocalizedText } from "@sodoan/domain";
import { apiGet, queryString } from "./api";

export type Provenance = {
  metricId: string;
  metricVersion: number;
  organizationId: string;
  asOf?: string;
  period?: { from: string; to: string };
  knownAt?: string;
  recordsCounted: number;
  computedAt: string;
  counts: LocalizedText;
};

export type MetricResult<V = unknown> = { value: V; provenance: Provenance };

export type MetricAnswer<V = unknown> = {
  metric: { id: string; question: "stock" | "flow" | "year" | "cohort"; counts: LocalizedText };
  result: MetricResult<V>;
  rollUp?: { total: MetricResult<V>; own: MetricResult<V>; children: MetricResult<V>[] };
};

export type RateValue = { numerator: number; denominator: number; rate: number | null };
export type DistributionValue = { buckets: Record<string, number>; total: number };

/** What the dashboard is looking at: an organisation's subtree on a date, flows since `from`. */
export type DashboardQuery = { organizationId: string; asOf: string; from: string };

/** The parameters one metric needs: a flow or cohort a period, a yearly rate the year of the date. */
export function metricParams(question: MetricAnswer["metric"]["question"], query: DashboardQuery) {
  const base = { organizationId: query.organizationId, asOf: query.asOf };
  switch (question) {
    case "flow":
    case "cohort":
      return { ...base, from: query.from, to: query.asOf };
    case "year":
      return { ...base, year: Number(query.asOf.slice(0, 4)) };
    case "stock":
      return base;
  }
}

export function fetchMetric<V>(
  metricId: string,
  question: MetricAnswer["metric"]["question"],
  query: DashboardQuery,
  options: { rollUp?: boolean; signal?: AbortSignal } = {},
): Promise<MetricAnswer<V>> {
  const params = { ...metricParams(question, query), rollUp: options.rollUp ? "true" : undefined };
  return apiGet<MetricAnswer<V>>(
    `/api/v1/metrics/${encodeURIComponent(metricId)}${queryString(params)}`,
    options.signal,
  );
}

/** The figures of the dashboard, in the order they are shown. */
export const DASHBOARD_FIGURES = [
  {
    id: "members.active",
    question: "stock",
    label: { vi: "Đoàn viên đang sinh hoạt", en: "Members on the roll" },
  },
  {
    id: "members.admissions",
    question: "flow",
    label: { vi: "Kết nạp trong kỳ", en: "Admissions in the period" },
  },
  {
    id: "members.residence_registration_rate",
    question: "year",
    label: { vi: "Tỷ lệ đăng ký sinh hoạt nơi cư trú (năm)", en: "Residence registration rate (year)" },
  },
  {
    id: "referrals.referred",
    question: "flow",
    label: { vi: "Đoàn viên được giới thiệu vào Đảng", en: "Members referred to the Party" },
  },
  {
    id: "referrals.party_admissions",
    question: "flow",
    label: { vi: "Được kết nạp Đảng", en: "Admitted to the Party" },
  },
  {
    id: "referrals.cohort_admission_rate",
    question: "cohort",
    label: { vi: "Tỷ lệ kết nạp Đảng của lớp giới thiệu", en: "Party admission rate of the referral cohort" },
  },
] as const satisfies readonly {
  id: string;
  question: MetricAnswer["metric"]["question"];
  label: LocalizedText;
}[];

/** A value as one figure: a count, the count of a stock, or a rate with its parts. */
export function figureOf(
  value: unknown,
  format: { n: (value: number) => string; pct: (ratio: number) => string },
): { main: string; detail?: string } {
  if (typeof value === "number") return { main: format.n(value) };
  if (typeof value === "object" && value !== null) {
    if ("count" in value && typeof value.count === "number") {
      const postponed =
        "postponed" in value && typeof value.postponed === "number" ? value.postponed : undefined;
      return postponed === undefined
        ? { main: format.n(value.count) }
        : { main: format.n(value.count), detail: `⏸ ${format.n(postponed)}` };
    }
    if ("rate" in value && "numerator" in value && "denominator" in value) {
      const rate = value as RateValue;
      return {
        main: rate.rate === null ? "—" : format.pct(rate.rate),
        detail: `${format.n(rate.numerator)} / ${format.n(rate.denominator)}`,
      };
    }
  }
  return { main: "—" };
}

/** Names of the buckets of the age and gender structures. */
export const BUCKET_LABELS: Record<string, LocalizedText> = {
  "16-18": { vi: "16–18 tuổi", en: "16–18" },
  "19-22": { vi: "19–22 tuổi", en: "19–22" },
  "23-26": { vi: "23–26 tuổi", en: "23–26" },
  "27-30": { vi: "27–30 tuổi", en: "27–30" },
  "over-30": { vi: "Trên 30 tuổi", en: "Over 30" },
  male: { vi: "Nam", en: "Male" },
  female: { vi: "Nữ", en: "Female" },
  unknown: { vi: "Chưa rõ", en: "Unknown" },
};

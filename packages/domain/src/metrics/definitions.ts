// The catalogue of metrics: what each counts, how it reads time, and the provenance every result carries.
import { z } from "zod";
import { type LocalizedText, LocalizedTextSchema } from "../i18n/message.js";
import {
  type CalendarDate,
  CalendarDateSchema,
  type Instant,
  InstantSchema,
  type Period,
  PeriodSchema,
} from "../time/index.js";

/**
 * How a metric reads time: a `stock` as of a date, a `flow` over a period, a `cohort` taken in a
 * period and followed to a date, a `rate` of two of them.
 */
export const MetricSemanticsSchema = z.enum(["stock", "flow", "cohort", "rate"]);
export type MetricSemantics = z.infer<typeof MetricSemanticsSchema>;

/** The one definition of a metric. A change of meaning is a new version. */
export type MetricDefinition = {
  /** Dotted, lower case, e.g. `members.active`. */
  id: string;
  version: number;
  semantics: MetricSemantics;
  counts: LocalizedText;
};

function define<const Id extends string>(
  id: Id,
  semantics: MetricSemantics,
  vi: string,
  en: string,
  version = 1,
): MetricDefinition & { id: Id } {
  return { id, version, semantics, counts: { vi, en } };
}

/** Every metric of the domain, by id. */
export const METRICS = {
  activeMembers: define(
    "members.active",
    "stock",
    "Đoàn viên trong danh sách sinh hoạt của các đơn vị thuộc tổ chức (kể cả tạm hoãn sinh hoạt)",
    "Members on the roll of a unit in the organisation's subtree (postponed members included)",
  ),
  admissions: define("members.admissions", "flow", "Đoàn viên được kết nạp", "Members admitted"),
  transfersIn: define(
    "members.transfers_in",
    "flow",
    "Đoàn viên chuyển sinh hoạt đến từ ngoài tổ chức",
    "Members received by transfer from outside the organisation",
  ),
  transfersOut: define(
    "members.transfers_out",
    "flow",
    "Đoàn viên chuyển sinh hoạt ra ngoài tổ chức",
    "Members transferred out of the organisation",
  ),
  maturations: define("members.maturations", "flow", "Đoàn viên trưởng thành Đoàn", "Members matured out"),
  removals: define("members.removals", "flow", "Đoàn viên bị xóa tên", "Members removed from the roll"),
  expulsions: define("members.expulsions", "flow", "Đoàn viên bị khai trừ", "Members expelled"),
  deaths: define("members.deaths", "flow", "Đoàn viên từ trần", "Members deceased"),
  residenceRate: define(
    "members.residence_registration_rate",
    "rate",
    "Tỉ lệ đoàn viên đăng ký sinh hoạt nơi cư trú trong năm trên số đoàn viên cuối năm (hoặc đến ngày tính)",
    "Share of members registered for activity at their place of residence for the year, of those on the roll at its end (or at the as-of date)",
  ),
  referrals: define(
    "referrals.referred",
    "flow",
    "Số đoàn viên ưu tú được giới thiệu cho Đảng (mỗi người tính một lần)",
    "Distinct members referred to the Party",
  ),
  partyAdmissions: define(
    "referrals.party_admissions",
    "flow",
    "Số đoàn viên được kết nạp vào Đảng",
    "Distinct members admitted to the Party",
  ),
  referralCohortRate: define(
    "referrals.cohort_admission_rate",
    "cohort",
    "Trong số đoàn viên được giới thiệu trong kỳ, tỉ lệ đã được kết nạp vào Đảng đến ngày tính",
    "Of the members referred in the period, the share admitted to the Party by the as-of date",
  ),
  memberRatings: define(
    "ratings.members",
    "stock",
    "Phân loại chất lượng đoàn viên trong năm (kể cả chưa xếp loại)",
    "Members by rating for the year (with those not rated)",
  ),
  organizationRatings: define(
    "ratings.organizations",
    "stock",
    "Phân loại chất lượng tổ chức Đoàn trong năm (kể cả chưa xếp loại)",
    "Organisations by rating for the year (with those not rated)",
  ),
  strongBranchShare: define(
    "ratings.strong_branch_share",
    "rate",
    "Tỉ lệ chi đoàn mạnh trên tổng số chi đoàn",
    "Share of branches rated strong",
  ),
  reachingUnionAgeNextYear: define(
    "members.reaching_30_next_year",
    "stock",
    "Đoàn viên tròn 30 tuổi trong năm tới",
    "Members who turn 30 next year",
  ),
  pastUnionAge: define(
    "members.past_30_not_matured",
    "stock",
    "Đoàn viên quá 30 tuổi chưa trưởng thành Đoàn",
    "Members over 30 who have not matured out",
  ),
  ageStructure: define("members.age_structure", "stock", "Cơ cấu độ tuổi đoàn viên", "Members by age group"),
  genderStructure: define(
    "members.gender_structure",
    "stock",
    "Cơ cấu giới tính đoàn viên",
    "Members by gender",
  ),
} as const satisfies Record<string, MetricDefinition>;
export type MetricKey = keyof typeof METRICS;
export type MetricId = (typeof METRICS)[MetricKey]["id"];

/** Where a figure comes from, so it can be traced and reproduced. */
export const ProvenanceSchema = z.object({
  metricId: z.string().min(1),
  metricVersion: z.int().min(1),
  organizationId: z.string().min(1),
  asOf: CalendarDateSchema.optional(),
  period: PeriodSchema.optional(),
  knownAt: InstantSchema.optional(),
  /** The records that went into the figure (members, referrals or organisations). */
  recordsCounted: z.int().min(0),
  computedAt: InstantSchema,
  counts: LocalizedTextSchema,
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

/** A figure and its provenance. */
export type MetricResult<V> = { value: V; provenance: Provenance };

/** A rate: numerator over denominator; `rate` is null when the denominator is zero. */
export type RateValue = { numerator: number; denominator: number; rate: number | null };

/** A distribution: counts by bucket, with `total` the sum of every bucket. */
export type DistributionValue<K extends string = string> = { buckets: Record<K, number>; total: number };

/** Builds a provenance record. */
export function buildProvenance(
  definition: MetricDefinition,
  fields: {
    organizationId: string;
    computedAt: Instant;
    recordsCounted: number;
    asOf?: CalendarDate | undefined;
    period?: Period | undefined;
    knownAt?: Instant | undefined;
  },
): Provenance {
  return {
    metricId: definition.id,
    metricVersion: definition.version,
    organizationId: fields.organizationId,
    ...(fields.asOf === undefined ? {} : { asOf: fields.asOf }),
    ...(fields.period === undefined ? {} : { period: fields.period }),
    ...(fields.knownAt === undefined ? {} : { knownAt: fields.knownAt }),
    recordsCounted: fields.recordsCounted,
    computedAt: fields.computedAt,
    counts: definition.counts,
  };
}

/** A rate from its parts. */
export function toRate(numerator: number, denominator: number): RateValue {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

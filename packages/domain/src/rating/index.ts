// Yearly quality ratings on scales that change by year: a member's rating is a `rated` member event;
// an organisation's is the stored record below.
import { z } from "zod";
import { DocumentReferenceSchema } from "../document/index.js";
import type { LocalizedText } from "../i18n/message.js";
import { IdSchema } from "../id/index.js";
import { ok, type Result, refuse } from "../result.js";
import {
  CalendarDateSchema,
  InstantSchema,
  instantToMillis,
  isVisible,
  type TimeView,
} from "../time/index.js";

/**
 * Who is rated, which picks the scale: a member (whose rating is a `rated` member event) or an
 * organisation (whose rating is a stored `OrganizationRating`).
 */
export const RatingSubjectSchema = z.enum(["member", "organization"]);
export type RatingSubject = z.infer<typeof RatingSubjectSchema>;

/** One level of a scale, best first by `rank` (1 is best). */
export type RatingLevel = { id: string; rank: number; label: LocalizedText };

/** A rating scale in force for a span of years, for one kind of subject. */
export type RatingScale = {
  id: string;
  subject: RatingSubject;
  fromYear: number;
  toYear?: number;
  levels: readonly RatingLevel[];
  /** The levels at which a branch counts as strong (chi đoàn mạnh). */
  strongBranchLevelIds: readonly string[];
};

/** The key of the bucket for subjects without a rating, present in every distribution. */
export const NOT_RATED = "not_rated" as const;
export type NotRated = typeof NOT_RATED;

const ACCOMPLISHMENT_LEVELS: readonly RatingLevel[] = [
  {
    id: "excellent_completion",
    rank: 1,
    label: { vi: "Hoàn thành xuất sắc nhiệm vụ", en: "Excellently completed duties" },
  },
  { id: "good_completion", rank: 2, label: { vi: "Hoàn thành tốt nhiệm vụ", en: "Well completed duties" } },
  { id: "completion", rank: 3, label: { vi: "Hoàn thành nhiệm vụ", en: "Completed duties" } },
  {
    id: "non_completion",
    rank: 4,
    label: { vi: "Không hoàn thành nhiệm vụ", en: "Did not complete duties" },
  },
];

/**
 * The scales by year. A strong branch is one rated at the top level: Vững mạnh before 2020,
 * Hoàn thành xuất sắc nhiệm vụ from 2020, the level that took its place.
 */
export const RATING_SCALES: readonly RatingScale[] = [
  {
    id: "member-before-2020",
    subject: "member",
    fromYear: 1900,
    toYear: 2019,
    levels: [
      { id: "excellent", rank: 1, label: { vi: "Xuất sắc", en: "Excellent" } },
      { id: "good", rank: 2, label: { vi: "Khá", en: "Good" } },
      { id: "average", rank: 3, label: { vi: "Trung bình", en: "Average" } },
      { id: "weak", rank: 4, label: { vi: "Yếu", en: "Weak" } },
    ],
    strongBranchLevelIds: [],
  },
  {
    id: "organization-before-2020",
    subject: "organization",
    fromYear: 1900,
    toYear: 2019,
    levels: [
      { id: "strong", rank: 1, label: { vi: "Vững mạnh", en: "Strong" } },
      { id: "good", rank: 2, label: { vi: "Khá", en: "Good" } },
      { id: "average", rank: 3, label: { vi: "Trung bình", en: "Average" } },
      { id: "weak", rank: 4, label: { vi: "Yếu kém", en: "Weak" } },
    ],
    strongBranchLevelIds: ["strong"],
  },
  {
    id: "member-2020",
    subject: "member",
    fromYear: 2020,
    levels: ACCOMPLISHMENT_LEVELS,
    strongBranchLevelIds: [],
  },
  {
    id: "organization-2020",
    subject: "organization",
    fromYear: 2020,
    levels: ACCOMPLISHMENT_LEVELS,
    strongBranchLevelIds: ["excellent_completion"],
  },
];

/**
 * The scale a subject is rated on for a year, or undefined for a year no scale covers.
 * @example scaleFor("organization", 2017)?.levels[0]?.label.vi // "Vững mạnh"
 */
export function scaleFor(
  subject: RatingSubject,
  year: number,
  scales: readonly RatingScale[] = RATING_SCALES,
): RatingScale | undefined {
  return scales.find(
    (scale) =>
      scale.subject === subject &&
      scale.fromYear <= year &&
      (scale.toYear === undefined || year <= scale.toYear),
  );
}

/**
 * Whether a branch rated at a level for a year counts as a strong branch (chi đoàn mạnh).
 * @example isStrongBranch("strong", 2017) // true
 * @example isStrongBranch("excellent_completion", 2021) // true
 */
export function isStrongBranch(
  levelId: string,
  year: number,
  scales: readonly RatingScale[] = RATING_SCALES,
): boolean {
  return scaleFor("organization", year, scales)?.strongBranchLevelIds.includes(levelId) ?? false;
}

/** The label of a level on the scale of a year. */
export function ratingLabel(
  subject: RatingSubject,
  year: number,
  levelId: string,
  scales: readonly RatingScale[] = RATING_SCALES,
): LocalizedText | undefined {
  if (levelId === NOT_RATED) return { vi: "Chưa xếp loại", en: "Not rated" };
  return scaleFor(subject, year, scales)?.levels.find((level) => level.id === levelId)?.label;
}

/**
 * The keys of a distribution for a year: the scale's levels, best first, then `NOT_RATED`.
 * @example ratingDistributionKeys("member", 2021) // ["excellent_completion", …, "not_rated"]
 */
export function ratingDistributionKeys(
  subject: RatingSubject,
  year: number,
  scales: readonly RatingScale[] = RATING_SCALES,
): string[] {
  const levels = [...(scaleFor(subject, year, scales)?.levels ?? [])].sort((a, b) => a.rank - b.rank);
  return [...levels.map((level) => level.id), NOT_RATED];
}

/** A distribution with every key of the year's scale at zero, "not rated" included. */
export function emptyRatingDistribution(
  subject: RatingSubject,
  year: number,
  scales: readonly RatingScale[] = RATING_SCALES,
): Record<string, number> {
  return Object.fromEntries(ratingDistributionKeys(subject, year, scales).map((key) => [key, 0]));
}

/** Why a rating is refused. */
export type RatingRuleCode = "NO_SCALE_FOR_YEAR" | "LEVEL_NOT_ON_SCALE";

/**
 * Whether a rating's level belongs to the scale of its year and subject: a member's `rated` event
 * is checked with subject "member", an `OrganizationRating` with subject "organization".
 * @example validateRatingLevel({ subject: "member", year: 2017, levelId: "excellent_completion" }) // refused: LEVEL_NOT_ON_SCALE
 */
export function validateRatingLevel<T extends { subject: RatingSubject; year: number; levelId: string }>(
  rating: T,
  scales: readonly RatingScale[] = RATING_SCALES,
): Result<T, RatingRuleCode> {
  const scale = scaleFor(rating.subject, rating.year, scales);
  if (scale === undefined) {
    const message = {
      vi: `Không có thang xếp loại cho năm ${rating.year}`,
      en: `No rating scale for ${rating.year}`,
    };
    return refuse("NO_SCALE_FOR_YEAR", message, [{ path: ["year"], message }]);
  }
  if (!scale.levels.some((level) => level.id === rating.levelId)) {
    const allowed = scale.levels.map((level) => level.label);
    const message = {
      vi: `Mức xếp loại không thuộc thang năm ${rating.year} (${allowed.map((label) => label.vi).join(", ")})`,
      en: `The level is not on the ${rating.year} scale (${allowed.map((label) => label.en).join(", ")})`,
    };
    return refuse("LEVEL_NOT_ON_SCALE", message, [{ path: ["levelId"], message }]);
  }
  return ok(rating);
}

/** Refuses an organisation rating whose level is not on the organisation scale of its year. */
function refineOrganizationLevel(
  rating: { year: number; levelId: string },
  context: z.core.$RefinementCtx,
): void {
  const result = validateRatingLevel({ subject: "organization", year: rating.year, levelId: rating.levelId });
  if (result.ok) return;
  for (const issue of result.issues) {
    context.addIssue({
      code: "custom",
      path: issue.path,
      message: `${issue.message.vi} / ${issue.message.en}`,
      params: { i18n: issue.message, code: result.code },
    });
  }
}

const organizationRatingFields = {
  organizationId: IdSchema,
  year: z.number().int().min(1931).max(2200),
  levelId: z.string().min(1),
  decidedBy: DocumentReferenceSchema.optional(),
  note: z.string().optional(),
  effectiveDate: CalendarDateSchema,
};

/**
 * An organisation's rating as an admin enters it; the level must be on the organisation scale of
 * the year. A member's rating is not entered here: it is a `rated` member event.
 */
export const OrganizationRatingCreateSchema = z
  .object(organizationRatingFields)
  .superRefine(refineOrganizationLevel);
export type OrganizationRatingCreate = z.infer<typeof OrganizationRatingCreateSchema>;

/**
 * A stored rating of an organisation for a year. Only organisations are rated by a stored record:
 * a member's rating is a `rated` member event, part of the member's history.
 */
export const OrganizationRatingSchema = z
  .object({ id: IdSchema, ...organizationRatingFields, recordedAt: InstantSchema })
  .superRefine(refineOrganizationLevel);
export type OrganizationRating = z.infer<typeof OrganizationRatingSchema>;

/**
 * The rating in force for each organisation for a year, in a view (effective by `asOf`, recorded
 * by `knownAt`): the latest effective (then latest recorded) one wins, so a corrected rating
 * replaces the first. Keyed by organisation id; any record with the fields read (a stored
 * `OrganizationRating`, or the metrics' `OrganizationRatingRecord`) is returned as given.
 * @example organizationRatingsForYear(ratings, 2016, { asOf: "2016-12-31" }).get("cd-1")?.levelId // "strong"
 */
export function organizationRatingsForYear<
  R extends Pick<OrganizationRating, "organizationId" | "year" | "effectiveDate" | "recordedAt">,
>(ratings: readonly R[], year: number, view?: TimeView): Map<string, R> {
  const latest = new Map<string, R>();
  for (const rating of ratings) {
    if (rating.year !== year) continue;
    if (view !== undefined && !isVisible(rating, view)) continue;
    const current = latest.get(rating.organizationId);
    if (
      current === undefined ||
      rating.effectiveDate > current.effectiveDate ||
      (rating.effectiveDate === current.effectiveDate &&
        instantToMillis(rating.recordedAt) >= instantToMillis(current.recordedAt))
    ) {
      latest.set(rating.organizationId, rating);
    }
  }
  return latest;
}

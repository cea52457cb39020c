// The metric functions over the records in object form: pure, each over an organisation's subtree.
import type { Gender } from "../member/schema.js";
import { findSegment, isOnRoll, isPastUnionAge, type MemberTransition } from "../member/state.js";
import { canHoldMembers } from "../organization/index.js";
import {
  isStrongBranch,
  NOT_RATED,
  organizationRatingsForYear,
  ratingDistributionKeys,
} from "../rating/index.js";
import { referralStageDate } from "../referral/index.js";
import { type CalendarDate, endOfYear, instantToMillis, isInPeriod, yearOf } from "../time/index.js";
import {
  buildProvenance,
  type DistributionValue,
  METRICS,
  type MetricDefinition,
  type MetricResult,
  type RateValue,
  toRate,
} from "./definitions.js";
import {
  type CohortQuery,
  type FlowQuery,
  type IndexedMember,
  type MemberRecordIndex,
  type MemberRecords,
  type MetricQuery,
  resolveIndex,
  resolveScopeIds,
  type StockQuery,
  type YearQuery,
} from "./records.js";

/** Active members: everyone on the roll, and how many of them have postponed their activity. */
export type ActiveMembersValue = { count: number; postponed: number };

/** The unit whose roll a member is on at a date, or null. */
export function unitOnRoll(
  entry: IndexedMember,
  date: CalendarDate,
): { unitId: string; isPostponed: boolean } | null {
  const segment = findSegment(entry.timeline.segments, date);
  if (segment === undefined || !isOnRoll(segment.status) || segment.unitId === null) return null;
  return { unitId: segment.unitId, isPostponed: segment.status === "postponed" };
}

function provenanceOf(
  definition: MetricDefinition,
  query: MetricQuery,
  recordsCounted: number,
  extra: object,
) {
  return buildProvenance(definition, {
    organizationId: query.organizationId,
    computedAt: query.computedAt,
    knownAt: query.knownAt,
    recordsCounted,
    ...extra,
  });
}

/**
 * Members on the roll of a unit in the subtree as of a date; postponed members count and are
 * also given apart. A member in transit between units counts nowhere.
 * @example countActiveMembers(records, { tree, organizationId: "doan-khoi-dn", asOf: "2017-08-31", computedAt }).value.count // 1587
 */
export function countActiveMembers(
  data: MemberRecords | MemberRecordIndex,
  query: StockQuery,
): MetricResult<ActiveMembersValue> {
  const index = resolveIndex(data, query.knownAt);
  const units = resolveScopeIds(query.tree, query.organizationId, query.scope);
  let count = 0;
  let postponed = 0;
  for (const entry of index.members) {
    const roll = unitOnRoll(entry, query.asOf);
    if (roll === null || !units.has(roll.unitId)) continue;
    count += 1;
    if (roll.isPostponed) postponed += 1;
  }
  return {
    value: { count, postponed },
    provenance: provenanceOf(METRICS.activeMembers, query, count, { asOf: query.asOf }),
  };
}

/** The flows of members in and out of the roll. */
export type MemberFlowKind =
  | "admissions"
  | "transfersIn"
  | "transfersOut"
  | "maturations"
  | "removals"
  | "expulsions"
  | "deaths";

/** The kind of transition each member flow counts. */
export const MEMBER_FLOW_TRANSITIONS: Readonly<Record<MemberFlowKind, MemberTransition["kind"]>> = {
  admissions: "admission",
  transfersIn: "transfer_in",
  transfersOut: "transfer_out",
  maturations: "maturation",
  removals: "removal",
  expulsions: "expulsion",
  deaths: "death",
};

/**
 * Whether a transition counts for a set of units. A transfer counts only where it crosses the
 * boundary of the set, so a transfer between two children of an organisation nets out at it.
 */
export function isCountedTransition(transition: MemberTransition, units: ReadonlySet<string>): boolean {
  const isFromInside = transition.fromUnitId !== null && units.has(transition.fromUnitId);
  const isToInside = transition.toUnitId !== null && units.has(transition.toUnitId);
  switch (transition.kind) {
    case "admission":
      return isToInside;
    case "transfer_in":
      return isToInside && !isFromInside;
    case "transfer_out":
      return isFromInside && !isToInside;
    default:
      return isFromInside;
  }
}

/**
 * The number of events of one flow over an inclusive period, in the subtree.
 * @example countMemberFlow("admissions", records, { tree, organizationId, period: { from: "2017-01-01", to: "2017-08-31" }, computedAt }).value
 */
export function countMemberFlow(
  kind: MemberFlowKind,
  data: MemberRecords | MemberRecordIndex,
  query: FlowQuery,
): MetricResult<number> {
  const index = resolveIndex(data, query.knownAt);
  const units = resolveScopeIds(query.tree, query.organizationId, query.scope);
  const wanted = MEMBER_FLOW_TRANSITIONS[kind];
  let count = 0;
  for (const entry of index.members) {
    for (const transition of entry.timeline.transitions) {
      if (transition.kind !== wanted || !isInPeriod(transition.date, query.period)) continue;
      if (isCountedTransition(transition, units)) count += 1;
    }
  }
  return { value: count, provenance: provenanceOf(METRICS[kind], query, count, { period: query.period }) };
}

/** Admissions (kết nạp) over a period. */
export const countAdmissions = (data: MemberRecords | MemberRecordIndex, query: FlowQuery) =>
  countMemberFlow("admissions", data, query);
/** Transfers received from outside the subtree over a period. */
export const countTransfersIn = (data: MemberRecords | MemberRecordIndex, query: FlowQuery) =>
  countMemberFlow("transfersIn", data, query);
/** Transfers out of the subtree over a period. */
export const countTransfersOut = (data: MemberRecords | MemberRecordIndex, query: FlowQuery) =>
  countMemberFlow("transfersOut", data, query);
/** Maturations (trưởng thành Đoàn) over a period. */
export const countMaturations = (data: MemberRecords | MemberRecordIndex, query: FlowQuery) =>
  countMemberFlow("maturations", data, query);
/** Removals from the roll (xóa tên) over a period. */
export const countRemovals = (data: MemberRecords | MemberRecordIndex, query: FlowQuery) =>
  countMemberFlow("removals", data, query);

/** The date a year is read at: its last day, or the as-of date while it is not over. */
export function yearEndAsOf(year: number, asOf: CalendarDate): CalendarDate {
  const end = endOfYear(year);
  return asOf < end ? asOf : end;
}

/**
 * Members with a residence registration for a year ÷ members on the roll at the end of the year
 * (at the as-of date when the year is not over). Only members on the roll then are counted
 * above the line too, so the rate stays within [0, 1].
 * @example computeResidenceRate(records, { tree, organizationId, year: 2017, asOf: "2017-08-31", computedAt }).value.rate
 */
export function computeResidenceRate(
  data: MemberRecords | MemberRecordIndex,
  query: YearQuery,
): MetricResult<RateValue> {
  const index = resolveIndex(data, query.knownAt);
  const units = resolveScopeIds(query.tree, query.organizationId, query.scope);
  const at = yearEndAsOf(query.year, query.asOf);
  let denominator = 0;
  let numerator = 0;
  for (const entry of index.members) {
    const roll = unitOnRoll(entry, at);
    if (roll === null || !units.has(roll.unitId)) continue;
    denominator += 1;
    const registered = entry.timeline.residence.get(query.year);
    if (registered !== undefined && registered <= at) numerator += 1;
  }
  return {
    value: toRate(numerator, denominator),
    provenance: provenanceOf(METRICS.residenceRate, query, denominator, { asOf: at }),
  };
}

function referralsInScope(index: MemberRecordIndex, query: MetricQuery) {
  const orgs = resolveScopeIds(query.tree, query.organizationId, query.scope);
  const limit = query.knownAt === undefined ? Number.POSITIVE_INFINITY : instantToMillis(query.knownAt);
  return (index.records.referrals ?? []).filter(
    (referral) => orgs.has(referral.organizationId) && instantToMillis(referral.recordedAt) <= limit,
  );
}

/**
 * Distinct members referred to the Party over a period by organisations in the subtree.
 * @example countReferrals(records, { tree, organizationId, period: { from: "2014-01-01", to: "2017-08-31" }, computedAt }).value // 582
 */
export function countReferrals(
  data: MemberRecords | MemberRecordIndex,
  query: FlowQuery,
): MetricResult<number> {
  const index = resolveIndex(data, query.knownAt);
  const members = new Set<string>();
  for (const referral of referralsInScope(index, query)) {
    if (isInPeriod(referral.referredOn, query.period)) members.add(referral.memberId);
  }
  return {
    value: members.size,
    provenance: provenanceOf(METRICS.referrals, query, members.size, { period: query.period }),
  };
}

/** Distinct members admitted to the Party (as probationary members) over a period, on the subtree's referrals. */
export function countPartyAdmissions(
  data: MemberRecords | MemberRecordIndex,
  query: FlowQuery,
): MetricResult<number> {
  const index = resolveIndex(data, query.knownAt);
  const members = new Set<string>();
  for (const referral of referralsInScope(index, query)) {
    const admitted = referralStageDate(referral, "admitted_probationary", query.knownAt);
    if (admitted !== undefined && isInPeriod(admitted, query.period)) members.add(referral.memberId);
  }
  return {
    value: members.size,
    provenance: provenanceOf(METRICS.partyAdmissions, query, members.size, { period: query.period }),
  };
}

/**
 * Of the distinct members referred in a period, how many were admitted to the Party by the as-of
 * date.
 * @example computeReferralCohortRate(records, { tree, organizationId, period, asOf: "2017-08-31", computedAt }).value // { numerator: 342, denominator: 582, rate: 0.5876… }
 */
export function computeReferralCohortRate(
  data: MemberRecords | MemberRecordIndex,
  query: CohortQuery,
): MetricResult<RateValue> {
  const index = resolveIndex(data, query.knownAt);
  const referred = new Set<string>();
  const admitted = new Set<string>();
  for (const referral of referralsInScope(index, query)) {
    if (!isInPeriod(referral.referredOn, query.period) || referral.referredOn > query.asOf) continue;
    referred.add(referral.memberId);
    const date = referralStageDate(referral, "admitted_probationary", query.knownAt);
    if (date !== undefined && date <= query.asOf) admitted.add(referral.memberId);
  }
  return {
    value: toRate(admitted.size, referred.size),
    provenance: provenanceOf(METRICS.referralCohortRate, query, referred.size, {
      period: query.period,
      asOf: query.asOf,
    }),
  };
}

/**
 * Members on the roll at the end of a year (or at the as-of date) by their rating for the year,
 * with a "not rated" bucket; levels are the keys of the year's member scale.
 */
export function computeMemberRatingDistribution(
  data: MemberRecords | MemberRecordIndex,
  query: YearQuery,
): MetricResult<DistributionValue> {
  const index = resolveIndex(data, query.knownAt);
  const units = resolveScopeIds(query.tree, query.organizationId, query.scope);
  const at = yearEndAsOf(query.year, query.asOf);
  const buckets: Record<string, number> = Object.fromEntries(
    ratingDistributionKeys("member", query.year).map((key) => [key, 0]),
  );
  let total = 0;
  for (const entry of index.members) {
    const roll = unitOnRoll(entry, at);
    if (roll === null || !units.has(roll.unitId)) continue;
    total += 1;
    const rating = entry.timeline.ratings.get(query.year);
    const key = rating !== undefined && rating.date <= query.asOf ? rating.level : NOT_RATED;
    buckets[key] = (buckets[key] ?? 0) + 1;
  }
  return {
    value: { buckets, total },
    provenance: provenanceOf(METRICS.memberRatings, query, total, { asOf: at }),
  };
}

/**
 * The level in force for each organisation for the year, as of the as-of date and as known at
 * `knownAt`: the latest effective, then latest recorded, rating wins.
 */
function organizationRatingsFor(index: MemberRecordIndex, query: YearQuery): Map<string, string> {
  const view = { asOf: query.asOf, knownAt: query.knownAt };
  const latest = organizationRatingsForYear(index.records.organizationRatings ?? [], query.year, view);
  return new Map([...latest].map(([id, rating]) => [id, rating.levelId]));
}

/**
 * Organisations below the given one (or the branches only, with `branchesOnly`) by their rating
 * for the year, with a "not rated" bucket.
 */
export function computeOrganizationRatingDistribution(
  data: MemberRecords | MemberRecordIndex,
  query: YearQuery & { branchesOnly?: boolean | undefined },
): MetricResult<DistributionValue> {
  const index = resolveIndex(data, query.knownAt);
  const ratings = organizationRatingsFor(index, query);
  const buckets: Record<string, number> = Object.fromEntries(
    ratingDistributionKeys("organization", query.year).map((key) => [key, 0]),
  );
  let total = 0;
  for (const id of resolveScopeIds(query.tree, query.organizationId, query.scope)) {
    const node = query.tree.nodes.get(id);
    if (node === undefined || (query.scope !== "own" && id === query.organizationId)) continue;
    if (query.branchesOnly === true && !isBranchNode(node)) continue;
    total += 1;
    const key = ratings.get(id) ?? NOT_RATED;
    buckets[key] = (buckets[key] ?? 0) + 1;
  }
  return {
    value: { buckets, total },
    provenance: provenanceOf(METRICS.organizationRatings, query, total, { asOf: query.asOf }),
  };
}

function isBranchNode(node: { level?: string | undefined; grassrootsKind?: string | undefined }): boolean {
  if (node.level === undefined) return false;
  return canHoldMembers(node as Parameters<typeof canHoldMembers>[0]);
}

/**
 * Strong branches (chi đoàn mạnh, by the year's scale) ÷ branches in the subtree, a branch being a
 * Chi đoàn or a Chi đoàn cơ sở; unrated branches are in the denominator.
 */
export function computeStrongBranchShare(
  data: MemberRecords | MemberRecordIndex,
  query: YearQuery,
): MetricResult<RateValue> {
  const index = resolveIndex(data, query.knownAt);
  const ratings = organizationRatingsFor(index, query);
  let denominator = 0;
  let numerator = 0;
  for (const id of resolveScopeIds(query.tree, query.organizationId, query.scope)) {
    const node = query.tree.nodes.get(id);
    if (node === undefined || !isBranchNode(node)) continue;
    denominator += 1;
    const level = ratings.get(id);
    if (level !== undefined && isStrongBranch(level, query.year)) numerator += 1;
  }
  return {
    value: toRate(numerator, denominator),
    provenance: provenanceOf(METRICS.strongBranchShare, query, denominator, { asOf: query.asOf }),
  };
}

function countOnRollWhere(
  data: MemberRecords | MemberRecordIndex,
  query: StockQuery,
  definition: MetricDefinition,
  isCounted: (entry: IndexedMember) => boolean,
): MetricResult<number> {
  const index = resolveIndex(data, query.knownAt);
  const units = resolveScopeIds(query.tree, query.organizationId, query.scope);
  let count = 0;
  for (const entry of index.members) {
    const roll = unitOnRoll(entry, query.asOf);
    if (roll !== null && units.has(roll.unitId) && isCounted(entry)) count += 1;
  }
  return { value: count, provenance: provenanceOf(definition, query, count, { asOf: query.asOf }) };
}

/** Members on the roll as of a date who turn 30 in the following calendar year (only the birth year is needed). */
export function countMembersReachingUnionAgeNextYear(
  data: MemberRecords | MemberRecordIndex,
  query: StockQuery,
): MetricResult<number> {
  const next = yearOf(query.asOf) + 1;
  return countOnRollWhere(data, query, METRICS.reachingUnionAgeNextYear, ({ member }) =>
    member.birthDate !== undefined ? yearOf(member.birthDate) + 30 === next : false,
  );
}

/** Members on the roll as of a date who are certainly over 30 and have not matured out: flagged for their branch. */
export function countMembersPastUnionAge(
  data: MemberRecords | MemberRecordIndex,
  query: StockQuery,
): MetricResult<number> {
  return countOnRollWhere(data, query, METRICS.pastUnionAge, ({ member }) =>
    isPastUnionAge(member.birthDate, query.asOf),
  );
}

/**
 * The members flagged for their branch: on the roll as of a date, certainly over 30 and not
 * matured out. Informational: cadres in office may stay on past 30.
 */
export function listMembersPastUnionAge(
  data: MemberRecords | MemberRecordIndex,
  query: StockQuery,
): { memberId: string; unitId: string }[] {
  const index = resolveIndex(data, query.knownAt);
  const units = resolveScopeIds(query.tree, query.organizationId, query.scope);
  const flagged: { memberId: string; unitId: string }[] = [];
  for (const entry of index.members) {
    const roll = unitOnRoll(entry, query.asOf);
    if (roll !== null && units.has(roll.unitId) && isPastUnionAge(entry.member.birthDate, query.asOf)) {
      flagged.push({ memberId: entry.member.id, unitId: roll.unitId });
    }
  }
  return flagged;
}

/** The age groups of the age structure, and `unknown` for a missing birth date. */
export const AGE_BUCKETS = ["16-18", "19-22", "23-26", "27-30", "over-30", "unknown"] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

/**
 * The age group of a member on a date. Age here is the difference of years, as the Union's
 * statistics count it, so a birth year alone is enough.
 */
export function ageBucketOf(birthDate: string | undefined, date: CalendarDate): AgeBucket {
  if (birthDate === undefined) return "unknown";
  const age = yearOf(date) - yearOf(birthDate);
  if (age <= 18) return "16-18";
  if (age <= 22) return "19-22";
  if (age <= 26) return "23-26";
  if (age <= 30) return "27-30";
  return "over-30";
}

function structure<K extends string>(
  data: MemberRecords | MemberRecordIndex,
  query: StockQuery,
  definition: MetricDefinition,
  keys: readonly K[],
  keyOf: (entry: IndexedMember) => K,
): MetricResult<DistributionValue<K>> {
  const index = resolveIndex(data, query.knownAt);
  const units = resolveScopeIds(query.tree, query.organizationId, query.scope);
  const buckets = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  let total = 0;
  for (const entry of index.members) {
    const roll = unitOnRoll(entry, query.asOf);
    if (roll === null || !units.has(roll.unitId)) continue;
    total += 1;
    buckets[keyOf(entry)] += 1;
  }
  return {
    value: { buckets, total },
    provenance: provenanceOf(definition, query, total, { asOf: query.asOf }),
  };
}

/** Members on the roll as of a date by age group. */
export function computeAgeStructure(
  data: MemberRecords | MemberRecordIndex,
  query: StockQuery,
): MetricResult<DistributionValue<AgeBucket>> {
  return structure(data, query, METRICS.ageStructure, AGE_BUCKETS, ({ member }) =>
    ageBucketOf(member.birthDate, query.asOf),
  );
}

/** The buckets of the gender structure. */
export const GENDER_BUCKETS = ["male", "female", "unknown"] as const satisfies readonly (
  | Gender
  | "unknown"
)[];
export type GenderBucket = (typeof GENDER_BUCKETS)[number];

/** Members on the roll as of a date by gender, with `unknown` where it is not recorded. */
export function computeGenderStructure(
  data: MemberRecords | MemberRecordIndex,
  query: StockQuery,
): MetricResult<DistributionValue<GenderBucket>> {
  return structure(
    data,
    query,
    METRICS.genderStructure,
    GENDER_BUCKETS,
    ({ member }) => member.gender ?? "unknown",
  );
}

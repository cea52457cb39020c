// Every metric reachable by its id, with the kind of question it answers: what an API or a report
// needs to compute "any metric" without a switch of its own.
import {
  computeAgeStructure,
  computeGenderStructure,
  computeMemberRatingDistribution,
  computeOrganizationRatingDistribution,
  computeReferralCohortRate,
  computeResidenceRate,
  computeStrongBranchShare,
  countActiveMembers,
  countMemberFlow,
  countMembersPastUnionAge,
  countMembersReachingUnionAgeNextYear,
  countPartyAdmissions,
  countReferrals,
} from "./compute.js";
import { METRICS, type MetricDefinition, type MetricId, type MetricResult } from "./definitions.js";
import type {
  CohortQuery,
  FlowQuery,
  MemberRecordIndex,
  MemberRecords,
  StockQuery,
  YearQuery,
} from "./records.js";

/**
 * What a metric must be asked: `stock` as of a date, `flow` over a period, `year` a year as of a
 * date, `cohort` a period followed to a date.
 */
export type MetricQuestion = "stock" | "flow" | "year" | "cohort";

type QueryOf = { stock: StockQuery; flow: FlowQuery; year: YearQuery; cohort: CohortQuery };

/** A metric's definition with the function that computes it. */
export type CatalogueEntry<Q extends MetricQuestion = MetricQuestion> = {
  definition: MetricDefinition;
  question: Q;
  compute: (data: MemberRecords | MemberRecordIndex, query: QueryOf[Q]) => MetricResult<unknown>;
};

function entry<Q extends MetricQuestion>(
  definition: MetricDefinition,
  question: Q,
  compute: (data: MemberRecords | MemberRecordIndex, query: QueryOf[Q]) => MetricResult<unknown>,
): CatalogueEntry<Q> {
  return { definition, question, compute };
}

type AnyCatalogueEntry =
  | CatalogueEntry<"stock">
  | CatalogueEntry<"flow">
  | CatalogueEntry<"year">
  | CatalogueEntry<"cohort">;

/**
 * Every metric of `METRICS` by id, with its question and function.
 * @example METRIC_CATALOGUE["members.active"].question // "stock"
 */
export const METRIC_CATALOGUE: Record<MetricId, AnyCatalogueEntry> = {
  "members.active": entry(METRICS.activeMembers, "stock", countActiveMembers),
  "members.admissions": entry(METRICS.admissions, "flow", (d, q) => countMemberFlow("admissions", d, q)),
  "members.transfers_in": entry(METRICS.transfersIn, "flow", (d, q) => countMemberFlow("transfersIn", d, q)),
  "members.transfers_out": entry(METRICS.transfersOut, "flow", (d, q) =>
    countMemberFlow("transfersOut", d, q),
  ),
  "members.maturations": entry(METRICS.maturations, "flow", (d, q) => countMemberFlow("maturations", d, q)),
  "members.removals": entry(METRICS.removals, "flow", (d, q) => countMemberFlow("removals", d, q)),
  "members.expulsions": entry(METRICS.expulsions, "flow", (d, q) => countMemberFlow("expulsions", d, q)),
  "members.deaths": entry(METRICS.deaths, "flow", (d, q) => countMemberFlow("deaths", d, q)),
  "members.residence_registration_rate": entry(METRICS.residenceRate, "year", computeResidenceRate),
  "referrals.referred": entry(METRICS.referrals, "flow", countReferrals),
  "referrals.party_admissions": entry(METRICS.partyAdmissions, "flow", countPartyAdmissions),
  "referrals.cohort_admission_rate": entry(METRICS.referralCohortRate, "cohort", computeReferralCohortRate),
  "ratings.members": entry(METRICS.memberRatings, "year", computeMemberRatingDistribution),
  "ratings.organizations": entry(METRICS.organizationRatings, "year", computeOrganizationRatingDistribution),
  "ratings.strong_branch_share": entry(METRICS.strongBranchShare, "year", computeStrongBranchShare),
  "members.reaching_30_next_year": entry(
    METRICS.reachingUnionAgeNextYear,
    "stock",
    countMembersReachingUnionAgeNextYear,
  ),
  "members.past_30_not_matured": entry(METRICS.pastUnionAge, "stock", countMembersPastUnionAge),
  "members.age_structure": entry(METRICS.ageStructure, "stock", computeAgeStructure),
  "members.gender_structure": entry(METRICS.genderStructure, "stock", computeGenderStructure),
};

/** Whether a string is the id of a metric in the catalogue. */
export function isMetricId(id: string): id is MetricId {
  return Object.hasOwn(METRIC_CATALOGUE, id);
}

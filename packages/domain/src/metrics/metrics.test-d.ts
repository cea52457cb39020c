import { describe, expectTypeOf, test } from "vitest";
import type { MemberEvent, MemberStatusOrNone } from "../member/index.js";
import { deriveMemberState, type validateMemberEvent } from "../member/index.js";
import type { resolveOrganizationTree } from "../organization/index.js";
import type { Result } from "../result.js";
import {
  type AgeBucket,
  computeAgeStructure,
  computeGenderStructure,
  computeReferralCohortRate,
  computeResidenceRate,
  countActiveMembers,
  countActiveMembersColumnar,
  countMemberFlow,
  type DistributionValue,
  METRICS,
  type MetricResult,
  type MetricTree,
  type Provenance,
  type RateValue,
  rollUpMetric,
  suppressSmallCells,
} from "./index.js";

describe("metric types", () => {
  test("each metric returns its value shape with a provenance", () => {
    expectTypeOf(countActiveMembers).returns.toEqualTypeOf<
      MetricResult<{ count: number; postponed: number }>
    >();
    expectTypeOf(countActiveMembersColumnar).returns.toEqualTypeOf<
      MetricResult<{ count: number; postponed: number }>
    >();
    expectTypeOf(countMemberFlow).returns.toEqualTypeOf<MetricResult<number>>();
    expectTypeOf(computeResidenceRate).returns.toEqualTypeOf<MetricResult<RateValue>>();
    expectTypeOf(computeReferralCohortRate).returns.toEqualTypeOf<MetricResult<RateValue>>();
    expectTypeOf(computeAgeStructure).returns.toEqualTypeOf<MetricResult<DistributionValue<AgeBucket>>>();
    expectTypeOf(computeGenderStructure).returns.toEqualTypeOf<
      MetricResult<DistributionValue<"male" | "female" | "unknown">>
    >();
    expectTypeOf<RateValue>().toEqualTypeOf<{
      numerator: number;
      denominator: number;
      rate: number | null;
    }>();
    expectTypeOf<Provenance["metricId"]>().toEqualTypeOf<string>();
    expectTypeOf<Provenance["knownAt"]>().toEqualTypeOf<string | undefined>();
  });
  test("metric ids are literal and dotted", () => {
    expectTypeOf(METRICS.activeMembers.id).toEqualTypeOf<"members.active">();
    expectTypeOf(METRICS.referralCohortRate.id).toEqualTypeOf<"referrals.cohort_admission_rate">();
  });
  test("the resolved organisation tree is accepted where a metric tree is asked", () => {
    expectTypeOf<ReturnType<typeof resolveOrganizationTree>>().toExtend<MetricTree>();
  });
  test("a query needs its clock and its date or period", () => {
    const tree = { nodes: new Map() } satisfies MetricTree;
    // @ts-expect-error computedAt is required: the clock is passed in
    countActiveMembers({ members: [], events: [] }, { tree, organizationId: "p", asOf: "2017-08-31" });
    const records = { members: [], events: [] };
    const dated = { tree, organizationId: "p", asOf: "2017-08-31", computedAt: "2017-09-01T00:00:00Z" };
    // @ts-expect-error a flow asks for a period, not a date
    countMemberFlow("admissions", records, dated);
  });
  test("roll-ups keep the value type", () => {
    expectTypeOf(
      rollUpMetric(
        computeResidenceRate,
        { members: [], events: [] },
        {} as Parameters<typeof computeResidenceRate>[1],
      ).total.value,
    ).toEqualTypeOf<RateValue>();
    expectTypeOf(suppressSmallCells({ cells: { male: 1, female: 9 }, total: 10 }).cells).toEqualTypeOf<
      Record<"male" | "female", number | null>
    >();
  });
  test("member rules return results with stable codes", () => {
    type Validation = ReturnType<typeof validateMemberEvent>;
    expectTypeOf<Validation>().toExtend<Result<MemberEvent, string>>();
    expectTypeOf<Extract<Validation, { ok: false }>["code"]>().toExtend<string>();
    expectTypeOf(deriveMemberState).returns.toHaveProperty("status").toEqualTypeOf<MemberStatusOrNone>();
  });
});

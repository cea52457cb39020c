import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import type { MemberEvent } from "../member/events.js";
import type { Referral } from "../referral/index.js";
import { addDays, type CalendarDate, instantToMillis } from "../time/index.js";
import {
  buildMemberColumns,
  checkFigureForPublication,
  computeAgeStructure,
  computeGenderStructure,
  computeMemberRatingDistribution,
  computeOrganizationRatingDistribution,
  computeReferralCohortRate,
  computeResidenceRate,
  computeResidenceRateColumnar,
  computeStrongBranchShare,
  countActiveMembers,
  countActiveMembersColumnar,
  countAdmissions,
  countMaturations,
  countMemberFlow,
  countMembersPastUnionAge,
  countMembersReachingUnionAgeNextYear,
  countPartyAdmissions,
  countReferrals,
  countRemovals,
  countTransfersIn,
  countTransfersOut,
  indexMemberRecords,
  isRatePublishable,
  listMembersPastUnionAge,
  METRICS,
  type MemberRecords,
  type MetricMember,
  type MetricTree,
  ProvenanceSchema,
  rollUpMetric,
  suppressSmallCells,
  toRate,
} from "./index.js";

type NodeSpec = { id: string; parentId: string | null; level: string; grassrootsKind?: string };

/** Builds a tree from parent links. */
export function makeTree(specs: readonly NodeSpec[]): MetricTree {
  const nodes = new Map(specs.map((spec) => [spec.id, { ...spec, childrenIds: [] as string[] }]));
  for (const node of nodes.values())
    if (node.parentId !== null) nodes.get(node.parentId)?.childrenIds.push(node.id);
  return { nodes };
}

/**
 * p (district) ─┬─ a (Đoàn cơ sở) ─┬─ a1 (branch)
 *               │                  └─ a2 (branch)
 *               └─ b (Chi đoàn cơ sở)
 * x (elsewhere) ── x1 (branch)
 */
export const TREE = makeTree([
  { id: "p", parentId: null, level: "district" },
  { id: "a", parentId: "p", level: "grassroots", grassrootsKind: "union" },
  { id: "a1", parentId: "a", level: "branch" },
  { id: "a2", parentId: "a", level: "branch" },
  { id: "b", parentId: "p", level: "grassroots", grassrootsKind: "branch" },
  { id: "x", parentId: null, level: "district" },
  { id: "x1", parentId: "x", level: "branch" },
]);
export const UNITS = ["a1", "a2", "b", "x1"] as const;

export const EPOCH = "2010-01-01";
export const day = (offset: number): CalendarDate => addDays(EPOCH, offset);
export const at = (date: CalendarDate, lagDays = 0) => `${addDays(date, lagDays)}T09:00:00+07:00`;

type Step =
  | { kind: "transfer"; gap: number; to: number; wait: number; isReceived: boolean }
  | { kind: "postpone"; gap: number; length: number }
  | { kind: "register"; gap: number }
  | { kind: "rate"; gap: number; level: number }
  | { kind: "exit"; gap: number; how: "matured" | "removed_from_roll" | "deceased" };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("transfer" as const),
    gap: fc.integer({ min: 1, max: 500 }),
    to: fc.integer({ min: 0, max: 3 }),
    wait: fc.integer({ min: 0, max: 60 }),
    isReceived: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("postpone" as const),
    gap: fc.integer({ min: 1, max: 400 }),
    length: fc.integer({ min: 1, max: 365 }),
  }),
  fc.record({ kind: fc.constant("register" as const), gap: fc.integer({ min: 0, max: 200 }) }),
  fc.record({
    kind: fc.constant("rate" as const),
    gap: fc.integer({ min: 0, max: 200 }),
    level: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({
    kind: fc.constant("exit" as const),
    gap: fc.integer({ min: 1, max: 900 }),
    how: fc.constantFrom("matured" as const, "removed_from_roll" as const, "deceased" as const),
  }),
);

const memberArbitrary = fc.record({
  start: fc.integer({ min: 0, max: 2500 }),
  unit: fc.integer({ min: 0, max: 3 }),
  birthYear: fc.integer({ min: 1980, max: 1998 }),
  birthPrecision: fc.constantFrom("year", "day", "none"),
  gender: fc.constantFrom("male", "female", "none"),
  lag: fc.integer({ min: 0, max: 400 }),
  steps: fc.array(stepArbitrary, { maxLength: 6 }),
  correction: fc.option(fc.nat(), { nil: undefined }),
  referral: fc.option(
    fc.record({
      offset: fc.integer({ min: 0, max: 800 }),
      outcome: fc.constantFrom("admitted", "pending", "refused"),
    }),
    { nil: undefined },
  ),
});

const LEVELS = ["excellent", "good", "average", "weak"] as const;

/** Random records over the fixture tree: histories in effective order, recorded with a random lag. */
export const recordsArbitrary: fc.Arbitrary<MemberRecords> = fc
  .array(memberArbitrary, { maxLength: 25 })
  .map((specs) => {
    const members: MetricMember[] = [];
    const events: MemberEvent[] = [];
    const referrals: Referral[] = [];
    specs.forEach((spec, i) => {
      const id = `m${i}`;
      members.push({
        id,
        ...(spec.birthPrecision === "none"
          ? {}
          : {
              birthDate: spec.birthPrecision === "year" ? String(spec.birthYear) : `${spec.birthYear}-06-15`,
            }),
        ...(spec.gender === "none" ? {} : { gender: spec.gender as "male" | "female" }),
      });
      let seq = 0;
      let date = day(spec.start);
      let unit: string = UNITS[spec.unit] as string;
      const push = (body: Record<string, unknown>) => {
        seq += 1;
        const event = {
          id: `${id}-${seq}`,
          memberId: id,
          effectiveDate: date,
          recordedAt: at(date, spec.lag % (seq * 37 + 1)),
          ...body,
        } as MemberEvent;
        events.push(event);
        return event;
      };
      push({ type: "admitted", organizationId: unit, decisionRef: "1", homeUnitId: unit });
      for (const step of spec.steps) {
        date = addDays(date, step.gap);
        if (step.kind === "transfer") {
          const to = UNITS[step.to] as string;
          if (to === unit) continue;
          const out = push({ type: "transfer_out", fromUnitId: unit, toUnitId: to });
          if (!step.isReceived) break;
          date = addDays(date, step.wait);
          push({ type: "transfer_in", transferOutEventId: out.id, unitId: to });
          unit = to;
        } else if (step.kind === "postpone") {
          push({ type: "activity_postponed", until: addDays(date, step.length) });
          date = addDays(date, step.length);
        } else if (step.kind === "register") {
          push({ type: "residence_registered", year: Number(date.slice(0, 4)), organizationId: "kp" });
        } else if (step.kind === "rate") {
          push({ type: "rated", year: Number(date.slice(0, 4)), level: LEVELS[step.level] });
        } else {
          push({ type: step.how });
          break;
        }
      }
      const own = events.filter((event) => event.memberId === id);
      if (spec.correction !== undefined && own.length > 1) {
        const target = own[1 + (spec.correction % (own.length - 1))] as MemberEvent;
        events.push({
          id: `${id}-fix`,
          memberId: id,
          type: "corrected",
          effectiveDate: target.effectiveDate,
          recordedAt: at(target.effectiveDate, 500),
          targetEventId: target.id,
          replacement: null,
          reason: "Ghi nhầm",
        });
      }
      if (spec.referral !== undefined) {
        const referredOn = day(spec.start + 30 + spec.referral.offset);
        const org = unit === "x1" ? "x" : unit === "b" ? "b" : "a";
        const decided = addDays(referredOn, 100);
        referrals.push({
          id: `r${i}`,
          memberId: id,
          organizationId: org,
          resolutionRef: "1-NQ/ĐTN",
          referredOn,
          recordedAt: at(referredOn, 3),
          steps:
            spec.referral.outcome === "pending"
              ? []
              : [
                  {
                    stage: spec.referral.outcome === "admitted" ? "admitted_probationary" : "not_admitted",
                    date: decided,
                    recordedAt: at(decided, 5),
                  },
                ],
        });
      }
    });
    return { members, events, referrals };
  });

/** A date within the span the random records cover. */
export const dateArbitrary = fc.integer({ min: 0, max: 4000 }).map(day);

// ————————————————————————————————————————— table-driven —————————————————————————————————————————

const computedAt = "2020-01-01T00:00:00Z";
let seq = 0;
function history(id: string, steps: [string, string, Record<string, unknown>?][]): MemberEvent[] {
  let last: string | undefined;
  return steps.map(([type, date, fields]) => {
    seq += 1;
    const event = {
      id: `t${seq}`,
      memberId: id,
      type,
      effectiveDate: date,
      recordedAt: at(date, 2),
      ...fields,
    } as MemberEvent;
    if (type === "transfer_in" && fields?.transferOutEventId === undefined) {
      (event as { transferOutEventId?: string | undefined }).transferOutEventId = last;
    }
    if (type === "transfer_out") last = event.id;
    return event;
  });
}
const admit = (unit: string): Record<string, unknown> => ({
  organizationId: unit,
  decisionRef: "1",
  homeUnitId: unit,
});

const table: MemberRecords = {
  members: [
    { id: "an", birthDate: "1990-05-01", gender: "male" },
    { id: "binh", birthDate: "1995", gender: "female" },
    { id: "cuong", birthDate: "1985-02-03", gender: "male" },
    { id: "dung" },
    { id: "giang", birthDate: "1987-07-07", gender: "female" },
  ],
  events: [
    ...history("an", [
      ["admitted", "2012-03-26", admit("a1")],
      ["transfer_out", "2015-06-01", { fromUnitId: "a1", toUnitId: "b" }],
      ["transfer_in", "2015-06-20", { unitId: "b" }],
      ["residence_registered", "2016-02-01", { year: 2016, organizationId: "kp" }],
      ["rated", "2016-12-20", { year: 2016, level: "excellent" }],
    ]),
    ...history("binh", [
      ["admitted", "2013-01-10", admit("a2")],
      ["activity_postponed", "2016-09-01", { until: "2017-03-01" }],
      ["residence_registered", "2016-01-15", { year: 2016, organizationId: "kp" }],
      ["residence_registered", "2017-02-01", { year: 2017, organizationId: "kp" }],
      ["rated", "2016-12-20", { year: 2016, level: "good" }],
    ]),
    ...history("cuong", [
      ["admitted", "2008-03-26", admit("b")],
      ["matured", "2016-03-26"],
    ]),
    ...history("dung", [
      ["admitted", "2014-05-05", admit("x1")],
      ["transfer_out", "2016-04-01", { fromUnitId: "x1", toUnitId: "a1" }],
      ["transfer_in", "2016-04-15", { unitId: "a1" }],
      ["transfer_out", "2017-05-01", { fromUnitId: "a1", toUnitId: "x1" }],
    ]),
    ...history("giang", [
      ["admitted", "2011-08-01", admit("a1")],
      ["removed_from_roll", "2016-10-10"],
    ]),
  ],
  referrals: [
    {
      id: "r1",
      memberId: "an",
      organizationId: "b",
      resolutionRef: "3-NQ/ĐTN",
      referredOn: "2016-03-01",
      recordedAt: at("2016-03-01", 2),
      steps: [{ stage: "admitted_probationary", date: "2016-09-02", recordedAt: at("2016-09-02", 3) }],
    },
    {
      id: "r2",
      memberId: "binh",
      organizationId: "a",
      resolutionRef: "4-NQ/ĐTN",
      referredOn: "2016-05-01",
      recordedAt: at("2016-05-01", 2),
      steps: [{ stage: "not_admitted", date: "2016-08-01", recordedAt: at("2016-08-01", 3) }],
    },
    {
      id: "r3",
      memberId: "binh",
      organizationId: "a",
      resolutionRef: "9-NQ/ĐTN",
      referredOn: "2016-11-01",
      recordedAt: at("2016-11-01", 2),
      steps: [{ stage: "admitted_probationary", date: "2017-02-01", recordedAt: at("2017-02-01", 3) }],
    },
  ],
  organizationRatings: [
    {
      organizationId: "a1",
      year: 2016,
      levelId: "strong",
      effectiveDate: "2016-12-20",
      recordedAt: at("2016-12-20"),
    },
    {
      organizationId: "a2",
      year: 2016,
      levelId: "good",
      effectiveDate: "2016-12-20",
      recordedAt: at("2016-12-20"),
    },
    {
      organizationId: "a2",
      year: 2016,
      levelId: "strong",
      effectiveDate: "2016-12-20",
      recordedAt: at("2016-12-28"),
    },
    {
      organizationId: "a",
      year: 2016,
      levelId: "good",
      effectiveDate: "2016-12-20",
      recordedAt: at("2016-12-20"),
    },
  ],
};
const q = (organizationId: string) => ({ tree: TREE, organizationId, computedAt });

describe("active members", () => {
  test.each([
    ["p", "2012-12-31", 3, 0],
    ["p", "2015-06-10", 3, 0], // an in transit counts nowhere
    ["p", "2015-06-20", 4, 0],
    ["a", "2015-06-20", 2, 0],
    ["b", "2015-06-20", 2, 0],
    ["p", "2016-03-26", 3, 0], // cuong matured
    ["p", "2016-04-15", 4, 0], // dung received from outside
    ["p", "2016-12-31", 3, 1], // giang removed, binh postponed
    ["a2", "2017-03-01", 1, 1],
    ["a2", "2017-03-02", 1, 0], // postponement over
    ["p", "2017-05-01", 2, 0], // dung left
    ["x", "2015-01-01", 1, 0],
  ])("%s as of %s: %i (%i postponed)", (org, asOf, count, postponed) => {
    const result = countActiveMembers(table, { ...q(org), asOf });
    expect(result.value).toEqual({ count, postponed });
    expect(countActiveMembersColumnar(buildMemberColumns(table), { ...q(org), asOf }).value).toEqual(
      result.value,
    );
  });
  test("provenance names the metric, the organisation, the date and, when asked, the known-at", () => {
    const knownAt = "2016-01-01T00:00:00Z";
    const result = countActiveMembers(table, { ...q("p"), asOf: "2015-12-31", knownAt });
    expect(result.provenance).toEqual({
      metricId: "members.active",
      metricVersion: 1,
      organizationId: "p",
      asOf: "2015-12-31",
      knownAt,
      recordsCounted: 4,
      computedAt,
      counts: METRICS.activeMembers.counts,
    });
    expect(ProvenanceSchema.safeParse(result.provenance).success).toBe(true);
    expect(countActiveMembers(table, { ...q("p"), asOf: "2015-12-31" }).provenance).not.toHaveProperty(
      "knownAt",
    );
  });
});

describe("flows", () => {
  const period = { from: "2015-01-01", to: "2017-12-31" };
  test.each([
    ["admissions", "p", { from: "2008-01-01", to: "2013-12-31" }, 4],
    ["admissions", "x", { from: "2008-01-01", to: "2017-12-31" }, 1],
    ["transfersIn", "p", period, 1], // dung from x1; an's move stays inside p
    ["transfersIn", "b", period, 1],
    ["transfersIn", "a", period, 1],
    ["transfersOut", "p", period, 1], // dung back to x1
    ["transfersOut", "a", period, 2], // an to b, dung to x1
    ["transfersOut", "a1", period, 2],
    ["maturations", "p", period, 1],
    ["removals", "p", period, 1],
    ["removals", "a2", period, 0],
    ["deaths", "p", period, 0],
  ] as const)("%s at %s over %o: %i", (kind, org, period, expected) => {
    expect(countMemberFlow(kind, table, { ...q(org), period }).value).toBe(expected);
  });
  test("named flows are the same functions", () => {
    const query = { ...q("p"), period };
    expect(countAdmissions(table, query).value).toBe(countMemberFlow("admissions", table, query).value);
    expect(countTransfersIn(table, query).value).toBe(1);
    expect(countTransfersOut(table, query).value).toBe(1);
    expect(countMaturations(table, query).value).toBe(1);
    expect(countRemovals(table, query).value).toBe(1);
  });
});

describe("rates and distributions", () => {
  test.each([
    [2016, "2017-08-31", "p", 2, 3], // on roll at the year end: an, binh (postponed), dung; an and binh registered
    [2016, "2017-08-31", "b", 1, 1],
    [2017, "2017-02-01", "p", 1, 3], // this year: read at the as-of date
    [2017, "2017-01-31", "p", 0, 3],
  ])("residence rate %i as of %s at %s: %i / %i", (year, asOf, org, numerator, denominator) => {
    const result = computeResidenceRate(table, { ...q(org), year, asOf });
    expect(result.value).toEqual(toRate(numerator, denominator));
    expect(computeResidenceRateColumnar(buildMemberColumns(table), { ...q(org), year, asOf }).value).toEqual(
      result.value,
    );
  });
  test("the residence rate of the parent is recomputed from its children's parts, never averaged", () => {
    const rollup = rollUpMetric(computeResidenceRate, table, { ...q("p"), year: 2016, asOf: "2016-12-31" });
    const parts = [rollup.own, ...rollup.children].map((part) => part.value);
    expect(rollup.total.value.numerator).toBe(parts.reduce((sum, part) => sum + part.numerator, 0));
    expect(rollup.total.value.denominator).toBe(parts.reduce((sum, part) => sum + part.denominator, 0));
  });
  test("referrals count distinct members; the cohort follows the period's referrals to the as-of date", () => {
    const period = { from: "2016-01-01", to: "2016-12-31" };
    expect(countReferrals(table, { ...q("p"), period }).value).toBe(2);
    expect(countReferrals(table, { ...q("a"), period }).value).toBe(1);
    expect(countPartyAdmissions(table, { ...q("p"), period }).value).toBe(1);
    expect(computeReferralCohortRate(table, { ...q("p"), period, asOf: "2016-12-31" }).value).toEqual(
      toRate(1, 2),
    );
    expect(computeReferralCohortRate(table, { ...q("p"), period, asOf: "2017-08-31" }).value).toEqual(
      toRate(2, 2),
    );
    const known = { ...q("p"), period, asOf: "2017-08-31", knownAt: "2017-02-02T00:00:00Z" };
    expect(computeReferralCohortRate(table, known).value).toEqual(toRate(1, 2));
  });
  test("member ratings for a year, with the not-rated bucket", () => {
    const result = computeMemberRatingDistribution(table, { ...q("p"), year: 2016, asOf: "2017-08-31" });
    expect(result.value).toEqual({
      buckets: { excellent: 1, good: 1, average: 0, weak: 0, not_rated: 1 },
      total: 3,
    });
    expect(checkFigureForPublication(result).ok).toBe(true);
  });
  test("organisation ratings: the latest effective, then latest recorded, wins; strong-branch share counts Chi đoàn cơ sở too", () => {
    const distribution = computeOrganizationRatingDistribution(table, {
      ...q("p"),
      year: 2016,
      asOf: "2017-01-31",
    });
    expect(distribution.value).toEqual({
      buckets: { strong: 2, good: 1, average: 0, weak: 0, not_rated: 1 },
      total: 4,
    });
    const before = computeOrganizationRatingDistribution(table, {
      ...q("p"),
      year: 2016,
      asOf: "2017-01-31",
      knownAt: "2016-12-25T00:00:00Z",
    });
    expect(before.value.buckets).toMatchObject({ strong: 1, good: 2 });
    const share = computeStrongBranchShare(table, { ...q("p"), year: 2016, asOf: "2017-01-31" });
    expect(share.value).toEqual(toRate(2, 3));
  });
  test("age, gender, turning 30 next year, past 30", () => {
    const asOf = "2016-06-30";
    expect(computeGenderStructure(table, { ...q("p"), asOf }).value).toEqual({
      buckets: { male: 1, female: 2, unknown: 1 },
      total: 4,
    });
    expect(computeAgeStructure(table, { ...q("p"), asOf }).value).toEqual({
      buckets: { "16-18": 0, "19-22": 1, "23-26": 1, "27-30": 1, "over-30": 0, unknown: 1 },
      total: 4,
    });
    expect(countMembersReachingUnionAgeNextYear(table, { ...q("p"), asOf: "2019-06-30" }).value).toBe(1);
    expect(countMembersPastUnionAge(table, { ...q("p"), asOf: "2016-06-30" }).value).toBe(0);
    expect(countMembersPastUnionAge(table, { ...q("p"), asOf: "2022-06-30" }).value).toBe(1);
    expect(listMembersPastUnionAge(table, { ...q("p"), asOf: "2022-06-30" })).toEqual([
      { memberId: "an", unitId: "b" },
    ]);
  });
});

describe("publication gates", () => {
  const provenance = countActiveMembers(table, { ...q("p"), asOf: "2016-01-01" }).provenance;
  test.each([
    [{ count: 3, postponed: 1 }, null],
    [{ count: 3, postponed: 4 }, "PARTS_DO_NOT_SUM"],
    [{ buckets: { a: 1, b: 2 }, total: 4 }, "PARTS_DO_NOT_SUM"],
    [{ buckets: { a: 1, b: -1 }, total: 0 }, "NOT_A_COUNT"],
    [toRate(3, 4), null],
    [{ numerator: 5, denominator: 4, rate: 1.25 }, "NUMERATOR_EXCEEDS_DENOMINATOR"],
    [{ numerator: 1, denominator: 4, rate: 0.9 }, "RATE_OUT_OF_RANGE"],
    [2.5, "NOT_A_COUNT"],
  ])("%o → %s", (value, code) => {
    const result = checkFigureForPublication({ value, provenance });
    if (code === null) expect(result.ok).toBe(true);
    else expect(result).toMatchObject({ ok: false, code });
  });
  test("a cohort with more admitted than referred is refused", () => {
    const cohort = computeReferralCohortRate(table, {
      ...q("p"),
      period: { from: "2016-01-01", to: "2016-12-31" },
      asOf: "2017-08-31",
    });
    expect(
      checkFigureForPublication({ ...cohort, value: { numerator: 3, denominator: 2, rate: 1.5 } }),
    ).toMatchObject({
      code: "COHORT_ADMITTED_EXCEEDS_REFERRED",
    });
  });
  test.each<[Record<string, number>, number, string[], boolean]>([
    [{ male: 40, female: 3, unknown: 12 }, 55, ["female", "unknown"], false],
    [{ male: 40, female: 30, unknown: 12 }, 82, [], false],
    [{ male: 2, female: 2, unknown: 40 }, 44, ["male", "female", "unknown"], false],
    [{ male: 1, female: 0, unknown: 40 }, 41, ["male", "female", "unknown"], false],
    [{ male: 2, female: 1 }, 3, ["male", "female"], true],
    [{ only: 3 }, 3, ["only"], true],
  ])("suppress %o", (cells, total, hiddenKeys, isTotalHidden) => {
    const result = suppressSmallCells({ cells, total });
    expect(
      result.hidden
        .map((h) => h.key)
        .filter((key) => key !== "total")
        .sort(),
    ).toEqual([...hiddenKeys].sort());
    expect(result.total === null).toBe(isTotalHidden);
  });
  test("rates are shown to the public only when no small group can be inferred", () => {
    expect(isRatePublishable(toRate(342, 582))).toBe(true);
    expect(isRatePublishable(toRate(3, 582))).toBe(false);
    expect(isRatePublishable(toRate(579, 582))).toBe(false);
    expect(isRatePublishable(toRate(4, 4))).toBe(false);
  });
});

// ——————————————————————————————————————————— properties ———————————————————————————————————————————

const orgArbitrary = fc.constantFrom("p", "a", "a1", "a2", "b", "x");

describe("properties", () => {
  fcTest.prop([recordsArbitrary, dateArbitrary, orgArbitrary], { numRuns: 60 })(
    "a count as of D does not change when events effective after D are added",
    (records, asOf, org) => {
      const before = {
        ...records,
        events: records.events.filter((event) => event.effectiveDate <= asOf),
        referrals: (records.referrals ?? []).filter((referral) => referral.referredOn <= asOf),
      };
      const query = { ...q(org), asOf };
      expect(countActiveMembers(records, query).value).toEqual(countActiveMembers(before, query).value);
      const year = Number(asOf.slice(0, 4));
      expect(computeResidenceRate(records, { ...query, year }).value).toEqual(
        computeResidenceRate(before, { ...query, year }).value,
      );
      const period = { from: EPOCH, to: asOf };
      for (const kind of ["admissions", "transfersIn", "transfersOut", "maturations", "removals"] as const) {
        expect(countMemberFlow(kind, records, { ...q(org), period }).value).toBe(
          countMemberFlow(kind, before, { ...q(org), period }).value,
        );
      }
      expect(countReferrals(records, { ...q(org), period }).value).toBe(
        countReferrals(before, { ...q(org), period }).value,
      );
    },
  );

  fcTest.prop([recordsArbitrary, dateArbitrary, dateArbitrary, orgArbitrary], { numRuns: 60 })(
    "known at T ignores whatever was recorded after T",
    (records, asOf, knownDate, org) => {
      const knownAt = at(knownDate);
      const limit = instantToMillis(knownAt);
      const recorded = {
        ...records,
        events: records.events.filter((event) => instantToMillis(event.recordedAt) <= limit),
        referrals: (records.referrals ?? [])
          .filter((referral) => instantToMillis(referral.recordedAt) <= limit)
          .map((referral) => ({
            ...referral,
            steps: referral.steps.filter((step) => instantToMillis(step.recordedAt) <= limit),
          })),
      };
      const period = { from: EPOCH, to: asOf };
      expect(countActiveMembers(records, { ...q(org), asOf, knownAt }).value).toEqual(
        countActiveMembers(recorded, { ...q(org), asOf }).value,
      );
      expect(computeReferralCohortRate(records, { ...q(org), period, asOf, knownAt }).value).toEqual(
        computeReferralCohortRate(recorded, { ...q(org), period, asOf }).value,
      );
    },
  );

  fcTest.prop([recordsArbitrary, dateArbitrary, dateArbitrary], { numRuns: 60 })(
    "a stock or flow of a parent is its own part plus its children's, transfers between them netted out",
    (records, first, second) => {
      const [from, to] = first <= second ? [first, second] : [second, first];
      const index = indexMemberRecords(records);
      for (const org of ["p", "a"]) {
        const stock = rollUpMetric(countActiveMembers, index, { ...q(org), asOf: to });
        const parts = [stock.own, ...stock.children];
        expect(stock.total.value.count).toBe(parts.reduce((sum, part) => sum + part.value.count, 0));
        expect(stock.total.value.postponed).toBe(parts.reduce((sum, part) => sum + part.value.postponed, 0));
        for (const kind of ["admissions", "maturations", "removals", "deaths"] as const) {
          const flow = rollUpMetric((data, query) => countMemberFlow(kind, data, query), index, {
            ...q(org),
            period: { from, to },
          });
          expect(flow.total.value).toBe(
            flow.own.value + flow.children.reduce((sum, part) => sum + part.value, 0),
          );
        }
        const rate = rollUpMetric(computeResidenceRate, index, {
          ...q(org),
          year: Number(to.slice(0, 4)),
          asOf: to,
        });
        const rateParts = [rate.own, ...rate.children];
        expect(rate.total.value.denominator).toBe(
          rateParts.reduce((sum, part) => sum + part.value.denominator, 0),
        );
        expect(rate.total.value.numerator).toBe(
          rateParts.reduce((sum, part) => sum + part.value.numerator, 0),
        );
      }
    },
  );

  fcTest.prop(
    [
      recordsArbitrary,
      fc.integer({ min: 0, max: 3000 }),
      fc.integer({ min: 0, max: 60 }),
      fc.constantFrom(["a1", "b"], ["b", "a2"], ["a1", "a2"]),
    ],
    { numRuns: 60 },
  )(
    "a transfer between two children leaves the parent's totals unchanged",
    (records, start, wait, [from, to]) => {
      const admitted = day(start);
      const out = addDays(admitted, 100);
      const received = addDays(out, wait);
      const mover = history("mover", [
        ["admitted", admitted, admit(from as string)],
        ["transfer_out", out, { fromUnitId: from, toUnitId: to }],
        ["transfer_in", received, { unitId: to }],
      ]);
      const stayer = history("mover", [["admitted", admitted, admit(from as string)]]);
      const withMove = { ...records, events: [...records.events, ...mover] };
      const withoutMove = { ...records, events: [...records.events, ...stayer] };
      const period = { from: EPOCH, to: day(4000) };
      for (const kind of ["transfersIn", "transfersOut"] as const) {
        expect(countMemberFlow(kind, withMove, { ...q("p"), period }).value).toBe(
          countMemberFlow(kind, withoutMove, { ...q("p"), period }).value,
        );
      }
      // In transit the member counts nowhere; before and after, the parent's stock is the same.
      for (const asOf of [addDays(out, -1), received, addDays(received, 400)]) {
        expect(countActiveMembers(withMove, { ...q("p"), asOf }).value.count).toBe(
          countActiveMembers(withoutMove, { ...q("p"), asOf }).value.count,
        );
      }
    },
  );

  fcTest.prop([recordsArbitrary, dateArbitrary, orgArbitrary, fc.option(dateArbitrary, { nil: undefined })], {
    numRuns: 60,
  })("the columnar form agrees with the object form", (records, asOf, org, knownDate) => {
    const knownAt = knownDate === undefined ? undefined : at(knownDate);
    const columns = buildMemberColumns(records, knownAt);
    const index = indexMemberRecords(records, knownAt);
    // Spell boundaries are where the two forms could part: ask on event dates and the day before too.
    const boundaries = records.events
      .slice(0, 12)
      .flatMap((event) => [event.effectiveDate, addDays(event.effectiveDate, -1)]);
    for (const date of [asOf, ...boundaries]) {
      const query = { ...q(org), asOf: date, knownAt };
      expect(countActiveMembersColumnar(columns, query)).toEqual(countActiveMembers(index, query));
      for (const year of [Number(date.slice(0, 4)), Number(date.slice(0, 4)) - 1]) {
        expect(computeResidenceRateColumnar(columns, { ...query, year })).toEqual(
          computeResidenceRate(index, { ...query, year }),
        );
      }
    }
  });

  fcTest.prop(
    [
      fc.dictionary(fc.constantFrom("a", "b", "c", "d", "e", "f"), fc.nat({ max: 30 }), { minKeys: 1 }),
      fc.integer({ min: 1, max: 10 }),
    ],
    { numRuns: 300 },
  )("suppression never lets a hidden cell be recomputed from the shown ones", (cells, threshold) => {
    const total = Object.values(cells).reduce((sum, value) => sum + value, 0);
    const result = suppressSmallCells({ cells, total }, { threshold });
    const hidden = Object.keys(cells).filter((key) => result.cells[key] === null);
    for (const key of Object.keys(cells)) {
      const value = cells[key] as number;
      if (value < threshold) expect(result.cells[key]).toBeNull();
      else if (result.cells[key] !== null) expect(result.cells[key]).toBe(value);
    }
    if (hidden.length === 0 || result.total === null) return;
    // With the total shown, the hidden cells share what is left: each could be anything from 0 to
    // that sum, so none is determined when at least two are hidden and the sum is not zero.
    const rest =
      result.total - Object.values(result.cells).reduce<number>((sum, value) => sum + (value ?? 0), 0);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    expect(rest).toBeGreaterThanOrEqual(threshold);
  });
});

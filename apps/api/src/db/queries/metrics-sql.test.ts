// Every metric of the catalogue in SQL equal to the domain's function, roll-up and provenance
// included, on random registers: organisations (a branch re-parented, one dissolved), members
// with random histories recorded late and corrected, referrals and organisation ratings.
import { fc } from "@fast-check/vitest";
import {
  addDays,
  type CalendarDate,
  deriveMemberState,
  indexMemberRecords,
  type LineageEvent,
  METRIC_CATALOGUE,
  type Member,
  type MemberEvent,
  type MemberRecordIndex,
  type MetricId,
  type MetricQuery,
  type MetricResult,
  type Organization,
  type OrganizationRating,
  type ParentLink,
  type Referral,
  ratingDistributionKeys,
  resolveOrganizationTree,
  rollUpMetric,
  subtreeIds,
} from "@sodoan/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../../app.js";
import { createSignedInApp } from "../../auth/test-session.js";
import { importRegisterRecords, type RegisterRecords } from "../import-records.js";
import { createTestDatabase, testDrivers } from "../test-database.js";
import { ensureRollSummaries } from "./roll-summaries.js";

const EPOCH = "2010-01-01";
const day = (offset: number): CalendarDate => addDays(EPOCH, offset);
/** Recorded at 09:00 in Vietnam, `lag` days after the date. */
const at = (date: CalendarDate, lag = 0) => `${addDays(date, lag)}T09:00:00+07:00`;
const NOW = new Date("2026-11-25T03:00:00Z");
/** The last year the year-end counts hold in these tests (roll-summaries.ts). */
const SUMMARY_HORIZON = 2014;

type Step =
  | { kind: "transfer"; gap: number; to: number; wait: number; isReceived: boolean }
  | { kind: "postpone"; gap: number; length: number }
  | { kind: "register"; gap: number }
  | { kind: "rate"; gap: number; level: number }
  | { kind: "exit"; gap: number; how: "matured" | "removed_from_roll" | "deceased" | "expulsion" };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("transfer" as const),
    gap: fc.integer({ min: 1, max: 500 }),
    to: fc.nat(),
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
    level: fc.nat(),
  }),
  fc.record({
    kind: fc.constant("exit" as const),
    gap: fc.integer({ min: 1, max: 900 }),
    how: fc.constantFrom(
      "matured" as const,
      "removed_from_roll" as const,
      "deceased" as const,
      "expulsion" as const,
    ),
  }),
);

const memberArbitrary = fc.record({
  start: fc.integer({ min: 0, max: 2500 }),
  unit: fc.nat(),
  birthYear: fc.integer({ min: 1978, max: 1998 }),
  birthPrecision: fc.constantFrom("year", "month", "day", "leap-day", "none"),
  gender: fc.constantFrom("male", "female", "none"),
  lag: fc.integer({ min: 0, max: 400 }),
  steps: fc.array(stepArbitrary, { maxLength: 6 }),
  correction: fc.option(fc.record({ target: fc.nat(), isVoid: fc.boolean() }), { nil: undefined }),
  referral: fc.option(
    fc.record({
      offset: fc.integer({ min: 0, max: 800 }),
      outcome: fc.constantFrom("admitted", "pending", "refused"),
      lag: fc.integer({ min: 0, max: 300 }),
    }),
    { nil: undefined },
  ),
});

const registerArbitrary = fc.record({
  grassroots: fc.array(fc.record({ isBranch: fc.boolean(), branches: fc.integer({ min: 1, max: 3 }) }), {
    minLength: 1,
    maxLength: 3,
  }),
  /** A branch moved to another grassroots organisation on a day, recorded some days later. */
  move: fc.option(
    fc.record({ on: fc.integer({ min: 1, max: 3000 }), lag: fc.integer({ min: 0, max: 200 }) }),
    {
      nil: undefined,
    },
  ),
  dissolve: fc.option(fc.integer({ min: 1, max: 3000 }), { nil: undefined }),
  members: fc.array(memberArbitrary, { maxLength: 20 }),
  ratings: fc.array(
    fc.record({
      org: fc.nat(),
      year: fc.integer({ min: 2010, max: 2018 }),
      level: fc.nat(),
      day: fc.integer({ min: 0, max: 400 }),
      lag: fc.integer({ min: 0, max: 60 }),
    }),
    { maxLength: 12 },
  ),
});
type RegisterSpec = typeof registerArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** The organisations of one generated register, with ids unique to it so that registers share a database. */
function buildRegister(prefix: string, spec: RegisterSpec) {
  const established = "2009-01-01";
  const recordedAt = "2009-01-05T02:00:00.000Z";
  const organizations: Organization[] = [];
  const parentLinks: ParentLink[] = [];
  const lineageEvents: LineageEvent[] = [];
  const add = (org: Omit<Organization, "establishedOn" | "recordedAt">, parentId: string | null) => {
    organizations.push({ ...org, establishedOn: established, recordedAt });
    if (parentId !== null) {
      parentLinks.push({ id: `${org.id}-link`, childId: org.id, parentId, from: established, recordedAt });
    }
  };
  const root = `${prefix}-root`;
  add({ id: root, name: "Huyện đoàn", level: "district" }, null);
  const units: string[] = [];
  const unionIds: string[] = [];
  spec.grassroots.forEach((grassroots, g) => {
    const id = `${prefix}-g${g}`;
    if (grassroots.isBranch) {
      add({ id, name: `Chi đoàn cơ sở ${g}`, level: "grassroots", grassrootsKind: "branch" }, root);
      units.push(id);
      return;
    }
    add({ id, name: `Đoàn cơ sở ${g}`, level: "grassroots", grassrootsKind: "union" }, root);
    unionIds.push(id);
    for (let b = 0; b < grassroots.branches; b++) {
      add({ id: `${id}-b${b}`, name: `Chi đoàn ${g}.${b}`, level: "branch" }, id);
      units.push(`${id}-b${b}`);
    }
  });
  // Another district, so that transfers and referrals cross the boundary of the tree asked about.
  add({ id: `${prefix}-x`, name: "Huyện đoàn khác", level: "district" }, null);
  add({ id: `${prefix}-x-b0`, name: "Chi đoàn khác", level: "branch" }, `${prefix}-x`);
  units.push(`${prefix}-x-b0`);

  const [from, to] = unionIds;
  if (spec.move !== undefined && from !== undefined && to !== undefined) {
    const moved = `${from}-b0`;
    const on = day(spec.move.on);
    const link = parentLinks.find((candidate) => candidate.childId === moved);
    if (link !== undefined) link.to = addDays(on, -1);
    parentLinks.push({
      id: `${moved}-link-2`,
      childId: moved,
      parentId: to,
      from: on,
      recordedAt: at(on, spec.move.lag),
    });
  }
  const lastUnit = units[units.length - 2];
  if (spec.dissolve !== undefined && lastUnit !== undefined) {
    const on = day(spec.dissolve);
    lineageEvents.push({
      type: "dissolved",
      id: `${prefix}-dissolve`,
      organizationId: lastUnit,
      effectiveDate: on,
      recordedAt: at(on, 2),
    });
  }
  return { organizations, parentLinks, lineageEvents, units };
}

function birthDateOf(spec: RegisterSpec["members"][number]): string | undefined {
  switch (spec.birthPrecision) {
    case "none":
      return undefined;
    case "year":
      return String(spec.birthYear);
    case "month":
      return `${spec.birthYear}-02`;
    case "day":
      return `${spec.birthYear}-06-15`;
    case "leap-day":
      return `${spec.birthYear - (spec.birthYear % 4)}-02-29`;
  }
}

/** A whole register from its spec: what `importRegisterRecords` writes and the domain reads. */
function buildRecords(prefix: string, spec: RegisterSpec): RegisterRecords {
  const { organizations, parentLinks, lineageEvents, units } = buildRegister(prefix, spec);
  const members: Member[] = [];
  const memberEvents: MemberEvent[] = [];
  const referrals: Referral[] = [];
  spec.members.forEach((memberSpec, i) => {
    const id = `${prefix}-m${i}`;
    const birthDate = birthDateOf(memberSpec);
    members.push({
      id,
      fullName: `Đoàn viên ${i}`,
      ...(birthDate === undefined ? {} : { birthDate }),
      ...(memberSpec.gender === "none" ? {} : { gender: memberSpec.gender as "male" | "female" }),
      createdAt: "2009-01-05T02:00:00.000Z",
    });
    const own: MemberEvent[] = [];
    let date = day(memberSpec.start);
    let unit = units[memberSpec.unit % units.length] as string;
    const push = (body: Record<string, unknown>) => {
      const event = {
        id: `${id}-e${own.length + 1}`,
        memberId: id,
        effectiveDate: date,
        recordedAt: at(date, memberSpec.lag % ((own.length + 1) * 37 + 1)),
        ...body,
      } as MemberEvent;
      own.push(event);
      return event;
    };
    push({ type: "admitted", organizationId: unit, decisionRef: "1-NQ/ĐTN", homeUnitId: unit });
    for (const step of memberSpec.steps) {
      date = addDays(date, step.gap);
      const year = Number(date.slice(0, 4));
      if (step.kind === "transfer") {
        const target = units[step.to % units.length] as string;
        if (target === unit) continue;
        const out = push({ type: "transfer_out", fromUnitId: unit, toUnitId: target });
        if (!step.isReceived) break;
        date = addDays(date, step.wait);
        push({ type: "transfer_in", transferOutEventId: out.id, unitId: target });
        unit = target;
      } else if (step.kind === "postpone") {
        push({ type: "activity_postponed", until: addDays(date, step.length) });
        date = addDays(date, step.length);
      } else if (step.kind === "register") {
        push({ type: "residence_registered", year, organizationId: unit });
      } else if (step.kind === "rate") {
        const levels = ratingDistributionKeys("member", year).slice(0, -1);
        push({ type: "rated", year, level: levels[step.level % levels.length] });
      } else if (step.how === "expulsion") {
        push({ type: "disciplined", form: "expulsion", organizationId: unit, decisionRef: "2-QĐ/ĐTN" });
        break;
      } else {
        push({ type: step.how });
        break;
      }
    }
    memberEvents.push(...own);
    const correction = memberSpec.correction;
    if (correction !== undefined && own.length > 1) {
      const target = own[1 + (correction.target % (own.length - 1))] as MemberEvent;
      const { id: _id, memberId: _member, recordedAt: _recorded, ...body } = target;
      memberEvents.push({
        id: `${id}-fix`,
        memberId: id,
        type: "corrected",
        effectiveDate: target.effectiveDate,
        recordedAt: at(target.effectiveDate, 500),
        targetEventId: target.id,
        // A replacement a week later, or the event voided.
        replacement: correction.isVoid
          ? null
          : ({ ...body, effectiveDate: addDays(target.effectiveDate, 7) } as never),
        reason: "Ghi nhầm",
      } as MemberEvent);
    }
    if (memberSpec.referral !== undefined) {
      const referredOn = day(memberSpec.start + 30 + memberSpec.referral.offset);
      const decided = addDays(referredOn, 100);
      const stage = memberSpec.referral.outcome === "admitted" ? "admitted_probationary" : "not_admitted";
      referrals.push({
        id: `${id}-r`,
        memberId: id,
        organizationId: unit.includes("-b") ? unit.replace(/-b\d+$/, "") : unit,
        resolutionRef: "1-NQ/ĐTN",
        referredOn,
        recordedAt: at(referredOn, 3),
        steps:
          memberSpec.referral.outcome === "pending"
            ? []
            : [{ stage, date: decided, recordedAt: at(decided, memberSpec.referral.lag) }],
      });
    }
  });
  const rated = organizations.filter((org) => org.level !== "district");
  const organizationRatings: OrganizationRating[] = spec.ratings.flatMap((rating, i) => {
    const org = rated[rating.org % rated.length];
    if (org === undefined) return [];
    const levels = ratingDistributionKeys("organization", rating.year).slice(0, -1);
    const effectiveDate = addDays(`${rating.year}-12-01`, rating.day - 200);
    return [
      {
        id: `${prefix}-rating-${i}`,
        organizationId: org.id,
        year: rating.year,
        levelId: levels[rating.level % levels.length] as string,
        effectiveDate,
        // A second apart, so that no two ratings tie on both dates.
        recordedAt: `${addDays(effectiveDate, rating.lag)}T09:00:${String(i).padStart(2, "0")}+07:00`,
      },
    ];
  });
  return { organizations, parentLinks, lineageEvents, members, memberEvents, referrals, organizationRatings };
}

/** A date: any day of the span, or one next to a date the register names (where rows change). */
const pointArbitrary = fc.oneof(
  fc.record({ kind: fc.constant("any" as const), offset: fc.integer({ min: 0, max: 3600 }) }),
  fc.record({ kind: fc.constant("named" as const), pick: fc.nat(), shift: fc.constantFrom(-1, 0, 1) }),
);
type Point = typeof pointArbitrary extends fc.Arbitrary<infer T> ? T : never;

const questionArbitrary = fc.record({
  org: fc.constantFrom("root", "g0", "g1", "x"),
  asOf: pointArbitrary,
  from: pointArbitrary,
  to: pointArbitrary,
  year: fc.integer({ min: 2010, max: 2019 }),
  // Often exactly a recording instant, or the millisecond before one: "known at" is inclusive.
  knownAt: fc.option(
    fc.oneof(
      fc.record({ kind: fc.constant("any" as const), offset: fc.integer({ min: 0, max: 3600 }) }),
      fc.record({ kind: fc.constant("recorded" as const), pick: fc.nat(), isJustBefore: fc.boolean() }),
    ),
    { nil: undefined },
  ),
});
type Question = typeof questionArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** The dates and "known at" of a question, picked among those the register names when asked. */
function resolveQuestion(records: RegisterRecords, question: Question) {
  const dates = [
    ...new Set([
      ...records.memberEvents.map((event) => event.effectiveDate),
      ...records.parentLinks.map((link) => link.from),
      ...records.lineageEvents.map((event) => event.effectiveDate),
      ...records.referrals.flatMap((referral) => [
        referral.referredOn,
        ...referral.steps.map((step) => step.date),
      ]),
    ]),
  ].sort();
  const dateOf = (point: Point): CalendarDate => {
    if (point.kind === "any" || dates.length === 0) return day(point.kind === "any" ? point.offset : 0);
    return addDays(dates[point.pick % dates.length] as string, point.shift);
  };
  const instants = [
    ...new Set(
      [
        ...records.memberEvents.map((event) => event.recordedAt),
        ...records.parentLinks.map((link) => link.recordedAt),
        ...records.referrals.flatMap((referral) => [
          referral.recordedAt,
          ...referral.steps.map((step) => step.recordedAt),
        ]),
        ...records.organizationRatings.map((rating) => rating.recordedAt),
      ].map((instant) => Date.parse(instant)),
    ),
  ].sort((a, b) => a - b);
  const known = question.knownAt;
  let knownAt: string | undefined;
  if (known?.kind === "any") knownAt = `${day(known.offset)}T02:00:00.000Z`;
  if (known?.kind === "recorded") {
    const millis = instants[known.pick % instants.length] ?? Date.parse(`${EPOCH}T00:00:00Z`);
    knownAt = new Date(millis - (known.isJustBefore ? 1 : 0)).toISOString();
  }
  const [from, to] = [dateOf(question.from), dateOf(question.to)].sort() as [CalendarDate, CalendarDate];
  return { asOf: dateOf(question.asOf), period: { from, to }, year: question.year, knownAt };
}

const METRIC_IDS = Object.keys(METRIC_CATALOGUE) as MetricId[];

describe.each(testDrivers)("metrics in SQL equal the domain's on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: ReturnType<typeof createApp>;
  let registers = 0;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    // The year-end counts reach the middle of the registers' years: a question before it reads
    // them, one after it the spells alone, and both must agree with the domain. Every import then
    // refreshes the counts of the units it touches.
    await ensureRollSummaries(database.db, SUMMARY_HORIZON);
    app = await createSignedInApp({ database, now: () => NOW });
  });
  afterAll(() => database.drop());

  it("for every metric, roll-up and provenance included, as known now and at random moments", async () => {
    await fc.assert(
      fc.asyncProperty(registerArbitrary, questionArbitrary, async (spec, asked) => {
        // Each register has ids of its own, so registers written by earlier runs never count here.
        registers += 1;
        const prefix = `${driver}${registers}`;
        const records = buildRecords(prefix, spec);
        await importRegisterRecords(database.db, records);
        const question = resolveQuestion(records, asked);
        const organizationId = `${prefix}-${asked.org}`;
        const exists = records.organizations.some((org) => org.id === organizationId);
        const index = indexMemberRecords(
          {
            members: records.members,
            events: records.memberEvents,
            referrals: records.referrals,
            organizationRatings: records.organizationRatings,
          },
          question.knownAt,
        );
        // In the order of their ids, as the API reads them: children come in that order.
        const organizationRecords = {
          organizations: [...records.organizations].sort((a, b) => (a.id < b.id ? -1 : 1)),
          parentLinks: records.parentLinks,
          lineageEvents: records.lineageEvents,
        };
        const { period } = question;
        for (const metricId of METRIC_IDS) {
          const entry = METRIC_CATALOGUE[metricId];
          const params = new URLSearchParams({ organizationId, asOf: question.asOf, rollUp: "true" });
          if (entry.question === "flow" || entry.question === "cohort") {
            params.set("from", period.from);
            params.set("to", period.to);
          }
          if (entry.question === "year") params.set("year", String(question.year));
          if (question.knownAt !== undefined) params.set("knownAt", question.knownAt);
          const response = await app.request(`/api/v1/metrics/${metricId}?${params}`);

          const treeDate = entry.question === "flow" ? period.to : question.asOf;
          const view =
            question.knownAt === undefined
              ? { asOf: treeDate }
              : { asOf: treeDate, knownAt: question.knownAt };
          const tree = resolveOrganizationTree(organizationRecords, view);
          if (!exists || !tree.nodes.has(organizationId)) {
            expect(response.status).toBe(404);
            continue;
          }
          const base = {
            tree,
            organizationId,
            computedAt: NOW.toISOString(),
            ...(question.knownAt === undefined ? {} : { knownAt: question.knownAt }),
          };
          // biome-ignore lint/suspicious/noExplicitAny: each entry's own query shape, built from its question.
          const query: any =
            entry.question === "stock"
              ? { ...base, asOf: question.asOf }
              : entry.question === "flow"
                ? { ...base, period }
                : entry.question === "year"
                  ? { ...base, asOf: question.asOf, year: question.year }
                  : { ...base, asOf: question.asOf, period };
          const compute = entry.compute as (
            data: MemberRecordIndex,
            query: MetricQuery,
          ) => MetricResult<unknown>;
          const expected = rollUpMetric(compute, index, query);
          expect(response.status, metricId).toBe(200);
          const body = (await response.json()) as { result: unknown; rollUp: unknown };
          expect({ metricId, ...(body.rollUp as object) }).toEqual(
            JSON.parse(JSON.stringify({ metricId, ...expected })),
          );
          expect(body.result).toEqual(body.rollUp && (body.rollUp as { total: unknown }).total);
        }
      }),
      // Few runs, each a whole register through every metric; a busy machine stops sooner.
      { numRuns: 20, interruptAfterTimeLimit: 45_000 },
    );
  }, 180_000);

  it("the member list, which reads home unit and status from the same timelines, finds whom the domain derives", async () => {
    const statuses = [undefined, "active", "postponed"] as const;
    await fc.assert(
      fc.asyncProperty(registerArbitrary, async (spec) => {
        registers += 1;
        const prefix = `${driver}${registers}`;
        const records = buildRecords(prefix, spec);
        await importRegisterRecords(database.db, records);
        // The days a roll changes, and the days before them: where an off-by-one would show.
        const changes = [...new Set(records.memberEvents.map((event) => event.effectiveDate))].slice(0, 6);
        const dates = changes.flatMap((date) => [addDays(date, -1), date]);
        for (const asOf of dates) {
          const tree = resolveOrganizationTree(records, { asOf });
          const states = records.members.map((member) => ({
            id: member.id,
            state: deriveMemberState(
              records.memberEvents.filter((event) => event.memberId === member.id),
              { asOf },
            ),
          }));
          for (const organizationId of [`${prefix}-root`, `${prefix}-x`]) {
            const units = new Set(subtreeIds(tree, organizationId));
            for (const status of statuses) {
              const params = new URLSearchParams({ organizationId, asOf, pageSize: "100" });
              if (status !== undefined) params.set("status", status);
              const response = await app.request(`/api/v1/members?${params}`);
              expect(response.status).toBe(200);
              const expected = states
                .filter(({ state }) => state.homeUnitId !== null && units.has(state.homeUnitId))
                .filter(({ state }) => status === undefined || state.status === status)
                .map(({ id }) => id);
              const body = (await response.json()) as { items: { id: string }[]; total: number };
              const label = `${organizationId} ${asOf} ${status ?? "any"}`;
              expect(body.items.map((item) => item.id).sort(), label).toEqual(expected.sort());
              expect(body.total, label).toBe(expected.length);
            }
          }
        }
      }),
      // Each run asks 72 questions of one register; on a busy machine the time limit ends it sooner.
      { numRuns: 6, interruptAfterTimeLimit: 25_000 },
    );
  }, 180_000);
});

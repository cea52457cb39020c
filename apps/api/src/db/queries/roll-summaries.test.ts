// The year-end counts answer exactly what the roll spells answer: the members on the roll on any
// day, a year's residence registration, and the roll by age group and by gender, for any set of
// units, built at once or kept up to date unit by unit after the spells or a profile change. The
// spells are generated straight into their tables, with many of them starting and ending around
// the years' ends, where a count could slip, and birth years on both sides of every age group's
// bounds in those years.
import { fc } from "@fast-check/vitest";
import type { CalendarDate } from "@sodoan/domain";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { member, memberMetricProfile, memberRollSpell, memberYearFact } from "../schema/index.js";
import { createTestDatabase, testDrivers } from "../test-database.js";
import { computeMetricSql, type SqlMetricQuery } from "./metrics-sql.js";
import { ensureRollSummaries, refreshRollSummaries } from "./roll-summaries.js";
import { rowsOf } from "./tree.js";

const UNITS = ["u1", "u2", "u3"];
const YEARS = [2011, 2012, 2013, 2014];

/** A day near a year's end: the last two and first two days of a year, or mid-year. */
const dayArbitrary = fc
  .record({
    year: fc.constantFrom(...YEARS),
    day: fc.constantFrom("01-01", "01-02", "06-15", "12-30", "12-31"),
  })
  .map(({ year, day }) => `${year}-${day}` as CalendarDate);

const spellArbitrary = fc.record({
  unit: fc.constantFrom(...UNITS),
  from: dayArbitrary,
  until: fc.option(dayArbitrary, { nil: undefined }),
  isPostponed: fc.boolean(),
  isCurrent: fc.boolean(),
});

const profileArbitrary = fc.record({
  birthYear: fc.option(fc.integer({ min: 1978, max: 2000 }), { nil: null }),
  gender: fc.constantFrom("male", "female", null),
});

const memberArbitrary = fc.record({
  profile: profileArbitrary,
  spells: fc.array(spellArbitrary, { maxLength: 3 }),
  registrations: fc.array(fc.record({ year: fc.constantFrom(...YEARS), on: dayArbitrary }), { maxLength: 2 }),
});

const RECORDED = "2010-01-01T00:00:00Z";

type Spec = typeof memberArbitrary extends fc.Arbitrary<infer T> ? T : never;

describe.each(testDrivers)("year-end counts on %s", (driver) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database.drop());

  async function write(members: Spec[], prefix: string) {
    const ids = members.map((_, index) => `${prefix}-${index}`);
    if (ids.length === 0) return;
    await database.db.insert(member).values(
      ids.map((id) => ({
        id,
        fullName: id,
        nameFolded: id,
        nameSortKey: id,
        data: { id, fullName: id, createdAt: RECORDED },
        createdAt: RECORDED,
        updatedAt: RECORDED,
      })),
    );
    await database.db
      .insert(memberMetricProfile)
      .values(members.map(({ profile }, index) => ({ memberId: ids[index] as string, ...profile })));
    const spells = members.flatMap((spec, index) =>
      spec.spells
        .filter((spell) => spell.until === undefined || spell.until > spell.from)
        .map((spell) => ({
          memberId: ids[index] as string,
          unitId: spell.unit,
          isPostponed: spell.isPostponed,
          validFrom: spell.from,
          validUntil: spell.until ?? null,
          recordedFrom: RECORDED,
          // A spell no longer current is one the records replaced: the counts must not see it.
          recordedTo: spell.isCurrent ? null : "2011-01-01T00:00:00Z",
        })),
    );
    if (spells.length > 0) await database.db.insert(memberRollSpell).values(spells);
    const facts = members.flatMap((spec, index) =>
      // One registration per member and year, as the timelines keep it.
      [...new Map(spec.registrations.map((fact) => [fact.year, fact])).values()].map((fact) => ({
        memberId: ids[index] as string,
        kind: "residence",
        year: fact.year,
        level: null,
        effectiveDate: fact.on,
        recordedFrom: RECORDED,
      })),
    );
    if (facts.length > 0) await database.db.insert(memberYearFact).values(facts);
  }

  async function clear() {
    await database.db.execute(sql`delete from unit_roll_year_end`);
    await database.db.execute(sql`delete from roll_summary_horizon`);
    await database.db.delete(memberYearFact);
    await database.db.delete(memberRollSpell);
    await database.db.delete(memberMetricProfile);
    await database.db.delete(member);
  }

  /** The figures for the units on a day, read from the counts when they hold the year, else from the spells. */
  async function figures(unitIds: string[], asOf: CalendarDate, year: number) {
    const query: SqlMetricQuery = {
      organizationId: unitIds[0] ?? "u1",
      unitIds,
      scope: "subtree",
      asOf,
      year,
      computedAt: "2026-01-01T00:00:00Z",
    };
    const active = await computeMetricSql(database.db, "members.active", query);
    const residence = await computeMetricSql(database.db, "members.residence_registration_rate", {
      ...query,
      asOf: `${year}-12-31`,
    });
    const ages = await computeMetricSql(database.db, "members.age_structure", query);
    const genders = await computeMetricSql(database.db, "members.gender_structure", query);
    return { active: active.value, residence: residence.value, ages: ages.value, genders: genders.value };
  }

  /** The same figures from the spells alone: the counts set aside for the question, then put back. */
  async function figuresFromSpells(unitIds: string[], asOf: CalendarDate, year: number) {
    const [horizon] = rowsOf<{ name: string; through_year: number }>(
      await database.db.execute(sql`delete from roll_summary_horizon returning name, through_year`),
    );
    const answer = await figures(unitIds, asOf, year);
    if (horizon !== undefined) {
      await database.db.execute(
        sql`insert into roll_summary_horizon (name, through_year) values (${horizon.name}, ${horizon.through_year})`,
      );
    }
    return answer;
  }

  const questionArbitrary = fc.record({
    units: fc.subarray(UNITS, { minLength: 1 }),
    asOf: dayArbitrary,
    year: fc.constantFrom(...YEARS),
  });

  it("equal the spells' answers, built at once and after changes refreshed unit by unit", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(memberArbitrary, { maxLength: 12 }),
        fc.array(memberArbitrary, { maxLength: 4 }),
        profileArbitrary,
        fc.constantFrom(...YEARS),
        fc.array(questionArbitrary, { minLength: 1, maxLength: 4 }),
        async (members, added, corrected, horizon, questions) => {
          run += 1;
          await clear();
          await write(members, `m${run}`);
          await ensureRollSummaries(database.db, horizon);
          for (const { units, asOf, year } of questions) {
            expect(await figures(units, asOf, year)).toEqual(await figuresFromSpells(units, asOf, year));
          }
          // New members, then one member's spells gone: each followed by the refresh of its units.
          await write(added, `n${run}`);
          await refreshRollSummaries(
            database.db,
            added.flatMap((spec) => spec.spells.map((s) => s.unit)),
          );
          const gone = await database.db.execute(
            sql`delete from member_roll_spell where member_id = ${`m${run}-0`} returning unit_id`,
          );
          await refreshRollSummaries(
            database.db,
            rowsOf<{ unit_id: string }>(gone).map((row) => row.unit_id),
          );
          // Another member's birth year and gender corrected, then the units of their spells refreshed.
          const correctedId = `m${run}-1`;
          await database.db.execute(
            sql`update member_metric_profile set birth_year = ${corrected.birthYear}, gender = ${corrected.gender}
              where member_id = ${correctedId}`,
          );
          const theirs = await database.db.execute(
            sql`select unit_id from member_roll_spell where member_id = ${correctedId}`,
          );
          await refreshRollSummaries(
            database.db,
            rowsOf<{ unit_id: string }>(theirs).map((row) => row.unit_id),
          );
          for (const { units, asOf, year } of questions) {
            expect(await figures(units, asOf, year)).toEqual(await figuresFromSpells(units, asOf, year));
          }
        },
      ),
      { numRuns: 40, interruptAfterTimeLimit: 40_000 },
    );
  }, 120_000);

  it("are built once, and again only for a later year", async () => {
    await clear();
    await write(
      [
        {
          profile: { birthYear: 1995, gender: "female" },
          spells: [{ unit: "u1", from: "2012-06-15", until: undefined, isPostponed: false, isCurrent: true }],
          registrations: [],
        },
      ],
      "once",
    );
    expect(await ensureRollSummaries(database.db, 2013)).toBe(true);
    expect(await ensureRollSummaries(database.db, 2013)).toBe(false);
    const rows = async () =>
      rowsOf(await database.db.execute(sql`select year, on_roll from unit_roll_year_end order by year`));
    expect(await rows()).toEqual([
      { year: 2012, on_roll: 1 },
      { year: 2013, on_roll: 1 },
    ]);
    expect(await ensureRollSummaries(database.db, 2014)).toBe(true);
    expect(await rows()).toHaveLength(3);
  });
});

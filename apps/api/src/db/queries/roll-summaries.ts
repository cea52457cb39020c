// Each unit's roll counted as of every year's end (schema/metrics.ts, `unit_roll_year_end`), so that
// a figure over a whole country need not read every roll spell in it. A count on a day is the count
// at the end of the year before, plus the spells that started since, minus those that ended since:
// one row per unit and the few spells of a few months, where the spells alone are millions of rows.
// The counts hold the roll as known now; a question "as known at" a moment reads the spells.
import { type AgeBucket, ageBucketOf, type CalendarDate, type GenderBucket, yearOf } from "@sodoan/domain";
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { inScopeSql } from "./id-arrays.js";
import type { Tx } from "./members.js";
import { rowsOf } from "./tree.js";

type Queryable = Pick<Db, "execute">;

/** The one row of `roll_summary_horizon`. */
const HORIZON = "unit_roll_year_end";

/** The last day of a year, as SQL. */
const yearEndSql = (year: SQL) => sql`make_date(${year}, 12, 31)`;

/** The columns that count the roll by age group; those of no known birth year are the rest. */
export const AGE_GROUP_COLUMNS = {
  "16-18": "aged_16_18",
  "19-22": "aged_19_22",
  "23-26": "aged_23_26",
  "27-30": "aged_27_30",
  "over-30": "aged_over_30",
} as const satisfies Record<Exclude<AgeBucket, "unknown">, string>;

/** The columns that count the roll by gender; those of no recorded gender are the rest. */
export const GENDER_COLUMNS = { male: "male", female: "female" } as const satisfies Record<
  Exclude<GenderBucket, "unknown">,
  string
>;

/**
 * Whether an age, a difference of calendar years, falls in an age group, as SQL. The group's ages
 * are read off the domain's `ageBucketOf`, so that the counts group ages as the domain does; the
 * youngest and oldest ages tried stand for no bound on that side.
 */
function inAgeGroupSql(group: Exclude<AgeBucket, "unknown">, age: SQL): SQL {
  const YOUNGEST = 0;
  const OLDEST = 150;
  const ages: number[] = [];
  for (let tried = YOUNGEST; tried <= OLDEST; tried++) {
    if (ageBucketOf(String(2000 - tried), "2000-12-31") === group) ages.push(tried);
  }
  const first = ages[0];
  const last = ages.at(-1);
  if (first === undefined || last === undefined || last - first + 1 !== ages.length) {
    throw new Error(`The age group ${group} is not one range of ages`);
  }
  const from = first === YOUNGEST ? sql`true` : sql`${age} >= ${first}`;
  const to = last === OLDEST ? sql`true` : sql`${age} <= ${last}`;
  return sql`(${from} and ${to})`;
}

/**
 * The columns of the counts that come from the members' profiles, each with the spells it counts:
 * made once, as every member write refreshes the counts of its units.
 */
const PROFILE_COUNTS = [
  ...Object.entries(AGE_GROUP_COLUMNS).map(([group, column]) => ({
    column,
    where: inAgeGroupSql(group as keyof typeof AGE_GROUP_COLUMNS, sql`y.year + 1 - p.birth_year`),
  })),
  ...Object.values(GENDER_COLUMNS).map((gender) => ({ column: gender, where: sql`p.gender = ${gender}` })),
];
const PROFILE_COUNT_NAMES = sql.raw(PROFILE_COUNTS.map(({ column }) => column).join(", "));

/**
 * The counts of the given units, or of every unit, for each year end from each spell's first to
 * `throughYear`: the spells as known now holding on that day, the postponed among them, those whose
 * member had registered residence for the year by then (one registration per member and year, as
 * the timelines keep it), and the roll by age group in the next year and by gender. Units and years
 * with nobody on the roll get no row.
 */
function countsSql(throughYear: number, unitIds: readonly string[] | undefined): SQL {
  const inUnits = (column: SQL) => (unitIds === undefined ? sql`true` : inScopeSql(column, unitIds));
  return sql`with on_roll as (
      select s.unit_id, y.year, count(*)::int as on_roll,
        count(*) filter (where s.is_postponed)::int as postponed,
        ${sql.join(
          PROFILE_COUNTS.map(
            ({ column, where }) => sql`count(*) filter (where ${where})::int as ${sql.raw(column)}`,
          ),
          sql`, `,
        )}
      from member_roll_spell s
      left join member_metric_profile p on p.member_id = s.member_id
      cross join lateral generate_series(
        extract(year from s.valid_from)::int,
        least(coalesce(extract(year from s.valid_until)::int - 1, ${throughYear}), ${throughYear})
      ) as y(year)
      where s.recorded_to is null and ${inUnits(sql`s.unit_id`)}
      group by 1, 2
    ), registered as (
      select s.unit_id, f.year, count(*)::int as registered
      from member_year_fact f
      join member_roll_spell s on s.member_id = f.member_id
      where f.kind = 'residence' and f.recorded_to is null and f.year <= ${throughYear}
        and f.effective_date <= ${yearEndSql(sql`f.year`)}
        and s.recorded_to is null and ${inUnits(sql`s.unit_id`)}
        and s.valid_from <= ${yearEndSql(sql`f.year`)}
        and (s.valid_until is null or s.valid_until > ${yearEndSql(sql`f.year`)})
      group by 1, 2
    )
    insert into unit_roll_year_end (year, unit_id, on_roll, postponed, registered, ${PROFILE_COUNT_NAMES})
    select o.year, o.unit_id, o.on_roll, o.postponed, coalesce(r.registered, 0), ${PROFILE_COUNT_NAMES}
    from on_roll o left join registered r on r.unit_id = o.unit_id and r.year = o.year`;
}

/** The last year the counts hold, or `undefined` when they have not been built. */
export async function rollSummaryHorizon(db: Queryable): Promise<number | undefined> {
  const [row] = rowsOf<{ through_year: number }>(
    await db.execute(sql`select through_year from roll_summary_horizon where name = ${HORIZON}`),
  );
  return row?.through_year;
}

/**
 * Builds the counts of every unit through the end of `throughYear`, unless they already reach it:
 * at start, for a database from before them, and when a new year has begun. Several instances
 * starting at once build them once: the others wait, then find them built. `true` when built.
 */
export async function ensureRollSummaries(db: Db, throughYear: number): Promise<boolean> {
  // Most starts find them built: no lock that would hold other instances' writes meanwhile.
  if ((await rollSummaryHorizon(db)) === throughYear) return false;
  return db.transaction(async (tx) => {
    // Writers refreshing units wait for the build, and the build for them.
    await tx.execute(sql`lock table unit_roll_year_end in exclusive mode`);
    if ((await rollSummaryHorizon(tx)) === throughYear) return false;
    await tx.execute(sql`delete from unit_roll_year_end`);
    await tx.execute(countsSql(throughYear, undefined));
    await tx.execute(
      sql`insert into roll_summary_horizon (name, through_year) values (${HORIZON}, ${throughYear})
        on conflict (name) do update set through_year = excluded.through_year`,
    );
    return true;
  });
}

/**
 * Counts the given units again, after their members' timelines changed: in the transaction that
 * changed them, so a figure never reads spells and counts that disagree. Nothing to do while the
 * counts have not been built.
 */
export async function refreshRollSummaries(db: Db | Tx, unitIds: Iterable<string>): Promise<void> {
  const units = [...new Set(unitIds)].sort();
  if (units.length === 0) return;
  // Its own transaction when called outside one (a bulk load), a savepoint inside the writer's.
  await db.transaction(async (tx) => {
    // Taken before the horizon is read: a build under way finishes first, and its horizon is the
    // one read; a build starting now waits for this transaction, and then counts its spells too.
    await tx.execute(sql`lock table unit_roll_year_end in row exclusive mode`);
    const throughYear = await rollSummaryHorizon(tx);
    if (throughYear === undefined) return;
    // Two writers counting one unit at once would each miss the other's spells: the second waits
    // for the first to commit, then counts with its spells. Units share LOCK_BUCKETS locks, so that
    // a bulk load of thousands of units takes few, taken in one order so that writers cannot deadlock.
    const buckets = [...new Set(units.map(lockBucketOf))].sort((a, b) => a - b);
    for (const bucket of buckets) {
      await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_SPACE}, ${bucket})`);
    }
    await tx.execute(sql`delete from unit_roll_year_end where ${inScopeSql(sql`unit_id`, units)}`);
    await tx.execute(countsSql(throughYear, units));
  });
}

/** The advisory lock space of the counts' writers, and how many locks the units share. */
const LOCK_SPACE = 0x524f4c4c;
const LOCK_BUCKETS = 64;

/** A unit's lock among `LOCK_BUCKETS`: a stable hash of its id. */
function lockBucketOf(unitId: string): number {
  let hash = 0;
  for (let i = 0; i < unitId.length; i++) hash = (hash * 31 + unitId.charCodeAt(i)) >>> 0;
  return hash % LOCK_BUCKETS;
}

/** Whether the counts reach the end of `year`. */
async function holdsYearEnd(db: Queryable, year: number): Promise<boolean> {
  const horizon = await rollSummaryHorizon(db);
  return horizon !== undefined && year <= horizon;
}

/**
 * The year whose end a count on `asOf` starts from, when the counts can answer it: the year before
 * `asOf`'s, if the counts reach that far.
 */
export async function summaryYearFor(db: Queryable, asOf: CalendarDate): Promise<number | undefined> {
  const year = yearOf(asOf) - 1;
  return (await holdsYearEnd(db, year)) ? year : undefined;
}

/**
 * The year whose residence registration the counts hold as read on `at`: only on the year's last
 * day (a year not yet over is read from the spells), and only if the counts reach that far.
 */
export async function residenceSummaryYearFor(
  db: Queryable,
  year: number,
  at: CalendarDate,
): Promise<number | undefined> {
  if (at !== `${year}-12-31`) return undefined;
  return (await holdsYearEnd(db, year)) ? year : undefined;
}

/**
 * Per part of `parts` (a relation `g(id, part)` of unit ids), the roll on `asOf` counted from the
 * year-end counts of `year` and the spells that started or ended after that day: columns `part`,
 * `count`, `postponed`.
 */
export function activeFromSummariesSql(partsSql: SQL, year: number, asOf: CalendarDate): SQL {
  return sql`with g as materialized (select * from ${partsSql})
    select part, sum(count)::int as count, sum(postponed)::int as postponed from (
      select g.part, r.on_roll as count, r.postponed
      from unit_roll_year_end r join g on g.id = r.unit_id
      where r.year = ${year}
      union all
      select g.part, 1, case when s.is_postponed then 1 else 0 end
      from member_roll_spell s join g on g.id = s.unit_id
      where ${startedSinceSql(year, asOf)}
      union all
      select g.part, -1, case when s.is_postponed then -1 else 0 end
      from member_roll_spell s join g on g.id = s.unit_id
      where ${endedSinceSql(year, asOf)}
    ) changes
    group by part`;
}

/** The year-end counts of `year` summed over the units: `on_roll` and each of `columns`. */
export function summedFromSummariesSql(
  unitIds: readonly string[],
  year: number,
  columns: readonly string[],
): SQL {
  const sums = ["on_roll", ...columns].map((column) => {
    const name = sql.raw(column);
    return sql`coalesce(sum(r.${name}), 0)::int as ${name}`;
  });
  return sql`select ${sql.join(sums, sql`, `)} from unit_roll_year_end r
    where r.year = ${year} and ${inScopeSql(sql`r.unit_id`, unitIds)}`;
}

/**
 * What changed on the roll of the units after the end of `year` and by `asOf`, as a relation `m`:
 * each member who came onto it (`change` 1) or left it (`change` -1), once for each time.
 */
export function rollChangesSinceSql(unitIds: readonly string[], year: number, asOf: CalendarDate): SQL {
  const inUnits = inScopeSql(sql`s.unit_id`, unitIds);
  return sql`(select s.member_id, 1 as change from member_roll_spell s
      where ${startedSinceSql(year, asOf)} and ${inUnits}
    union all
    select s.member_id, -1 from member_roll_spell s
      where ${endedSinceSql(year, asOf)} and ${inUnits}) m`;
}

/** The spells `s` as known now that began after the end of `year`, by `asOf`. */
function startedSinceSql(year: number, asOf: CalendarDate): SQL {
  return sql`s.recorded_to is null and s.valid_from > ${yearEndSql(sql`${year}::int`)} and s.valid_from <= ${asOf}::date`;
}

/** The spells `s` as known now that ended after the end of `year`, by `asOf`. */
function endedSinceSql(year: number, asOf: CalendarDate): SQL {
  return sql`s.recorded_to is null and s.valid_until > ${yearEndSql(sql`${year}::int`)} and s.valid_until <= ${asOf}::date`;
}

/**
 * Per part, the residence registration of a year counted at that year's end: columns `part`,
 * `denominator` (on the roll) and `numerator` (registered).
 */
export function residenceFromSummariesSql(partsSql: SQL, year: number): SQL {
  return sql`select g.part, sum(r.on_roll)::int as denominator, sum(r.registered)::int as numerator
    from unit_roll_year_end r join ${partsSql} on g.id = r.unit_id
    where r.year = ${year}
    group by g.part`;
}

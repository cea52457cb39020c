// Every metric of the domain's catalogue as a SQL aggregate: over the member timelines kept by
// member-timelines.ts, the referrals and the organisation ratings, for the organisations a figure
// covers. Each answer equals the domain's function on the same records (metrics-sql.test.ts proves
// it on generated data) and carries the provenance the domain would give it.
import {
  AGE_BUCKETS,
  ageBucketOf,
  buildProvenance,
  type CalendarDate,
  type DistributionValue,
  GENDER_BUCKETS,
  type Instant,
  isStrongBranch,
  MEMBER_FLOW_TRANSITIONS,
  METRICS,
  type MemberFlowKind,
  type MetricDefinition,
  type MetricId,
  type MetricResult,
  NOT_RATED,
  type OrganizationScope,
  type Period,
  type RateValue,
  ratingDistributionKeys,
  resolveOrganizationTree,
  subtreeIds,
  toRate,
  yearEndAsOf,
  yearOf,
} from "@sodoan/domain";
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { idsArraySql, inScopeSql, scopeRelationSql } from "./id-arrays.js";
import {
  AGE_GROUP_COLUMNS,
  activeFromSummariesSql,
  GENDER_COLUMNS,
  residenceFromSummariesSql,
  residenceSummaryYearFor,
  rollChangesSinceSql,
  summaryYearFor,
  summedFromSummariesSql,
} from "./roll-summaries.js";
import {
  loadOrganizationRecords,
  rowsOf,
  subtreeIdsAsOf,
  subtreePartsAsOf,
  subtreePartsRelationAsOf,
} from "./tree.js";

/**
 * A metric question for SQL: the organisation asked about, the ids the figure covers (its subtree
 * on the date, or itself alone for `own`), and the dates the metric's question needs.
 */
export type SqlMetricQuery = {
  organizationId: string;
  unitIds: readonly string[];
  scope: OrganizationScope;
  knownAt?: Instant | undefined;
  computedAt: Instant;
  /** Stock, year and cohort questions. */
  asOf: CalendarDate;
  /** Flow and cohort questions. */
  period?: Period | undefined;
  /** Year questions. */
  year?: number | undefined;
};

/** The timeline rows as known at `knownAt` (now when absent). */
function knownSql(alias: string, knownAt: Instant | undefined): SQL {
  const a = sql.raw(alias);
  if (knownAt === undefined) return sql`${a}.recorded_to is null`;
  return sql`${a}.recorded_from <= ${knownAt}::timestamptz
    and (${a}.recorded_to is null or ${a}.recorded_to > ${knownAt}::timestamptz)`;
}

/** The roll spells `s` holding on a date, as known at the query's moment: at most one per member. */
function holdsOnSql(query: Pick<SqlMetricQuery, "knownAt">, date: CalendarDate): SQL {
  return sql`${knownSql("s", query.knownAt)}
      and s.valid_from <= ${date}::date and (s.valid_until is null or s.valid_until > ${date}::date)`;
}

/** Roll spells in the scope holding on a date: at most one per member. */
function onRollSql(query: SqlMetricQuery, date: CalendarDate): SQL {
  return sql`from member_roll_spell s
    where ${holdsOnSql(query, date)}
      and ${inScopeSql(sql`s.unit_id`, query.unitIds)}`;
}

async function rowsFrom<T>(db: Db, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

function provenance(
  definition: MetricDefinition,
  query: SqlMetricQuery,
  recordsCounted: number,
  dates: { asOf?: CalendarDate; period?: Period | undefined },
) {
  return buildProvenance(definition, {
    organizationId: query.organizationId,
    computedAt: query.computedAt,
    knownAt: query.knownAt,
    recordsCounted,
    ...dates,
  });
}

function periodOf(query: SqlMetricQuery): Period {
  if (query.period === undefined) throw new Error("This metric is asked over a period");
  return query.period;
}

function yearOfQuery(query: SqlMetricQuery): number {
  return query.year ?? yearOf(query.asOf);
}

/**
 * A metric that has a grouped query, asked of one scope: the same query over a single part, so that
 * a figure and its roll-up are always counted alike.
 */
async function computeGrouped(db: Db, metricId: GroupedMetricId, query: SqlMetricQuery) {
  const grouped = (await groupedMetricOf(db, metricId, query)) as GroupedMetric<object>;
  const [row] = await rowsFrom<object>(
    db,
    grouped.rows(partsSql([{ key: query.organizationId, unitIds: query.unitIds }])),
  );
  return grouped.result(query, row);
}

/**
 * The year whose year-end counts a stock question on the roll starts from (roll-summaries.ts):
 * only for the roll as known now, which is what they count.
 */
async function summaryYearOf(db: Db, query: Pick<SqlMetricQuery, "knownAt" | "asOf">) {
  return query.knownAt === undefined ? summaryYearFor(db, query.asOf) : undefined;
}

/** Groups of unit ids as a relation `g(id, part)`, each unit with the key of its group. */
function partsSql(groups: readonly { key: string; unitIds: readonly string[] }[]): SQL {
  const ids = groups.flatMap((group) => group.unitIds);
  const keys = groups.flatMap((group) => group.unitIds.map(() => group.key));
  return sql`unnest(${idsArraySql(ids)}, ${idsArraySql(keys)}) as g(id, part)`;
}

type ActiveRow = { count: number; postponed: number };

function activeResult(query: SqlMetricQuery, row: ActiveRow | undefined) {
  const count = row?.count ?? 0;
  return {
    value: { count, postponed: row?.postponed ?? 0 },
    provenance: provenance(METRICS.activeMembers, query, count, { asOf: query.asOf }),
  };
}

// The domain's `isCountedTransition`: a transfer counts only where it crosses the scope's boundary.
function crossesSql(kind: string, ids: readonly string[]): SQL {
  const isFromInside = sql`coalesce(${inScopeSql(sql`t.from_unit_id`, ids)}, false)`;
  const isToInside = sql`coalesce(${inScopeSql(sql`t.to_unit_id`, ids)}, false)`;
  switch (kind) {
    case "admission":
      return isToInside;
    case "transfer_in":
      return sql`${isToInside} and not ${isFromInside}`;
    case "transfer_out":
      return sql`${isFromInside} and not ${isToInside}`;
    default:
      return isFromInside;
  }
}

async function countFlow(db: Db, flow: MemberFlowKind, query: SqlMetricQuery) {
  const period = periodOf(query);
  const kind = MEMBER_FLOW_TRANSITIONS[flow];
  const [row] = await rowsFrom<{ count: number }>(
    db,
    sql`select count(*)::int as count from member_transition t
      where ${knownSql("t", query.knownAt)} and t.kind = ${kind}
        and t.effective_date between ${period.from}::date and ${period.to}::date
        and ${crossesSql(kind, query.unitIds)}`,
  );
  const count = row?.count ?? 0;
  return { value: count, provenance: provenance(METRICS[flow], query, count, { period }) };
}

/** A member's residence registration or rating for a year, effective by a date: one per member. */
function yearFactsSql(
  query: Pick<SqlMetricQuery, "knownAt">,
  kind: "residence" | "rating",
  year: number,
  by: CalendarDate,
): SQL {
  return sql`(select y.member_id, y.level from member_year_fact y
    where y.kind = ${kind} and y.year = ${year} and y.effective_date <= ${by}::date
      and ${knownSql("y", query.knownAt)})`;
}

type RateRow = { denominator: number; numerator: number };

function residenceResult(query: SqlMetricQuery, row: RateRow | undefined) {
  const at = yearEndAsOf(yearOfQuery(query), query.asOf);
  const denominator = row?.denominator ?? 0;
  return {
    value: toRate(row?.numerator ?? 0, denominator),
    provenance: provenance(METRICS.residenceRate, query, denominator, { asOf: at }),
  };
}

/** The referrals of organisations in the scope, recorded by `knownAt`, with their admission date as known then. */
function referralsSql(query: SqlMetricQuery): SQL {
  const known = (column: SQL) =>
    query.knownAt === undefined ? sql`true` : sql`${column} <= ${query.knownAt}::timestamptz`;
  return sql`(select r.member_id, r.referred_on, (
      select (step.value->>'date')::date
      from jsonb_array_elements(r.data->'steps') with ordinality as step(value, n)
      where step.value->>'stage' = 'admitted_probationary'
        and ${known(sql`(step.value->>'recordedAt')::timestamptz`)}
      order by step.n limit 1
    ) as admitted_on
    from referral r
    where ${inScopeSql(sql`r.organization_id`, query.unitIds)} and ${known(sql`r.recorded_at`)}) as r`;
}

async function countReferrals(db: Db, query: SqlMetricQuery) {
  const period = periodOf(query);
  const [row] = await rowsFrom<{ count: number }>(
    db,
    sql`select count(distinct r.member_id)::int as count from ${referralsSql(query)}
      where r.referred_on between ${period.from}::date and ${period.to}::date`,
  );
  const count = row?.count ?? 0;
  return { value: count, provenance: provenance(METRICS.referrals, query, count, { period }) };
}

async function countPartyAdmissions(db: Db, query: SqlMetricQuery) {
  const period = periodOf(query);
  const [row] = await rowsFrom<{ count: number }>(
    db,
    sql`select count(distinct r.member_id)::int as count from ${referralsSql(query)}
      where r.admitted_on between ${period.from}::date and ${period.to}::date`,
  );
  const count = row?.count ?? 0;
  return { value: count, provenance: provenance(METRICS.partyAdmissions, query, count, { period }) };
}

async function computeReferralCohortRate(db: Db, query: SqlMetricQuery) {
  const period = periodOf(query);
  const [row] = await rowsFrom<{ referred: number; admitted: number }>(
    db,
    sql`select count(distinct r.member_id)::int as referred,
        count(distinct r.member_id) filter (where r.admitted_on <= ${query.asOf}::date)::int as admitted
      from ${referralsSql(query)}
      where r.referred_on between ${period.from}::date and ${period.to}::date
        and r.referred_on <= ${query.asOf}::date`,
  );
  const referred = row?.referred ?? 0;
  return {
    value: toRate(row?.admitted ?? 0, referred),
    provenance: provenance(METRICS.referralCohortRate, query, referred, { period, asOf: query.asOf }),
  };
}

/** Counts by key added to a distribution that starts with every key of the year's scale at zero. */
function distribution(keys: readonly string[], counts: readonly { key: string; count: number }[]) {
  const buckets: Record<string, number> = Object.fromEntries(keys.map((key) => [key, 0]));
  let total = 0;
  for (const { key, count } of counts) {
    buckets[key] = (buckets[key] ?? 0) + count;
    total += count;
  }
  return { buckets, total };
}

async function computeMemberRatings(db: Db, query: SqlMetricQuery): Promise<MetricResult<DistributionValue>> {
  const year = yearOfQuery(query);
  const at = yearEndAsOf(year, query.asOf);
  // The rated by level, then everyone else on the roll as not rated.
  const rated = await rowsFrom<{ key: string; count: number }>(
    db,
    sql`select y.level as key, count(*)::int as count from ${yearFactsSql(query, "rating", year, query.asOf)} y
      where y.member_id in (select s.member_id ${onRollSql(query, at)})
      group by 1`,
  );
  const [roll] = await rowsFrom<{ count: number }>(
    db,
    sql`select count(*)::int as count ${onRollSql(query, at)}`,
  );
  const ratedCount = rated.reduce((sum, row) => sum + row.count, 0);
  const counts = [...rated, { key: NOT_RATED, count: (roll?.count ?? 0) - ratedCount }];
  const value = distribution(ratingDistributionKeys("member", year), counts);
  return { value, provenance: provenance(METRICS.memberRatings, query, value.total, { asOf: at }) };
}

/**
 * The level in force for each organisation of `ids` for the year, as the domain's
 * `organizationRatingsForYear` picks it: the latest effective by the as-of date, then the latest recorded.
 */
function ratingsInForceSql(query: SqlMetricQuery, year: number, ids: readonly string[]): SQL {
  const known = query.knownAt === undefined ? sql`true` : sql`g.recorded_at <= ${query.knownAt}::timestamptz`;
  return sql`(select distinct on (g.organization_id) g.organization_id, g.level_id
    from organization_rating g
    where ${inScopeSql(sql`g.organization_id`, ids)} and g.year = ${year}
      and g.effective_date <= ${query.asOf}::date and ${known}
    order by g.organization_id, g.effective_date desc, g.recorded_at desc, g.id desc)`;
}

async function computeOrganizationRatings(
  db: Db,
  query: SqlMetricQuery,
): Promise<MetricResult<DistributionValue>> {
  const year = yearOfQuery(query);
  // The organisations below the one asked about; itself only when asked about alone.
  const ids = query.unitIds.filter((id) => query.scope === "own" || id !== query.organizationId);
  const counts = await rowsFrom<{ key: string; count: number }>(
    db,
    sql`select coalesce(g.level_id, ${NOT_RATED}) as key, count(*)::int as count
      from ${scopeRelationSql(ids)} o left join ${ratingsInForceSql(query, year, ids)} g on g.organization_id = o.id
      group by 1`,
  );
  const value = distribution(ratingDistributionKeys("organization", year), counts);
  return {
    value,
    provenance: provenance(METRICS.organizationRatings, query, value.total, { asOf: query.asOf }),
  };
}

async function computeStrongBranchShare(db: Db, query: SqlMetricQuery): Promise<MetricResult<RateValue>> {
  const year = yearOfQuery(query);
  const strong = ratingDistributionKeys("organization", year).filter((level) => isStrongBranch(level, year));
  // A branch is what the domain's `canHoldMembers` says holds members: a Chi đoàn or a Chi đoàn cơ sở.
  const [row] = await rowsFrom<{ denominator: number; numerator: number }>(
    db,
    sql`select count(*)::int as denominator,
        count(*) filter (where g.level_id in (select jsonb_array_elements_text(${JSON.stringify(strong)}::jsonb)))::int as numerator
      from organization o left join ${ratingsInForceSql(query, year, query.unitIds)} g on g.organization_id = o.id
      where ${inScopeSql(sql`o.id`, query.unitIds)}
        and (o.level = 'branch' or (o.level = 'grassroots' and o.grassroots_kind = 'branch'))`,
  );
  const denominator = row?.denominator ?? 0;
  return {
    value: toRate(row?.numerator ?? 0, denominator),
    provenance: provenance(METRICS.strongBranchShare, query, denominator, { asOf: query.asOf }),
  };
}

async function countOnRollWhere(db: Db, query: SqlMetricQuery, definition: MetricDefinition, where: SQL) {
  const [row] = await rowsFrom<{ count: number }>(
    db,
    sql`select count(*)::int as count from (select s.member_id ${onRollSql(query, query.asOf)}) s
      join member_metric_profile p on p.member_id = s.member_id
      where ${where}`,
  );
  const count = row?.count ?? 0;
  return { value: count, provenance: provenance(definition, query, count, { asOf: query.asOf }) };
}

/** How a distribution divides the roll by a column of the members' profile. */
type ProfileSplit<K extends string> = {
  column: "birth_year" | "gender";
  keyOf: (value: number | string | null) => K;
  /** The year-end counts' column for each key they count (roll-summaries.ts)… */
  summaryColumns: Partial<Record<K, string>>;
  /** …and the key of the rest of the roll. */
  rest: K;
};

/**
 * Members on the roll as of the date, counted by a column of their profile: from the year-end
 * counts and the members who came or left since, where the counts answer the question, else from
 * every member on the roll.
 */
async function countByProfile<K extends string>(
  db: Db,
  query: SqlMetricQuery,
  definition: MetricDefinition,
  keys: readonly K[],
  split: ProfileSplit<K>,
): Promise<MetricResult<DistributionValue<K>>> {
  const buckets = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  const summaryYear = await summaryYearOf(db, query);
  const members =
    summaryYear === undefined
      ? sql`(select s.member_id, 1 as change ${onRollSql(query, query.asOf)}) m`
      : rollChangesSinceSql(query.unitIds, summaryYear, query.asOf);
  const summarised = Object.entries(split.summaryColumns) as [K, string][];
  const [changes, [summed]] = await Promise.all([
    rowsFrom<{ value: number | string | null; count: number }>(
      db,
      sql`select p.${sql.raw(split.column)} as value, sum(m.change)::int as count
        from ${members} left join member_metric_profile p on p.member_id = m.member_id
        group by 1`,
    ),
    summaryYear === undefined
      ? []
      : rowsFrom<Record<string, number>>(
          db,
          summedFromSummariesSql(
            query.unitIds,
            summaryYear,
            summarised.map(([, column]) => column),
          ),
        ),
  ]);
  if (summed !== undefined) {
    let named = 0;
    for (const [key, column] of summarised) {
      const count = summed[column] ?? 0;
      buckets[key] += count;
      named += count;
    }
    buckets[split.rest] += (summed.on_roll ?? 0) - named;
  }
  for (const row of changes) buckets[split.keyOf(row.value)] += row.count;
  let total = 0;
  for (const key of keys) total += buckets[key];
  return {
    value: { buckets, total },
    provenance: provenance(definition, query, total, { asOf: query.asOf }),
  };
}

/**
 * Any metric of the catalogue by id, in SQL.
 * @example await computeMetricSql(db, "members.active", { organizationId, unitIds, scope: "subtree", asOf: "2017-08-31", computedAt })
 */
export async function computeMetricSql(
  db: Db,
  metricId: MetricId,
  query: SqlMetricQuery,
): Promise<MetricResult<unknown>> {
  switch (metricId) {
    case "members.active":
      return computeGrouped(db, metricId, query);
    case "members.admissions":
      return countFlow(db, "admissions", query);
    case "members.transfers_in":
      return countFlow(db, "transfersIn", query);
    case "members.transfers_out":
      return countFlow(db, "transfersOut", query);
    case "members.maturations":
      return countFlow(db, "maturations", query);
    case "members.removals":
      return countFlow(db, "removals", query);
    case "members.expulsions":
      return countFlow(db, "expulsions", query);
    case "members.deaths":
      return countFlow(db, "deaths", query);
    case "members.residence_registration_rate":
      return computeGrouped(db, metricId, query);
    case "referrals.referred":
      return countReferrals(db, query);
    case "referrals.party_admissions":
      return countPartyAdmissions(db, query);
    case "referrals.cohort_admission_rate":
      return computeReferralCohortRate(db, query);
    case "ratings.members":
      return computeMemberRatings(db, query);
    case "ratings.organizations":
      return computeOrganizationRatings(db, query);
    case "ratings.strong_branch_share":
      return computeStrongBranchShare(db, query);
    case "members.reaching_30_next_year":
      return countOnRollWhere(
        db,
        query,
        METRICS.reachingUnionAgeNextYear,
        sql`p.birth_year + 30 = ${yearOf(query.asOf) + 1}`,
      );
    case "members.past_30_not_matured":
      return countOnRollWhere(
        db,
        query,
        METRICS.pastUnionAge,
        sql`p.past_union_age_on <= ${query.asOf}::date`,
      );
    case "members.age_structure":
      // Grouped by birth year in SQL; the domain's `ageBucketOf` names each year's group.
      return countByProfile(db, query, METRICS.ageStructure, AGE_BUCKETS, {
        column: "birth_year",
        keyOf: (birthYear) =>
          ageBucketOf(birthYear === null ? undefined : String(birthYear).padStart(4, "0"), query.asOf),
        summaryColumns: AGE_GROUP_COLUMNS,
        rest: "unknown",
      });
    case "members.gender_structure":
      return countByProfile(db, query, METRICS.genderStructure, GENDER_BUCKETS, {
        column: "gender",
        keyOf: (gender) => (gender === "male" || gender === "female" ? gender : "unknown"),
        summaryColumns: GENDER_COLUMNS,
        rest: "unknown",
      });
  }
}

/** One of the disjoint scopes a roll-up asks about: a child and the units under it. */
export type RollUpPart = { organizationId: string; unitIds: readonly string[] };

/**
 * An organisation's subtree as a grouped roll-up reads it: its children, and the relation
 * `g(id, part)` of its units, the organisation's id for its own and a child's id for the child's.
 */
export type RollUpParts = { childIds: readonly string[]; relation: SQL };

/** A roll-up's figures: the organisation's whole subtree, its own units, and each child's subtree. */
export type SqlRollUp = {
  total: MetricResult<unknown>;
  own: MetricResult<unknown>;
  children: MetricResult<unknown>[];
};

const addActive = (a: ActiveRow, b: ActiveRow): ActiveRow => ({
  count: a.count + b.count,
  postponed: a.postponed + b.postponed,
});
const addRates = (a: RateRow, b: RateRow): RateRow => ({
  denominator: a.denominator + b.denominator,
  numerator: a.numerator + b.numerator,
});

/** A metric counted in one query grouped by part, whose counts add up across disjoint parts. */
type GroupedMetric<R> = {
  rows(partsSql: SQL): SQL;
  result(query: SqlMetricQuery, row: R | undefined): MetricResult<unknown>;
  add(a: R, b: R): R;
};

/** The metrics counted in one query grouped by part; a roll-up of the others is asked part by part. */
export type GroupedMetricId = "members.active" | "members.residence_registration_rate";

export function isGroupedMetric(metricId: MetricId): metricId is GroupedMetricId {
  return metricId === "members.active" || metricId === "members.residence_registration_rate";
}

async function groupedMetricOf(
  db: Db,
  metricId: GroupedMetricId,
  question: Omit<SqlMetricQuery, "organizationId" | "unitIds" | "scope">,
): Promise<GroupedMetric<ActiveRow> | GroupedMetric<RateRow>> {
  switch (metricId) {
    case "members.active": {
      const summaryYear = await summaryYearOf(db, question);
      return {
        rows: (parts) =>
          summaryYear !== undefined
            ? activeFromSummariesSql(parts, summaryYear, question.asOf)
            : sql`select g.part, count(*)::int as count, count(*) filter (where s.is_postponed)::int as postponed
                from member_roll_spell s join ${parts} on g.id = s.unit_id
                where ${holdsOnSql(question, question.asOf)}
                group by g.part`,
        result: activeResult,
        add: addActive,
      } satisfies GroupedMetric<ActiveRow>;
    }
    case "members.residence_registration_rate": {
      const year = question.year ?? yearOf(question.asOf);
      const at = yearEndAsOf(year, question.asOf);
      const summaryYear =
        question.knownAt === undefined ? await residenceSummaryYearFor(db, year, at) : undefined;
      return {
        rows: (parts) =>
          summaryYear !== undefined
            ? residenceFromSummariesSql(parts, summaryYear)
            : // A join, not `in (every registration of the year)`: that would hash the whole
              // country's registrations even for one branch. One fact per member, kind and year.
              sql`select g.part, count(*)::int as denominator, count(y.member_id)::int as numerator
                from member_roll_spell s join ${parts} on g.id = s.unit_id
                left join ${yearFactsSql(question, "residence", year, at)} y
                  on y.member_id = s.member_id
                where ${holdsOnSql(question, at)}
                group by g.part`,
        result: residenceResult,
        add: addRates,
      } satisfies GroupedMetric<RateRow>;
    }
  }
}

/**
 * A roll-up in one query grouped by part (the national roll-up asks it of every province). The
 * organisation's own units and its children's subtrees divide its subtree between them, so the
 * total is their sum: each figure equals `computeMetricSql` over its units, and the subtree is read
 * once, not twice.
 */
export async function computeRollUpSql(
  db: Db,
  metricId: GroupedMetricId,
  question: Omit<SqlMetricQuery, "organizationId" | "unitIds" | "scope">,
  organizationId: string,
  parts: RollUpParts,
): Promise<SqlRollUp> {
  const grouped = (await groupedMetricOf(db, metricId, question)) as GroupedMetric<object>;
  const rows = new Map<string, object>();
  for (const { part, ...row } of await rowsFrom<{ part: string }>(db, grouped.rows(parts.relation))) {
    rows.set(part, row);
  }
  // Provenance names the organisation a figure is of; the units counted stay in the database.
  const queryOf = (id: string, scope: OrganizationScope): SqlMetricQuery => ({
    ...question,
    organizationId: id,
    unitIds: [],
    scope,
  });
  const [first, ...rest] = [...rows.values()];
  return {
    total: grouped.result(
      queryOf(organizationId, "subtree"),
      first === undefined ? undefined : rest.reduce(grouped.add, first),
    ),
    own: grouped.result(queryOf(organizationId, "own"), rows.get(organizationId)),
    children: parts.childIds.map((id) => grouped.result(queryOf(id, "subtree"), rows.get(id))),
  };
}

/** The organisations a figure covers on a date: an organisation's subtree, and as a roll-up reads it. */
export type MetricScopes = {
  subtree(organizationId: string): Promise<string[]>;
  /** The subtree, and each child with its own subtree; no ids when the organisation does not exist. */
  parts(organizationId: string): Promise<{ unitIds: string[]; children: RollUpPart[] }>;
  /** The subtree as a grouped roll-up reads it; undefined when the organisation does not exist. */
  groupedParts(organizationId: string): Promise<RollUpParts | undefined>;
};

/**
 * The tree a metric is read in on a date. As known now, from the tree's SQL, where a grouped
 * roll-up reads the subtree without its ids leaving the database (the whole country is 250,000
 * of them); as known at a moment, from the domain's tree over the records recorded by then.
 */
export async function resolveMetricScopes(
  db: Db,
  asOf: CalendarDate,
  knownAt: Instant | undefined,
): Promise<MetricScopes> {
  if (knownAt === undefined) {
    return {
      subtree: (organizationId) => subtreeIdsAsOf(db, organizationId, asOf),
      parts: (organizationId) => subtreePartsAsOf(db, organizationId, asOf),
      groupedParts: (organizationId) => subtreePartsRelationAsOf(db, organizationId, asOf),
    };
  }
  const tree = resolveOrganizationTree(await loadOrganizationRecords(db), { asOf, knownAt });
  const parts = (organizationId: string) => ({
    unitIds: subtreeIds(tree, organizationId),
    children: [...(tree.nodes.get(organizationId)?.childrenIds ?? [])].map((childId) => ({
      organizationId: childId,
      unitIds: subtreeIds(tree, childId),
    })),
  });
  return {
    subtree: async (organizationId) => subtreeIds(tree, organizationId),
    parts: async (organizationId) => parts(organizationId),
    groupedParts: async (organizationId) => {
      const { unitIds, children } = parts(organizationId);
      if (unitIds.length === 0) return undefined;
      return {
        childIds: children.map((child) => child.organizationId),
        relation: partsSql([
          { key: organizationId, unitIds: [organizationId] },
          ...children.map((child) => ({ key: child.organizationId, unitIds: child.unitIds })),
        ]),
      };
    },
  };
}

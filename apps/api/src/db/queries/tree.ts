// Reading the dated organisation tree from the database: the stored records as the domain's
// `OrganizationRecords`, and the subtree of an organisation on a date.
import type { LineageEvent, Organization, OrganizationRecords, ParentLink } from "@sodoan/domain";
import { and, asc, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../client.js";
import { lineageEvent, lineageParticipant, organization, parentLink } from "../schema/index.js";

type OrganizationRow = typeof organization.$inferSelect;
type ParentLinkRow = typeof parentLink.$inferSelect;

/** PostgreSQL answers `2017-09-01 06:00:00+00`; the domain wants ISO 8601. */
export function toInstant(value: string): string {
  return new Date(value).toISOString();
}

/** A stored organisation as the domain's record. */
export function toOrganization(row: OrganizationRow): Organization {
  const org: Organization = {
    id: row.id,
    name: row.name,
    level: row.level as Organization["level"],
    establishedOn: row.establishedOn,
    recordedAt: toInstant(row.recordedAt),
  };
  if (row.data.shortName !== undefined) org.shortName = row.data.shortName;
  if (row.data.englishName !== undefined) org.englishName = row.data.englishName;
  if (row.data.establishedBy !== undefined) org.establishedBy = row.data.establishedBy;
  if (row.grassrootsKind !== null) org.grassrootsKind = row.grassrootsKind as Organization["grassrootsKind"];
  if (row.sector !== null) org.sector = row.sector as Organization["sector"];
  if (row.area !== null) org.area = row.area as Organization["area"];
  return org;
}

/** A stored parent link as the domain's record. */
export function toParentLink(row: ParentLinkRow): ParentLink {
  const link: ParentLink = {
    id: row.id,
    childId: row.childId,
    parentId: row.parentId,
    from: row.validFrom,
    recordedAt: toInstant(row.recordedAt),
  };
  if (row.validTo !== null) link.to = row.validTo;
  if (row.decidedBy !== null) link.decidedBy = row.decidedBy;
  return link;
}

/** Ids in code-unit order on both drivers, as JavaScript compares them. */
function byId(column: AnyPgColumn): SQL {
  return sql`${column} collate "C"`;
}

/**
 * The stored records of the tree, as the domain reads them. With `ids`, the records about those
 * organisations: the organisations, their own parent links and the events that name them (whose
 * other organisations are not loaded). A `reparented` event's own link is left out: the event
 * already acts as that link. Organisations come in the order of their ids, so that the domain
 * lists children in the same order as the queries below.
 */
export async function loadOrganizationRecords(db: Db, ids?: string[]): Promise<OrganizationRecords> {
  if (ids !== undefined && ids.length === 0) {
    return { organizations: [], parentLinks: [], lineageEvents: [] };
  }
  const [orgRows, linkRows, eventRows] = await Promise.all([
    db
      .select()
      .from(organization)
      .where(ids === undefined ? undefined : inArray(organization.id, ids))
      .orderBy(byId(organization.id)),
    db
      .select()
      .from(parentLink)
      .where(
        and(
          isNull(parentLink.lineageEventId),
          ids === undefined ? undefined : inArray(parentLink.childId, ids),
        ),
      )
      .orderBy(byId(parentLink.id)),
    db
      .select({ body: lineageEvent.body, recordedAt: lineageEvent.recordedAt })
      .from(lineageEvent)
      .where(
        ids === undefined
          ? undefined
          : inArray(
              lineageEvent.id,
              db
                .select({ id: lineageParticipant.eventId })
                .from(lineageParticipant)
                .where(inArray(lineageParticipant.organizationId, ids)),
            ),
      )
      .orderBy(asc(lineageEvent.effectiveDate), byId(lineageEvent.id)),
  ]);
  return {
    organizations: orgRows.map(toOrganization),
    parentLinks: linkRows.map(toParentLink),
    lineageEvents: eventRows.map(
      (row): LineageEvent => ({ ...row.body, recordedAt: toInstant(row.recordedAt) }),
    ),
  };
}

/** The rows a raw query answered, from either driver (both put them in `rows`). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * Whether an organisation exists on a date, as SQL: established by then and not ended (dissolved,
 * merged away, split without continuing) on or before it. Index lookups, for a few ids at a time.
 */
export function existsAsOfSql(id: SQL, asOf: string): SQL {
  return sql`exists (
    select 1 from organization x
    where x.id = ${id} and x.established_on <= ${asOf}::date
      and not exists (
        select 1 from lineage_participant e
        where e.organization_id = x.id and e.is_ending and e.effective_date <= ${asOf}::date
      )
  )`;
}

/** Links and mergers as edges from a parent to who may sit under it on some date. */
const EDGES = sql`(
  select l.parent_id as upper_id, l.child_id as lower_id from parent_link l
  union all
  select m.merged_into_id, m.organization_id from lineage_participant m where m.merged_into_id is not null
)`;

/**
 * The organisations that sit, or may sit on some date, below an organisation (it included): its
 * link children on any date, the organisations merged into it (whose children follow it), and so
 * on down. A superset of its subtree on every date, found through the indexes.
 */
export function everBelowSql(organizationId: string): SQL {
  return sql`select ${organizationId}::text as id
    union
    select edge.lower_id from ever_below b join ${EDGES} edge on edge.upper_id = b.id`;
}

/** The organisations that sit, or may sit on some date, above an organisation (it included). */
export function everAboveSql(organizationId: string): SQL {
  return sql`select ${organizationId}::text as id
    union
    select edge.upper_id from ever_above b join ${EDGES} edge on edge.lower_id = b.id`;
}

/**
 * The parents on a date as SQL common table expressions, the domain's rules in SQL, for the
 * organisations that `scope` (a query of ids, which may name earlier expressions of `before`) names:
 * - `assigned`: each one's parent from the links valid on the date (a re-parent event writes one
 *   too), the link starting latest winning, then the one recorded latest;
 * - `tree_parent`: the parent each existing one has on the date. A parent merged away hands its
 *   children to the organisation it went into (followed as far as needed); a parent ended
 *   otherwise leaves them without one.
 * `before` holds expressions to define first (ending with a comma). Begins a `with recursive`
 * clause; the caller adds its own expressions and query after it.
 */
export function treeAsOfSql(asOf: string, scope: SQL, before: SQL = sql``): SQL {
  return sql`with recursive ${before}
  tree_scope (id) as (${scope}),
  assigned as (
    select distinct on (l.child_id) l.child_id, l.parent_id
    from parent_link l
    where l.child_id in (select id from tree_scope)
      and l.valid_from <= ${asOf}::date and (l.valid_to is null or l.valid_to >= ${asOf}::date)
    order by l.child_id, l.valid_from desc, l.recorded_at desc, l.id desc
  ),
  redirect (child_id, parent_id, hops) as (
    select a.child_id, a.parent_id, 0 from assigned a where ${existsAsOfSql(sql`a.child_id`, asOf)}
    union all
    select r.child_id, ending.merged_into_id, r.hops + 1
    from redirect r
    cross join lateral (
      select p.merged_into_id from lineage_participant p
      where p.organization_id = r.parent_id and p.is_ending and p.effective_date <= ${asOf}::date
      order by p.effective_date, p.event_id
      limit 1
    ) ending
    where ending.merged_into_id is not null and r.hops < 64
  ),
  tree_parent as (
    select r.child_id, r.parent_id from redirect r
    where r.child_id <> r.parent_id and ${existsAsOfSql(sql`r.parent_id`, asOf)}
  )`;
}

/**
 * The ids of an organisation and of everything below it on a date, the organisation first, as the
 * domain's `subtreeIds(resolveOrganizationTree(records, { asOf }), id)` gives them (children in
 * the order of their ids); empty when the organisation does not exist on that date.
 */
export async function subtreeIdsAsOf(db: Db, organizationId: string, asOf: string): Promise<string[]> {
  const before = sql`ever_below (id) as (${everBelowSql(organizationId)}),`;
  const result = await db.execute(sql`${treeAsOfSql(asOf, sql`select id from ever_below`, before)},
  subtree (id, path) as (
    select o.id, o.id::text from organization o
    where o.id = ${organizationId} and ${existsAsOfSql(sql`o.id`, asOf)}
    union all
    select t.child_id, s.path || chr(1) || t.child_id
    from subtree s join tree_parent t on t.parent_id = s.id
    where position(chr(1) || t.child_id || chr(1) in chr(1) || s.path || chr(1)) = 0
  )
  select id from subtree order by path collate "C"`);
  return rowsOf<{ id: string }>(result).map((row) => row.id);
}

/**
 * Who may sit directly under an organisation on some date: its link children and those of the
 * organisations merged into it, directly or through others. A superset of its children on any date.
 */
export function childCandidatesSql(organizationId: string): SQL {
  return sql`select l.child_id from parent_link l
    where l.parent_id in (
      with recursive merged_in (id) as (
        select ${organizationId}::text
        union
        select m.organization_id from lineage_participant m join merged_in i on m.merged_into_id = i.id
      )
      select id from merged_in
    )`;
}

/** The ids of an organisation's children on a date, in the order of their ids. */
export async function childIdsAsOf(db: Db, organizationId: string, asOf: string): Promise<string[]> {
  const result = await db.execute(sql`${treeAsOfSql(asOf, childCandidatesSql(organizationId))}
  select child_id from tree_parent where parent_id = ${organizationId} order by child_id collate "C"`);
  return rowsOf<{ child_id: string }>(result).map((row) => row.child_id);
}

/**
 * The ids from an organisation up to its root on a date, the organisation first, as the domain's
 * `pathToRoot`; empty when it does not exist on that date.
 */
export async function pathToRootAsOf(db: Db, organizationId: string, asOf: string): Promise<string[]> {
  const before = sql`ever_above (id) as (${everAboveSql(organizationId)}),`;
  const result = await db.execute(sql`${treeAsOfSql(asOf, sql`select id from ever_above`, before)},
  up (id, depth, path) as (
    select o.id, 0, chr(1) || o.id || chr(1) from organization o
    where o.id = ${organizationId} and ${existsAsOfSql(sql`o.id`, asOf)}
    union all
    select t.parent_id, u.depth + 1, u.path || t.parent_id || chr(1)
    from up u join tree_parent t on t.child_id = u.id
    where position(chr(1) || t.parent_id || chr(1) in u.path) = 0
  )
  select id from up order by depth`);
  return rowsOf<{ id: string }>(result).map((row) => row.id);
}

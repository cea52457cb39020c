// Reading the dated organisation tree from the database: the stored records as the domain's
// `OrganizationRecords`; the dated materialised path kept from them (`organization_path`), and the
// subtree, children and path to the root of an organisation on a date read from it.
import {
  type LineageEvent,
  type Organization,
  type OrganizationPath,
  type OrganizationRecords,
  type ParentLink,
  resolveOrganizationPaths,
} from "@sodoan/domain";
import { and, asc, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { CHUNK } from "../chunks.js";
import type { Db } from "../client.js";
import {
  lineageEvent,
  lineageParticipant,
  organization,
  organizationPath,
  PATH_SEPARATOR,
  parentLink,
} from "../schema/index.js";

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
  // One after the other: inside a transaction the three share one connection.
  const orgRows = await db
    .select()
    .from(organization)
    .where(ids === undefined ? undefined : inArray(organization.id, ids))
    .orderBy(byId(organization.id));
  const linkRows = await db
    .select()
    .from(parentLink)
    .where(
      and(
        isNull(parentLink.lineageEventId),
        ids === undefined ? undefined : inArray(parentLink.childId, ids),
      ),
    )
    .orderBy(byId(parentLink.id));
  const eventRows = await db
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
    .orderBy(asc(lineageEvent.effectiveDate), byId(lineageEvent.id));
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

/** Who may sit directly under the organisation `b.id` on some date: its link children, and those merged into it. */
const LOWER = sql`cross join lateral (
  select l.child_id as id from parent_link l where l.parent_id = b.id
  union all
  select m.organization_id from lineage_participant m where m.merged_into_id = b.id
) edge`;

/** Who may sit directly above the organisation `b.id` on some date: its link parents, and where it merged. */
const UPPER = sql`cross join lateral (
  select l.parent_id as id from parent_link l where l.child_id = b.id
  union all
  select m.merged_into_id from lineage_participant m where m.organization_id = b.id and m.merged_into_id is not null
) edge`;

/** The character just after `PATH_SEPARATOR`: what no path that goes on from another can reach. */
const AFTER_SEPARATOR = String.fromCharCode(PATH_SEPARATOR.charCodeAt(0) + 1);

/** More organisations than this and the path index is rebuilt whole, from every record. */
const WHOLE_REBUILD_ABOVE = 10_000;

/** Path rows one statement carries: they travel as one JSON parameter, which PGlite reads fastest. */
const PATH_CHUNK = 5000;

/** Stores spans of paths, each as its row (`parent_id` and `depth` read off the path). */
async function insertPaths(db: Db, spans: readonly OrganizationPath[]): Promise<void> {
  for (let i = 0; i < spans.length; i += PATH_CHUNK) {
    const rows = spans.slice(i, i + PATH_CHUNK).map((span) => ({
      organization_id: span.organizationId,
      valid_from: span.from,
      valid_to: span.to ?? null,
      path: span.path.join(PATH_SEPARATOR),
      parent_id: span.path.at(-2) ?? null,
      depth: span.path.length - 1,
    }));
    await db.execute(sql`insert into organization_path (organization_id, valid_from, valid_to, path, parent_id, depth)
    select organization_id, valid_from, valid_to, path, parent_id, depth
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r (organization_id text, valid_from date, valid_to date, path text, parent_id text, depth integer)`);
  }
}

/** An arbitrary constant: changes to the tree take this lock, so that two cannot make a cycle together. */
const TREE_LOCK_KEY = 7_142_018;

/**
 * Serialises changes to the organisation tree until the transaction ends. Each change is checked
 * against the whole tree (cycles, children left behind), which another change may alter meanwhile.
 */
export async function lockTree(db: Db): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${TREE_LOCK_KEY})`);
}

/**
 * Rebuilds the dated path of the organisations a write may have moved: those that sit, or may sit
 * on some date, below one it changed (through links or mergers), each from the domain's
 * `resolveOrganizationPaths` over the records of everything that may sit above them. Without
 * `changedIds`, or with many, every path is rebuilt. Run it in the transaction of the write, after
 * the write, so that the index never disagrees with the records; it takes the tree's lock
 * (`lockTree`) until the transaction ends.
 */
export async function refreshOrganizationPaths(db: Db, changedIds?: readonly string[]): Promise<void> {
  if (changedIds !== undefined && changedIds.length === 0) return;
  // Two writes rebuilding at once could each read the tree without the other's change.
  await lockTree(db);
  if (changedIds === undefined || changedIds.length > WHOLE_REBUILD_ABOVE) {
    const records = await loadOrganizationRecords(db);
    await db.delete(organizationPath);
    await insertPaths(db, resolveOrganizationPaths(records));
    // The planner's figures for the new rows (PGlite has no autovacuum to gather them).
    await db.execute(sql`analyze organization_path`);
    return;
  }
  const ids = [...new Set(changedIds)];
  // PostgreSQL guesses a recursive walk huge and would compile it first (JIT), which takes longer
  // than the few index lookups it is.
  await db.execute(sql`set local jit = off`);
  // Each step looks its edges up through the indexes, one organisation at a time.
  const result = await db.execute(sql`with recursive
  ever_below (id) as (
    select o.id from organization o where o.id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})
    union
    select edge.id from ever_below b ${LOWER}
  ),
  ever_above (id) as (
    select id from ever_below
    union
    select edge.id from ever_above b ${UPPER}
  )
  select a.id, exists (select 1 from ever_below b where b.id = a.id) as moved from ever_above a`);
  const rows = rowsOf<{ id: string; moved: boolean }>(result);
  if (rows.length > WHOLE_REBUILD_ABOVE) return refreshOrganizationPaths(db);
  const moved = rows.filter((row) => row.moved).map((row) => row.id);
  const records = await loadOrganizationRecords(
    db,
    rows.map((row) => row.id),
  );
  for (let i = 0; i < moved.length; i += CHUNK) {
    await db
      .delete(organizationPath)
      .where(inArray(organizationPath.organizationId, moved.slice(i, i + CHUNK)));
  }
  await insertPaths(db, resolveOrganizationPaths(records, moved));
}

/** That a path row `p` holds on a date. */
export function pathHoldsOnSql(p: SQL, asOf: string): SQL {
  return sql`${p}.valid_from <= ${asOf}::date and (${p}.valid_to is null or ${p}.valid_to >= ${asOf}::date)`;
}

/**
 * An organisation's place in the tree on a date, as a lateral join named `al` for the organisation
 * `o`: `al.exists_as_of` (established and not ended: it has a path on the date), `al.parent_id`,
 * and `al.last_day`, the last day it had a place at all (null while it still has one).
 */
export function placeAsOfSql(asOf: string): SQL {
  return sql`cross join lateral (
    select bool_or(${pathHoldsOnSql(sql`p`, asOf)}) is true as exists_as_of,
      max(p.parent_id) filter (where ${pathHoldsOnSql(sql`p`, asOf)}) as parent_id,
      case when bool_or(p.valid_to is null) then null else max(p.valid_to) end as last_day
    from organization_path p
    where p.organization_id = o.id
  ) al`;
}

/** An organisation's path on a date as stored (its ids joined by `PATH_SEPARATOR`), if it exists then. */
async function storedPathAsOf(db: Db, organizationId: string, asOf: string): Promise<string | undefined> {
  const result = await db.execute(sql`select p.path from organization_path p
  where p.organization_id = ${organizationId} and ${pathHoldsOnSql(sql`p`, asOf)}`);
  return rowsOf<{ path: string }>(result)[0]?.path;
}

/**
 * The ids of an organisation and of everything below it on a date, the organisation first, as the
 * domain's `subtreeIds(resolveOrganizationTree(records, { asOf }), id)` gives them (children in
 * the order of their ids): its path of that date, then one range search of the path index for the
 * paths that start with it. Empty when the organisation does not exist on that date.
 */
export async function subtreeIdsAsOf(db: Db, organizationId: string, asOf: string): Promise<string[]> {
  const path = await storedPathAsOf(db, organizationId, asOf);
  if (path === undefined) return [];
  return (await pathsFrom(db, path, asOf)).map((row) => row.id);
}

/** The organisations whose path on a date is `path` or goes on from it, in the order of their paths. */
async function pathsFrom(db: Db, path: string, asOf: string): Promise<{ id: string; path: string }[]> {
  // The path itself and every path that goes on from it with a separator, given as values so
  // that the planner sees how narrow the range is.
  const result = await db.execute(sql`select d.organization_id as id, d.path from organization_path d
  where (d.path collate "C") >= ${path} and (d.path collate "C") < ${path + AFTER_SEPARATOR}
    and ${pathHoldsOnSql(sql`d`, asOf)}
  order by (d.path collate "C")`);
  return rowsOf<{ id: string; path: string }>(result);
}

/**
 * An organisation's subtree on a date divided as a roll-up reads it: every id (as `subtreeIdsAsOf`),
 * and each child with its own subtree, children in the order of their ids (as `childIdsAsOf`).
 * One range search of the path index, where asking child by child takes two per child: each path
 * below the organisation names, right after the organisation's own, the child it lies under.
 */
export async function subtreePartsAsOf(
  db: Db,
  organizationId: string,
  asOf: string,
): Promise<{ unitIds: string[]; children: { organizationId: string; unitIds: string[] }[] }> {
  const path = await storedPathAsOf(db, organizationId, asOf);
  if (path === undefined) return { unitIds: [], children: [] };
  const rows = await pathsFrom(db, path, asOf);
  // Paths sort by the child they lie under first: a child's subtree is one run of rows.
  const children = new Map<string, string[]>();
  for (const row of rows) {
    if (row.id === organizationId) continue;
    const childId = row.path.slice(path.length + PATH_SEPARATOR.length).split(PATH_SEPARATOR)[0] ?? row.id;
    const ids = children.get(childId) ?? [];
    ids.push(row.id);
    children.set(childId, ids);
  }
  return {
    unitIds: rows.map((row) => row.id),
    children: [...children].map(([childId, unitIds]) => ({ organizationId: childId, unitIds })),
  };
}

/**
 * An organisation's subtree on a date divided as a grouped roll-up reads it, without its ids leaving
 * the database: its children, in the order of their ids (as `childIdsAsOf`), and `relation`, the
 * relation `g(id, part)` of every unit in the subtree with the part it lies in: the
 * organisation's own id for itself, else the child it lies under, which each path names right
 * after the organisation's own. Undefined when the organisation does not exist on that date.
 */
export async function subtreePartsRelationAsOf(
  db: Db,
  organizationId: string,
  asOf: string,
): Promise<{ childIds: string[]; relation: SQL } | undefined> {
  const path = await storedPathAsOf(db, organizationId, asOf);
  if (path === undefined) return undefined;
  const below = sql`char_length(${path}) + char_length(${PATH_SEPARATOR}) + 1`;
  const relation = sql`(select d.organization_id as id,
      case when d.path = ${path} then ${organizationId} else split_part(substr(d.path, ${below}), ${PATH_SEPARATOR}, 1) end as part
    from organization_path d
    where (d.path collate "C") >= ${path} and (d.path collate "C") < ${path + AFTER_SEPARATOR}
      and ${pathHoldsOnSql(sql`d`, asOf)}) as g`;
  return { childIds: await childIdsAsOf(db, organizationId, asOf), relation };
}

/** The ids of an organisation's children on a date, in the order of their ids. */
export async function childIdsAsOf(db: Db, organizationId: string, asOf: string): Promise<string[]> {
  const result = await db.execute(sql`select p.organization_id as id from organization_path p
  where p.parent_id = ${organizationId} and ${pathHoldsOnSql(sql`p`, asOf)}
  order by p.organization_id collate "C"`);
  return rowsOf<{ id: string }>(result).map((row) => row.id);
}

/**
 * The ids from an organisation up to its root on a date, the organisation first, as the domain's
 * `pathToRoot`: its path of that date, read backwards. Empty when it does not exist on that date.
 */
export async function pathToRootAsOf(db: Db, organizationId: string, asOf: string): Promise<string[]> {
  const path = await storedPathAsOf(db, organizationId, asOf);
  return path === undefined ? [] : path.split(PATH_SEPARATOR).reverse();
}

/**
 * The ids of every organisation that was the organisation or below it on some date: the reach of
 * a scope rooted there, so that the administrator of a unit later merged away still sees its
 * history. One range search of the path index per span of the root's own path.
 */
export async function idsEverInSubtree(db: Db, organizationId: string): Promise<string[]> {
  const result = await db.execute(sql`select distinct d.organization_id as id
  from organization_path s
  join organization_path d
    on (d.path collate "C") >= (s.path collate "C")
   and (d.path collate "C") < ((s.path || ${AFTER_SEPARATOR}) collate "C")
  where s.organization_id = ${organizationId}`);
  return rowsOf<{ id: string }>(result).map((row) => row.id);
}
